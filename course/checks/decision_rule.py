"""A manager's decision rule for an AI pilot: scale a use case or stop it, from its figures.

The rule: scale a use case when the minutes it saves per task exceed a threshold and its error rate rises by no
more than a set number of points over the baseline; stop it otherwise. The manager picks which minutes count:
net of review and rework (the honest figure) or before them. Applied to the pilot's data, the rule's decisions are
compared with the right ones for that pilot; a hidden test applies the same rule to another pilot's data, so the
grade rewards the rule, not numbers copied from a chart.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import HELDOUT
from .feedback import Feedback, Finding
from .messages import finding
from .task import Task

ENGINE = "decision-rule/1"
MEASURES = {"net": "net minutes saved per task (review and rework included)",
            "gross": "minutes saved per task before review and rework"}
USE_CASE_NAMES = {"ticket_triage": "Ticket triage", "refund_reply": "Refund replies",
                  "meeting_summary": "Meeting summaries"}


@dataclass(frozen=True)
class Rule:
    measure: str
    min_minutes: float
    max_error_rise: float


@dataclass(frozen=True)
class UseCaseFigures:
    """One use case in one pilot: minutes saved per task before and after review and rework, error rates."""

    use_case: str
    gross_minutes: float
    net_minutes: float
    error_before: float
    error_after: float

    @property
    def error_rise(self) -> float:
        """How many percentage points the error rate rose from the baseline to the pilot."""
        return round(100 * (self.error_after - self.error_before), 2)

    def decide(self, rule: Rule) -> str:
        minutes = self.net_minutes if rule.measure == "net" else self.gross_minutes
        return "scale" if minutes > rule.min_minutes and self.error_rise <= rule.max_error_rise else "stop"

    def sentence(self) -> str:
        name = USE_CASE_NAMES.get(self.use_case, self.use_case)
        net = (f"{self.net_minutes:.1f} saved once review and rework count" if self.net_minutes >= 0
               else f"{-self.net_minutes:.1f} lost once review and rework count")
        before, after = 100 * self.error_before, 100 * self.error_after
        errors = (f"errors stay at {before:.1f}%" if round(before, 1) == round(after, 1)
                  else f"errors {'rise' if after > before else 'fall'} from {before:.1f}% to {after:.1f}%")
        return f"{name}: {self.gross_minutes:.1f} minutes a task saved before review, {net}; {errors}."


def pilot_figures(log: Any) -> list[UseCaseFigures]:
    """Each use case's figures from a pilot log (course.metrics does the arithmetic)."""
    from .. import metrics

    saved, _missing = metrics.time_saved(log)
    quality = metrics.quality(log)["error_rate"]
    return [UseCaseFigures(case, float(saved.loc[case, "gross_minutes_saved_per_task"]),
                           float(saved.loc[case, "net_minutes_saved_per_task"]),
                           float(quality.get((case, "baseline"), 0.0)), float(quality.get((case, "pilot"), 0.0)))
            for case in saved.index]


def number(text: Any) -> float | None:
    """A number typed as '0.5', '0,5', '2%' or '2 points'; None when there is none or it is not finite."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if math.isfinite(text) else None
    found = re.fullmatch(r"\s*([-+]?\d{1,6}(?:[.,]\d{1,4})?)\s*(?:%|points?|pp|minutes?|mins?)?\s*", str(text or ""))
    return float(found.group(1).replace(",", ".")) if found else None


def read_rule(value: Any) -> tuple[Rule | None, list[Finding]]:
    """The rule in a saved answer, or the findings that say what is missing or unreadable."""
    data = value if isinstance(value, Mapping) else {}
    problems = []
    measure = data.get("measure") if data.get("measure") in MEASURES else None
    if measure is None:
        problems.append(finding("rule_no_measure"))
    minutes = number(data.get("min_minutes"))
    if minutes is None:
        problems.append(finding("rule_bad_number", field="minutes saved per task",
                                value=str(data.get("min_minutes", ""))[:20]))
    rise = number(data.get("max_error_rise"))
    if rise is None:
        problems.append(finding("rule_no_guardrail", value=str(data.get("max_error_rise", ""))[:20]))
    elif rise < 0:
        problems.append(finding("rule_bad_number", field="error rate rise", value=str(data.get("max_error_rise"))))
        rise = None
    if problems or measure is None or minutes is None or rise is None:
        return None, problems
    return Rule(measure, minutes, rise), []


def check_rule(value: Any, figures: Sequence[UseCaseFigures], right: Mapping[str, str]) -> Feedback:
    """The rule applied to each use case, against the right decision for that pilot: one point each."""
    total = float(len(right)) or 1.0
    data = value if isinstance(value, Mapping) else {}
    if not any(str(data.get(k, "")).strip() for k in ("measure", "min_minutes", "max_error_rise")):
        nothing = finding("rule_empty", cost=total)
        return Feedback(ENGINE, 0.0, total, False, (nothing,), nothing.message + ".")
    rule, problems = read_rule(value)
    if rule is None:
        problems = [Finding(f.kind, f.where, f.message, f.why, f.hints, total / len(problems)) for f in problems]
        return Feedback(ENGINE, 0.0, total, False, tuple(problems), "The rule cannot be applied yet.")
    findings, right_count = [], 0
    for figures_of in figures:
        expected = right.get(figures_of.use_case)
        if expected is None:
            continue
        decided = figures_of.decide(rule)
        if decided == expected:
            right_count += 1
        else:
            findings.append(finding("rule_wrong_decision", cost=1.0, decided=decided, expected=expected,
                                    use_case=USE_CASE_NAMES.get(figures_of.use_case, figures_of.use_case),
                                    figures=figures_of.sentence()))
    if rule.measure == "gross":
        findings.append(finding("rule_gross_minutes"))
    summary = (f"Your rule decides {right_count} of {len(right)} use cases the way the pilot's evidence says: "
               + " ".join(f.sentence() for f in figures))
    return Feedback(ENGINE, float(right_count), total, right_count == len(right), tuple(findings), summary)


def decision_rule_task(name: str, declaration: Mapping[str, Any], case_data: Callable[[int], Any] | None) -> Task:
    """A decision-rule task declared in a module's task file: its pilot data and the right decisions per case."""
    shown = tuple(declaration.get("shown_cases", (1,)))
    right = {int(case): decisions for case, decisions in declaration["right_decisions"].items()}
    cache: dict[tuple[int, str | None], list[UseCaseFigures]] = {}

    def figures(case: int) -> list[UseCaseFigures]:
        key = (case, os.environ.get(HELDOUT))  # a cohort's own held-out data is other data
        if key not in cache:
            cache[key] = pilot_figures(case_data(case)) if case_data else []
        return cache[key]

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        case = cases[0] if cases else shown[0]
        return check_rule(value, figures(case), right.get(case, {}))

    return Task(name=name, engine=ENGINE, title=declaration["title"], shown_cases=shown, spec=figures,
                check_cases=check, describe=describe_rule)


def describe_rule(value: Any) -> str:
    """The rule in one sentence, for a grader and the graded cell's echo."""
    data = value if isinstance(value, Mapping) else {}
    measure = MEASURES.get(data.get("measure"), "(no measure picked)")
    return (f"Scale a use case when its {measure} exceed {str(data.get('min_minutes', '')).strip() or '(blank)'} "
            f"and its error rate rises by at most {str(data.get('max_error_rise', '')).strip() or '(blank)'} "
            "percentage points; stop it otherwise.")
