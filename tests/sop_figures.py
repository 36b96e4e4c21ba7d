"""How the SOP checker agrees with people on a labelled set: shared by the tests and the benchmark.

For a set it gives complete/flawed agreement (an SOP is flawed when people gave it any flaw that costs points),
and per kind of flaw the recall and the false alarms (raised where the people who labelled the SOP say it does
not apply). The checker's kinds are ``sop_<flaw>``; no_steps counts as a missing section.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from course.checks.feedback import Feedback
from course.checks.sop import check_sop

FLAWS = ("missing_section", "step_no_actor", "step_no_result", "ai_step_unchecked", "no_review_person",
         "no_escalation_trigger", "unsafe_data", "no_owner_or_date", "vague_step")
SUGGESTIONS = {"vague_step"}
ALIASES = {"no_steps": "missing_section"}


def found_flaws(result: Feedback) -> set[str]:
    kinds = {k.removeprefix("sop_") for k in result.kinds()}
    return {ALIASES.get(k, k) for k in kinds} & set(FLAWS)


@dataclass
class Figures:
    name: str
    sops: list[dict]
    results: dict[str, Feedback]
    kinds: dict[str, dict] = field(default_factory=dict)

    def costing(self, sop: dict) -> bool:
        return bool(set(sop["flaws"]) - SUGGESTIONS)

    @property
    def agreeing(self) -> list[str]:
        return [s["id"] for s in self.sops if bool(self.results[s["id"]].problems) == self.costing(s)]

    @property
    def agreement(self) -> float:
        return len(self.agreeing) / len(self.sops)

    @property
    def complete_flagged(self) -> list[str]:
        return [s["id"] for s in self.sops if not self.costing(s) and self.results[s["id"]].problems]

    def report(self) -> str:
        complete = sum(not self.costing(s) for s in self.sops)
        lines = [f"{self.name}: complete/flawed agreement {len(self.agreeing)}/{len(self.sops)} = "
                 f"{self.agreement:.1%}; SOPs without a costing flaw that lost points "
                 f"{len(self.complete_flagged)}/{complete}",
                 f"  {'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6}"]
        for kind, row in self.kinds.items():
            lines.append(f"  {kind:22} {row['labelled']:8} {row['found']:6} {row['recall']:7.0%} "
                         f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%}")
        return "\n".join(lines)


def figures(path: Path) -> Figures:
    sops = json.loads(path.read_text("utf-8"))["sops"]
    results = {s["id"]: check_sop(s["sop"]) for s in sops}
    found = Figures(path.stem, sops, results)
    for kind in FLAWS:
        counts = Counter((kind in s["flaws"], kind in found_flaws(results[s["id"]])) for s in sops)
        negatives = counts[(False, False)] + counts[(False, True)]
        positives = counts[(True, True)] + counts[(True, False)]
        found.kinds[kind] = {"labelled": positives, "found": counts[(True, True)],
                             "false_alarms": counts[(False, True)],
                             "false_alarm_rate": counts[(False, True)] / negatives if negatives else 0.0,
                             "recall": counts[(True, True)] / positives if positives else 1.0}
    return found


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(figures(Path(name)).report())
