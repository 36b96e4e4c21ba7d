"""The course home: the first page `course lab` opens, instead of JupyterLab's launcher.

It is a Markdown page in the workspace (``Course home.md``), written afresh each time the course starts and after
each save, and shown as a page, not as text to edit. It lists every module of the course map with how far the
learner has got (read from the answers files beside the lessons and exercises, nothing else: an exercise is done
when every form in it has an answer), links to each lesson
and exercise, says where to continue, and how to get help. Nothing here is typed by the learner, so nothing of
theirs is overwritten.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from .answers import answers_file_name, answers_in_file, is_blank
from .course_map import AVAILABLE, entries

HOME_FILE = "Course home.md"
NOT_STARTED, LESSON_STARTED, EXERCISE_STARTED = "Not started", "Lesson started", "Exercise started"
EXERCISE_DONE = "Every part answered"
FORM_CALL = re.compile(r'\bwb\.(?!grade\b|model_answer\b|show_saved\b)\w+\(\s*"(\w+)"')


def _notebooks(folder: Path, module_id: str) -> tuple[Path | None, Path | None]:
    """A module's lesson and exercise notebooks in the workspace ``folder`` (None where there is none)."""
    lesson = next(iter(sorted((folder / "lessons").glob(f"{module_id}_*.ipynb"))), None)
    exercise = next(iter(sorted((folder / "exercises").glob(f"{module_id}_*/{module_id}_*.ipynb"))), None)
    return lesson, exercise


def exercise_tasks(exercise: Path) -> set[str]:
    """The tasks the exercise's forms ask (read from its code cells; never raises)."""
    try:
        cells = json.loads(exercise.read_text("utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {task for cell in cells if isinstance(cell, dict) and cell.get("cell_type") == "code"
            for task in FORM_CALL.findall("".join(cell.get("source", "")))}


def progress(folder: Path, module_id: str) -> str:
    """How far the learner has got in a module: whether its lesson or exercise has answers saved, and whether
    every form of the exercise has one."""
    _lesson, exercise = _notebooks(folder, module_id)
    answers_file = exercise.parent / answers_file_name(exercise.stem) if exercise is not None else None
    if answers_file is not None and answers_file.exists():
        answers, _problem = answers_in_file(answers_file)
        asked = exercise_tasks(exercise)
        done = asked and all(task in answers and not is_blank(answers[task]) for task in asked)
        return EXERCISE_DONE if done else EXERCISE_STARTED
    if any((folder / "lessons").glob(answers_file_name(f"{module_id}_*"))):
        return LESSON_STARTED
    return NOT_STARTED


def _link(folder: Path, notebook: Path | None, text: str) -> str:
    return f"[{text}]({quote(notebook.relative_to(folder).as_posix())})" if notebook else ""


def home_markdown(folder: Path) -> str:
    """The course home for the workspace ``folder``."""
    rows, resume = [], None
    for module in entries():
        if module.status != AVAILABLE:
            rows.append(f"| {module.id} {module.title} | {module.teaches} | coming later | |")
            continue
        lesson, exercise = _notebooks(folder, module.id)
        where = progress(folder, module.id)
        if resume is None or (resume[2] == EXERCISE_DONE and where != EXERCISE_DONE):
            resume = (module, exercise if where == EXERCISE_STARTED else lesson, where)  # the first not done
        elif where not in (NOT_STARTED, EXERCISE_DONE):
            resume = (module, exercise if where == EXERCISE_STARTED else lesson, where)  # the latest begun
        links = " · ".join(link for link in (_link(folder, lesson, "Lesson"), _link(folder, exercise, "Exercise"))
                           if link)
        rows.append(f"| {module.id} {module.title} | {module.teaches} | {where} · about {module.minutes} min "
                    f"| {links} |")
    lines = ["# Your course home", "",
             "Lead AI adoption in your team, one module at a time. Each module has a **lesson** (practice, with "
             "feedback as you type) and an **exercise** (the graded version). Your answers are saved beside each "
             "notebook as you go: closing a tab or the browser loses nothing.", ""]
    if resume is not None:
        module, notebook, where = resume
        verb = "Start here" if where == NOT_STARTED else "Continue where you left off"
        if where == EXERCISE_DONE:  # every available module done
            verb = "All available modules done; go back to any"
        lines += [f"**{verb}:** {_link(folder, notebook, f'{module.id} {module.title}')}", ""]
    lines += ["| Module | What it teaches | Your progress | Open |", "|---|---|---|---|", *rows, "",
              f"*Your progress at {datetime.now():%H:%M}. This page is written again each time you save an answer; "
              "if it was already open, **File › Reload Markdown File from Disk** shows the latest.*", "",
              "## How to get help", "",
              "- Every form says what to fix next, beside the field you are typing in. **Show me how** adds a "
              "worked example.",
              "- **Check** shows the feedback on your saved answer, exactly as grading will read it.",
              "- Stuck or something looks wrong? In a group course, ask your facilitator. Learning alone: lesson 00 "
              "shows again how forms, Save and Check work; **Run › Restart Kernel and Run All Cells…** brings a "
              "notebook back with every saved answer.",
              "- Come back to this page with its tab, **Course home**, or open it from the file list (**View › "
              f"File Browser**, “{HOME_FILE}”).", "",
              "## How long a module takes", "",
              "The minutes above are estimates, not limits: every word of the lesson and the exercise read at a "
              "careful 180 words a minute (the drafts you judge included), plus the time to fill in each field: "
              "under a minute for a short line, a minute and a half for a sentence or two, six minutes for a "
              "paragraph, and two minutes a form to save, check and fix one thing. Adding rows (more criteria, "
              "more steps) takes longer. Take the time you need; nothing is timed.", ""]
    return "\n".join(lines)


def refresh_near(notebook_folder: Path) -> Path | None:
    """After a save in a lesson or exercise: write the course home again, when the workspace it belongs to has
    one (so its progress is right the next time it is opened); None when there is none. Never raises."""
    for folder in (notebook_folder.parent, notebook_folder.parent.parent):
        if (folder / HOME_FILE).is_file():
            try:
                return write_home(folder)
            except OSError:
                return None
    return None


def write_home(folder: Path) -> Path:
    """Write the course home into the workspace ``folder`` (replacing the one made at the last start)."""
    path = folder / HOME_FILE
    path.write_text(home_markdown(folder), encoding="utf-8")
    return path
