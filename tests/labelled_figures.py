"""How a checker agrees with people on a labelled set: the figures every engine's labelled sets are measured by.

Each labelled item has an id and the flaws people gave it. For a set this gives the whole-item agreement (flawed
or not, counting only the kinds that decide it), the items people found clean that the checker flagged, and per
kind of flaw the recall and the false alarms (raised where the people who labelled the item say it does not
apply). The engines' own figure modules (criteria, SOPs, metric cards) say how their checker is asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Figures:
    name: str
    items: list[dict]
    found: dict[str, set[str]]
    deciding: frozenset[str]
    whole: str = "flawed/clean"
    kinds: dict[str, dict] = field(default_factory=dict)

    def flawed(self, item: dict) -> bool:
        return bool(set(item["flaws"]) & self.deciding)

    def flagged(self, item: dict) -> bool:
        return bool(self.found[item["id"]] & self.deciding)

    @property
    def agreement(self) -> float:
        return sum(self.flawed(i) == self.flagged(i) for i in self.items) / len(self.items)

    @property
    def clean_flagged(self) -> list[str]:
        """Items people found clean (no deciding flaw) that the checker flagged."""
        return [i["id"] for i in self.items if not self.flawed(i) and self.flagged(i)]

    def report(self) -> str:
        agreeing = sum(self.flawed(i) == self.flagged(i) for i in self.items)
        clean = sum(not self.flawed(i) for i in self.items)
        lines = [f"{self.name}: {self.whole} agreement {agreeing}/{len(self.items)} = {self.agreement:.1%}; "
                 f"clean items flagged {len(self.clean_flagged)}/{clean}",
                 f"  {'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6}"]
        for kind, row in self.kinds.items():
            lines.append(f"  {kind:22} {row['labelled']:8} {row['found']:6} {row['recall']:7.0%} "
                         f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%}")
        return "\n".join(lines)


def measure(name: str, items: list[dict], found: dict[str, set[str]], kinds: tuple[str, ...], *,
            deciding: frozenset[str] | None = None, whole: str = "flawed/clean") -> Figures:
    """The figures of a checker that found ``found[id]`` on each labelled item."""
    figures = Figures(name, items, found, deciding if deciding is not None else frozenset(kinds), whole)
    for kind in kinds:
        counts = Counter((kind in i["flaws"], kind in found[i["id"]]) for i in items)
        negatives = counts[(False, False)] + counts[(False, True)]
        positives = counts[(True, True)] + counts[(True, False)]
        figures.kinds[kind] = {"labelled": positives, "found": counts[(True, True)],
                               "false_alarms": counts[(False, True)],
                               "false_alarm_rate": counts[(False, True)] / negatives if negatives else 0.0,
                               "recall": counts[(True, True)] / positives if positives else 1.0}
    return figures
