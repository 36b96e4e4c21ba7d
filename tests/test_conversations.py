"""Module 06's graded conversations: points by the rule the learner is told, on the scenarios the course ships,
and the hidden conversation played with the learner's own kinds of choice."""

from __future__ import annotations

import pytest

from course.checks import conversations as cv
from course.checks import scenario as sc
from tests.hostile_answers import ODD_VALUES, TEXTS

SHOWN = ("sloppy_output", "job_fears", "one_more_thing", "personal_account")
HIDDEN = "champion_ask"
DECLARATION = {"title": "Four conversations", "scenarios": list(SHOWN), "hidden": HIDDEN}


def path_by(name: str, best: bool) -> list[int]:
    """The picks of the best (or worst) way through a shipped scenario, found by trying every path."""
    loaded = cv.shipped(name)
    found: list[tuple[float, list[int]]] = []

    def go(step: str, picks: list[int]) -> None:
        if loaded.steps[step].ending:
            found.append((sc.score(sc.walk(loaded, picks)), picks))
            return
        for number, choice in enumerate(loaded.steps[step].choices):
            go(choice.next, [*picks, number])

    go(loaded.start, [])
    return (max if best else min)(found)[1]


def answer(best: bool = True, **changed) -> dict:
    return {"plays": {**{name: path_by(name, best) for name in SHOWN}, **changed}}


def test_the_best_way_through_every_conversation_earns_every_point_shown_and_hidden():
    task = cv.conversations_task("conversations", DECLARATION, None)
    shown = task.check(answer())
    assert shown.passed and shown.earned == shown.total == 8.0 and not shown.findings
    hidden = task.check(answer(), cases=[len(SHOWN)])
    assert hidden.passed and hidden.earned == hidden.total == 2.0  # helpful kinds lead to the good ending


def test_the_worst_way_through_earns_nothing_and_says_which_choices_hurt_and_why():
    task = cv.conversations_task("conversations", DECLARATION, None)
    result = task.check(answer(best=False))
    assert result.earned == 0.0 and not result.passed
    hurt = [f for f in result.findings if f.kind == "conversation_choice"]
    assert hurt and all(f.why and "hurt" in f.message for f in hurt)
    assert task.check(answer(best=False), cases=[len(SHOWN)]).earned == 0.0


def test_one_conversation_left_half_way_costs_its_ending_and_the_rest_keep_their_points():
    task = cv.conversations_task("conversations", DECLARATION, None)
    first_turn = path_by("job_fears", True)[:1]
    result = task.check(answer(job_fears=first_turn))
    assert result.earned == pytest.approx(6.0 + 1.0)  # three full conversations, and one choice that helps: half
    assert [f.kind for f in result.findings] == ["conversation_unfinished"]
    assert result.findings[0].where == cv.shipped("job_fears").title  # named by its title, never its file


def test_nothing_played_earns_nothing_and_says_so():
    task = cv.conversations_task("conversations", DECLARATION, None)
    for value in (None, {}, {"plays": {}}, {"plays": {name: [] for name in SHOWN}}):
        result = task.check(value)
        assert result.earned == 0.0 and [f.kind for f in result.findings] == ["conversations_empty"]


ODD = {**ODD_VALUES, **TEXTS, "odd picks": {"plays": {"job_fears": ["0", None, 99, -1]}},
       "ten thousand picks": {"plays": {"job_fears": list(range(10_000))}}, "plays as text": {"plays": "x"}}


@pytest.mark.parametrize("value", list(ODD.values()), ids=list(ODD))
def test_anything_saved_is_read_without_an_exception(value):
    result = cv.conversations_task("conversations", DECLARATION, None).check(value)
    assert 0.0 <= result.earned <= result.total


def test_a_grader_reads_what_the_learner_said_in_plain_text():
    text = cv.describe_conversations(answer(), SHOWN)
    loaded = cv.shipped("job_fears")
    first = loaded.steps[loaded.start].choices[path_by("job_fears", True)[0]].say
    assert f"You said: {first}" in text and text.count("Ending: good") == 4
