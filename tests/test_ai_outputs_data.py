"""The module 03 batches: well formed, tied to the course's data, and fair (a careful general bar meets the rule on
both the shown batch and the hidden one, while bars that reject or accept everything earn nothing)."""

from __future__ import annotations

import pytest

from course import data
from course.checks.criteria import Batch, check_criteria
from tests.criteria_bars import ACCEPT_ALL, CAREFUL, REJECT_ALL

TASKS = sorted(CAREFUL)


@pytest.mark.parametrize("task", TASKS)
def test_every_batch_is_well_formed_and_mixed(task):
    loaded = data.ai_outputs(task)
    assert set(loaded["batches"]) == {"1", "2"}
    ids = [o["id"] for b in loaded["batches"].values() for o in b["outputs"]]
    assert len(ids) == len(set(ids))
    for batch in loaded["batches"].values():
        outputs = batch["outputs"]
        assert len(outputs) >= 25
        assert {o["label"] for o in outputs} == {"accept", "reject"}
        for o in outputs:
            assert (o["label"] == "accept") == (o["severity"] == "none") == (not o["failures"]), o["id"]
            assert o["reason"].strip()
        assert sum(o["severity"] == "critical" for o in outputs) >= 5
        assert batch["items"] and batch["source_text"].strip()


def test_the_meeting_and_ticket_batches_carry_the_course_data_as_their_source():
    meetings = data.ai_outputs("meeting_summary")["batches"]
    assert meetings["1"]["source_text"] == data.meeting_notes(3)
    assert meetings["2"]["source_text"] == data.meeting_notes(6)
    tickets = data.ai_outputs("ticket_triage")["batches"]
    assert tickets["1"]["source_text"].strip() == data.tickets_text(3).strip()
    assert tickets["2"]["source_text"].strip() == data.tickets_text(6).strip()


def test_an_unknown_task_names_the_ones_there_are():
    with pytest.raises(ValueError, match="customer_email"):
        data.ai_outputs("invoices")


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("case", ["1", "2"])
def test_a_careful_general_bar_meets_the_rule_on_the_shown_and_the_hidden_batch(task, case):
    loaded = data.ai_outputs(task)
    result = check_criteria(CAREFUL[task], Batch.from_data(loaded, loaded["batches"][case]))
    assert result.passed and result.score == 1.0, result.summary


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("degenerate", [REJECT_ALL, ACCEPT_ALL], ids=["reject everything", "accept everything"])
def test_a_bar_that_rejects_or_accepts_everything_earns_nothing(task, degenerate):
    loaded = data.ai_outputs(task)
    result = check_criteria(degenerate, Batch.from_data(loaded, loaded["batches"]["1"]))
    assert result.earned == 0 and not result.passed, result.summary
