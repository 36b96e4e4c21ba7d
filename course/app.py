"""The app view of a lesson: one lesson shown as a clean web page, without code or notebook menus.

``course app 02`` opens lesson 02 this way with Voila. The lesson runs exactly as it does in JupyterLab, in
the same folder (``lessons/`` of your workspace), so the answers you save in the app and the answers you save
in the notebook are the same file: ``lessons/your answers - 02_prompt_basics.json``.

This module only works things out (which lesson you meant, how to start Voila); ``course app`` in
``course/cli.py`` starts it with ``course/launch.py``, and ``course/app_server.py`` is the server itself.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath

LESSONS_FOLDER = "lessons"
DEFAULT_PORT = 8866  # Voila's own default
ADDRESS = "127.0.0.1"  # this computer only: nobody else on the network can open the app
# The course's page template (course/app_share/voila/templates/course): Voila's page, fetching nothing from
# outside this computer. Voila finds it through JUPYTER_PATH (see ``voila_environment``).
TEMPLATES = Path(__file__).resolve().parent / "app_share"
# A kernel whose page was lost without saying goodbye (the browser crashed, the laptop slept) is stopped after
# this long with no page connected to it. An open page stays connected, so its kernel is never stopped.
IDLE_KERNEL_SECONDS = 600
# What Voila is told besides the lesson: this computer only, the course's page, a light page, the code hidden,
# no tracebacks for learners, lost kernels stopped, and only warnings and errors in the terminal.
VOILA_SETTINGS = (
    f"--Voila.ip={ADDRESS}",
    "--VoilaConfiguration.template=course",
    "--VoilaConfiguration.theme=light",
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.show_tracebacks=False",
    f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
    "--MappingKernelManager.cull_interval=60",
    "--Voila.log_level=WARN",
)

_NUMBER = re.compile(r"^(\d+)(?:_|$)")


class LessonNotFound(ValueError):
    """What you typed names no lesson; the message says which lessons there are."""


def lessons_in(folder: Path) -> list[Path]:
    """The lesson notebooks in ``folder``, in order (02 before 03)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))


def lesson_label(notebook: Path) -> str:
    """How a lesson is named to a learner: ``02_lesson_prompt_basics.ipynb`` is "02 (prompt basics)"."""
    stem = notebook.stem
    match = _NUMBER.match(stem)
    if not match:
        return stem.replace("_", " ")
    title = re.sub(r"^lesson\b\s*", "", stem[match.end():].replace("_", " ").strip())
    return f"{match.group(1)} ({title})" if title else match.group(1)


def find_lesson(typed: str, folder: Path) -> Path:
    """The lesson in ``folder`` that ``typed`` names, or ``LessonNotFound`` with a message listing the lessons.

    A lesson can be named by its number (``02`` or ``2``), by its name (``02_prompt_basics``) or by its file
    (``02_prompt_basics.ipynb``, ``lessons/02_prompt_basics.ipynb``). Only notebooks already in the lessons
    folder can be opened: any other path is not a lesson.
    """
    lessons = lessons_in(folder)
    text = typed.strip()
    if not lessons:
        raise LessonNotFound(f"There are no lessons in {folder}.")
    if not text:
        raise LessonNotFound(f"Say which lesson to open, for example: course app {_number(lessons[0])}. "
                             f"{_listing(lessons)}")
    if text.isascii() and text.isdigit():
        for lesson in lessons:
            number = _number(lesson)
            if number is not None and int(number) == int(text):
                return lesson
        raise LessonNotFound(f"There is no lesson {int(text):02d}. {_listing(lessons)}")
    path = PurePath(text.replace("\\", "/"))
    if len(path.parts) == 1 or path.parent.name == LESSONS_FOLDER:
        name = path.name.removesuffix(".ipynb").lower()
        for lesson in lessons:
            if name in (lesson.stem.lower(), lesson.stem.lower().replace("_lesson_", "_", 1)):
                return lesson  # "02_prompt_basics" names "02_lesson_prompt_basics" too
    raise LessonNotFound(f"There is no lesson called '{text}'. {_listing(lessons)}")


def _number(lesson: Path) -> str | None:
    match = _NUMBER.match(lesson.stem)
    return match.group(1) if match else None


def _listing(lessons: list[Path]) -> str:
    return "Lessons: " + ", ".join(lesson_label(lesson) for lesson in lessons) + "."


def first_free_port(start: int = DEFAULT_PORT, tries: int = 50) -> int:
    """The first port from ``start`` on that nothing on this computer is using yet."""
    for port in range(start, start + tries):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return start  # all taken: Voila then looks for a free port itself


def voila_command(notebook: Path, *, port: int, no_browser: bool = False,
                  extra_args: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The command that shows ``notebook`` as an app.

    Voila's root folder is the notebook's own folder, so the lesson runs there (its working directory) and
    keeps its answers beside the notebook, exactly as in JupyterLab. Start the command in that folder too.
    A setting of the course that ``extra_args`` also give is left out, so the learner's own option wins (Voila
    refuses an option given twice).
    """
    notebook = notebook.resolve()
    own = {_setting(arg) for arg in extra_args}
    settings = [setting for setting in VOILA_SETTINGS if _setting(setting) not in own]
    command = [sys.executable, "-m", "course.app_server", str(notebook), f"--Voila.root_dir={notebook.parent}",
               f"--port={port}", *settings]
    if no_browser:
        command.append("--no-browser")
    return command + list(extra_args)


# Voila's short names for settings the course gives (``--theme=dark`` is ``--VoilaConfiguration.theme=dark``)
VOILA_ALIASES = {name: f"VoilaConfiguration.{name}" for name in ("template", "theme", "strip_sources",
                                                                  "show_tracebacks")}


def _setting(option: str) -> str:
    """The setting a command-line option gives: ``VoilaConfiguration.theme`` for ``--theme=dark``."""
    name = option.removeprefix("--").split("=", 1)[0]
    return VOILA_ALIASES.get(name, name)


def voila_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with the course's page template where Voila looks for templates (first in JUPYTER_PATH)."""
    others = environ.get("JUPYTER_PATH", "")
    return {**environ, "JUPYTER_PATH": os.pathsep.join([str(TEMPLATES), others] if others else [str(TEMPLATES)])}


def app_url(port: int) -> str:
    """Where the app view can be opened in a browser."""
    return f"http://{ADDRESS}:{port}/"
