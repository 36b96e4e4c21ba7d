"""Acceptance criteria for AI output: a manager's bar, run over a batch of outputs a reviewer has labelled.

A criterion is plain text plus a check picked from a list (``criteria_checks.KINDS``), the check's value, a
weight and whether it is a must-have. An output passes the bar when every must-have passes and it earns at
least the bar's threshold of the weighted points. Criteria a reviewer checks are counted apart: they never pass
an output automatically.

Run over a batch, the bar is compared with the reviewer's labels: what it let through that the reviewer
rejected (the dangerous direction), above all the critical failures, and what it sent back that the reviewer
accepted (rework nobody needed). The grading rule is the one the Check button states: catch every critical
failure and agree with the reviewer on at least 80% of the clearly labelled outputs; points fall away below.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .criteria_checks import KINDS, CheckSetup, Outcome, Source, SourceItem, setup_check
from .criteria_wording import read_criterion
from .feedback import Feedback, Finding
from .messages import finding
from .task import Task

ENGINE = "criteria/1"
TOTAL = 10.0
MAX_CRITERIA = 60
DEFAULT_THRESHOLD = 70.0   # percent of the weighted points an output must earn, besides every must-have
AGREEMENT_BAR = 0.8        # agreement with the reviewer that earns full points
AGREEMENT_FLOOR = 0.5      # agreement that earns none at the least (a coin would do as well)
MAX_WEIGHT = 100.0
SHOWN_WORDING = 6          # criteria whose wording gets a note, at most
PATTERN_BUDGET = 0.5       # seconds all patterns together may spend on one batch


# --- the batch ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Output:
    """One AI output with the reviewer's label: ``accept`` or ``reject``, a severity and the reason."""

    id: str
    text: str
    label: str = ""
    severity: str = "none"
    clear: bool = True
    reason: str = ""

    @property
    def rejected_by_reviewer(self) -> bool:
        return self.label == "reject"

    @property
    def critical(self) -> bool:
        return self.label == "reject" and self.severity == "critical"


@dataclass(frozen=True)
class Batch:
    """Outputs the AI produced from one source input, with the house rules the reviewer applied."""

    source: Source
    outputs: tuple[Output, ...]
    title: str = ""
    house_rules: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], batch: Mapping[str, Any]) -> Batch:
        items = tuple(SourceItem(str(i["item"]), tuple(str(m) for m in i["match"])) for i in batch.get("items", ()))
        outputs = tuple(Output(id=str(o["id"]), text=str(o["text"]), label=str(o.get("label", "")),
                               severity=str(o.get("severity", "none")), clear=bool(o.get("clear", True)),
                               reason=str(o.get("reason", ""))) for o in batch.get("outputs", ()))
        return cls(Source(str(batch.get("source_text", "")), items), outputs, str(data.get("title", "")),
                   tuple(str(r) for r in data.get("house_rules", ())))


# --- the bar -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Criterion:
    number: int
    text: str
    check: CheckSetup
    weight: float
    must: bool
    value: str = ""

    @property
    def automatic(self) -> bool:
        return self.check.run is not None and self.check.kind != "reviewer"


@dataclass(frozen=True)
class Bar:
    """The criteria a manager wrote, read and ready to run, with notes on anything that could not be used."""

    criteria: tuple[Criterion, ...]
    threshold: float
    notes: tuple[Finding, ...] = ()

    @property
    def automatic(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.automatic)

    @property
    def by_reviewer(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.check.kind == "reviewer")


def _text(value: Any, limit: int = 100_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _weight(value: Any, number: int, notes: list[Finding]) -> float:
    """A weight typed as text or a number: blank is 1; 0, negative, not a number or too big gets a note."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 1.0
    try:
        weight = float(value.strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, OverflowError):
        notes.append(finding("criterion_bad_weight", number=number, value=str(value)[:20]))
        return 1.0
    if isinstance(value, bool) or not math.isfinite(weight) or weight < 0 or weight > MAX_WEIGHT:
        notes.append(finding("criterion_bad_weight", number=number, value=str(value)[:20]))
        return 1.0
    if weight == 0:
        notes.append(finding("criterion_zero_weight", number=number))
    return weight


def _threshold(value: Any, notes: list[Finding]) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_THRESHOLD
    try:
        number = float(str(value).strip().rstrip("%").strip().replace(",", "."))
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or not 0 <= number <= 100:
        notes.append(finding("criteria_bad_threshold", value=str(value)[:20], default=f"{DEFAULT_THRESHOLD:g}"))
        return DEFAULT_THRESHOLD
    return number * 100 if 0 < number <= 1 and "." in str(value) else number


def read_bar(value: Any) -> Bar:
    """The bar in a saved answer ``{"criteria": [...], "threshold": "70"}``; never raises on what was typed."""
    notes: list[Finding] = []
    rows = _rows(value.get("criteria") if isinstance(value, Mapping) else None)
    if len(rows) > MAX_CRITERIA:
        notes.append(finding("too_many_criteria", count=len(rows), limit=MAX_CRITERIA))
        rows = rows[:MAX_CRITERIA]
    criteria = []
    for number, row in enumerate(rows, start=1):
        check = setup_check(_text(row.get("check"), 100), row.get("value", ""), row.get("case") is True)
        if check.problem:
            notes.append(finding("criterion_cannot_run", number=number, problem=check.problem))
        criteria.append(Criterion(number, _text(row.get("text")), check, _weight(row.get("weight"), number, notes),
                                  row.get("must") is True, _text(row.get("value"))))
    threshold = _threshold(value.get("threshold") if isinstance(value, Mapping) else None, notes)
    return Bar(tuple(criteria), threshold, tuple(notes))


# --- running a bar over a batch ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutputResult:
    """What the bar made of one output: pass or not, the weighted score and each criterion's outcome."""

    output: Output
    passed: bool
    score: float
    outcomes: tuple[tuple[Criterion, Outcome], ...]

    @property
    def failed(self) -> tuple[tuple[Criterion, Outcome], ...]:
        return tuple((c, o) for c, o in self.outcomes if o.passed is False)

    @property
    def agrees(self) -> bool | None:
        """Whether the bar and the reviewer agree (None when the reviewer gave no label)."""
        if self.output.label not in ("accept", "reject"):
            return None
        return self.passed == (self.output.label == "accept")


@dataclass(frozen=True)
class BatchResult:
    bar: Bar
    batch: Batch
    results: tuple[OutputResult, ...]
    stopped: tuple[Criterion, ...] = ()

    @property
    def passed(self) -> tuple[OutputResult, ...]:
        return tuple(r for r in self.results if r.passed)

    @property
    def pass_rate(self) -> float:
        return len(self.passed) / len(self.results) if self.results else 0.0

    @property
    def clear(self) -> tuple[OutputResult, ...]:
        return tuple(r for r in self.results if r.output.clear and r.agrees is not None)

    @property
    def agreement(self) -> float:
        clear = self.clear
        return sum(bool(r.agrees) for r in clear) / len(clear) if clear else 0.0

    @property
    def critical(self) -> tuple[OutputResult, ...]:
        return tuple(r for r in self.results if r.output.critical)

    @property
    def critical_missed(self) -> tuple[OutputResult, ...]:
        """Critical failures the bar let through: the dangerous direction."""
        return tuple(r for r in self.critical if r.passed)

    @property
    def let_through(self) -> tuple[OutputResult, ...]:
        """Outputs the reviewer rejected that the bar passed."""
        return tuple(r for r in self.results if r.passed and r.output.rejected_by_reviewer)

    @property
    def sent_back(self) -> tuple[OutputResult, ...]:
        """Outputs the reviewer accepted that the bar rejected: rework nobody needed."""
        return tuple(r for r in self.results if not r.passed and r.output.label == "accept")


def run_bar(bar: Bar, batch: Batch) -> BatchResult:
    """Every output of ``batch`` through ``bar``. A pattern that runs too long on one output is stopped and left
    out for the rest of the batch, and once all patterns together have used ``PATTERN_BUDGET`` seconds the rest
    are left out too, so a whole batch always finishes quickly."""
    stopped: list[Criterion] = []
    results = []
    spent = 0.0
    for output in batch.outputs:
        outcomes = []
        for criterion in bar.criteria:
            if criterion.check.run is None:
                continue
            pattern = criterion.check.kind in ("pattern", "not_pattern")
            if pattern and criterion not in stopped and spent > PATTERN_BUDGET:
                stopped.append(criterion)
            if criterion in stopped:
                outcomes.append((criterion, Outcome(None, "left out: the pattern took too long on this batch")))
                continue
            started = time.perf_counter()
            outcome = criterion.check.run(output.text, batch.source)
            if pattern:
                spent += time.perf_counter() - started
                if outcome.passed is None:
                    stopped.append(criterion)
            outcomes.append((criterion, outcome))
        results.append(_verdict(output, outcomes, bar.threshold))
    return BatchResult(bar, batch, tuple(results), tuple(stopped))


def _verdict(output: Output, outcomes: list[tuple[Criterion, Outcome]], threshold: float) -> OutputResult:
    counted = [(c, o) for c, o in outcomes if c.automatic and o.passed is not None]
    musts_ok = all(o.passed for c, o in counted if c.must)
    total = sum(c.weight for c, _ in counted)
    earned = sum(c.weight for c, o in counted if o.passed)
    score = earned / total if total else 1.0
    return OutputResult(output, musts_ok and score * 100 >= threshold - 1e-9, score, tuple(outcomes))


# --- the grading rule --------------------------------------------------------------------------------------------
def agreement_floor(result: BatchResult) -> float:
    """The agreement a bar gets for nothing: that of rejecting everything, or of passing everything, whichever is
    higher on this batch (at least 50%, the agreement of a coin)."""
    clear = result.clear
    rejected = sum(r.output.rejected_by_reviewer for r in clear) / len(clear) if clear else 0.5
    floor = max(AGREEMENT_FLOOR, rejected, 1 - rejected)
    return floor if floor < AGREEMENT_BAR - 0.05 else AGREEMENT_FLOOR


def agreement_share(agreement: float, floor: float = AGREEMENT_FLOOR) -> float:
    """How much of the agreement points an agreement earns: none at the floor, all at 80%."""
    return max(0.0, min(1.0, (agreement - floor) / (AGREEMENT_BAR - floor)))


def check_criteria(value: Any, batch: Batch | None) -> Feedback:
    """Feedback on a bar, run over ``batch``: the rule Check states, and notes on each criterion's wording.

    Points: the share of critical failures the bar catches, times how close its agreement with the reviewer comes
    to 80%, counted from what a bar gets for nothing (rejecting or passing everything). It meets the bar when it
    catches every critical failure and agrees on at least 80%.
    """
    bar = read_bar(value)
    notes = list(bar.notes) + _wording_notes(bar)
    if not bar.criteria:
        nothing = finding("no_criteria", cost=TOTAL)
        return _feedback(0.0, False, [nothing], nothing.message + ".")
    if not bar.automatic:
        nothing = finding("no_automatic_criteria", cost=TOTAL)
        return _feedback(0.0, False, [nothing, *notes], nothing.message + ".")
    if batch is None or not batch.outputs:
        nothing = finding("empty_batch", cost=TOTAL)
        return _feedback(0.0, False, [nothing, *notes], nothing.message + ".")
    result = run_bar(bar, batch)
    critical, missed, clear = result.critical, result.critical_missed, result.clear
    caught = (len(critical) - len(missed)) / len(critical) if critical else 1.0
    agreement, floor = result.agreement, agreement_floor(result)
    share = agreement_share(agreement, floor)
    findings: list[Finding] = []
    if missed:
        findings.append(finding("missed_critical", cost=(1 - caught) * TOTAL, count=len(missed),
                                total=len(critical), examples=_examples(missed)))
    if share < 1:
        findings.append(finding("low_agreement", cost=caught * (1 - share) * TOTAL, agreement=f"{agreement:.0%}",
                                bar=f"{AGREEMENT_BAR:.0%}", floor=f"{floor:.0%}"))
    minor_through = [r for r in result.let_through if not r.output.critical]
    if minor_through:
        findings.append(finding("let_through_minor", count=len(minor_through), examples=_examples(minor_through)))
    if result.sent_back:
        findings.append(finding("sent_back_good", count=len(result.sent_back), examples=_examples(result.sent_back)))
    for criterion in result.stopped:
        findings.append(finding("pattern_too_slow", number=criterion.number))
    if bar.by_reviewer:
        findings.append(finding("reviewer_criteria", count=len(bar.by_reviewer), outputs=len(batch.outputs)))
    earned = TOTAL * caught * share
    passed = not missed and agreement >= AGREEMENT_BAR - 1e-9
    agreeing = sum(bool(r.agrees) for r in clear)
    summary = (f"Your bar caught {len(critical) - len(missed)} of {len(critical)} critical failures and agreed with "
               f"the reviewer on {agreeing} of {len(clear)} clearly labelled outputs ({agreement:.0%}). It passes "
               f"{len(result.passed)} of {len(result.results)} outputs ({result.pass_rate:.0%}).")
    if not result.passed:  # catching every failure by rejecting everything is no praise
        summary = (f"Your bar passes none of the {len(result.results)} outputs: it sends back the good drafts too, "
                   f"so it catches the critical failures only by rejecting everything. It agreed with the reviewer "
                   f"on {agreeing} of {len(clear)} clearly labelled outputs ({agreement:.0%}).")
    return _feedback(earned, passed, findings + notes, summary)


def _feedback(earned: float, passed: bool, findings: Sequence[Finding], summary: str) -> Feedback:
    return Feedback(engine=ENGINE, earned=round(earned, 4), total=TOTAL, passed=passed, findings=tuple(findings),
                    summary=summary)


def _examples(results: Sequence[OutputResult], limit: int = 3) -> str:
    shown = "; ".join(f"{r.output.id} ({r.output.reason.rstrip('.')})" if r.output.reason else r.output.id
                      for r in results[:limit])
    more = f"; and {len(results) - limit} more" if len(results) > limit else ""
    return shown + more


def _wording_notes(bar: Bar) -> list[Finding]:
    """One note on the wording of each criterion that reads as hard to check (suggestions, no points)."""
    notes = []
    for criterion in bar.criteria:
        flaws = read_criterion(criterion.text)
        if flaws.flaws and len(notes) < SHOWN_WORDING:
            kind = flaws.flaws[0]
            notes.append(finding(f"criterion_{kind}", number=criterion.number, word=flaws.words[kind]))
    return notes


# --- the task a module declares ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CriteriaSpec:
    """What a criteria task needs besides the engine: its title and where its batches come from."""

    title: str
    batches: Callable[[int], Batch | None] = field(repr=False)
    tables: bool = True   # whether the outputs are tables (CSV, JSON): only then are table checks offered

    def run(self, value: Any, case: int) -> BatchResult | None:
        batch = self.batches(case)
        bar = read_bar(value)
        return run_bar(bar, batch) if batch is not None else None


def criteria_task(name: str, declaration: Mapping[str, Any], case_data: Callable[..., Any] | None) -> Task:
    """A criteria task declared in a module's task file: its outputs name the data (``"customer_email"``) that
    ``cases_from`` loads one batch of."""
    shown = tuple(declaration.get("shown_cases", (1,)))
    outputs = declaration.get("outputs", "")
    cache: dict[int, Batch | None] = {}

    def batch(case: int) -> Batch | None:
        if case not in cache:
            data = case_data(outputs) if case_data else None
            cache[case] = Batch.from_data(data, data["batches"][str(case)]) if data else None
        return cache[case]

    spec = CriteriaSpec(declaration["title"], batch, tables=declaration.get("output_format", "table") == "table")

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        return check_criteria(value, batch(cases[0]) if cases else None)

    return Task(name=name, engine=ENGINE, title=spec.title, shown_cases=shown, spec=spec, check_cases=check,
                describe=describe_bar, sample=lambda: batch(shown[0]).source.text if batch(shown[0]) else "")


def describe_bar(value: Any) -> str:
    """A bar as plain text, one criterion a line, for a grader and for the graded cell's echo."""
    bar = read_bar(value)
    if not bar.criteria:
        return "(no criteria)"
    lines = [f"Pass mark: every must-have, and at least {bar.threshold:g}% of the weighted points."]
    for c in bar.criteria:
        kind = KINDS[c.check.kind].label if c.check.kind in KINDS else "no check picked"
        detail = f": {c.value.strip()}" if c.value.strip() else ""
        must = "must-have, " if c.must else ""
        text = _cut(c.text.strip(), 500) or "(no description)"
        lines.append(f"{c.number}. {text} [{kind}{_cut(detail, 300)}; {must}weight {c.weight:g}]")
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit:,} more characters)"


def _rows(rows: Any) -> list[Mapping[str, Any]]:
    """The rows of a saved bar that have anything in them."""
    rows = [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []
    return [r for r in rows if any(_text(r.get(k)).strip() for k in ("text", "check", "value"))]
