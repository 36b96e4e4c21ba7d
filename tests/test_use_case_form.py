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
    form = workbook.form("pilot_use_cases", title="T", points=10)
    before = rank_of(form, COURIERS)
    form.fill(weights={"data": 0, "safety": 0, "routine": 5})
    assert rank_of(form, COURIERS) < before
    number = next(n for n, c in enumerate(form.inventory) if c.task == COURIERS)
    assert "consumer AI tool" in form.ranks[f"pick_{number}"].value
    form.fill(weights={"data": 5, "safety": 5})
    assert "consumer AI tool" in form.ranks[f"pick_{number}"].value


def test_the_list_is_shown_in_rank_order_and_reorders_with_the_weights(workbook):
    form = workbook.form("pilot_use_cases", title="T", points=10)

    def shown_ranks() -> list[int]:
        names = {id(row): name for name, row in form.task_rows.items()}
        return [int(form.ranks[names[id(row)]].value.split("<strong>#")[1].split("<")[0])
                for row in form.task_list.children]

    assert shown_ranks() == sorted(shown_ranks()) and shown_ranks()[0] == 1
    form.fill(weights={"data": 0, "safety": 0, "routine": 5, "time": 0})
    assert shown_ranks() == list(range(1, len(form.inventory) + 1))


def test_ticks_and_weights_are_saved_and_come_back(workbook, tmp_path):
    form = workbook.form("pilot_use_cases", title="T", points=10)
    form.fill(weights={"data": 3}, picks=[TICKETS, DRAFTS, RETURNS, MEETINGS], rationale="Daily, reviewed.")
    form.save()
    assert "10 of 10 points" in html.unescape(form.feedback.value)
    again = Workbook("01_use_cases", folder=tmp_path).form("pilot_use_cases", title="T")
    assert again.value() == form.value() and again.value()["weights"]["data"] == 3


def test_more_than_five_ticks_get_a_warning_at_once(workbook):
    form = workbook.form("pilot_use_cases", title="T")
    form.fill(picks=[c.task for c in form.inventory[:6]])
    assert "6 tasks are ticked: keep 5 at most" in form.ticked.value
    form.fill(picks=[c.task for c in form.inventory[:4]])
    assert form.ticked.value == "<p>4 tasks ticked (tick 3 to 5).</p>"


@pytest.mark.parametrize("saved", [
    {"weights": {"time": "many", "data": True, "safety": 99}, "picks": "not a list", "rationale": 5},
    {"weights": [], "picks": [None, {"x": 1}], "rationale": None},
    "just text",
])
def test_a_damaged_saved_answer_restores_what_it_can_and_never_raises(workbook, tmp_path, saved):
    workbook.store.save("pilot_use_cases", saved, engine="use-cases/1")
    form = Workbook("01_use_cases", folder=tmp_path).form("pilot_use_cases", title="T")
    assert all(0 <= int(form.fields[f"weight_{f}"].value) <= 5 for f in ("time", "routine", "safety", "data"))
    assert form.latest is not None


def test_learner_text_is_escaped_in_the_feedback(workbook):
    form = workbook.form("pilot_use_cases", title="T")
    form.fill(picks=[TICKETS, DRAFTS, RETURNS], rationale="<script>alert('x')</script>" + "y" * 100_000)
    form.save()
    assert "<script>" not in form.feedback.value and "<script>" not in form.feedback.value


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
    assert "Ready to use" in second and "All 4 of your picks keep every rule" in second
    assert "Saved" in second
    saved = json.loads((tmp_path / "your answers - 01_use_cases.json").read_text("utf-8"))
    assert saved["answers"]["pilot_use_cases"]["value"]["picks"] == [TICKETS, DRAFTS, RETURNS, MEETINGS]


HEADER = "task;runs_per_week;minutes_per_run;error_cost;data;input;tool;review_step\n"


def explorer_with(raw: bytes):
    from course.data import task_inventory
    from course.forms.use_cases import InventoryExplorer

    explorer = InventoryExplorer(task_inventory(1))
    explorer.load_file(raw)
    return explorer


def test_a_teams_own_list_is_ranked_with_the_same_rules_and_its_bad_rows_named():
    raw = ("\ufeff" + HEADER + "Weekly rota email;1;30;low;internal;standard;enterprise;no\n"
           "Invoice chasing;40;6;medium;confidential;standard;consumer;no\n"
           "Invoice chasing;2;2;low;internal;standard;enterprise;no\n"
           "Stock count;0;30;low;internal;standard;enterprise;no\n"
           "Supplier emails;often;5;low;internal;standard;enterprise;no\n"
           "<script>alert(1)</script> notes;20;10;low;internal;mixed;enterprise;yes\n").encode("utf-8")
    explorer = explorer_with(raw)
    assert len(explorer.candidates) == 3
    note = html.unescape(explorer.note.value)
    assert "3 task(s) ranked" in note and "Row 3: “Invoice chasing” is already on row 2" in note
    assert "Row 4 (Stock count): the runs per week “0”" in note and "“often” is not a number" in note
    table = explorer.table.value
    assert "consumer AI tool" in table and "<script>" not in table and "&lt;script&gt;" in table


def test_a_list_saved_from_the_lessons_table_with_its_plain_headings_is_read_the_same():
    """A manager's own list with the headings the explorer's hint and the lesson's table use ("Runs a week")."""
    plain = (b"Task,Runs a week,Minutes a run,Minutes a week,Cost of an error,Data it uses,Input,Tool,"
             b"A person reviews it\nInvoice chasing,40,6,240,medium,confidential,standard,consumer,no\n"
             b"Weekly rota email,1,30,30,low,internal,standard,enterprise,no\n")
    explorer = explorer_with(plain)
    assert not explorer.problems and [c.task for c in explorer.candidates] == ["Invoice chasing", "Weekly rota email"]
    assert explorer.candidates[0].runs_per_week == 40 and "consumer AI tool" in explorer.table.value
    assert "runs_per_week" not in explorer.widget.children[0].value  # the hint names the columns as the table does


@pytest.mark.parametrize("raw, words", [
    (b"", "The file is empty"),
    (b"\x00\x01binary", "not a text file"),
    (b"name,hours\nx,1\n", "The first line must name the columns"),
    (b"task\n" + b"x" * 1_000_001, "larger than 1 MB"),
    (b'task,runs_per_week\n"never closed,1\n', "cannot be read as a table"),
])
def test_a_file_that_cannot_be_read_says_why_and_keeps_the_list_shown(raw, words):
    explorer = explorer_with(raw)
    assert words in html.unescape(explorer.note.value) and len(explorer.candidates) == 12


def test_five_hundred_rows_are_cut_with_a_note_and_the_weights_rerank_them():
    rows = "".join(f"Task {n};{n + 1};5;low;internal;standard;enterprise;yes\n" for n in range(500))
    explorer = explorer_with((HEADER + rows).encode())
    assert len(explorer.candidates) == 200 and "500 tasks; only the first 200 are used" in explorer.note.value
    def top() -> str:
        return explorer.table.value.split("<td>")[2].split("<")[0]

    assert top() == "Task 199"  # the most runs of the first 200 rows: the most time at stake
    explorer.weights["time"].value = "0"  # every other factor is equal: the list's own order
    assert top() == "Task 0"


def test_the_lesson_form_shows_no_points_for_an_engine_that_scores_zero_to_one(workbook):
    """Nothing in a lesson is graded: "0 of 1 points" would only puzzle; the exercise shows its 10 points."""
    lesson = workbook.form("pilot_use_cases", title="Practice")
    assert "Not ready yet" in lesson.feedback.value and " of 1 points" not in lesson.feedback.value
    exercise = workbook.form("pilot_use_cases", title="T", points=10)
    assert "0 of 10 points" in exercise.feedback.value
