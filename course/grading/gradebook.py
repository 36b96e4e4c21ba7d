"""nbgrader's gradebook of a course folder, opened through nbgrader's own API.

nbgrader creates a new gradebook by running ``alembic`` as a command, which must be on PATH; the course's own
Python environment (where nbgrader and alembic are installed) is put first, so a command started by its full
path (``.venv/bin/course``) works too. A gradebook that another program is writing to (the formgrader, another
grading run) is waited for, up to ``wait`` seconds, before nbgrader gives up with "database is locked".
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

WAIT = 30  # seconds to wait for another program's write to the gradebook to finish


def gradebook_url(course: Path, *, wait: float = WAIT) -> str:
    """The database address of ``course``'s gradebook: ``gradebook.db`` in the folder, waiting up to ``wait`` s."""
    return f"sqlite:///{course / 'gradebook.db'}?timeout={wait:g}"


@contextlib.contextmanager
def open_gradebook(course: Path, *, wait: float = WAIT) -> Iterator[Any]:
    """The gradebook of ``course``, created if there is none yet."""
    from nbgrader.api import Gradebook

    scripts = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with mock.patch.dict(os.environ, scripts), Gradebook(gradebook_url(course, wait=wait)) as book:
        yield book
