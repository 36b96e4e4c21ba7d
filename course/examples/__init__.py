"""Recorded example outputs, so prompt practice feels real offline (always labelled as illustrative)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class ExampleOutput:
    """What an AI might return for a prompt with some elements present, and what that shows."""

    text: str
    what_changed: str
    label: str
    present: tuple[str, ...]


@cache
def _recorded(task: str) -> dict | None:
    resource = files("course.examples").joinpath(f"{task}.json")
    return json.loads(resource.read_text("utf-8")) if resource.is_file() else None


def example_output(task: str, present: set[str]) -> ExampleOutput | None:
    """The recorded output for the combination of main elements present, or None for a task without any."""
    recorded = _recorded(task)
    if recorded is None:
        return None
    elements = recorded["elements"]
    key = "".join("1" if element in present else "0" for element in elements)
    chosen = recorded["outputs"][key]
    return ExampleOutput(text=chosen["text"], what_changed=chosen["what_changed"], label=recorded["label"],
                         present=tuple(e for e in elements if e in present))
