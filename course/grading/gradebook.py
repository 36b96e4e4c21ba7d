"""nbgrader's gradebook of a course folder, opened through nbgrader's own API.

The gradebook is where the course folder's ``nbgrader_config.py`` says (``c.CourseDirectory.db_url``, read with
nbgrader's own configuration loader): a PostgreSQL database when several graders work at once, otherwise SQLite,
``gradebook.db`` in the folder. nbgrader creates a new gradebook by running ``alembic`` as a command, which must be
on PATH; the course's own Python environment (where nbgrader and alembic are installed) is put first, so a command
started by its full path (``.venv/bin/course``) works too. A SQLite gradebook that another program is writing to
(the formgrader, another grading run) is waited for, up to ``wait`` seconds, before nbgrader gives up with
"database is locked"; PostgreSQL lets several programs write at once.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

WAIT = 30  # seconds to wait for another program's write to a SQLite gradebook to finish


def configured_url(course: Path) -> str | None:
    """The ``db_url`` that ``course``'s nbgrader_config.py sets, or None when it sets none."""
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    except ConfigFileNotFound:
        return None
    return config.CourseDirectory.get("db_url") or None


def gradebook_url(course: Path, *, wait: float = WAIT) -> str:
    """The database address of ``course``'s gradebook: the configured one, or ``gradebook.db`` in the folder; a
    SQLite gradebook waits up to ``wait`` s for another program's write."""
    from sqlalchemy.engine import make_url

    url = make_url(configured_url(course) or f"sqlite:///{course / 'gradebook.db'}")
    if url.get_backend_name() == "sqlite":
        url = url.update_query_dict({"timeout": f"{wait:g}"})
    return url.render_as_string(hide_password=False)


def sqlite_file(course: Path) -> Path | None:
    """The file of ``course``'s gradebook when it is SQLite; None for a database server such as PostgreSQL."""
    from sqlalchemy.engine import make_url

    url = make_url(gradebook_url(course))
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def shown(course: Path) -> str:
    """Where ``course``'s gradebook is, for a message: the file, or the database address without its password."""
    from sqlalchemy.engine import make_url

    return str(sqlite_file(course) or make_url(gradebook_url(course)).render_as_string(hide_password=True))


@contextlib.contextmanager
def open_url(db_url: str) -> Iterator[Any]:
    """nbgrader's gradebook at ``db_url``, created if there is none yet."""
    from nbgrader.api import Gradebook

    scripts = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with mock.patch.dict(os.environ, scripts), Gradebook(db_url) as book:
        yield book


@contextlib.contextmanager
def open_gradebook(course: Path, *, wait: float = WAIT) -> Iterator[Any]:
    """The gradebook of ``course``, created if there is none yet."""
    with open_url(gradebook_url(course, wait=wait)) as book:
        yield book


def copy_assignment(course: Path, assignment: str, into: Path) -> None:
    """A new SQLite gradebook ``into`` holding ``assignment`` as ``course``'s gradebook has it (its notebooks and
    their graded, solution, task and source cells) and nothing of any learner: what nbgrader's autograde needs.
    An assignment the gradebook does not know leaves the copy empty (autograde then says so for each learner)."""
    from nbgrader.api import MissingEntry

    with open_gradebook(course) as book, open_url(f"sqlite:///{into}") as copy:
        try:
            found = book.find_assignment(assignment)
        except MissingEntry:
            return
        copy.update_or_create_assignment(assignment, duedate=found.duedate)
        for notebook in found.notebooks:
            name = notebook.name
            copy.update_or_create_notebook(name, assignment, kernelspec=notebook.kernelspec)
            for cell in notebook.grade_cells:
                copy.update_or_create_grade_cell(cell.name, name, assignment, max_score=cell.max_score,
                                                 cell_type=cell.cell_type)
            for cell in notebook.solution_cells:
                copy.update_or_create_solution_cell(cell.name, name, assignment)
            for cell in notebook.task_cells:
                copy.update_or_create_task_cell(cell.name, name, assignment, max_score=cell.max_score,
                                                cell_type=cell.cell_type)
            for cell in notebook.source_cells:
                copy.update_or_create_source_cell(cell.name, name, assignment, cell_type=cell.cell_type,
                                                  locked=cell.locked, source=cell.source, checksum=cell.checksum)
