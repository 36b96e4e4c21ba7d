"""How the metric card checker agrees with people on a labelled set: shared by the tests and the benchmark.

For a set it gives sound/flawed agreement and, per kind of flaw, the recall and the false alarms (raised where the
people who labelled the card say it does not apply).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from course.checks.metric_card import card_flaws, read_card

FLAWS = ("no_baseline", "target_no_number", "vanity_metric", "no_quality_guardrail", "no_owner", "cadence_unfit",
         "per_person_tracking")


@dataclass
class Figures:
    name: str
    cards: list[dict]
    results: dict[str, set[str]]
    kinds: dict[str, dict] = field(default_factory=dict)

    @property
    def agreeing(self) -> list[str]:
        return [c["id"] for c in self.cards if bool(self.results[c["id"]]) == bool(c["flaws"])]

    @property
    def agreement(self) -> float:
        return len(self.agreeing) / len(self.cards)

    @property
    def sound_flagged(self) -> list[str]:
        return [c["id"] for c in self.cards if not c["flaws"] and self.results[c["id"]]]

    def report(self) -> str:
        sound = sum(not c["flaws"] for c in self.cards)
        lines = [f"{self.name}: sound/flawed agreement {len(self.agreeing)}/{len(self.cards)} = {self.agreement:.1%}; "
                 f"sound cards flagged {len(self.sound_flagged)}/{sound}",
                 f"  {'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6}"]
        for kind, row in self.kinds.items():
            lines.append(f"  {kind:22} {row['labelled']:8} {row['found']:6} {row['recall']:7.0%} "
                         f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%}")
        return "\n".join(lines)


def figures(path: Path) -> Figures:
    cards = json.loads(path.read_text("utf-8"))["cards"]
    results = {c["id"]: set(card_flaws(read_card(c["card"]))) for c in cards}
    found = Figures(path.stem, cards, results)
    for kind in FLAWS:
        counts = Counter((kind in c["flaws"], kind in results[c["id"]]) for c in cards)
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
