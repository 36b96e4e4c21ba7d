"""Look at one collected submission before it is graded, and say in plain words what is not as expected.

A learner may submit without the notebook, with a second copy of it ("...-Copy1.ipynb"), or with an answers file
that is damaged or far too large. nbgrader alone grades such a folder silently (or fails with a traceback). This
reads the folder without changing it: a missing notebook means there is nothing to grade (the submission is
reported and kept for the next run); everything else is graded as it stands and the problem is reported beside
the learner's name, so the instructor can talk to the learner. The learner's files are never changed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..answers import AnswerStore, answers_file_name, answers_in_file


@dataclass
class Intake:
    """What the look at one submission found: ``blocking`` stops it being graded, ``notes`` go with its grade."""

    blocking: str = ""
    notes: list[str] = field(default_factory=list)


def look_at(course: Path, assignment: str, student: str) -> Intake:
    """What is not as expected in ``submitted/<student>/<assignment>`` of ``course``."""
    folder = course / "submitted" / student / assignment
    expected = sorted(p.name for p in (course / "solutions" / assignment).glob("*.ipynb"))
    present = sorted(p.name for p in folder.glob("*.ipynb"))
    intake = Intake()
    missing = [name for name in expected if name not in present]
    if missing:
        intake.blocking = (f"no notebook {', '.join(missing)} in the submission, so there is nothing to grade "
                           "(ask the learner to submit again from the Assignments tab; their files are kept)")
        return intake
    extra = [name for name in present if name not in expected]
    if extra:
        intake.notes.append(f"also submitted {', '.join(extra)}, which is not graded (only "
                            f"{', '.join(expected)} is)")
    answers = folder / answers_file_name(assignment)
    _, problem = answers_in_file(answers)
    if problem:
        backup = AnswerStore(folder, assignment).backup_path
        rescued = backup.exists() and answers_in_file(backup)[1] is None
        size = answers.stat().st_size
        large = f" ({size / 1e6:.0f} MB)" if size >= 1e6 else ""
        intake.notes.append(f"the answers file{large} is damaged ({problem}); " + (
            "graded from the backup copy of the last good answers beside it" if rescued else
            "no good copy was found, so its answers score 0 (the file is kept as submitted)"))
    return intake
