"""A record of every score, kept outside the gradebook, that puts back what changed while learner code ran.

Learner code runs only while ``course cohort grade`` runs (in the sandbox, which shows it no gradebook). As a
second line, every score of every assignment (nbgrader's automatic and manual score of each graded cell) is
written to ``.grading/scores.jsonl`` in the cohort folder, a file that is only ever appended to and that no grading
kernel can see:

- a grading run first records the gradebook as people left it (scores given in formgrader or with the answers
  sheet since the last run), then marks the run as started;
- when the run ends, any score that changed while it ran, other than the scores it was grading, is put back
  from the record and named; the new scores are recorded and the run is marked as ended;
- ``course cohort verify`` finds a run that never ended (stopped half-way) and puts back everything that changed
  since it started, before recording anything new.

Each line is one JSON object: a score (assignment, notebook, learner, cell, auto, manual, by, at) or a run mark
(event, assignment, at). A line cut short by a stop is skipped.
"""

from __future__ import annotations

import datetime
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Key = tuple[str, str, str, str]            # assignment, notebook, learner, cell
Value = tuple[float | None, float | None]  # automatic score, manual score

STARTED, ENDED = "grading started", "grading ended"


@dataclass(frozen=True)
class PutBack:
    """A score that changed where nothing should have changed it, and the recorded value it was given back."""

    key: Key
    found: Value
    recorded: Value

    def sentence(self) -> str:
        assignment, _notebook, learner, cell = self.key
        return (f"{learner}, {assignment} {cell}: {_shown(self.found)} was put back to {_shown(self.recorded)} "
                "(the recorded score)")


def record_file(course: Path) -> Path:
    return course / ".grading" / "scores.jsonl"


def current(book: Any) -> dict[Key, Value]:
    """Every graded cell's scores in the gradebook ``book``."""
    found = {}
    for assignment in book.assignments:
        for submission in book.assignment_submissions(assignment.name):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    key = (assignment.name, notebook.name, submission.student.id, grade.name)
                    found[key] = (number(grade.auto_score), number(grade.manual_score))
    return found


def read(course: Path) -> tuple[dict[Key, Value], str | None]:
    """The latest recorded value of every score, and the assignment of a grading run that started and never
    ended (None when every run ended)."""
    latest: dict[Key, Value] = {}
    open_run = None
    try:
        lines = record_file(course).read_text("utf-8").splitlines()
    except OSError:
        return latest, None
    for line in lines:
        try:
            row = json.loads(line)
            if "event" in row:
                open_run = row["assignment"] if row["event"] == STARTED else None
                continue
            latest[(row["assignment"], row["notebook"], row["learner"], row["cell"])] = (
                number(row["auto"]), number(row["manual"]))
        except (ValueError, KeyError, TypeError):
            continue
    return latest, open_run


def write(course: Path, rows: dict[Key, Value], by: str) -> None:
    """Append ``rows`` (recorded as given ``by`` whom) to the record."""
    _append(course, [{"assignment": k[0], "notebook": k[1], "learner": k[2], "cell": k[3], "auto": v[0],
                      "manual": v[1], "by": by} for k, v in sorted(rows.items())])


def mark(course: Path, event: str, assignment: str) -> None:
    _append(course, [{"event": event, "assignment": assignment}])


def changed(now: dict[Key, Value], latest: dict[Key, Value]) -> dict[Key, Value]:
    """The scores of ``now`` that the record does not hold as they are."""
    return {key: value for key, value in now.items() if latest.get(key) != value}


def put_back(book: Any, now: dict[Key, Value], latest: dict[Key, Value],
             leave: Iterable[Key] = ()) -> list[PutBack]:
    """Give every score that differs from the record its recorded value, except the keys in ``leave``."""
    from nbgrader.api import MissingEntry

    left = set(leave)
    found = []
    for key, value in sorted(now.items()):
        recorded = latest.get(key)
        if recorded is None or recorded == value or key in left:
            continue
        assignment, notebook, learner, cell = key
        try:
            grade = book.find_grade(cell, notebook, assignment, learner)
        except MissingEntry:
            continue
        grade.auto_score, grade.manual_score = recorded
        found.append(PutBack(key, value, recorded))
    book.db.commit()
    return found


def start_run(course: Path, assignment: str) -> list[PutBack]:
    """Before grading: settle an earlier run that never ended, record people's scores, mark the run started."""
    restored = settle(course)
    keep(course, by="people, between grading runs")
    mark(course, STARTED, assignment)
    return restored


def end_run(course: Path, assignment: str, graded: Iterable[str]) -> list[PutBack]:
    """After grading (before ``verify``): put back every score the run had no business changing."""
    from .gradebook import open_gradebook

    mine = set(graded)
    latest, _open = read(course)
    with open_gradebook(course) as book:
        now = current(book)
        return put_back(book, now, latest, leave=[k for k in now if k[0] == assignment and k[2] in mine])


def close_run(course: Path, assignment: str) -> None:
    """After ``verify``: record the scores as they now are and mark the run ended."""
    keep(course, by="grading")
    mark(course, ENDED, assignment)


def keep(course: Path, by: str) -> int:
    """Record every score the record does not hold as it is now, as given ``by`` whom; how many."""
    from .gradebook import open_gradebook

    with open_gradebook(course) as book:
        now = current(book)
    latest, _open = read(course)
    new = changed(now, latest)
    write(course, new, by=by)
    return len(new)


def settle(course: Path) -> list[PutBack]:
    """When the last grading run stopped half-way, put back every score that changed since it started (learner
    code may have run); otherwise nothing changes here."""
    from .gradebook import open_gradebook

    latest, open_run = read(course)
    if open_run is None:
        return []
    with open_gradebook(course) as book:
        restored = put_back(book, current(book), latest)
    mark(course, ENDED, open_run)
    return restored


def forget(course: Path, learner: str) -> bool:
    """Remove every recorded score of ``learner`` (a purge); True when there were any."""
    path = record_file(course)
    try:
        lines = path.read_text("utf-8").splitlines(keepends=True)
    except OSError:
        return False
    kept = [line for line in lines if _learner(line) != learner]
    if len(kept) == len(lines):
        return False
    temporary = path.with_name(".scores.jsonl.tmp")
    temporary.write_text("".join(kept), encoding="utf-8")
    temporary.chmod(0o600)
    os.replace(temporary, path)
    return True


def _learner(line: str) -> str | None:
    try:
        return json.loads(line).get("learner")
    except (ValueError, AttributeError):
        return None


def _append(course: Path, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    path = record_file(course)
    path.parent.mkdir(exist_ok=True)
    at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    text = "".join(json.dumps({**row, "at": at}, ensure_ascii=False) + "\n" for row in rows)
    with open(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def number(value: Any) -> float | None:
    """A score as the record keeps it: a finite number or None (NaN or text is no score)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _shown(value: Value) -> str:
    auto, manual = value
    score = manual if manual is not None else auto
    return "no score" if score is None else f"{score:g}"
