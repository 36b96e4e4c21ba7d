"""The first form of the course (module 00): what your team does, and one recurring task you would like help with.

It is there so that a learner saves a first answer within a minute or two. Each of the two answers earns its point
when it is a short sentence: at least a few words, at most a few lines, and no personal data (an e-mail address, a
phone number, a card number or a person's full name), which the course never asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .feedback import Feedback, Finding
from .messages import finding
from .personal_data import find_personal_data
from .prompt_reading import as_text, words
from .task import Task

ENGINE = "first-form/1"
FIELD_LABELS = {"team_work": "Your team's work", "task_for_help": "A task to get help with"}
MIN_WORDS = 3
MAX_CHARACTERS = 300
POINT_PER_ANSWER = 1.0
TOTAL = POINT_PER_ANSWER * len(FIELD_LABELS)


def read_answers(value: Any) -> dict[str, str]:
    """Each answer as text ('' when missing or not text); never raises."""
    data = value if isinstance(value, Mapping) else {}
    return {name: as_text(data.get(name)).strip() if not isinstance(data.get(name), dict | list) else ""
            for name in FIELD_LABELS}


def problem_with(name: str, text: str) -> Finding | None:
    """What keeps one answer from earning its point, if anything: missing, too short, too long or personal data."""
    label = FIELD_LABELS[name]
    if not text:
        return finding("first_form_missing", cost=POINT_PER_ANSWER, field=label)
    if len(text) > MAX_CHARACTERS:
        return finding("first_form_long", cost=POINT_PER_ANSWER, field=label, count=f"{len(text):,}",
                       most=MAX_CHARACTERS)
    count = len(words(text))
    if count < MIN_WORDS:
        return finding("first_form_short", cost=POINT_PER_ANSWER, field=label, count=count, least=MIN_WORDS)
    hits = find_personal_data(text, limit=1, names=True)
    if hits:
        return finding("first_form_personal_data", cost=POINT_PER_ANSWER, detail=hits[0].kind, field=label)
    return None


def check_first_form(value: Any) -> Feedback:
    """One point for each of the two answers that is a short sentence with no personal data."""
    answers = read_answers(value)
    if not any(answers.values()):
        nothing = finding("first_form_empty", cost=TOTAL)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    findings = tuple(f for f in (problem_with(name, text) for name, text in answers.items()) if f)
    earned = TOTAL - sum(f.cost for f in findings)
    if not findings:
        summary = "Both answers are there: that is all this form asks."
    else:
        done = len(FIELD_LABELS) - len(findings)
        summary = f"{done} of {len(FIELD_LABELS)} answers ready. {findings[0].message}."
    return Feedback(ENGINE, earned, TOTAL, not findings, findings, summary)


def describe_first_form(value: Any) -> str:
    return "\n".join(f"{label}: {read_answers(value)[name]}" for name, label in FIELD_LABELS.items())


def first_form_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """The first form, declared in a module's task file."""
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, _cases: check_first_form(value), describe=describe_first_form)
