"""The course map: every module, what it teaches, how long it takes, and whether it is there yet.

Titles, one-line summaries and planned minutes come from ``course_map.json``. Whether a module is available is
never written down: it is available when the course contains its lesson notebook (``NN_lesson_….ipynb``), and
then the lesson's own time line ("about 25 minutes for this lesson and 20 for the exercise") gives its minutes,
so nothing is typed twice. Shown in a notebook as an HTML table (every text escaped) or as plain text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from . import render
from ._content import content_dir

TIME_LINE = re.compile(r"\*\*Time:\*\*\s*about (\d+) minutes for this lesson and (\d+) for the exercise")
AVAILABLE, COMING_LATER = "Available", "Coming later"


@dataclass(frozen=True)
class ModuleEntry:
    id: str
    title: str
    teaches: str
    minutes: int
    status: str


def lessons(folder: Path | None = None) -> dict[str, Path]:
    """The lesson notebooks the course contains, by module number ("00", "05", …)."""
    folder = content_dir("modules") if folder is None else folder
    return {p.name[:2]: p for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))}


def lesson_minutes(notebook: Path) -> int | None:
    """Lesson plus exercise minutes from the lesson's own time line, or None when it has none."""
    try:
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    for cell in cells:
        found = TIME_LINE.search("".join(cell.get("source", [])))
        if cell.get("cell_type") == "markdown" and found:
            return int(found.group(1)) + int(found.group(2))
    return None


@cache
def planned() -> tuple[dict, ...]:
    return tuple(json.loads(files(__package__).joinpath("course_map.json").read_text("utf-8"))["modules"])


def entries(folder: Path | None = None) -> list[ModuleEntry]:
    """Every module of the course, in order, with its status worked out from the lessons present."""
    present = lessons(folder)
    found = []
    for module in planned():
        lesson = present.get(module["id"])
        minutes = (lesson_minutes(lesson) if lesson else None) or module["minutes"]
        found.append(ModuleEntry(module["id"], module["title"], module["teaches"], minutes,
                                 AVAILABLE if lesson else COMING_LATER))
    return found


@dataclass(frozen=True)
class CourseMap:
    """The map as a notebook shows it: an HTML table, or plain text where HTML cannot be shown."""

    modules: tuple[ModuleEntry, ...]

    def _repr_html_(self) -> str:
        left = ' style="text-align: left; vertical-align: top"'  # JupyterLab right-aligns table cells otherwise
        rows = "".join(
            f'<tr><th scope="row"{left}>{render.escape(m.id)} {render.escape(m.title)}</th>'
            f"<td{left}>{render.escape(m.teaches)}</td><td{left}>about {m.minutes} minutes</td>"
            f"<td{left}>{'✔ ' if m.status == AVAILABLE else ''}{render.escape(m.status)}</td></tr>"
            for m in self.modules)
        head = "".join(f'<th scope="col"{left}>{name}</th>' for name in ("Module", "What it teaches", "Time", "Status"))
        return ('<table class="course-map"><caption>The course map: nine modules, one team\'s story</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def __str__(self) -> str:
        return "\n".join(f"{m.id} {m.title} ({m.status.lower()}, about {m.minutes} minutes): {m.teaches}"
                         for m in self.modules)

    def __repr__(self) -> str:
        return str(self)


def course_map(folder: Path | None = None) -> CourseMap:
    """The course map, with the modules whose lessons ``folder`` (the course's own by default) contains."""
    return CourseMap(tuple(entries(folder)))
