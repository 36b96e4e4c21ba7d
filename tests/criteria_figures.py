"""How the criterion-wording reader agrees with people on a labelled set: shared by the tests and the benchmark.

For a set it gives vague/observable agreement (a criterion is vague when people gave it any flaw), how many
observable criteria it calls vague, and per kind of flaw the recall and the false alarms (raised where the
people who labelled the criterion say it does not apply).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from course.checks.criteria_wording import FLAWS, Wording, read_criterion


@dataclass
class Figures:
    name: str
    criteria: list[dict]
    results: dict[str, Wording]
    kinds: dict[str, dict] = field(default_factory=dict)

    @property
    def agreeing(self) -> list[str]:
        return [c["id"] for c in self.criteria if bool(self.results[c["id"]].flaws) == bool(c["flaws"])]

    @property
    def agreement(self) -> float:
        return len(self.agreeing) / len(self.criteria)

    @property
    def observable_flagged(self) -> list[str]:
        return [c["id"] for c in self.criteria if not c["flaws"] and self.results[c["id"]].flaws]

    @property
    def observable(self) -> int:
        return sum(not c["flaws"] for c in self.criteria)

    def report(self) -> str:
        lines = [f"{self.name}: vague/observable agreement {len(self.agreeing)}/{len(self.criteria)} = "
                 f"{self.agreement:.1%}; observable criteria called vague {len(self.observable_flagged)}/"
                 f"{self.observable}",
                 f"  {'kind':14} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6}"]
        for kind, row in self.kinds.items():
            lines.append(f"  {kind:14} {row['labelled']:8} {row['found']:6} {row['recall']:7.0%} "
                         f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%}")
        return "\n".join(lines)


def figures(path: Path) -> Figures:
    criteria = json.loads(path.read_text("utf-8"))["criteria"]
    results = {c["id"]: read_criterion(c["text"]) for c in criteria}
    found = Figures(path.stem, criteria, results)
    for kind in FLAWS:
        counts = Counter((kind in c["flaws"], kind in results[c["id"]].flaws) for c in criteria)
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
