"""One scoring truth: the points a heading promises, the points Check shows and the points a test cell gives
are the same numbers, in every solution notebook (so in every exercise generated from one).

A section is a part heading "## Part N · … (P points …)" up to the next "## " heading. Its grade cells
add up to P; its form's ``points=`` is the points of its visible test cell and its ``unseen_points=`` those of its
hidden test cell (so the form shows the heading's total as "7 of 12 points (2 of the 12 are given at grading…)");
and for the model answer and a weak
answer, the Check button and the visible test cell give the same points.
"""

import contextlib
import io
import re
from pathlib import Path

import nbformat
import pytest

from course.tasks import declarations
from course.workbook import Workbook
from tests.answers_for_tests import model_answers
from tests.notebooks import SOLUTIONS

HEADING = re.compile(r"^##\s+Part\s+\d+\b.*?\((\d+(?:\.\d+)?) points?\b", re.M)
FORM = re.compile(r"wb\.(?!grade\b)(\w+)\(\s*\"(\w+)\"[^)]*?\bpoints=(\d+(?:\.\d+)?)"
                  r"(?:[^)]*?unseen_points=(\d+(?:\.\d+)?))?", re.S)
GRADE = re.compile(r"wb\.grade\(\s*\"(\w+)\",\s*points=(\d+(?:\.\d+)?)")


def sections(path: Path) -> list[dict]:
    found: list[dict] = []
    for cell in nbformat.read(path, as_version=4).cells:
        nbgrader = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## "):
            heading = HEADING.search(cell.source)
            found.append({"title": cell.source.splitlines()[0], "promised": float(heading.group(1)) if heading
                          else None, "grades": [], "forms": []})
            if nbgrader.get("grade") or nbgrader.get("task"):
                found[-1]["grades"].append((cell, float(nbgrader.get("points", 0))))
            continue
        if not found:
            continue
        if nbgrader.get("grade") or nbgrader.get("task"):
            found[-1]["grades"].append((cell, float(nbgrader.get("points", 0))))
        form = FORM.search(cell.source) if cell.cell_type == "code" else None
        if form:
            found[-1]["forms"].append((form.group(2), float(form.group(3)), float(form.group(4) or 0),
                                       form.group(1)))
    return found


def total_promised(path: Path) -> float | None:
    intro = nbformat.read(path, as_version=4).cells[0].source
    match = re.search(r"\*\*Points:\*\*\s*(\d+(?:\.\d+)?)", intro)
    return float(match.group(1)) if match else None


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_headings_and_grade_cells_promise_the_same_points(path):
    every = sections(path)
    graded = sum(points for section in every for _cell, points in section["grades"])
    assert total_promised(path) == graded
    # The top line names each part with its heading's points ("Part 1 14 (4 of them given at grading ...)").
    intro = nbformat.read(path, as_version=4).cells[0].source
    listed = [float(p) for p in re.findall(r"\bPart \d+ (\d+(?:\.\d+)?)\b", intro.split("**Time:**")[0])]
    assert listed == [s["promised"] for s in every if s["title"].startswith("## Part")], "top line vs headings"
    for section in every:
        points = sum(p for _cell, p in section["grades"])
        if section["promised"] is not None:
            assert section["promised"] == points, section["title"]
        for cell, p in section["grades"]:
            call = GRADE.search(cell.source)
            if call:
                assert float(call.group(2)) == p, cell.source  # the code gives what nbgrader records
        for task, form_points, unseen_points, _kind in section["forms"]:
            calls = [(GRADE.search(c.source), "HIDDEN" in c.source) for c, _p in section["grades"]
                     if c.cell_type == "code" and GRADE.search(c.source)]
            visible = [float(call.group(2)) for call, hidden in calls if call.group(1) == task and not hidden]
            unseen = [float(call.group(2)) for call, hidden in calls if call.group(1) == task and hidden]
            assert visible == [form_points], (section["title"], task)
            assert sum(unseen) == unseen_points, (section["title"], task)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_check_and_the_test_cell_give_the_same_points(path, tmp_path):
    answers = model_answers(path)
    weak = {task: (value[:40] if isinstance(value, str) else {"task": value.get("task", "")})
            for task, value in answers.items()}
    for section in sections(path):
        for task, form_points, _unseen, _call in section["forms"]:
            if declarations()[task]["form"] not in ("PromptBuilderForm", "TextForm"):
                continue
            for value in (answers[task], weak[task]):
                wb = Workbook(path.stem, tmp_path)
                form = wb.form(task, title="t", points=form_points)
                form.set_value(value)
                assert form.save()
                form.check()
                with contextlib.redirect_stdout(io.StringIO()) as printed:
                    earned = wb.grade(task, points=form_points)
                text = re.sub(r"<[^>]+>", "", form.feedback.value)
                shown = re.findall(r"(\d+(?:\.\d+)?) of (\d+(?:\.\d+)?)", text)
                assert shown and all(float(b) == form_points for _a, b in shown), (task, shown)
                assert {float(a) for a, _b in shown} == {earned}, (task, shown, earned)
                assert f"{earned:g} of {form_points:g}" in printed.getvalue()
