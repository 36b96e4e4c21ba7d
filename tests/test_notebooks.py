"""Lessons and exercises follow the code-free template, run cleanly, and leave solutions/ untouched."""

import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from tests.answers_for_tests import GOOD
from tests.notebooks import EXERCISES, LESSONS, ROOT, SOLUTIONS, cell_by_id, cell_text, run_notebook

ALL = LESSONS + SOLUTIONS + EXERCISES


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_are_committed_clean(path):
    nb = json.loads(path.read_text("utf-8"))
    assert "widgets" not in nb["metadata"]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_follow_the_code_free_template(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# ") and "How to use this notebook" in first
    assert "Run › Restart Kernel and Run All Cells…" in first and "kernel *died*" in first
    assert "do not type real names" in first
    assert nb.cells[1].cell_type == "code" and "course.start(" in nb.cells[1].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.id
            meta = nbgrader_meta(cell)
            if meta.get("grade") or meta.get("solution"):
                # placeholder and test cells explain themselves in a first comment line
                assert cell.source.startswith(("# ", "### BEGIN SOLUTION")), cell.id


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_test_cells_give_the_helper_the_points_nbgrader_expects(path):
    for cell in nbformat.read(path, as_version=4).cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and cell.cell_type == "code":
            declared = re.findall(r"points=(\d+(?:\.\d+)?)", cell.source)
            assert declared and all(float(p) == meta["points"] for p in declared), cell.id


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_nbstripout_keeps_nbgrader_metadata_and_changes_nothing(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    subprocess.run([sys.executable, "-m", "nbstripout", "--keep-id", str(copy)], check=True)
    before, after = nbformat.read(path, as_version=4), nbformat.read(copy, as_version=4)
    assert [c.metadata for c in before.cells] == [c.metadata for c in after.cells]
    assert [c.source for c in before.cells] == [c.source for c in after.cells]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.parent.name)
def test_running_a_solution_leaves_no_file_in_solutions(path):
    before = sorted(p.relative_to(ROOT) for p in (ROOT / "solutions").rglob("*"))
    nb = run_notebook(path, path.parent)
    assert "Instructor copy" in cell_text(nb.cells[1])
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "solutions").rglob("*")) == before


def test_lesson_walkthrough_weak_then_good_prompt(tmp_path):
    lesson = ROOT / "modules" / "02_lesson_prompt_basics.ipynb"
    weak = {"task": "Make a good summary of the notes."}
    pause = "import asyncio\nawait asyncio.sleep(1.0)  # the learner stops typing; feedback follows\n"
    drive = [
        "form = wb.forms['meeting_summary']\n"
        f"form.fill(**{json.dumps(weak)})\n"
        "assert 'The prompt is empty' in form.feedback.value  # not yet: feedback waits for a pause\n"
        + pause + "print(form.feedback.value)",
        "form.fill(**" + json.dumps(GOOD) + ")\nform.save_button.click()\n" + pause +
        "print(form.feedback.value)\nprint(form.status.value)\nprint(form.example.value)",
        "coach = wb.forms['free_prompt']\ncoach.fill(text='Make a good summary of the meeting notes.')\n" + pause +
        "print(coach.feedback.value)",
    ]
    nb = run_notebook(lesson, tmp_path, drive, keep_extra=True)
    assert "Team meeting, Monday 02 February 2026" in cell_text(cell_by_id(nb, "show-notes"))
    weak_feedback, good_feedback, coach = (cell_text(cell) for cell in nb.cells[-3:])
    for expected in ("Give the AI a role", "Add context", "Add the input: type {notes}",
                     "Name the shape of the result", "Add at least one limit you can check", "Not ready yet",
                     "&#x27;good&#x27; is open to interpretation"):
        assert expected in weak_feedback, expected
    assert "Ready to use" in good_feedback and "10 of 12 points" in good_feedback and "Saved" in good_feedback
    assert "Illustrative output" in good_feedback and "written for colleagues reading on a phone" in good_feedback
    for expected in ("Name the shape of the result", "Add at least one limit you can check", "Not ready yet"):
        assert expected in coach, expected
    assert (tmp_path / "your answers - 02_prompt_basics.json").exists()
