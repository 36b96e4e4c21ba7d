"""The exercises' tasks: which engine checks an answer and on which data (the only place they meet).

A task's *shown* cases are the data the learner sees in the form and that the Check button uses; a hidden
test applies exactly the same rules to other cases the learner has not seen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import data
from .checks import prompt, prompt_text, reflection
from .checks.feedback import Feedback


@dataclass(frozen=True)
class Task:
    """One thing a learner answers: its engine, its shown data, and how to describe an answer in text."""

    name: str
    engine: str
    title: str
    shown_cases: tuple[int, ...]
    _check: Callable[[Any, Sequence[int]], Feedback]
    _describe: Callable[[Any], str]
    _sample: Callable[[], str] = lambda: ""

    def check(self, value: Any, cases: Sequence[int] | None = None) -> Feedback:
        """Feedback on ``value``, using the shown cases unless others are given."""
        return self._check(value, self.shown_cases if cases is None else tuple(cases))

    def shown_case_text(self) -> str:
        """The data the learner's answer is tried on first (for previews)."""
        return self._sample()

    def describe(self, value: Any) -> str:
        """The answer as plain text, the way a grader reads it."""
        return self._describe(value)


CASES: dict[str, Callable[[int], str]] = {
    "meeting_notes": data.meeting_notes,
    "support_tickets": data.tickets_text,
}


def _prompt_task(name: str) -> Task:
    spec = prompt.prompt_task(name)
    case_text = CASES[spec.cases_from]

    def check(value: Any, weeks: Sequence[int]) -> Feedback:
        return prompt.check_prompt(value, spec, cases=[case_text(w) for w in weeks])

    def describe(value: Any) -> str:
        return prompt.assemble(value, spec, case=f"<the {spec.slot} go here>")

    return Task(name=name, engine=prompt.ENGINE, title=spec.title, shown_cases=(1, 2),
                _check=check, _describe=describe, _sample=lambda: case_text(1))


def _reflection_task(name: str, title: str) -> Task:
    return Task(name=name, engine=reflection.ENGINE, title=title, shown_cases=(),
                _check=lambda value, _cases: reflection.check_reflection(value),
                _describe=prompt.as_text)


def _free_prompt_task(name: str, title: str, slot: str | None, terms: tuple[str, ...] = ()) -> Task:
    def check(value: Any, weeks: Sequence[int]) -> Feedback:
        cases = [CASES["support_tickets"](w) for w in weeks] if slot else []
        return prompt_text.check_prompt_text(value, slot=slot, cases=cases, required_terms=terms)

    return Task(name=name, engine=prompt_text.ENGINE, title=title, shown_cases=(1, 2) if slot else (),
                _check=check, _describe=prompt.as_text)


# name -> (title, the input slot the prompt must carry if any, terms it must name)
FREE_PROMPTS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "free_prompt": ("A prompt in your own words", None, ()),
    "repair_prompt": ("The weak triage prompt, repaired", "tickets",
                      tuple(prompt.prompt_task("ticket_triage").required_terms)),
}
REFLECTIONS = {
    "first_use_reflection": "Where your team would use this prompt first",
}


def task_names() -> set[str]:
    return prompt.prompt_task_names() | set(REFLECTIONS) | set(FREE_PROMPTS)


def get_task(name: str) -> Task:
    """The task called ``name``; raises KeyError with the known names when there is none."""
    if name in prompt.prompt_task_names():
        return _prompt_task(name)
    if name in FREE_PROMPTS:
        return _free_prompt_task(name, *FREE_PROMPTS[name])
    if name in REFLECTIONS:
        return _reflection_task(name, REFLECTIONS[name])
    raise KeyError(f"No task called {name!r}; known tasks: {', '.join(sorted(task_names()))}")
