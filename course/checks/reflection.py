"""Notes for a human grader on a written reflection: length and data safety. Suggestions only, no points."""

from __future__ import annotations

from typing import Any

from .feedback import Feedback, Finding
from .personal_data import find_personal_data
from .prompt import as_text, words

ENGINE = "reflection/1"
MIN_WORDS = 40


def check_reflection(answer: Any, min_words: int = MIN_WORDS) -> Feedback:
    """Suggestions for a free-text reflection. A person grades it; these notes help them and the learner."""
    text = as_text(answer) if not isinstance(answer, dict | list) else ""
    count = len(words(text))
    findings = []
    if count < min_words:
        findings.append(Finding(
            "short_reflection", "reflection",
            f"The reflection has {count} words; aim for at least {min_words}",
            why="A few more sentences show your grader how you would apply this with your team.",
            hints=("Name the task, who in the team would try it first, and what you would check.",)))
    hits = find_personal_data(text)
    if hits:
        findings.append(Finding(
            "personal_data", "reflection", f"Remove the {hits[0].kind}; use a placeholder instead",
            why="Course answers are read by graders: keep real personal data out of them."))
    summary = f"{count} words." + (" Notes for you and your grader are below." if findings else "")
    return Feedback(engine=ENGINE, earned=0, total=0, passed=count >= min_words and not hits,
                    findings=tuple(findings), summary=summary)
