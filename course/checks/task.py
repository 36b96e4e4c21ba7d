"""A task: one thing a learner answers, bound to the engine that checks it and the data it is tried on.

Engines make their own tasks from a module's task file (see course/tasks/); forms and grading use only this.
A task's *shown* cases are the data the learner sees in the form and that the Check button uses; a hidden test
applies exactly the same rules to other cases the learner has not seen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .feedback import Feedback


@dataclass(frozen=True)
class Task:
    """A named check with its shown cases, and how to describe an answer in plain text for a grader."""

    name: str
    engine: str
    title: str
    check_cases: Callable[[Any, Sequence[int]], Feedback]
    describe: Callable[[Any], str]
    shown_cases: tuple[int, ...] = ()
    sample: Callable[[], str] = lambda: ""
    spec: Any = None

    def check(self, value: Any, cases: Sequence[int] | None = None) -> Feedback:
        """Feedback on ``value``, using the shown cases unless others are given."""
        return self.check_cases(value, self.shown_cases if cases is None else tuple(cases))

    def shown_case_text(self) -> str:
        """The data the learner's answer is tried on first (for previews)."""
        return self.sample()
