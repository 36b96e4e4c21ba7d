"""The word lists the engines use: ``course/checks/vocab/<language>.json``, and a file per newer engine in
``vocab/<language>/`` (``team_message.json``), so an engine added with a module edits no shared list."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def vocabulary(language: str = "en") -> dict[str, Any]:
    """The word lists for one language, by engine (a section in two files is an error)."""
    folder = files("course.checks").joinpath("vocab")
    lists: dict[str, Any] = json.loads(folder.joinpath(f"{language}.json").read_text("utf-8"))
    own = folder.joinpath(language)
    for entry in sorted(own.iterdir(), key=lambda e: e.name) if own.is_dir() else ():
        if entry.name.endswith(".json"):
            for section, words in json.loads(entry.read_text("utf-8")).items():
                if section in lists:
                    raise ValueError(f"The word lists {section!r} are in both {language}.json and {entry.name}.")
                lists[section] = words
    return lists


def alternation(words: Iterable[str]) -> str:
    """Words as one regular-expression alternation, longest first; a space matches any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word or phrase, in any case."""
    return re.compile(r"(?<![\w])(?:" + alternation(words) + r")(?![\w])", re.IGNORECASE)
