"""Grades that learner code cannot change: every autograded score recomputed outside any learner's kernel.

nbgrader takes a test cell's score from what the cell printed as it ran in the learner's own notebook, in a kernel
the learner's code also runs in. One line of learner code (replacing ``wb.grade``, patching ``points_for``,
returning text instead of a number) can therefore give full marks. This module recomputes each autograded cell
in the instructor's own process, from the learner's saved answers file and the same engine the Check button uses,
and compares it with the gradebook:

- a cell whose gradebook score differs from the recomputed one is flagged, and the recomputed score is written as
  the cell's manual score (what the gradebook totals count), with a comment that says what happened, so a person
  can look;
- cells that agree are left exactly as they are.

The graded cells are read from the instructor's source notebook (``wb.grade("task", points=N, cases=[...])``),
never from the learner's copy.
"""

from __future__ import annotations

import ast
import contextlib
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import heldout
from .gradebook import open_gradebook

ANSWERS_PREFIX = "your answers - "


@dataclass(frozen=True)
class GradedCell:
    """A graded test cell of the source notebook: its id, the task it grades, its points and cases."""

    cell: str
    task: str
    points: float
    cases: tuple[int, ...] | None


@dataclass(frozen=True)
class Mismatch:
    student: str
    cell: str
    reported: float | None
    trusted: float
    assignment: str = ""

    def sentence(self) -> str:
        reported = "nothing" if self.reported is None else f"{self.reported:g}"
        where = f"{self.assignment} {self.cell}" if self.assignment else self.cell
        return (f"{self.student}, {where}: the notebook reported {reported} points; the saved answers give "
                f"{self.trusted:g}.")


def graded_cells(source: Path) -> list[GradedCell]:
    """Every ``wb.grade(...)`` test cell of an instructor's source notebook, hidden tests included."""
    found = []
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "grade" and node.args:
                keywords = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("points", "cases")}
                cases = keywords.get("cases")
                found.append(GradedCell(meta["grade_id"], ast.literal_eval(node.args[0]), float(keywords["points"]),
                                        tuple(cases) if cases is not None else None))
    return found


def saved_answers(submission: Path, assignment: str) -> dict[str, object]:
    """The answers a submission's answers file holds, read from a copy of the submission (a damaged file is
    rescued from its backup exactly as the learner's notebook would, without touching the submission itself)."""
    from ..answers import AnswerStore, is_blank
    from ..grade import quiet

    with tempfile.TemporaryDirectory() as scratch, quiet():
        copy = Path(scratch) / "submission"
        shutil.copytree(submission, copy, ignore=shutil.ignore_patterns("*.ipynb"))
        answers = AnswerStore(copy, assignment).answers()
    return {key: answer.value for key, answer in answers.items() if not is_blank(answer.value)}


def trusted_points(answers: dict[str, object], cell: GradedCell) -> float:
    """The points the saved ``answers`` earn for ``cell``, worked out here with the course's own engine; no
    answer earns 0."""
    from ..grade import points_earned, quiet
    from ..tasks import get_task

    if cell.task not in answers:
        return 0.0
    with quiet():
        feedback = get_task(cell.task).check(answers[cell.task], cell.cases)
    return points_earned(feedback, cell.points)


def verify(course: Path, assignment: str, *, source_folder: str = "solutions", fix: bool = True) -> list[Mismatch]:
    """Recompute every autograded cell of every submission of ``assignment`` and flag what the gradebook got
    wrong; with ``fix``, write the recomputed score and a comment into the gradebook."""
    from nbgrader.api import MissingEntry

    cells = graded_cells(course / source_folder / assignment / f"{assignment}.ipynb")
    mismatches = []
    with open_gradebook(course) as book, heldout.in_use(course):
        for submission in book.assignment_submissions(assignment):
            student = submission.student.id
            folder = course / "submitted" / student / assignment
            answers = saved_answers(folder, assignment) if folder.is_dir() else {}
            for cell in cells:
                try:
                    grade = book.find_grade(cell.cell, assignment, assignment, student)
                except MissingEntry:
                    continue
                trusted = trusted_points(answers, cell)
                reported = grade.auto_score
                if reported is not None and not math.isnan(reported) and abs(reported - trusted) < 1e-9 \
                        and grade.manual_score is None:
                    continue
                if grade.manual_score is not None and abs(grade.manual_score - trusted) < 1e-9:
                    continue  # flagged and fixed before
                mismatches.append(Mismatch(student, cell.cell, reported, trusted, assignment))
                if fix:
                    grade.manual_score = trusted
                    _comment(book, cell.cell, assignment, student, "Flagged by the course: "
                             + mismatches[-1].sentence() + " The score from the saved answers counts.")
            if fix:
                book.db.commit()
    return mismatches


def _comment(book, cell: str, assignment: str, student: str, text: str) -> None:
    """Leave ``text`` for the grader on the cell, where nbgrader keeps a comment for it (solution cells)."""
    from nbgrader.api import MissingEntry

    # A test cell has no comment of its own: the report and the overridden score say it there.
    with contextlib.suppress(MissingEntry):
        book.find_comment(cell, assignment, assignment, student).manual_comment = text
