"""Acceptance criteria for an output of the learner's own team (module 03's last item).

The learner names an output their team gets from an AI tool and writes three criteria for it in the same table as
the exercise: a criterion, a check picked from the list, its value, and whether it is a must-have. There is no
batch of labelled outputs to run them on, so the criteria are read with the rules the table already applies:

- each of the first three criteria is written so two reviewers would judge it the same way (the criteria reader
  of module 03 finds no vague word, missing number, two criteria in one, criterion about the worker, or
  criterion nobody could decide): 2 points each (text that does not read as words, or a criterion written twice,
  earns nothing);
- each has a check that can run (picked from the list, with a value it can use; "A reviewer checks this"
  counts): 1 point each;
- at least one is a must-have: 2 points; the output they judge is named: 1 point.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .criteria import read_bar
from .criteria_checks import KINDS
from .criteria_wording import read_criterion
from .feedback import Feedback, Finding, fix_first
from .messages import finding
from .prompt_reading import unreadable
from .task import Task

ENGINE = "own-criteria/1"
ASKED = 3
WORDING, CHECK, MUST, OUTPUT = 2.0, 1.0, 2.0, 1.0
TOTAL = ASKED * (WORDING + CHECK) + MUST + OUTPUT


def check_own_criteria(value: Any) -> Feedback:
    """Feedback on three criteria for an output of the learner's own team."""
    output = value.get("output") if isinstance(value, Mapping) else None
    output = output.strip() if isinstance(output, str) else ""
    bar = read_bar(value)
    written = [c for c in bar.criteria if c.text.strip() or c.check.kind]
    if not written and not output:
        nothing = finding("own_criteria_empty", cost=TOTAL)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    problems: list[Finding] = []
    if not output or unreadable(output, "en"):
        problems.append(finding("own_criteria_no_output", cost=OUTPUT))
    if len(written) < ASKED:
        problems.append(finding("own_criteria_too_few", cost=(ASKED - len(written)) * (WORDING + CHECK),
                                count=len(written), asked=ASKED))
    seen: set[str] = set()
    for criterion in written[:ASKED]:
        flaws = read_criterion(criterion.text)
        said = " ".join(criterion.text.casefold().split())
        if not criterion.text.strip() or unreadable(criterion.text, "en"):  # gibberish says nothing a reviewer checks
            problems.append(finding("own_criterion_no_text", cost=WORDING + CHECK, number=criterion.number))
            continue
        if said in seen:  # the same criterion twice is one criterion
            problems.append(finding("own_criterion_repeated", cost=WORDING + CHECK, number=criterion.number))
            continue
        seen.add(said)
        if flaws.flaws:
            kind = flaws.flaws[0]
            problems.append(finding(f"criterion_{kind}", cost=WORDING, number=criterion.number,
                                    word=flaws.words[kind]))
        if criterion.check.kind not in KINDS:
            problems.append(finding("own_criterion_no_check", cost=CHECK, number=criterion.number))
        elif criterion.check.problem:
            problems.append(finding("criterion_cannot_run", cost=CHECK, number=criterion.number,
                                    problem=criterion.check.problem))
    if written and not any(c.must for c in written):
        problems.append(finding("own_criteria_no_must", cost=MUST))
    earned = max(0.0, TOTAL - sum(f.cost for f in problems))
    summary = fix_first(problems, "Three criteria two reviewers would judge the same way, each with a check.")
    return Feedback(ENGINE, earned, TOTAL, not problems, tuple(problems), summary)


def describe_own_criteria(value: Any) -> str:
    """The output and the criteria as plain text, one per line, for a grader and the graded cell's echo."""
    output = value.get("output") if isinstance(value, Mapping) else None
    lines = [f"The output: {output.strip() if isinstance(output, str) and output.strip() else '(not named)'}"]
    for c in read_bar(value).criteria:
        kind = KINDS.get(c.check.kind)
        how = f" ({kind.label}{': ' + c.value.strip() if c.value.strip() else ''})" if kind else " (no check)"
        lines.append(f"{c.number}. {c.text.strip() or '(no text)'}{how}{' [must-have]' if c.must else ''}")
    return "\n".join(lines)


def own_criteria_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """Criteria for the learner's own team, declared in a module's task file."""
    def check(value: Any, _cases: Sequence[int]) -> Feedback:
        return check_own_criteria(value)

    return Task(name=name, engine=ENGINE, title=declaration["title"], check_cases=check,
                describe=describe_own_criteria)
