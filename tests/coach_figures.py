"""How the free-text prompt coach agrees with people on a labelled set: shared by the tests and the benchmark.

For a set it gives pass/fail agreement, how many good prompts it fails, how often it ranks the better prompt of a
worse/better pair strictly higher, and per kind of finding the recall and the false alarms (raised where the
people who labelled the prompt say it does not apply).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from course.checks.feedback import Feedback
from course.checks.prompt_text import check_prompt_text


@dataclass
class Figures:
    name: str
    prompts: list[dict]
    results: dict[str, Feedback]
    kinds: dict[str, dict] = field(default_factory=dict)

    @property
    def agreeing(self) -> list[str]:
        return [p["id"] for p in self.prompts if self.results[p["id"]].passed == p["passes"]]

    @property
    def agreement(self) -> float:
        return len(self.agreeing) / len(self.prompts)

    @property
    def good_failed(self) -> list[str]:
        return [p["id"] for p in self.prompts if p["passes"] and not self.results[p["id"]].passed]

    @property
    def good(self) -> int:
        return sum(p["passes"] for p in self.prompts)

    def pairs(self) -> dict[str, tuple[float, float]]:
        """Pair id -> (score of the worse prompt, score of the better one)."""
        sides: dict[str, dict[str, float]] = {}
        for p in self.prompts:
            if p.get("pair"):
                sides.setdefault(p["pair"]["id"], {})[p["pair"]["side"]] = self.results[p["id"]].score
        return {pair: (s["worse"], s["better"]) for pair, s in sides.items()}

    def costing_kinds(self) -> dict[str, float]:
        """Every kind of finding that cost points somewhere in the set, with its largest cost."""
        costs: dict[str, float] = {}
        for result in self.results.values():
            for finding in result.findings:
                if finding.cost:
                    costs[finding.kind] = max(costs.get(finding.kind, 0), finding.cost)
        return costs

    def report(self) -> str:
        pairs = self.pairs()
        ranked = sum(better > worse for worse, better in pairs.values())
        lines = [f"{self.name}: pass/fail agreement {len(self.agreeing)}/{len(self.prompts)} = {self.agreement:.1%}; "
                 f"good prompts failed {len(self.good_failed)}/{self.good}"
                 + (f"; better of a pair scored higher {ranked}/{len(pairs)} = {ranked / len(pairs):.0%}" if pairs
                    else "")]
        costs = self.costing_kinds()
        lines.append(f"  {'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6} costs")
        for kind, row in self.kinds.items():
            if row["labelled"] or row["false_alarms"]:
                lines.append(f"  {kind:22} {row['labelled']:8} {row['found']:6} {row['recall']:7.0%} "
                             f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%} {costs.get(kind, 0):g}")
        return "\n".join(lines)


def _touches_found(result: Feedback) -> int:
    """The touches the coach credited, read back from what the no_safeguard finding costs (0.5 per missing one)."""
    cost = next((f.cost + f.gain for f in result.findings if f.kind == "no_safeguard"), 0.0)
    return 3 - round(cost / 0.5)


def _cannot_read(prompt: dict) -> bool:
    return bool(set(prompt["flaws"]) & {"unreadable", "other_language", "only_url", "only_code"})


def _round_two(prompt: dict) -> dict:
    """A prompt's label under round 2's rule: a prompt with neither a format nor a limit you can check is not ready,
    whatever else it has (sets 1 to 10 were labelled when two of five details were enough). A one-line prompt
    people failed for want of context is what the coach calls too few details."""
    flaws = set(prompt["flaws"])
    passes = prompt["passes"] and not {"missing_format", "missing_constraints"} <= flaws
    few = not passes and "missing_context" in flaws and not flaws & {"missing_task", "unreadable", "other_language"}
    return {**prompt, "passes": passes, "flaws": prompt["flaws"] + (["few_details"] if few else [])}


def figures(path: Path) -> Figures:
    prompts = [_round_two(p) for p in json.loads(path.read_text("utf-8"))["prompts"]]
    if all("touches" in p for p in prompts):  # fewer than three finishing touches: no_safeguard applies
        prompts = [{**p, "flaws": p["flaws"] + ([] if len(p["touches"]) >= 3 else ["no_safeguard"])}
                   for p in prompts]
    results = {p["id"]: check_prompt_text(p["text"]) for p in prompts}
    found = Figures(path.stem, prompts, results)
    every = sorted({k for p in prompts for k in p["flaws"]} | {k for r in results.values() for k in r.kinds()})
    if not all("touches" in p for p in prompts):
        every = [k for k in every if k != "no_safeguard"]  # not labelled in this set: nothing to measure against
    for kind in every:
        counts = Counter((kind in p["flaws"], kind in results[p["id"]].kinds()) for p in prompts)
        negatives = counts[(False, False)] + counts[(False, True)]
        if kind == "no_safeguard" and all("touches" in p for p in prompts):
            # It costs in steps, so a false alarm is a prompt given fewer touches than people counted.
            readable = [p for p in prompts if not _cannot_read(p)]
            counts[(False, True)] = sum(_touches_found(results[p["id"]]) < min(3, len(p["touches"])) for p in readable)
            negatives = len(readable)
        positives = counts[(True, True)] + counts[(True, False)]
        found.kinds[kind] = {"labelled": positives, "found": counts[(True, True)],
                             "false_alarms": counts[(False, True)],
                             "false_alarm_rate": counts[(False, True)] / negatives if negatives else 0.0,
                             "recall": counts[(True, True)] / positives if positives else 1.0}
    return found
