"""The before-course self-assessment (module 00): how confident a learner feels about each outcome of the course.

A number from 1 (I could not do this today) to 5 (I could do this confidently, on my own) for each outcome. It is
the course's own before-and-after measure: the capstone asks the same questions again, so that a learner can see
what changed, and the course can tell whether it helps. There are no right answers, so it earns no
points: it is complete when every outcome has a number. The outcomes are declared in the module's task file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .feedback import Feedback
from .messages import finding
from .task import Task

ENGINE = "self-assessment/1"
SCALE = {"1": "1 · not yet", "2": "2", "3": "3 · with some help", "4": "4", "5": "5 · confidently, on my own"}


def confidence(value: Any) -> int | None:
    """A confidence from 1 to 5 as saved ('3' or 3), or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1 <= value <= 5:
        return value
    if isinstance(value, str) and value.strip() in SCALE:
        return int(value.strip())
    return None


def read_confidence(value: Any, outcomes: Sequence[Mapping[str, str]]) -> dict[str, int | None]:
    data = value if isinstance(value, Mapping) else {}
    return {o["id"]: confidence(data.get(o["id"])) for o in outcomes}


def check_self_assessment(value: Any, outcomes: Sequence[Mapping[str, str]]) -> Feedback:
    """Complete or not; no points either way, and no number is better than another."""
    given = read_confidence(value, outcomes)
    numbers = [n for n in given.values() if n is not None]
    if not numbers:
        nothing = finding("self_assessment_empty")
        return Feedback(ENGINE, 0.0, 0.0, False, (nothing,), nothing.message + ".")
    missing = len(outcomes) - len(numbers)
    if missing:
        gap = finding("self_assessment_missing", missing=missing, total=len(outcomes))
        return Feedback(ENGINE, 0.0, 0.0, False, (gap,), f"{len(numbers)} of {len(outcomes)} answered so far.")
    average = sum(numbers) / len(numbers)
    return Feedback(ENGINE, 0.0, 0.0, True, (), f"All {len(outcomes)} answered (on average {average:.1f} of 5). "
                    "Thank you: this earns no points and has no right answers. The course asks the same questions "
                    "at the end, so you can see what changed.")


def describe_self_assessment(value: Any, outcomes: Sequence[Mapping[str, str]]) -> str:
    given = read_confidence(value, outcomes)
    return "\n".join(f"{o['text']}: {given[o['id']] or 'not answered'}" for o in outcomes)


def self_assessment_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """A self-assessment declared in a module's task file; ``spec`` is its outcomes (id, short name, text)."""
    outcomes = tuple(declaration["outcomes"])
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, _cases: check_self_assessment(value, outcomes),
                describe=lambda value: describe_self_assessment(value, outcomes), spec=outcomes)
