"""The data rule, practised (module 00): write the rule down, then sort snippets by it.

The course's data rule (``course/data_rules.json``) says, for each kind (class) of data, whether it may go into
any AI tool, only the company's approved tool, or no AI tool. The learner first writes the rule down as they would
follow it at work: a place for each kind of data. Then they sort example snippets (all made up); each snippet is of
one kind, and its right place is that kind's place in the table. One point for each snippet sorted the right way.

A hidden test sorts snippets the learner has not seen with the rule the learner wrote, and checks each against the
course's table: the written rule is what is tried on new examples, not a copy of how a shown snippet was sorted.
Check says where the written rule and the learner's own sorting disagree (no points: one of the two is wrong). The
snippets, their kinds and why are declared in the module's task file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data_rules import PLACES, DataClass, data_classes, place_label, place_of
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
    data_class: str    # a class of the data rule; an unseen snippet is sorted by the learner's rule for its class
    text: str
    why: str

    @property
    def answer(self) -> str:
        """Where the data rule lets it go: 'any', 'approved' or 'none'."""
        return place_of(self.data_class)


def read_snippets(declared: Sequence[Mapping[str, Any]]) -> tuple[Snippet, ...]:
    """The snippets of a task file; each is of a class of the data rule."""
    snippets = tuple(Snippet(s["id"], int(s["case"]), s["class"], s["text"], s["why"]) for s in declared)
    known = {row.id for row in data_classes()}
    for snippet in snippets:
        if snippet.data_class not in known:
            raise ValueError(f"Snippet {snippet.id}: {snippet.data_class!r} is not a class of the data rule.")
    return snippets


def rule_key(row: DataClass) -> str:
    """The name under which the learner's place for one kind of data is saved."""
    return f"rule_{row.id}"


def picks(value: Any, names: Sequence[str]) -> dict[str, str]:
    """The learner's choice on each named line ('' when not picked or not readable); never raises."""
    data = value if isinstance(value, Mapping) else {}
    return {name: data.get(name) if isinstance(data.get(name), str) and data.get(name) in CHOICES else ""
            for name in names}


def learner_rule(value: Any) -> dict[str, str]:
    """The rule the learner wrote: a place ('' when none) for each class of data."""
    chosen = picks(value, [rule_key(row) for row in data_classes()])
    return {row.id: chosen[rule_key(row)] for row in data_classes()}


def check_sorting(value: Any, snippets: Sequence[Snippet], cases: Sequence[int]) -> Feedback:
    """One point per snippet of ``cases`` sorted the right way: a shown snippet by the learner's pick, a snippet the
    learner has not seen by the rule they wrote for its kind."""
    shown = [s for s in snippets if s.case == 1]
    tried = [s for s in snippets if s.case in cases] or shown
    chosen = picks(value, [s.id for s in shown])
    rule = learner_rule(value)
    total = float(len(tried))
    number = {s.id: n for n, s in enumerate(shown, start=1)}
    findings: list[Finding] = []
    unpicked: list[str] = []
    unruled: list[str] = []
    for n, snippet in enumerate(tried, start=1):
        pick = chosen[snippet.id] if snippet.case == 1 else rule[snippet.data_class]
        if not pick:
            (unpicked if snippet.case == 1 else unruled).append(
                str(number[snippet.id]) if snippet.case == 1 else _kind_name(snippet.data_class))
        elif pick != snippet.answer and snippet.case == 1:
            findings.append(finding("data_rule_wrong", cost=1.0, number=number[snippet.id], picked=CHOICES[pick],
                                    answer=CHOICES[snippet.answer], why=snippet.why))
        elif pick != snippet.answer:
            findings.append(finding("data_rule_unseen_wrong", cost=1.0, number=n, text=snippet.text,
                                    picked=CHOICES[pick], data_kind=_kind_name(snippet.data_class),
                                    answer=CHOICES[snippet.answer], why=snippet.why))
    if unpicked and len(unpicked) == len(tried):
        nothing = finding("data_rule_empty", cost=total)
        return Feedback(ENGINE, 0.0, total, False, (nothing,), nothing.message + ".")
    if unpicked:
        findings.insert(0, finding("data_rule_unpicked", cost=float(len(unpicked)), snippets=", ".join(unpicked)))
    if unruled:
        findings.insert(0, finding("data_rule_unseen_unruled", cost=float(len(unruled)),
                                   kinds="; ".join(dict.fromkeys(unruled))))
    if any(s.case == 1 for s in tried):
        findings.extend(_rule_notes(rule, chosen, shown, number))
    earned = max(0.0, total - sum(f.cost for f in findings))
    unseen = "" if all(s.case == 1 for s in tried) else " you have not seen"
    by = "" if all(s.case == 1 for s in tried) else " by the rule you wrote"
    summary = f"{earned:g} of {total:g} snippets{unseen} sorted the right way{by}."
    if earned == total:
        summary += (" That is the data rule: made-up, public and general text may go into any AI tool; internal "
                    "notes and personal data only into the approved tool; confidential and special data into none.")
    return Feedback(ENGINE, earned, total, earned == total, tuple(findings), summary)


def _kind_name(data_class: str) -> str:
    return next(row.name for row in data_classes() if row.id == data_class).lower()


def _rule_notes(rule: Mapping[str, str], chosen: Mapping[str, str], shown: Sequence[Snippet],
                number: Mapping[str, int]) -> list[Finding]:
    """Advice (no points) on the written rule: kinds with no place yet, and kinds where the rule and the learner's
    own sorting of a shown snippet disagree. Grading sorts new snippets by the rule, so these are worth a look."""
    notes: list[Finding] = []
    missing = [row.name.lower() for row in data_classes() if not rule[row.id]]
    if missing:
        notes.append(finding("data_rule_rule_missing", kinds="; ".join(missing)))
    for row in data_classes():
        sorted_otherwise = [number[s.id] for s in shown
                            if s.data_class == row.id and rule[row.id] and chosen[s.id]
                            and chosen[s.id] != rule[row.id]]
        if sorted_otherwise:
            notes.append(finding("data_rule_rule_disagrees", data_kind=row.name.lower(), rule=CHOICES[rule[row.id]],
                                 snippets=", ".join(map(str, sorted_otherwise))))
    return notes


def describe_sorting(value: Any, snippets: Sequence[Snippet]) -> str:
    shown = [s for s in snippets if s.case == 1]
    chosen = picks(value, [s.id for s in shown])
    rule = learner_rule(value)
    lines = [f"Your rule, {row.name.lower()}: {CHOICES.get(rule[row.id], 'no place yet')}" for row in data_classes()]
    lines += [f"Snippet {n}: {CHOICES.get(chosen[s.id], 'not sorted')} ({s.text})"
              for n, s in enumerate(shown, start=1)]
    return "\n".join(lines)


def data_rule_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """A sorting task declared in a module's task file; ``spec`` is the shown snippets, in order (the rule's lines
    are the data rule's classes)."""
    snippets = read_snippets(declaration["snippets"])
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, cases: check_sorting(value, snippets, cases),
                describe=lambda value: describe_sorting(value, snippets),
                shown_cases=tuple(declaration.get("shown_cases", [1])),
                spec=tuple(s for s in snippets if s.case == 1))
