"""Items a person grades, without a formgrader page per learner: every learner's saved answer for one item in a
spreadsheet (with the checker's notes), scored with the rubric, and the scores written back to the gradebook.

``answers_sheet`` writes a CSV (quoted, safe to open in a spreadsheet) with one row per learner: the answer as
plain text (read as grading read it: a damaged answers file is rescued from its backup), the checker's notes, the
points available, a score a person gave before (for reference only: it is never read back), and empty ``score``
and ``comment`` columns. ``read_scores``
reads it back, checks every score against the item's points and names any line it cannot use; ``write_scores``
puts the usable ones into nbgrader's gradebook. Formgrader stays available and shows the same scores.
"""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..team_export import decode
from .export import safe_cell
from .gradebook import open_gradebook
from .verify import saved_answers

COLUMNS = ["learner", "item", "points_available", "answer", "checker_notes", "score_given_before", "score", "comment"]


def manual_items(source: Path) -> dict[str, str]:
    """Each manually graded item of an instructor's source notebook (a task cell) and the task whose saved
    answer it grades (the ``wb.show_saved("task")`` cell just above it)."""
    import ast

    items, last_task = {}, None
    for cell in nbformat.read(source, as_version=4).cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and "show_saved(" in cell.source:
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "show_saved" and node.args:
                    last_task = ast.literal_eval(node.args[0])
        if meta.get("task") and meta.get("points") and last_task:
            items[meta["grade_id"]] = last_task
    return items


def answers_sheet(course: Path, assignment: str, item: str, out: Path) -> int:
    """Write every learner's saved answer for ``item`` with the checker's notes; how many learners."""
    from ..render import feedback_text
    from ..tasks import get_task

    task_name = manual_items(course / "solutions" / assignment / f"{assignment}.ipynb").get(item)
    if task_name is None:
        raise ValueError(f"{item} is not an item a person grades in {assignment}.")
    task = get_task(task_name)
    rows = []
    with open_gradebook(course) as book:
        for submission in sorted(book.assignment_submissions(assignment), key=lambda s: s.student.id):
            student = submission.student.id
            grade = book.find_grade(item, assignment, assignment, student)
            folder = course / "submitted" / student / assignment
            value = saved_answers(folder, assignment).get(task_name) if folder.is_dir() else None
            answer = task.describe(value) if value is not None else "(no answer saved)"
            notes = feedback_text(task.check(value)) if value is not None else ""
            before = "" if grade.manual_score is None else f"{grade.manual_score:g}"
            rows.append([student, item, f"{grade.max_score:g}", answer, notes, before, ""])
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        writer.writerows([[safe_cell(value) for value in row] for row in rows])
    return len(rows)


@dataclass
class Scores:
    scores: dict[str, tuple[float, str]] = field(default_factory=dict)   # learner -> (score, comment)
    problems: list[str] = field(default_factory=list)


def read_scores(raw: bytes, maximum: float) -> Scores:
    """The scores a grader typed into the sheet; every row that cannot be used is named by its spreadsheet row."""
    text, _note = decode(raw)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    found = Scores()
    for number, row in enumerate(reader, start=2):  # spreadsheet rows: the header is row 1
        learner = (row.get("learner") or "").strip().lstrip("'")
        line = f"{number} ({learner})"
        typed = (row.get("score") or "").strip().replace(",", ".")
        if not learner or not typed:
            continue  # not scored yet: stays waiting for a person
        try:
            score = float(typed)
        except ValueError:
            found.problems.append(f"row {line}: “{typed[:20]}” is not a number")
            continue
        if not 0 <= score <= maximum:
            found.problems.append(f"row {line}: {score:g} is outside 0 to {maximum:g}")
            continue
        found.scores[learner] = (score, (row.get("comment") or "").strip()[:2000])
    return found


def write_scores(course: Path, assignment: str, item: str, scores: Scores) -> list[str]:
    """Put the scores into the gradebook (nbgrader's manual score and comment); learners not found are named."""
    from nbgrader.api import MissingEntry

    from . import record

    unknown, given = [], {}
    with open_gradebook(course) as book:
        for learner, (score, comment) in scores.scores.items():
            try:
                grade = book.find_grade(item, assignment, assignment, learner)
            except MissingEntry:
                unknown.append(learner)
                continue
            grade.manual_score = score
            grade.needs_manual_grade = False
            given[(assignment, assignment, learner, item)] = (record.number(grade.auto_score), score)
            if comment:
                with contextlib.suppress(MissingEntry):
                    book.find_comment(item, assignment, assignment, learner).manual_comment = comment
        book.db.commit()
    record.write(course, given, by="a person, with the answers sheet")
    return unknown
