"""Module 01's use-case picker headless: ranks follow the weights, the rules show beside each task whatever the
weights, ticks and weights are saved and restored, bad saved answers are refused plainly, learner text escaped."""

from __future__ import annotations

import html
import json

import pytest

from course import Workbook
from tests.answers_for_01 import COURIERS, DRAFTS, MEETINGS, RETURNS, TICKETS
from tests.notebooks import ROOT, cell_text, run_notebook


@pytest.fixture
def workbook(tmp_path):
    return Workbook("01_use_cases", folder=tmp_path)


def rank_of(form, task: str) -> int:
    number = next(n for n, c in enumerate(form.inventory) if c.task == task)
    return int(form.ranks[f"pick_{number}"].value.split("<strong>#")[1].split("<")[0])


def test_the_ranks_follow_the_weights_but_the_rules_stay(workbook):
    form = workbook.use_case_picker("pilot_use_cases", title="T", points=10)
    before = rank_of(form, COURIERS)
    form.fill(weights={"data": 0, "safety": 0, "routine": 5})
    assert rank_of(form, COURIERS) < before
    number = next(n for n, c in enumerate(form.inventory) if c.task == COURIERS)
    assert "consumer AI tool" in form.ranks[f"pick_{number}"].value
    form.fill(weights={"data": 5, "safety": 5})
    assert "consumer AI tool" in form.ranks[f"pick_{number}"].value


def test_ticks_and_weights_are_saved_and_come_back(workbook, tmp_path):
    form = workbook.use_case_picker("pilot_use_cases", title="T", points=10)
    form.fill(weights={"data": 3}, picks=[TICKETS, DRAFTS, RETURNS, MEETINGS], rationale="Daily, reviewed.")
    form.save()
    assert "10 of 10 points" in html.unescape(form.feedback.value)
    again = Workbook("01_use_cases", folder=tmp_path).use_case_picker("pilot_use_cases", title="T")
    assert again.value() == form.value() and again.value()["weights"]["data"] == 3


def test_more_than_five_ticks_get_a_warning_at_once(workbook):
    form = workbook.use_case_picker("pilot_use_cases", title="T")
    form.fill(picks=[c.task for c in form.inventory[:6]])
    assert "6 tasks are ticked: keep 5 at most" in form.ticked.value
    form.fill(picks=[c.task for c in form.inventory[:4]])
    assert form.ticked.value == "<p>4 task(s) ticked.</p>"


@pytest.mark.parametrize("saved", [
    {"weights": {"time": "many", "data": True, "safety": 99}, "picks": "not a list", "rationale": 5},
    {"weights": [], "picks": [None, {"x": 1}], "rationale": None},
    "just text",
])
def test_a_damaged_saved_answer_restores_what_it_can_and_never_raises(workbook, tmp_path, saved):
    workbook.store.save("pilot_use_cases", saved, engine="use-cases/1")
    form = Workbook("01_use_cases", folder=tmp_path).use_case_picker("pilot_use_cases", title="T")
    assert all(0 <= int(form.fields[f"weight_{f}"].value) <= 5 for f in ("time", "routine", "safety", "data"))
    assert form.latest is not None


def test_learner_text_is_escaped_in_the_feedback(workbook):
    form = workbook.use_case_picker("pilot_use_cases", title="T")
    form.fill(picks=[TICKETS, DRAFTS, RETURNS], rationale="<script>alert('x')</script>" + "y" * 100_000)
    form.save()
    assert "<script>" not in form.feedback.value and "<script>" not in form.check_result.value


def test_lesson_01_walked_through_in_a_real_kernel(tmp_path):
    """The lesson's "try this": with Safe data at 0 the chatbot task climbs into the top five and its rule shows;
    the learner raises it again, ticks four safe tasks and saves: full marks on the practice form."""
    lesson = ROOT / "modules" / "01_lesson_use_cases.ipynb"
    steps = [
        ("form = wb.forms['pilot_use_cases']\nrow = [c.task for c in form.inventory].index(" + json.dumps(COURIERS)
         + ")\nprint(form.ranks[f'pick_{row}'].value)\nform.fill(weights={'data': 0})\n"
         "print(form.ranks[f'pick_{row}'].value)"),
        ("form.fill(weights={'data': 3}, picks=" + json.dumps([TICKETS, DRAFTS, RETURNS, MEETINGS]) +
         ", rationale='Daily work, reviewed, in the approved tool.')\nform.save_button.click()\n"
         "print(form.feedback.value)\nprint(form.status.value)"),
    ]
    nb = run_notebook(lesson, tmp_path, steps, keep_extra=True)
    first, second = (cell_text(cell) for cell in nb.cells[-2:])
    assert "<strong>#5</strong>" in first and "<strong>#4</strong>" in first and "consumer AI tool" in first
    assert "Meets the bar" in second and "4 of your 4 picks break none of the rules" in second
    assert "Saved" in second
    saved = json.loads((tmp_path / "your answers - 01_use_cases.json").read_text("utf-8"))
    assert saved["answers"]["pilot_use_cases"]["value"]["picks"] == [TICKETS, DRAFTS, RETURNS, MEETINGS]
