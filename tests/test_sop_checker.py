"""The SOP checker against people's labels, on spoiled versions of a good SOP, and on bad input.

Set 1 (tests/data) was used for tuning; set 2 (benchmarks/data) was written by someone else who never read the
checker, and is measured only. First run on set 1, before any tuning: 87.5% agreement, every SOP without a costing
flaw left alone, recall from 17% (no_review_person) to 100%; held-out set 2 after tuning: 95.0%, no false alarm.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.checks.sop import MAX_STEPS, SopTask, check_sop, describe_sop, minutes, sop_markdown, time_saved
from course.data import meeting_notes
from tests.sop_examples import GOOD_SOP, spoiled
from tests.sop_figures import FLAWS, figures

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "labelled_sops_1.json"
HELD_OUT = ROOT / "benchmarks" / "data" / "heldout_sops_2.json"
TASK = SopTask("The weekly meeting summary", slot="notes")
NOTES = [meeting_notes(1)]


@pytest.mark.parametrize("path, least", [(TUNING, 0.95), (HELD_OUT, 0.9)], ids=["tuning", "held out"])
def test_the_checker_agrees_with_people_and_no_kind_of_flaw_raises_five_percent_false_alarms(path, least):
    found = figures(path)
    print(found.report())
    assert found.agreement >= least, found.report()
    assert found.clean_flagged == [], found.report()
    for kind in FLAWS:
        assert found.kinds[kind]["false_alarm_rate"] < 0.05, found.report()


def test_a_complete_safe_sop_meets_the_bar_with_no_finding():
    result = check_sop(GOOD_SOP, TASK, NOTES)
    assert result.passed and result.score == 1 and result.findings == ()


STEPS = GOOD_SOP["steps"]


@pytest.mark.parametrize("changes, kind, blocks", [
    ({"purpose": "tbc"}, "sop_missing_section", False),
    ({"steps": []}, "sop_no_steps", False),
    ({"steps": [{**STEPS[0], "actor": "someone"}, *STEPS[1:]]}, "sop_step_no_actor", False),
    ({"steps": [{**STEPS[0], "result": "Done."}, *STEPS[1:]]}, "sop_step_no_result", False),
    ({"steps": [*STEPS[:2], STEPS[3]]}, "sop_ai_step_unchecked", True),
    ({"steps": [*STEPS[:2], {**STEPS[2], "actor": "Copilot"}, STEPS[3]]}, "sop_ai_step_unchecked", True),
    ({"steps": [*STEPS[:2], STEPS[3], STEPS[2]]}, "sop_ai_step_unchecked", True),  # checked after posting
    ({"review_who": "Whoever is free"}, "sop_no_review_person", True),
    ({"escalation": "The operations manager."}, "sop_no_escalation_trigger", False),
    ({"data_rules": "Paste the customer emails into the free version of ChatGPT on your own phone."},
     "sop_unsafe_data", True),
    ({"data_rules": "Be careful with customer data."}, "sop_unsafe_data", True),
    ({"prompt": GOOD_SOP["prompt"] + "\nCustomer: Ada Finch, ada.finch@example.com"}, "sop_unsafe_data", True),
    ({"review_date": "When needed"}, "sop_no_owner_or_date", False),
    ({"prompt": "Summarise the meeting notes for colleagues in 3 to 5 bullets, at most 150 words."},
     "sop_prompt_no_input", False),
])
def test_each_structural_rule_costs_points_and_the_serious_ones_stop_a_pass(changes, kind, blocks):
    result = check_sop(spoiled(**changes), TASK, NOTES)
    costing = {f.kind: f.cost for f in result.problems}
    assert costing.get(kind, 0) > 0, result.kinds()
    if blocks:
        assert not result.passed


def test_wording_only_suggests():
    vague = spoiled(steps=[*STEPS[:3], {**STEPS[3], "action": "Tidy it up and make sure it is ok"}])
    result = check_sop(vague, TASK, NOTES)
    assert "sop_vague_step" in result.kinds() and result.problems == () and result.passed


@pytest.mark.parametrize("value", [None, "text", [], {}, {"steps": "nope"}, {"steps": [1, None, "x"]},
                                   {"title": {"nested": True}}])
def test_an_answer_with_nothing_in_it_earns_nothing_and_says_so(value):
    result = check_sop(value, TASK)
    assert result.earned == 0 and result.problems[0].kind == "sop_empty"


def test_an_sop_earns_only_for_the_parts_it_has():
    one_line = check_sop({"purpose": "Colleagues who missed the meeting know what was decided."}, TASK)
    assert one_line.earned == 1 and not one_line.passed  # the purpose, nothing else


def test_two_hundred_steps_of_fifty_kilobytes_each_duplicates_and_markup_are_read_without_an_exception():
    huge = "<script>alert(1)</script> " + "x" * 50_000
    steps = [{"actor": "Team lead", "kind": "person", "action": huge, "result": "Posted"}] * (MAX_STEPS + 5)
    result = check_sop(spoiled(steps=steps), TASK, NOTES)
    assert {"sop_too_many_steps", "sop_duplicate_steps"} <= result.kinds()
    markdown = sop_markdown(spoiled(title="<b>Title</b>", steps=steps[:2]))
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown and "&lt;b&gt;Title&lt;/b&gt;" in markdown
    assert "<b>Title</b>" in describe_sop(spoiled(title="<b>Title</b>"))  # plain text for the grader, as typed


def test_the_honest_time_saved_counts_review_and_rework():
    saved = time_saved(GOOD_SOP)
    assert (saved.before, saved.with_ai, saved.per_run, saved.per_week) == (37, 14, 23, 23)
    odd = time_saved(spoiled(steps=[{**STEPS[0], "minutes_before": "ten"}, *STEPS[1:]], runs_per_week="5"))
    assert odd.unreadable == (1,) and odd.runs_per_week == 5


@pytest.mark.parametrize("typed, expected", [("12", 12), ("1,5", 1.5), ("90 min", 90), ("", None), ("-3", None),
                                             ("NaN", None), ("99999999", None)])
def test_minutes_are_read_as_typed_or_not_at_all(typed, expected):
    assert minutes(typed) == expected
