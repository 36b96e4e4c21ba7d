"""A grade export that is safe to open in a spreadsheet, used by ``nbgrader export``.

nbgrader's own CSV export joins fields with commas and never quotes them: a name with a comma shifts every
later column, and a name such as ``=HYPERLINK(...)`` runs as a formula when the file is opened. This one
writes the same columns with the ``csv`` module and:

- quotes every field, so commas, quotes and line breaks in names stay inside their cell;
- puts an apostrophe before any text that a spreadsheet would read as a formula (text starting with
  ``=``, ``+``, ``-`` or ``@``, also after leading spaces, or with a tab or carriage return), as OWASP's
  advice on CSV injection says. Scores are written as numbers and left alone: ``-1.5`` is a number, not a
  formula, and must stay one for sums and averages to work;
- marks a submission that still has items waiting for a person (``status`` says "waiting for a person:
  1 item") and leaves its ``raw_score`` and ``score`` empty, so a partial total never looks like a final
  grade; ``score_so_far`` shows the points given so far. nbgrader's columns come first, in nbgrader's order,
  so tools that read nbgrader's export still work; the new columns are at the end, ``flags`` last: what
  ``course cohort grade`` found to look at (a score the notebook reported wrongly, a limit hit, a refused write);
- writes UTF-8 with a byte order mark. A manager usually opens the file by double-clicking it, and Excel
  only reads a CSV file as UTF-8 when it starts with that mark; without it, names such as "José", Arabic or
  Hebrew names and emoji come out garbled. LibreOffice, Google Sheets, pandas and Python's ``utf-8-sig``
  read the mark and drop it;
- writes to a temporary file first, so a failed export never leaves a half-written file in place of the
  last good one.

Make it nbgrader's default in nbgrader_config.py::

    c.ExportApp.plugin_class = "course.grading.export.SafeCsvExportPlugin"
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]
COLUMNS = [*NBGRADER_COLUMNS, "status", "score_so_far", "flags"]
DEFAULT_FILE = "grades.csv"
# Characters a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@")
CONTROL_START = ("\t", "\r")

GRADED = "graded"
NOT_SUBMITTED = "not submitted"
NOT_RELEASED = "not released yet"


def waiting_status(items: int) -> str:
    """The status of a submission with ``items`` items still waiting for a person to grade them."""
    return f"waiting for a person: {items} item{'' if items == 1 else 's'}"


def safe_cell(value: object) -> object:
    """A value ready for a spreadsheet cell: numbers stay numbers, text never starts a formula.

    >>> safe_cell("=1+1"), safe_cell("  @cmd"), safe_cell(-1.5), safe_cell("Ana-Maria"), safe_cell(None)
    ("'=1+1", "'  @cmd", -1.5, 'Ana-Maria', '')
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(CONTROL_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def grade_rows(gradebook: Gradebook, assignments: Iterable[str] = (), students: Iterable[str] = (),
               flagged: Mapping[tuple[str, str], list[str]] | None = None,
               released: set[str] | None = None) -> Iterator[dict[str, object]]:
    """One row per assignment and learner, as nbgrader's export has them, plus ``status``, ``score_so_far`` and
    ``flags`` (what grading found to look at, from ``flagged``: (assignment, learner) -> reasons).

    ``assignments`` and ``students`` limit the rows to those names and ids (all when empty). An assignment not in
    ``released`` (when it is known) that nobody submitted is "not released yet" for everyone, not "not submitted".
    """
    only_assignments, only_students = set(assignments), set(students)
    flagged = flagged or {}
    for assignment in gradebook.assignments:
        if only_assignments and assignment.name not in only_assignments:
            continue
        for student in gradebook.students:
            if only_students and student.id not in only_students:
                continue
            row: dict[str, object] = {
                "assignment": assignment.name, "duedate": assignment.duedate, "student_id": student.id,
                "last_name": student.last_name, "first_name": student.first_name, "email": student.email,
                "max_score": assignment.max_score,
                "flags": "; ".join(flagged.get((assignment.name, student.id), [])),
            }
            try:
                submission = gradebook.find_submission(assignment.name, student.id)
            except MissingEntry:  # nothing submitted: nbgrader counts it as 0 points
                unreleased = released is not None and assignment.name not in released
                row.update(timestamp=None, raw_score=0.0, late_submission_penalty=0.0, score=0.0,
                           status=NOT_RELEASED if unreleased else NOT_SUBMITTED, score_so_far=0.0)
                yield row
                continue
            penalty = submission.late_submission_penalty
            score = max(0.0, submission.score - penalty)
            row.update(timestamp=submission.timestamp, late_submission_penalty=penalty, score_so_far=score)
            waiting = waiting_items(submission) if submission.needs_manual_grade else 0
            if waiting:
                row.update(raw_score=None, score=None, status=waiting_status(waiting))
            else:
                row.update(raw_score=submission.score, score=score, status=GRADED)
            yield row


def waiting_items(submission) -> int:
    """How many graded items of a submission still wait for a person."""
    return sum(1 for notebook in submission.notebooks for grade in notebook.grades if grade.needs_manual_grade)


def write_rows(destination: Path, rows: Iterable[dict[str, object]]) -> int:
    """Write the header and ``rows`` to ``destination`` (replaced only once complete); return the row count."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    count = 0
    try:
        with open(handle, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, quoting=csv.QUOTE_ALL)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow([safe_cell(row[column]) for column in COLUMNS])
                count += 1
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def released_assignments(course: Path) -> set[str] | None:
    """The assignments learners can fetch from the cohort's exchange (its ``outbound/`` folders); None when the
    folder has no exchange of its own to look at."""
    from .purge import exchange_of

    try:
        exchange = exchange_of(course)
    except Exception:  # an unreadable configuration: nbgrader's own export says so
        return None
    if exchange is None or not exchange.is_dir():
        return None
    outbound = exchange / "outbound"
    return {p.name for p in outbound.iterdir() if p.is_dir()} if outbound.is_dir() else set()


class SafeCsvExportPlugin(ExportPlugin):
    """nbgrader's CSV export, quoted and safe against formulas, with items waiting for a person marked."""

    def export(self, gradebook: Gradebook) -> None:
        destination = Path(self.to or DEFAULT_FILE)
        assignments, students = [str(a) for a in self.assignment], [str(s) for s in self.student]
        self.warn_about_unknown(gradebook, assignments, students)
        self.log.info("Exporting grades to %s", destination)
        from .flags import every

        root = getattr(getattr(self.parent, "coursedir", None), "root", None) or "."
        try:
            count = write_rows(destination, grade_rows(gradebook, assignments, students, every(Path(root)),
                                                       released_assignments(Path(root))))
        except OSError as error:
            self.log.error("Could not write the grades to %s: %s. If the file is open in a spreadsheet, close it "
                           "and run the export again; nothing was changed.", destination, error.strerror or error)
            raise SystemExit(1) from error
        if count == 0:
            self.log.warning("There are no grades to export yet, so %s has the column names only. Add learners "
                             "and autograde their submissions first (nbgrader autograde).", destination)
        else:
            self.log.info("Wrote %d rows to %s", count, destination)

    def warn_about_unknown(self, gradebook: Gradebook, assignments: list[str], students: list[str]) -> None:
        """Say which of the requested assignments or learners the gradebook does not know (a typo, usually)."""
        for kind, asked, known in (("assignment", assignments, {a.name for a in gradebook.assignments}),
                                   ("learner", students, {s.id for s in gradebook.students})):
            for name in asked:
                if name not in known:
                    self.log.warning("There is no %s called %r in the gradebook; it is left out.", kind, name)
