"""Your own team's work, checked by the same engine as the exercise around it.

Modules 02 to 05 each end with a short item about a task of the learner's own team: one prompt, three acceptance
criteria, a one-page SOP outline and one metric card. Each is checked by the engine that checks the exercise's
Larkfield answer (the prompt coach, the criteria reader, the SOP checker, the metric-card checker), declared in
the module's task file as ``"checked_as"``. The answers stay in each exercise's answers file, where the capstone
(module 08) finds them again.

The work is described in general words: this course's forms count as a consumer AI tool (the data rule of module
00), so a real e-mail address, phone or card number, or a person's full name typed here costs a fifth of the
points, unless the engine has already said so in its own words.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from .feedback import Feedback
from .messages import finding
from .personal_data import find_personal_data
from .task import Task

PERSONAL_DATA_SHARE = 0.2   # of the engine's points, for personal data typed into the course
READ_AT_MOST = 20_000       # characters of each text of an answer searched for personal data


def texts_in(value: Any, limit: int = 2000) -> Iterator[str]:
    """Every piece of text in a saved answer (a text, or texts inside mappings and lists, however deep), at most
    ``limit`` of them; never recursive, so a hand-edited answer nested thousands deep cannot break it."""
    waiting, given = [value], 0
    while waiting and given < limit:
        item = waiting.pop()
        if isinstance(item, str):
            given += 1
            yield item
        elif isinstance(item, Mapping):
            waiting.extend(reversed(list(item.values())))
        elif isinstance(item, list | tuple):
            waiting.extend(reversed(item))


def with_data_rule(feedback: Feedback, value: Any) -> Feedback:
    """The engine's feedback, with a costing finding when the answer holds personal data the engine did not name."""
    if any("personal" in f.kind or "data_safety" in f.kind or "unsafe" in f.kind for f in feedback.findings):
        return feedback
    hits = next((found for text in texts_in(value)  # each text on its own: a date and a count are no phone number
                 if (found := find_personal_data(text[:READ_AT_MOST], limit=1, names=True))), [])
    if not hits:
        return feedback
    if feedback.earned <= 0:  # nothing left to take: the engine's own reason comes first, this one after it
        found = finding("own_work_personal_data", detail=hits[0].kind)
        return Feedback(feedback.engine, 0.0, feedback.total, False, (*feedback.findings, found), feedback.summary)
    cost = round(feedback.total * PERSONAL_DATA_SHARE, 4)
    found = finding("own_work_personal_data", cost=cost, detail=hits[0].kind)
    earned = max(0.0, round(feedback.earned - cost, 4))
    return Feedback(feedback.engine, earned, feedback.total, False, (found, *feedback.findings),
                    f"Fix first: {found.message[:1].lower()}{found.message[1:]}.")


def own_work_task(name: str, declaration: Mapping[str, Any], case_text: Callable[[int], str] | None) -> Task:
    """A task about the learner's own team, checked as ``checked_as`` says, with the data rule on top."""
    module, _, function = declaration["checked_as"].partition(":")
    inner: Task = getattr(importlib.import_module(module), function)(name, declaration, case_text)

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        return with_data_rule(inner.check_cases(value, cases), value)

    return Task(name=name, engine=inner.engine, title=inner.title, check_cases=check, describe=inner.describe,
                shown_cases=inner.shown_cases, sample=inner.sample, spec=inner.spec)
