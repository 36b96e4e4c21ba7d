"""Where the course's own files are: inside the installed package, or in the source tree when developing."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_CONTENT = Path(str(files("course"))) / "_content"
SOURCE_TREE = Path(__file__).resolve().parent.parent


def content_dir(name: str) -> Path:
    """The folder ``name`` ('modules', 'exercises' or 'datasets') of the course content."""
    for base in (PACKAGE_CONTENT, SOURCE_TREE):
        if (base / name).is_dir():
            return base / name
    raise FileNotFoundError(f"The course content folder '{name}' is missing; reinstall the course package.")
