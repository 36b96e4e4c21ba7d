"""What an instructor should know about a learner's graded notebook, kept beside the cohort's grading logs.

``course cohort grade`` names every learner whose notebook's own score disagreed with the saved answers, hit a
limit, tried to write outside its folder, printed more than grading keeps or could not be graded. Those reasons
are written to ``.grading/<assignment>.flags.json`` so the cohort report and the grade export show them too. A
learner graded again in a later run gets the reasons of that run (none when it went cleanly).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def flags_file(course: Path, assignment: str) -> Path:
    return course / ".grading" / f"{assignment}.flags.json"


def read(course: Path, assignment: str) -> dict[str, list[str]]:
    """Learner -> reasons for one assignment ({} when nothing was flagged or the file is unreadable)."""
    try:
        data = json.loads(flags_file(course, assignment).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(r) for r in v] for k, v in data.items() if isinstance(v, list)}


def record(course: Path, assignment: str, flags: Mapping[str, list[str]], graded: Iterable[str]) -> None:
    """Keep this run's reasons: learners graded (or tried) in it replace their earlier reasons."""
    kept = {k: v for k, v in read(course, assignment).items() if k not in set(graded)}
    kept.update({k: list(v) for k, v in flags.items() if v})
    path = flags_file(course, assignment)
    path.parent.mkdir(exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".flags.", dir=path.parent)
    with open(handle, "w", encoding="utf-8") as file:
        json.dump(dict(sorted(kept.items())), file, indent=1, ensure_ascii=False)
    os.replace(temporary, path)


def every(course: Path) -> dict[tuple[str, str], list[str]]:
    """(assignment, learner) -> reasons, for every assignment graded in the cohort."""
    found = {}
    for path in sorted((course / ".grading").glob("*.flags.json")):
        assignment = path.name.removesuffix(".flags.json")
        found.update({(assignment, learner): reasons for learner, reasons in read(course, assignment).items()})
    return found
