"""The data rule, practised (module 00): sort snippets into "fine to type" and "never type".

Never type real personal, customer or confidential data into the course or into an AI tool. The learner sorts
example snippets (all made up); each snippet stands for a kind of information (a customer's contact details, a
colleague's sick leave, a public policy, ...). One point for each snippet sorted the right way.

A hidden test applies the learner's own sorting to snippets they have not seen: each unseen snippet is of the same
kind as one of the shown ones, and is sorted the way the learner sorted that one. No stricter secret rule, only the
same choices tried on new examples. The snippets, their kinds, the right choices and why are declared in the
module's task file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .feedback import Feedback, Finding
from .messages import finding
from .task import Task

ENGINE = "data-rule/1"
CHOICES = {"fine": "Fine to type", "never": "Never type it"}


@dataclass(frozen=True)
class Snippet:
    """One example of information a learner might be tempted to type, and where it belongs."""

    id: str
    case: int      # 1: shown in the form; 2: used only by the hidden test
    kind: str      # the kind of information; an unseen snippet is sorted like the shown one of its kind
    text: str
    answer: str    # "fine" or "never"
    why: str


def read_snippets(declared: Sequence[Mapping[str, Any]]) -> tuple[Snippet, ...]:
    """The snippets of a task file; every unseen snippet's kind must be among the shown ones."""
    snippets = tuple(Snippet(s["id"], int(s["case"]), s["kind"], s["text"], s["answer"], s["why"]) for s in declared)
    shown_kinds = {s.kind for s in snippets if s.case == 1}
    for snippet in snippets:
        if snippet.answer not in CHOICES:
            raise ValueError(f"Snippet {snippet.id}: the answer must be one of {sorted(CHOICES)}.")
        if snippet.case != 1 and snippet.kind not in shown_kinds:
            raise ValueError(f"Snippet {snippet.id}: no shown snippet is of its kind {snippet.kind!r}.")
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
    like = {s.kind: s for s in shown}
    findings: list[Finding] = []
    unpicked: list[str] = []
    for n, snippet in enumerate(tried, start=1):
        decided_by = snippet if snippet.case == 1 else like[snippet.kind]
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
        " you have not seen (each sorted like the shown one of its kind)"
    summary = f"{earned:g} of {total:g} snippets{unseen} sorted the right way."
    if earned == total:
        summary += " That is the data rule: made-up, public or placeholder text is fine; real people, customers and " \
                   "confidential matters never."
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
