"""Leading AI adoption: a hands-on course for people managers.

Notebooks use one entry point: ``wb = course.start("02_prompt_basics")``.

``import course`` stays light: the workbook, its forms and engines load when ``course.start`` (or
``course.Workbook``) is first used, so the ``course`` command answers ``--help`` at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .workbook import Workbook, start

__all__ = ["Workbook", "start"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import workbook

        return getattr(workbook, name)
    raise AttributeError(f"module 'course' has no attribute {name!r}")
