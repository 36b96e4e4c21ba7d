"""A cohort's own held-out data for hidden tests: made from the cohort's seed, read only while the cohort is
graded, and telling the hidden pilot's same story, so the right decisions stay right on every seed."""

from __future__ import annotations

import os
from unittest import mock

import pytest

from course import data
from course.grading.heldout import HIDDEN_WEEKS, in_use, make
from course.tasks import get_task
from tests.notebooks import ROOT

MODEL_RULE = {"measure": "net", "min_minutes": "0.5", "max_error_rise": "1"}  # solutions/05_metrics


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    base = tmp_path_factory.mktemp("heldout")
    for seed in (11, 12):
        make(base / f"seed{seed}", ROOT, seed)
    make(base / "again11", ROOT, 11)
    return base


def test_the_same_seed_makes_the_same_bytes_and_another_seed_other_data(made):
    for name in ("meeting_notes.csv", "support_tickets.csv", "pilot_log_2.csv", "pilot_weekly_2.csv"):
        assert (made / "seed11" / name).read_bytes() == (made / "again11" / name).read_bytes()
        assert (made / "seed11" / name).read_bytes() != (made / "seed12" / name).read_bytes()
        assert (made / "seed11" / name).read_bytes() != (ROOT / "datasets" / name).read_bytes()
    assert (made / "seed11" / "seed.txt").read_text().startswith("11\npilot ")


def test_only_the_hidden_weeks_and_variant_come_from_the_cohort_while_it_is_graded(made):
    package_week7, package_week1 = data.meeting_notes(7), data.meeting_notes(1)
    package_pilot = data.load_pilot_log(2)
    with mock.patch.dict(os.environ, {data.HELDOUT: str(made / "seed11")}):
        assert data.meeting_notes(7) != package_week7 and data.meeting_notes(1) == package_week1
        assert data.tickets_text(HIDDEN_WEEKS[0]) != ""
        assert not data.load_pilot_log(2).equals(package_pilot)
        assert data.load_pilot_log(1).equals(data.load_pilot_log(1))
    assert data.meeting_notes(7) == package_week7


@pytest.mark.parametrize("seed", [1, 5, 6, 2**31 - 1])
def test_the_model_rule_makes_the_right_decisions_on_every_seeds_hidden_pilot(tmp_path, seed):
    make(tmp_path / "heldout", ROOT, seed)
    task = get_task("pilot_decision_rule")
    with in_use(tmp_path):
        feedback = task.check(MODEL_RULE, [2])
    assert feedback.score == 1.0, [f.message for f in feedback.findings]


def test_without_a_cohort_folder_nothing_changes(tmp_path):
    with in_use(tmp_path):
        assert data.HELDOUT not in os.environ or not (tmp_path / "heldout").exists()
