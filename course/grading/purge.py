"""Remove a learner's records, or a whole cohort's, from everywhere the course keeps them on the instructor's side.

Where a learner's data lives (see docs/data-inventory.md): the gradebook (name, email, scores, comments), the
exchange (submissions waiting in ``inbound/`` and released feedback in ``feedback/``, named by a hash of the
submission's secret), the course folder's ``submitted/``, ``autograded/`` and ``feedback/``, the grading logs and
flags and the record of scores in ``.grading/``, the answers sheets of items a person grades and the cohort
report. Purging removes all of them (the report, made from everyone, is deleted to be made again) and lists what it
removed; nothing of another learner is touched.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .gradebook import open_gradebook, shown, sqlite_file

FOLDERS = ("submitted", "autograded", "feedback")
REPORTS = ("cohort report.html", "cohort report.ipynb")


@dataclass
class Purged:
    removed: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.removed.append(what)


def exchange_of(course: Path) -> Path | None:
    """The cohort's own part of the exchange (``<exchange root>/<course id>``), from its nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    root, course_id = config.Exchange.get("root"), config.CourseDirectory.get("course_id")
    return Path(root) / course_id if root and course_id else None


def purge_learner(course: Path, student: str) -> Purged:
    """Every record of ``student`` in the cohort folder ``course``, its exchange and its gradebook."""
    from nbgrader.api import MissingEntry
    from nbgrader.utils import notebook_hash

    purged = Purged()
    exchange = exchange_of(course)
    for submission in sorted((course / "submitted" / student).glob("*")):
        secret_file = submission / "submission_secret.txt"
        if exchange is None or not secret_file.is_file():
            continue
        secret = secret_file.read_text("utf-8")
        for notebook in submission.glob("*.ipynb"):
            released = exchange / "feedback" / f"{notebook_hash(secret=secret, notebook_id=notebook.stem)}.html"
            if released.exists():
                released.unlink()
                purged.add(f"released feedback {released.name}")
    if exchange is not None:
        names = {student, *_hub_username(course, student)}
        for waiting in sorted(w for name in names for w in (exchange / "inbound").glob(f"{glob.escape(name)}+*")):
            shutil.rmtree(waiting)
            purged.add(f"exchange inbound/{waiting.name}")
    for name in FOLDERS:
        folder = course / name / student
        if folder.exists():
            shutil.rmtree(folder)
            purged.add(f"{name}/{student}")
    for log in sorted((course / ".grading").glob("*.done.jsonl")):
        lines = log.read_text("utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.strip() != json.dumps({"student": student})]
        if len(kept) < len(lines):
            log.write_text("".join(kept), encoding="utf-8")
            purged.add(f".grading/{log.name}: {student}")
    for kept in sorted((course / ".grading").glob("*.flags.json")):
        from . import flags

        assignment = kept.name.removesuffix(".flags.json")
        if student in flags.read(course, assignment):
            flags.record(course, assignment, {}, [student])
            purged.add(f".grading/{kept.name}: {student}")
    from . import record

    if record.forget(course, student):
        purged.add(f".grading/{record.record_file(course).name}: {student}")
    for log in sorted((course / ".grading").glob("*.errors.log")):
        text = log.read_text("utf-8", errors="replace")
        entries = re.split(r"(?m)^(?===== )", text)
        kept_entries = [e for e in entries if not e.startswith(f"==== {student}\n")]
        if len(kept_entries) < len(entries):
            log.write_text("".join(kept_entries), encoding="utf-8")
            purged.add(f".grading/{log.name}: {student}")
    for sheet in sorted(course.glob("* answers.csv")):  # `course cohort answers` sheets: the learner's row goes
        with sheet.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        kept_rows = [row for row in rows if not row or row[0] != student]
        if len(kept_rows) < len(rows):
            with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(kept_rows)
            purged.add(f"{sheet.name}: {student}")
    for report in REPORTS:  # made from everyone's records: gone, to be made again without this learner
        if (course / report).exists():
            (course / report).unlink()
            purged.add(f"{report} (run course cohort report to make it again)")
    with open_gradebook(course) as book, contextlib.suppress(MissingEntry):  # not in the gradebook: nothing to do
        book.remove_student(student)
        purged.add(f"gradebook: {student} and every grade and comment")
    return purged


def _hub_username(course: Path, student: str) -> list[str]:
    """The hub username the roster gave ``student`` (their submissions in the exchange carry it), if any."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as book:
        try:
            username = book.find_student(student).lms_user_id
        except MissingEntry:
            return []
    return [username] if username else []


def purge_cohort(course: Path) -> Purged:
    """Every learner record of the cohort: all learners' folders, the exchange's part for this course, the
    gradebook (a SQLite file is deleted; in a PostgreSQL database every learner is removed and the database, with
    the assignments, stays). The cohort's configuration and sources stay: `course cohort create` with the same
    course id makes the gradebook ready for the next cohort."""
    purged = Purged()
    with open_gradebook(course) as book:
        students = [s.id for s in book.students]
    for student in students:
        purged.removed += purge_learner(course, student).removed
    for name in (*FOLDERS, ".grading"):
        if (course / name).exists():
            shutil.rmtree(course / name)
            purged.add(f"{name}/")
    for sheet in sorted(course.glob("* answers.csv")):
        sheet.unlink()
        purged.add(sheet.name)
    exchange = exchange_of(course)
    if exchange is not None and exchange.exists():
        shutil.rmtree(exchange)
        purged.add(f"exchange {exchange.name}/")
    gradebook = sqlite_file(course)
    if gradebook is None:  # every learner was removed above, one by one
        purged.add(f"the gradebook database ({shown(course)}) holds no learner now; the database itself stays")
    elif gradebook.exists():
        gradebook.unlink()
        purged.add(gradebook.name)
    return purged
