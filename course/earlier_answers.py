"""Bring answers from earlier modules into this assignment: the meeting-summary prompt of module 02 and the
meeting-summary criteria of lesson 03 (never exercise 03's criteria, which are for refund replies).

Grading reads only an assignment's own folder, so the SOP of module 04 cannot refer to answers kept elsewhere:
"Import my earlier answers" copies them in as text the learner can then edit. Earlier answers files are found
beside this assignment's folder (``../02_prompt_basics/``) or in the workspace's lessons (``../../lessons/``),
read strictly and never changed; a damaged or missing file gives a plain sentence and imports nothing from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import answers_file_name, answers_in_file, is_blank

# (module, task, what it becomes in the SOP), tried in this order; the exercise's answer before the lesson's.
# Only answers about the meeting summary: the SOP of module 04 is for that task.
SOURCES = (("02_prompt_basics", "meeting_summary", "prompt"),
           ("03_acceptance_criteria", "summary_criteria", "quality_checks"))


@dataclass
class Imported:
    """What was found: SOP field -> text, where each came from, and what could not be read."""

    texts: dict[str, str] = field(default_factory=dict)
    found_in: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def candidate_files(folder: Path, module: str) -> list[Path]:
    """Where an earlier module's answers may be: its exercise beside this one, then the workspace's lessons."""
    name = answers_file_name(module)
    return [folder.parent / module / name, folder.parent.parent / "lessons" / name, folder.parent / "lessons" / name]


def find_earlier_answers(folder: Path) -> Imported:
    """The prompt and the criteria from earlier modules, as SOP text; never raises."""
    result = Imported()
    for module, task, target in SOURCES:
        if target in result.texts:
            continue
        for path in candidate_files(folder, module):
            try:
                answers, problem = answers_in_file(path)
            except OSError as error:
                answers, problem = {}, f"it could not be opened ({error.strerror or error})"
            if problem:
                result.problems.append(f"Your answers in module {module[:2]}'s {_place(path)} could not be read: "
                                       f"{problem}. Nothing was taken from it; open that module and run it once.")
                continue
            value = answers.get(task)
            if value is not None and not is_blank(value):
                text = as_sop_text(task, value)
                if text.strip():
                    result.texts[target] = text
                    result.found_in.append(f"{_WHAT.get(task, 'your answer')} from module {module[:2]}'s "
                                           f"{_place(path)}")
                    break
    return result


_WHAT = {"meeting_summary": "your meeting-summary prompt", "summary_criteria": "your meeting-summary criteria"}


def _place(path: Path) -> str:
    """Where an answers file is, in a learner's words: a lesson or an exercise."""
    return "lesson" if path.parent.name == "lessons" else "exercise"


def as_sop_text(task: str, value: Any) -> str:
    """An earlier answer as the text of an SOP field: a built prompt with {notes} kept, criteria one per line."""
    from .tasks import get_task

    spec = get_task(task)
    if task == "meeting_summary":
        from .checks.prompt import assemble

        return assemble(value, spec.spec, case="{notes}")
    from .checks.criteria import KINDS, read_bar

    lines = []  # as the team reads a quality check: the criterion in words, never the check's machinery
    for criterion in read_bar(value).criteria:
        kind = KINDS.get(criterion.check.kind)
        said = criterion.text.strip() or (kind.label if kind else "")
        lines.append(f"{said}{' (must pass)' if criterion.must and said else ''}")
    return "\n".join(line for line in lines if line.strip())
