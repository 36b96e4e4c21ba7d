"""The message catalogue: every sentence a feedback engine says, kept in data files, one folder per language.

Engines never write a finding's wording themselves; they ask for a kind and fill in its values:
``finding("vague_constraint", cost=1, word="short")``. Each engine keeps its own file (``messages/en/sop.json``),
``shared.json`` the findings several engines give, so a new engine adds its own file and edits no one else's. A
second language is a second folder with the same files and keys.
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
    """The entries of one language's catalogue, by kind of finding, from every engine's file (a kind in two files
    is an error)."""
    found: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    folder = files("course.checks").joinpath("messages", language)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        for kind, said in json.loads(entry.read_text("utf-8"))["kinds"].items():
            if kind in found:
                raise ValueError(f"The message {kind!r} is in both {where[kind]} and {entry.name}.")
            found[kind], where[kind] = said, entry.name
    return found


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
