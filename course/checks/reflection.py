"""Notes for a human grader on a written reflection: length and data safety. Suggestions only, no points.

The length asked (``min_words`` to ``max_words``) is declared in the module's task file, and the exercise asks for
the same range in its words (a test compares the two)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .feedback import Feedback
from .messages import finding
from .personal_data import find_personal_data
from .prompt_reading import MAX_READ, as_text, words
from .task import Task

ENGINE = "reflection/2"
MIN_WORDS = 40
MAX_WORDS = 200


def check_reflection(answer: Any, min_words: int = MIN_WORDS, max_words: int = MAX_WORDS) -> Feedback:
    """Suggestions for a free-text reflection. A person grades it; these notes help them and the learner."""
    text = as_text(answer)[:MAX_READ] if not isinstance(answer, dict | list) else ""
    count = len(words(text))
    findings = []
    if count < min_words:
        findings.append(finding("short_reflection", count=count, limit=min_words))
    elif count > max_words:
        findings.append(finding("long_reflection", count=count, limit=max_words))
    hits = find_personal_data(text)
    if hits:
        findings.append(finding("personal_data", detail=hits[0].kind, element="reflection"))
    summary = f"{count} words." + (" Notes for you and your grader are below." if findings else "")
    return Feedback(engine=ENGINE, earned=0, total=0, passed=min_words <= count <= max_words and not hits,
                    findings=tuple(findings), summary=summary)


def reflection_task(name: str, declaration: Mapping[str, Any], _case_text: Callable[[int], str] | None) -> Task:
    """A reflection a person grades, declared in a module's task file."""
    minimum = int(declaration.get("min_words", MIN_WORDS))
    maximum = int(declaration.get("max_words", MAX_WORDS))
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, _cases: check_reflection(value, minimum, maximum), describe=as_text)
