"""nbgrader's gradebook of a course folder, opened through nbgrader's own API.

nbgrader creates a new gradebook by running ``alembic`` as a command, which must be on PATH; the course's own
Python environment (where nbgrader and alembic are installed) is put first, so a command started by its full
path (``.venv/bin/course``) works too.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock


@contextlib.contextmanager
def open_gradebook(course: Path) -> Iterator[Any]:
    """The gradebook of ``course`` (``gradebook.db``), created if there is none yet."""
    from nbgrader.api import Gradebook

    scripts = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    with mock.patch.dict(os.environ, scripts), Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        yield book
