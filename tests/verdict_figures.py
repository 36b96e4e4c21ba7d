"""The verdict a learner sees, measured against people's labels: shared by the tests and ``benchmarks/engines.py``.

Each double-labelled set (``labelled_*`` in tests/data for tuning, ``heldout_*`` in benchmarks/data, measured only)
holds items with the resolved label ``ready`` (people would use it as it is) and ``flaws``, and the two labellers'
agreement before resolving: the ceiling an engine is held to. For each engine this gives the share of items where
its verdict ("ready" or "not ready yet") agrees with people, how many ready items it tells "not ready", and per kind
of finding that costs points, how often it is raised where people did not see that flaw (false alarms).
Prompts in another language are kept out of the figures (the course reads English and says so); prompt pairs give
how often the better prompt of a published worse/better pair scores strictly higher.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.checks.feedback import Feedback

TUNING = Path(__file__).parent / "data"
HELD_OUT = Path(__file__).parent.parent / "benchmarks" / "data"


@dataclass
class VerdictFigures:
    name: str
    labellers: dict[str, Any]
    verdicts: dict[str, tuple[bool, bool]] = field(default_factory=dict)     # id -> (people: ready, engine: ready)
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [labelled, found, false alarms, negatives]
    left_out: list[str] = field(default_factory=list)
    pairs: tuple[int, int] | None = None                                    # better strictly higher, pairs

    @property
    def agreement(self) -> float:
        return sum(a == b for a, b in self.verdicts.values()) / len(self.verdicts)

    @property
    def ready_told_not_ready(self) -> list[str]:
        return [i for i, (people, engine) in self.verdicts.items() if people and not engine]

    @property
    def flawed_told_ready(self) -> list[str]:
        return [i for i, (people, engine) in self.verdicts.items() if engine and not people]

    def false_alarm_rate(self, kind: str) -> float:
        _labelled, _found, alarms, negatives = self.kinds[kind]
        return alarms / negatives if negatives else 0.0

    def report(self) -> str:
        ready = sum(p for p, _ in self.verdicts.values())
        ceiling = self.labellers.get("verdict")
        lines = [f"{self.name}: verdict agreement {sum(a == b for a, b in self.verdicts.values())}/{len(self.verdicts)}"
                 f" = {self.agreement:.1%} (labellers {ceiling:.1%}, kappa {self.labellers.get('kappa', 0):.2f}); "
                 f"ready told 'not ready' {len(self.ready_told_not_ready)}/{ready} "
                 f"= {len(self.ready_told_not_ready) / max(ready, 1):.1%}; flawed told 'ready' "
                 f"{len(self.flawed_told_ready)}/{len(self.verdicts) - ready}"]
        if self.left_out:
            lines.append(f"  left out (not English, the course says so and gives 0): {len(self.left_out)}")
        if self.pairs:
            better, total = self.pairs
            lines.append(f"  published pairs: better strictly higher {better}/{total} = {better / total:.1%}")
        lines.append(f"  {'costing kind':24} {'labelled':>8} {'found':>6} {'false alarms':>13} {'rate':>6}")
        for kind, (labelled, found, alarms, negatives) in sorted(self.kinds.items()):
            lines.append(f"  {kind:24} {labelled:8} {found:6} {alarms:13} {alarms / max(negatives, 1):6.1%}")
        return "\n".join(lines)


def _measure(path: Path, key: str, check: Callable[[dict], tuple[bool, set[str]]], kinds: tuple[str, ...],
             leave_out: Callable[[dict], bool] = lambda _item: False,
             aliases: dict[str, str] | None = None) -> VerdictFigures:
    data = json.loads(path.read_text("utf-8"))
    figures = VerdictFigures(path.stem, data.get("agreement", {}))
    figures.kinds = {kind: [0, 0, 0, 0] for kind in kinds}
    for item in data[key]:
        if leave_out(item):
            figures.left_out.append(item["id"])
            continue
        ready, found = check(item)
        figures.verdicts[item["id"]] = (bool(item["ready"]), ready)
        labelled = {(aliases or {}).get(k, k) for k in item["flaws"]}
        for kind in kinds:
            row = figures.kinds[kind]
            if kind in labelled:
                row[0] += 1
                row[1] += kind in found
            else:
                row[3] += 1
                row[2] += kind in found
    return figures


def _costing(result: Feedback, prefix: str = "", aliases: dict[str, str] | None = None) -> set[str]:
    aliases = aliases or {}
    kinds = {f.kind.removeprefix(prefix) for f in result.problems}
    return {aliases.get(k, k) for k in kinds}


SOP_KINDS = ("missing_section", "step_no_actor", "step_no_result", "ai_step_unchecked", "no_review_person",
             "no_escalation_trigger", "unsafe_data", "no_owner_or_date", "prompt_no_input")


def sop_figures(path: Path) -> VerdictFigures:
    from course.checks.sop import check_sop

    def check(item: dict) -> tuple[bool, set[str]]:
        result = check_sop(item["sop"])
        return result.passed, _costing(result, "sop_", {"no_steps": "missing_section",
                                                        "prompt_no_input_place": "prompt_no_input"})

    return _measure(path, "items", check, SOP_KINDS)


CARD_KINDS = ("missing_field", "no_baseline", "target_no_number", "vanity_metric", "formula_not_computation",
              "formula_off_question", "no_quality_guardrail", "no_owner", "cadence_unfit", "per_person_tracking")


def card_figures(path: Path) -> VerdictFigures:
    from course.checks.metric_card import check_card

    def check(item: dict) -> tuple[bool, set[str]]:
        result = check_card(item["card"])
        return result.passed, _costing(result, "card_")

    return _measure(path, "items", check, CARD_KINDS)


CRITERIA_KINDS = ("vague_word", "no_threshold", "two_in_one", "about_worker", "uncheckable")


def criteria_figures(path: Path) -> VerdictFigures:
    from course.checks.criteria_wording import read_criterion

    def check(item: dict) -> tuple[bool, set[str]]:
        flaws = set(read_criterion(item["text"]).flaws)
        return not flaws, flaws  # the wording notes cost nothing; "observable" is the verdict a learner reads

    return _measure(path, "items", check, CRITERIA_KINDS)


PROMPT_KINDS = ("missing_task", "missing_format", "missing_constraints", "missing_role", "missing_input",
                "personal_data", "contradiction", "unreadable")
UNREADABLE = {"keywords_only": "unreadable"}  # the coach names keyword lists and random text alike: not instructions
PROMPT_ALIASES = {"missing_material": "missing_input"}  # a free-text prompt's missing input


def _other_language(item: dict) -> bool:
    return "other_language" in item["flaws"]


def prompt_figures(path: Path) -> VerdictFigures:
    from course.checks.prompt_text import check_prompt_text

    def check(item: dict) -> tuple[bool, set[str]]:
        result = check_prompt_text(item["text"])
        return result.passed, _costing(result, aliases=PROMPT_ALIASES)

    figures = _measure(path, "items", check, PROMPT_KINDS, leave_out=_other_language, aliases=UNREADABLE)
    data = json.loads(path.read_text("utf-8"))
    sides: dict[str, dict[str, float]] = {}
    for item in data["items"]:
        if "pair" in item and "side" in item:
            sides.setdefault(item["pair"], {})[item["side"]] = check_prompt_text(item["text"]).score
    if sides:
        figures.pairs = (sum(s["better"] > s["worse"] for s in sides.values()), len(sides))
    return figures


MESSAGE_KINDS = ("no_scope", "no_time_use", "no_data_rule", "no_feedback_route", "no_champions", "job_promise",
                 "blame", "jargon", "wrong_length")


def team_message_figures(path: Path) -> VerdictFigures:
    from course.checks.team_message import check_message

    def check(item: dict) -> tuple[bool, set[str]]:
        result = check_message(item["text"])
        return result.passed, _costing(result, "message_")

    return _measure(path, "items", check, MESSAGE_KINDS)


ENGINES = {"sops": sop_figures, "cards": card_figures, "criteria": criteria_figures, "prompts": prompt_figures,
           "prompt_pairs": prompt_figures, "team_messages": team_message_figures}


def sets(kind: str) -> list[Path]:
    """The double-labelled sets of one engine: tuning sets first, then held-out ones."""
    return [p for folder in (TUNING, HELD_OUT) for p in sorted(folder.glob(f"*_{kind}_*.json"))
            if "agreement" in json.loads(p.read_text("utf-8"))]
