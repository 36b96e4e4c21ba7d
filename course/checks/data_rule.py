"""The data rule, practised (module 00): sort snippets by the AI tool they may go into.

The course's data rule (``course/data_rules.json``) says, for each class of data, whether it may go into any AI
tool, only the company's approved tool, or no AI tool. The learner sorts example snippets (all made up); each
snippet is of one data class, and its right place is that class's place in the table. One point for each snippet
sorted the right way.

A hidden test sorts snippets the learner has not seen: each is of a data class shown in the form, and is sorted the
way the learner sorted the first shown snippet of that class, then checked against the table. No stricter secret
rule, only the learner's own rule tried on new examples. The snippets, their classes and why are declared in the
module's task file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data_rules import PLACES, data_classes, place_label, place_of
from .feedback import Feedback, Finding
from .messages import finding
from .task import Task

ENGINE = "data-rule/1"
CHOICES = {place: place_label(place) for place in PLACES}


@dataclass(frozen=True)
class Snippet:
    """One example of information a learner might be tempted to type, and where it belongs."""

    id: str
    case: int          # 1: shown in the form; 2: used only by the hidden test
    data_class: str    # a class of the data rule; an unseen snippet is sorted like the first shown one of its class
    text: str
    why: str

    @property
    def answer(self) -> str:
        """Where the data rule lets it go: 'any', 'approved' or 'none'."""
        return place_of(self.data_class)


def read_snippets(declared: Sequence[Mapping[str, Any]]) -> tuple[Snippet, ...]:
    """The snippets of a task file; every class is in the data rule, every unseen snippet's among the shown ones."""
    snippets = tuple(Snippet(s["id"], int(s["case"]), s["class"], s["text"], s["why"]) for s in declared)
    known = {row.id for row in data_classes()}
    shown_classes = {s.data_class for s in snippets if s.case == 1}
    for snippet in snippets:
        if snippet.data_class not in known:
            raise ValueError(f"Snippet {snippet.id}: {snippet.data_class!r} is not a class of the data rule.")
        if snippet.case != 1 and snippet.data_class not in shown_classes:
            raise ValueError(f"Snippet {snippet.id}: no shown snippet is of its class {snippet.data_class!r}.")
    return snippets


def picks(value: Any, shown: Sequence[Snippet]) -> dict[str, str]:
    """The learner's choice for each shown snippet ('' when not picked or not readable); never raises."""
    data = value if isinstance(value, Mapping) else {}
    return {s.id: data.get(s.id) if isinstance(data.get(s.id), str) and data.get(s.id) in CHOICES else ""
            for s in shown}


def check_sorting(value: Any, snippets: Sequence[Snippet], cases: Sequence[int]) -> Feedback:
    """One point per snippet of ``cases`` sorted the right way, by the learner's choices on the shown snippets."""
    shown = [s for s in snippets if s.case == 1]
    chosen = picks(value, shown)
    tried = [s for s in snippets if s.case in cases] or shown
    total = float(len(tried))
    if not any(chosen.values()):
        nothing = finding("data_rule_empty", cost=total)
        return Feedback(ENGINE, 0.0, total, False, (nothing,), nothing.message + ".")
    number = {s.id: n for n, s in enumerate(shown, start=1)}
    like: dict[str, Snippet] = {}
    for s in shown:
        like.setdefault(s.data_class, s)
    findings: list[Finding] = []
    unpicked: list[str] = []
    for n, snippet in enumerate(tried, start=1):
        decided_by = snippet if snippet.case == 1 else like[snippet.data_class]
        pick = chosen[decided_by.id]
        if not pick:
            unpicked.append(str(number[decided_by.id]))
        elif pick != snippet.answer and snippet.case == 1:
            findings.append(finding("data_rule_wrong", cost=1.0, number=number[snippet.id], picked=CHOICES[pick],
                                    answer=CHOICES[snippet.answer], why=snippet.why))
        elif pick != snippet.answer:
            findings.append(finding("data_rule_unseen_wrong", cost=1.0, number=n, text=snippet.text,
                                    picked=CHOICES[pick], like=number[decided_by.id], answer=CHOICES[snippet.answer],
                                    why=snippet.why))
    if unpicked:
        findings.insert(0, finding("data_rule_unpicked", cost=float(len(unpicked)),
                                   snippets=", ".join(dict.fromkeys(unpicked))))
    earned = max(0.0, total - sum(f.cost for f in findings))
    unseen = "" if all(s.case == 1 for s in tried) else \
        " you have not seen (each sorted like the first shown one of its kind)"
    summary = f"{earned:g} of {total:g} snippets{unseen} sorted the right way."
    if earned == total:
        summary += (" That is the data rule: made-up, public and general text may go into any AI tool; internal "
                    "notes and personal data only into the approved tool; confidential and special data into none.")
    return Feedback(ENGINE, earned, total, earned == total, tuple(findings), summary)


def describe_sorting(value: Any, snippets: Sequence[Snippet]) -> str:
    shown = [s for s in snippets if s.case == 1]
    chosen = picks(value, shown)
    return "\n".join(f"Snippet {n}: {CHOICES.get(chosen[s.id], 'not sorted')} ({s.text})"
                     for n, s in enumerate(shown, start=1))


def data_rule_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """A sorting task declared in a module's task file; ``spec`` is the shown snippets, in order."""
    snippets = read_snippets(declaration["snippets"])
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, cases: check_sorting(value, snippets, cases),
                describe=lambda value: describe_sorting(value, snippets),
                shown_cases=tuple(declaration.get("shown_cases", [1])),
                spec=tuple(s for s in snippets if s.case == 1))
