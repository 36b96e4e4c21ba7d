"""The word lists the engines use, one JSON file per language in course/checks/vocab/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def vocabulary(language: str = "en") -> dict[str, Any]:
    """The word lists for one language."""
    return json.loads(files("course.checks").joinpath("vocab", f"{language}.json").read_text("utf-8"))


def alternation(words: Iterable[str]) -> str:
    """Words as one regular-expression alternation, longest first; a space matches any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word or phrase, in any case."""
    return re.compile(r"(?<![\w])(?:" + alternation(words) + r")(?![\w])", re.IGNORECASE)
