"""The word lists the engines use, one JSON file per language in course/checks/vocab/."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def vocabulary(language: str = "en") -> dict[str, Any]:
    """The word lists for one language."""
    return json.loads(files("course.checks").joinpath("vocab", f"{language}.json").read_text("utf-8"))
