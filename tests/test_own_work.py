"""The learner's own team, graded: each module from 02 to 05 ends with a short item on a task of the learner's
own team, checked by the engine that checks the exercise's Larkfield answer, with the data rule on top."""

from __future__ import annotations

import json

import pytest

from course.checks.feedback import Feedback, Finding
from course.checks.own_work import PERSONAL_DATA_SHARE, texts_in, with_data_rule
from course.grade import points_earned
from course.tasks import declarations, get_task
from tests import answers_for_03, answers_for_04
from tests.answers_for_tests import OWN_GOOD, WEAK_OWN, model_answers
from tests.cards_examples import GOOD_CARDS
from tests.notebooks import ROOT

OWN_TASKS = {name: d for name, d in declarations().items() if d["engine"].endswith("own_work:own_work_task")}


def test_modules_02_to_05_each_grade_one_item_on_the_learners_own_team():
    assert sorted(d["module"] for d in OWN_TASKS.values()) == ["02_prompt_basics", "03_acceptance_criteria",
                                                                  "04_sops", "05_metrics"]
    for name, declared in OWN_TASKS.items():
        module = declared["module"]
        source = (ROOT / "solutions" / module / f"{module}.ipynb").read_text("utf-8")
        cells = json.loads(source)["cells"]
        graded = [c for c in cells if c["metadata"].get("nbgrader", {}).get("grade")
                  and f'wb.grade("{name}"' in "".join(c["source"])]
        assert len(graded) == 1 and graded[0]["metadata"]["nbgrader"]["points"] > 0, name
        model = model_answers(ROOT / "solutions" / module / f"{module}.ipynb")[name]
        feedback = get_task(name).check(model)
        assert feedback.passed and feedback.score == 1, (name, feedback.summary)
        assert not any("[" in text or "@" in text for text in texts_in(model) if "{" not in text)


@pytest.mark.parametrize("name", list(WEAK_OWN))
def test_the_own_prompt_is_read_by_the_prompt_coach_with_the_same_rules(name):
    answer, points, kinds = WEAK_OWN[name]
    feedback = get_task("own_prompt").check(answer)
    assert kinds <= feedback.kinds() and not feedback.passed
    assert points_earned(feedback, 6) == points
    assert points_earned(get_task("own_prompt").check(OWN_GOOD), 6) == 6


def test_personal_data_in_an_own_card_costs_a_fifth_and_is_the_first_thing_to_fix():
    card = {**GOOD_CARDS[0], "owner": "Maria Lopez, maria.lopez@example.com"}
    clean = get_task("own_metric_card").check({"cards": [GOOD_CARDS[0]]})
    found = get_task("own_metric_card").check({"cards": [card]})
    assert clean.passed and clean.earned == clean.total
    assert not found.passed and found.earned == pytest.approx(clean.total * (1 - PERSONAL_DATA_SHARE))
    assert found.findings[0].kind == "own_work_personal_data" and "email address" in found.findings[0].message
    assert found.summary.startswith("Fix first: this looks like a real email address")


def test_an_engine_that_named_the_personal_data_itself_is_not_charged_twice():
    said = Feedback("x", 9.0, 10.0, False, (Finding("personal_data", "context", "An email address", cost=1.0),))
    assert with_data_rule(said, {"context": "write to dana@example.com"}) is said
    quiet = Feedback("x", 10.0, 10.0, True)
    assert with_data_rule(quiet, {"a": ["fine", {"b": "call 0161 496 0734"}]}).earned == 8.0
    assert with_data_rule(quiet, {"a": ["Our team lead reviews each letter."]}) is quiet


def test_every_text_of_an_answer_is_searched_however_deep():
    assert list(texts_in({"a": "x", "b": [{"c": "y"}, 3, None, ("z",)]})) == ["x", "y", "z"]


@pytest.mark.parametrize("name", list(answers_for_03.WEAK_OWN))
def test_own_criteria_are_read_with_the_criteria_tables_rules_without_a_batch(name):
    answer, points, kinds = answers_for_03.WEAK_OWN[name]
    feedback = get_task("own_criteria").check(answer)
    assert kinds <= feedback.kinds() and not feedback.passed
    assert points_earned(feedback, 6) == points
    good = get_task("own_criteria").check(answers_for_03.OWN_GOOD)
    assert good.passed and points_earned(good, 6) == 6


def test_the_own_criteria_form_keeps_the_output_and_the_rows_and_gives_feedback_per_row(tmp_path):
    from course import Workbook

    form = Workbook("03_acceptance_criteria", folder=tmp_path).form("own_criteria", title="T", points=6)
    vague = {**answers_for_03.OWN_GOOD, "criteria": [*answers_for_03.OWN_GOOD["criteria"][:2],
                                                     {**answers_for_03.OWN_GOOD["criteria"][2],
                                                      "text": "Friendly <b>tone</b>"}]}
    form.fill(**vague)
    assert form.value()["output"] == vague["output"] and len(form.value()["criteria"]) == 3
    assert "5 of 6 points" in form.feedback.value and "criterion 3" in form.rows[2].note.value
    assert "<b>tone</b>" not in form.feedback.value
    assert form.save()
    again = Workbook("03_acceptance_criteria", folder=tmp_path).form("own_criteria", title="T", points=6)
    assert again.value() == form.value()


@pytest.mark.parametrize("name", list(answers_for_04.WEAK_OWN))
def test_the_own_sop_outline_is_read_by_the_sop_checker_for_the_sections_it_asks(name):
    answer, points, kinds = answers_for_04.WEAK_OWN[name]
    feedback = get_task("own_sop_outline").check(answer)
    assert {f.kind for f in feedback.problems} == kinds
    assert points_earned(feedback, 6) == points
    good = get_task("own_sop_outline").check(answers_for_04.OWN_GOOD)
    assert good.passed and good.summary.startswith("Complete and safe")
    assert "prompt" not in get_task("own_sop_outline").spec.sections  # module 02's item, not asked again


def test_the_outline_form_shows_only_the_sections_the_outline_asks_for(tmp_path):
    from course import Workbook

    form = Workbook("04_sops", folder=tmp_path).form("own_sop_outline", title="T", points=6)
    assert "prompt" not in form.fields and "quality_checks" not in form.fields and "purpose" in form.fields
    form.fill(**answers_for_04.OWN_GOOD)
    assert "6 of 6 points" in form.feedback.value
    assert form.value()["steps"][1]["kind"] == "ai"
    assert "Saves 7 minutes a run, 210 minutes a week" in form.saved_time.value


@pytest.mark.parametrize("answer", [
    {"output": "asdf qwer zxcv", "criteria": [answers_for_03.row("asdf qwer", "words", "at most 5", must=True),
                                              answers_for_03.row("zxcv bnm", "reviewer"),
                                              answers_for_03.row("lkj hgf", "reviewer")]},
    {"output": "A first draft of the letter", "criteria": [answers_for_03.row("At most 200 words", "words",
                                                                               "at most 200", must=True)] * 3},
])
def test_gibberish_or_one_criterion_written_three_times_is_not_three_criteria(answer):
    feedback = get_task("own_criteria").check(answer)
    assert not feedback.passed and points_earned(feedback, 6) <= 3  # at most one real criterion's worth


def _filled_with(text: str, value: object) -> object:
    """Every text of an answer replaced by ``text``, keeping its shape (the step kinds stay, a must-have stays)."""
    if isinstance(value, dict):
        return {key: v if key in ("kind", "must", "case", "check") else _filled_with(text, v)
                for key, v in value.items()}
    if isinstance(value, list):
        return [_filled_with(text, v) for v in value]
    return text if isinstance(value, str) else value


@pytest.mark.parametrize("filler", ["x", "asdf", "qwe rty uio"])
@pytest.mark.parametrize("task, good", [("own_metric_card", {"cards": [GOOD_CARDS[0]]}),
                                        ("pilot_metric_cards", {"cards": GOOD_CARDS}),
                                        ("own_sop_outline", answers_for_04.OWN_GOOD),
                                        ("meeting_sop", answers_for_04.GOOD_SOP)])
def test_a_card_or_an_sop_filled_with_letters_that_are_not_words_earns_nothing(task, good, filler):
    assert get_task(task).check(good).passed  # the same shape, written in words, is complete
    feedback = get_task(task).check(_filled_with(filler, good))
    assert points_earned(feedback, 10) == 0 and not feedback.passed
