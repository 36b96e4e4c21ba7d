"""The conversation-scenario engine: files a course author writes are checked before any learner sees them, and
every conversation is scored by the rule the learner is told."""

from __future__ import annotations

import copy
import json

import pytest

from course.checks import scenario as sc


def choice(say: str, kind: str, effect: str, next_step: str) -> dict:
    return {"say": say, "kind": kind, "effect": effect, "why": f"Because {say.lower()}", "next": next_step}


def small_scenario() -> dict:
    """Three turns, two choices each; the last turn ends well or badly."""
    return {
        "id": "small", "title": "A short talk", "person": "Ari, team member (fictional)",
        "setting": "Ari has doubts about the pilot.", "start": "t1",
        "steps": {
            "t1": {"says": "I don't see the point.", "choices": [
                choice("What worries you?", "ask_first", "helps", "t2"),
                choice("It's decided.", "order", "hurts", "t2")]},
            "t2": {"says": "It makes mistakes.", "choices": [
                choice("Which task went wrong?", "name_the_task", "helps", "t3"),
                choice("You're not using it right.", "blame", "hurts", "t3")]},
            "t3": {"says": "So what now?", "choices": [
                choice("Try it on one reply this week?", "small_step", "helps", "good"),
                choice("Use it for everything from Monday.", "overload", "hurts", "poor")]},
            "good": {"ending": "good", "says": "OK, one reply.", "why": "A small step Ari agreed to."},
            "poor": {"ending": "poor", "says": "Fine.", "why": "Ari agreed to nothing and feels pushed."},
        },
    }


def test_a_well_formed_scenario_loads_with_no_problem():
    loaded = sc.load(json.dumps(small_scenario()))
    assert sc.problems(small_scenario()) == []
    assert loaded.start == "t1" and loaded.steps["good"].ending == "good" and len(loaded.steps["t1"].choices) == 2


def broken(change) -> dict:
    data = copy.deepcopy(small_scenario())
    change(data)
    return data


@pytest.mark.parametrize("change, said", [
    (lambda d: d["steps"]["t2"]["choices"][0].update(next="t9"), "leads to 't9', which does not exist"),
    (lambda d: d["steps"]["t3"]["choices"][1].update(next="t1"), "go round in a loop"),
    (lambda d: d["steps"]["t1"]["choices"][0].update(why=""), "is not explained"),
    (lambda d: d["steps"]["good"].pop("ending"), "neither an ending nor a turn"),
    (lambda d: d["steps"]["poor"].update(ending="bad"), "is not graded"),
    (lambda d: d["steps"].update(lost={"ending": "mixed", "says": "Hm.", "why": "x"}), "cannot be reached"),
    (lambda d: d["steps"]["t1"]["choices"][0].update(kind="flatter"), "is not one of"),
    (lambda d: d["steps"]["t1"]["choices"][0].update(next="good"), "after 1 choice"),
    (lambda d: d["steps"]["t3"]["choices"][1].update(next="good"), "needs a good ending and at least one"),
    (lambda d: d.update(start="nowhere"), "start step 'nowhere' does not exist"),
    (lambda d: d["steps"]["t1"].update(choices=[d["steps"]["t1"]["choices"][0]]), "a turn offers 2 to 4"),
])
def test_a_broken_file_is_named_in_plain_words(change, said):
    data = broken(change)
    found = sc.problems(data)
    assert any(said in problem for problem in found), found
    with pytest.raises(sc.ScenarioError, match="."):
        sc.load(json.dumps(data))


def test_a_path_longer_than_five_turns_is_refused():
    data = small_scenario()
    for number in range(4, 8):  # t3 -> t4 -> ... -> t7 -> endings: seven turns
        data["steps"][f"t{number}"] = {"says": "And?", "choices": [
            choice("Go on.", "ask_first", "helps", f"t{number + 1}" if number < 7 else "good"),
            choice("Enough.", "dismiss", "hurts", f"t{number + 1}" if number < 7 else "poor")]}
    data["steps"]["t3"]["choices"] = [choice("Go on.", "ask_first", "helps", "t4"),
                                      choice("Enough.", "dismiss", "hurts", "t4")]
    assert any("takes 7 choices" in problem for problem in sc.problems(data))


@pytest.mark.parametrize("text", ["x" * (sc.MAX_BYTES + 1), json.dumps({**small_scenario(), "pad": "x" * 2_000_000})])
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(text):
    with pytest.raises(sc.ScenarioError, match="at most 100,000 bytes"):
        sc.load(text)


@pytest.mark.parametrize("value", [None, [], "text", 7, {"steps": []}, {"steps": {"a": "b"}}, {"steps": {"a": {}}}])
def test_anything_that_is_not_a_scenario_gets_problems_not_an_exception(value):
    assert sc.problems(value)


def test_not_json_is_said_plainly():
    with pytest.raises(sc.ScenarioError, match="not valid JSON"):
        sc.load("{ not json")


def test_every_path_of_the_small_scenario_ends_and_scores_by_the_rule():
    loaded = sc.load(json.dumps(small_scenario()))
    scores = {}
    for a in (0, 1):
        for b in (0, 1):
            for c in (0, 1):
                played = sc.walk(loaded, [a, b, c])
                assert played.finished and len(played.chosen) == 3
                scores[(a, b, c)] = sc.score(played)
    assert scores[(0, 0, 0)] == 1.0                      # every choice helps, good ending
    assert scores[(1, 1, 1)] == 0.0                      # every choice hurts, poor ending
    assert scores[(1, 0, 0)] == pytest.approx(0.5 + 0.5 * 2 / 3, abs=1e-4)
    assert scores[(0, 0, 1)] == pytest.approx(0.5 * 2 / 3, abs=1e-4)


@pytest.mark.parametrize("picks", [[], [0], [0, 5], [0, "1"], [True], [0, 0, -1]])
def test_an_unfinished_or_odd_walk_earns_nothing_for_its_ending(picks):
    played = sc.walk(sc.load(json.dumps(small_scenario())), picks)
    assert not played.finished
    assert sc.score(played) <= 0.5


def test_an_unseen_conversation_is_played_with_the_kinds_the_learner_chose():
    loaded = sc.load(json.dumps(small_scenario()))
    careful = sc.preferences([sc.walk(loaded, [0, 0, 0])])
    hasty = sc.preferences([sc.walk(loaded, [1, 1, 1])])
    unseen = copy.deepcopy(small_scenario())  # the same kinds of choice, listed in another order
    for step in unseen["steps"].values():
        if "choices" in step:
            step["choices"].reverse()
    unseen = sc.load(json.dumps({**unseen, "id": "unseen"}))
    assert sc.score(sc.replay(unseen, careful)) == 1.0
    assert sc.score(sc.replay(unseen, hasty)) == 0.0


def all_paths(loaded: sc.Scenario) -> list[list[int]]:
    """Every sequence of picks from the start to an ending."""
    found: list[list[int]] = []

    def go(name: str, picks: list[int]) -> None:
        step = loaded.steps[name]
        if step.ending:
            found.append(picks)
            return
        for number, choice in enumerate(step.choices):
            go(choice.next, [*picks, number])

    go(loaded.start, [])
    return found


def shipped() -> list[tuple[str, dict]]:
    from importlib.resources import files

    folder = files("course") / "scenarios"
    return [(entry.name, json.loads(entry.read_text("utf-8"))) for entry in sorted(folder.iterdir(),
                                                                                   key=lambda e: e.name)
            if entry.name.endswith(".json")]


def test_the_course_ships_four_scenarios_to_play_and_one_kept_for_grading():
    uses = [data.get("for") for _name, data in shipped()]
    assert uses.count("exercise") >= 4 and uses.count("hidden") == 1, uses


@pytest.mark.parametrize("name, data", shipped(), ids=[name for name, _ in shipped()])
def test_every_path_of_every_shipped_scenario_ends_in_three_to_five_turns_and_scores_by_the_rule(name, data):
    loaded = sc.load(json.dumps(data))
    paths = all_paths(loaded)
    assert len(paths) >= 4
    scores = []
    for picks in paths:
        played = sc.walk(loaded, picks)
        assert played.finished and sc.TURNS[0] <= len(played.chosen) <= sc.TURNS[1], (name, picks)
        scores.append(sc.score(played))
    assert max(scores) == 1.0 and min(scores) < 0.5, (name, sorted(scores))  # a best way through, and a bad one


def test_the_shipped_scenarios_use_every_kind_of_choice_the_lesson_names():
    kinds = {choice["kind"] for _name, data in shipped() for step in data["steps"].values()
             for choice in step.get("choices", [])}
    assert kinds == set(sc.KINDS), set(sc.KINDS) - kinds
