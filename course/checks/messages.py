"""The message catalogue: every sentence a feedback engine says, kept in one data file per language.

Engines never write a finding's wording themselves; they ask for a kind and fill in its values:
``finding("vague_constraint", cost=1, word="short")``. Wording is edited in ``messages/en.json`` alone, and a
second language is a second file with the same keys.
"""

from __future__ import annotations

import json
import string
from functools import cache
from importlib.resources import files
from typing import Any

from .feedback import Finding


@cache
def catalogue(language: str = "en") -> dict[str, dict[str, str]]:
    """The entries of one language's catalogue, by kind of finding."""
    raw = files("course.checks").joinpath("messages", f"{language}.json").read_text("utf-8")
    return json.loads(raw)["kinds"]


class _Blank(dict):
    """Fills a value the engine did not give with nothing, so a missing value never raises."""

    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, values: dict[str, Any]) -> str:
    return string.Formatter().vformat(template, (), _Blank(values))


def finding(kind: str, *, cost: float = 0.0, weak: bool = False, language: str = "en", **values: Any) -> Finding:
    """The finding of ``kind`` in the learner's language, with its values filled in.

    ``weak`` picks the wording for an element that is there but says too little. ``cost`` is the points the
    finding takes away (0 makes it a suggestion).
    """
    entry = catalogue(language)[kind]
    message = entry.get("message_weak", entry["message"]) if weak else entry["message"]
    hints = tuple(_fill(entry[key], values) for key in ("nudge", "example") if entry.get(key))
    return Finding(kind=kind, where=_fill(entry["where"], values), message=_fill(message, values),
                   why=_fill(entry.get("why", ""), values), hints=hints, cost=float(cost))
