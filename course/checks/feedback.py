"""What every feedback engine returns: a score, a pass mark and findings a manager can act on."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One thing the engine noticed about an answer.

    kind:     a short stable name for this kind of finding, e.g. ``"missing_role"``.
    where:    the part of the answer it is about, e.g. ``"role"`` or ``"output format"``.
    message:  what is wrong, in one plain sentence.
    why:      why it matters to a manager.
    hints:    help that nudges first and reveals the fix last.
    cost:     points (out of the engine's total) this finding takes away; 0 for a suggestion. A finding that
              costs points means the answer is not ready yet.
    gain:     for a suggestion, the points acting on it would add (a ready answer can still earn more).
    """

    kind: str
    where: str
    message: str
    why: str = ""
    hints: tuple[str, ...] = ()
    cost: float = 0.0
    gain: float = 0.0

    @property
    def is_suggestion(self) -> bool:
        """A suggestion is advice that costs no points."""
        return self.cost == 0


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    earned and total are points on the engine's own scale; ``score`` is their ratio from 0 to 1.
    ``passed`` says whether the answer meets the bar the exercise sets.
    """

    engine: str
    earned: float
    total: float
    passed: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    summary: str = ""

    @property
    def score(self) -> float:
        return 0.0 if self.total <= 0 else max(0.0, min(1.0, self.earned / self.total))

    @property
    def problems(self) -> tuple[Finding, ...]:
        """Findings that cost points."""
        return tuple(f for f in self.findings if not f.is_suggestion)

    @property
    def suggestions(self) -> tuple[Finding, ...]:
        """Findings that are advice only."""
        return tuple(f for f in self.findings if f.is_suggestion)

    def kinds(self) -> set[str]:
        """The kinds of finding present, handy for tests and reports."""
        return {f.kind for f in self.findings}


def fix_first(problems: tuple[Finding, ...] | list[Finding], ready: str) -> str:
    """The one sentence above a list of findings: ``ready`` when nothing that costs points is left, otherwise the
    first thing to fix and how many more there are."""
    costing = [f for f in problems if f.cost]
    if not costing:
        return ready
    first = costing[0].message
    more = f" (and {len(costing) - 1} more to fix)" if len(costing) > 1 else ""
    return f"Fix first: {first[:1].lower()}{first[1:]}{more}."
