"""Every task a learner answers, declared per module in this folder: ``<module>.json``.

A module adds its tasks by adding its own file here; nothing else in the course changes. Each task names the
engine function that makes it (``"course.checks.prompt:builder_task"``) and, where its answers are tried on data,
the function that gives one case of that data (``"course.data:meeting_notes"``). Engines are imported only when
one of their tasks is first used.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

from ..checks.task import Task

__all__ = ["Task", "get_task", "task_names", "declarations"]


@cache
def declarations() -> dict[str, dict[str, Any]]:
    """Every declared task by name, from all modules' task files (a name declared twice is an error)."""
    found: dict[str, dict[str, Any]] = {}
    for entry in sorted(files(__name__).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        module = entry.name.removesuffix(".json")
        for name, declaration in json.loads(entry.read_text("utf-8"))["tasks"].items():
            if name in found:
                raise ValueError(f"The task {name!r} is declared in both {found[name]['module']} and {module}.")
            found[name] = {**declaration, "module": module}
    return found


def task_names() -> set[str]:
    return set(declarations())


def _resolve(reference: str) -> Callable[..., Any]:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


@cache
def get_task(name: str) -> Task:
    """The task called ``name``; raises KeyError with the known names when there is none."""
    declared = declarations().get(name)
    if declared is None:
        raise KeyError(f"No task called {name!r}; known tasks: {', '.join(sorted(task_names()))}")
    case_text = _resolve(declared["cases_from"]) if declared.get("cases_from") else None
    return _resolve(declared["engine"])(name, declared, case_text)
