"""How the use-case engine agrees with an adoption lead's labels on task inventories written elsewhere.

Two figures for the engine's own suggestion (its top picks with the default weights, as many as the lead's good
picks): how many inventories get a must-not task among them (target 0), and what share of the suggestion the lead
also picked. Per kind of fixed rule: how often it fires on a task the lead labelled must-not, neither, or a good
pick; a rule firing on a good pick is a false alarm (it would cost a good pick its points).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from course.checks.use_cases import DEFAULT_WEIGHTS, MUST_NOT, broken_rules, read_inventory, suggest

DATA = Path(__file__).parent / "data"


def labelled(number: int) -> list[dict]:
    """A labelled set, read by round 2's rule: a task no AI tool would do is never a good first pick (sets 1 and 2
    were labelled when 'none' meant a tool still to be chosen)."""
    inventories = json.loads((DATA / f"labelled_inventories_{number}.json").read_text("utf-8"))["inventories"]
    for inventory in inventories:
        without = {t["task"] for t in inventory["tasks"] if t.get("tool") == "none"}
        inventory["good_picks"] = [task for task in inventory["good_picks"] if task not in without]
    return inventories


def figures(inventories: list[dict], weights=DEFAULT_WEIGHTS) -> dict:
    """Suggestion figures and per-rule counts (must_not / neither / good) over the labelled inventories."""
    with_must_not, overlap, suggested = 0, 0, 0
    per_rule: dict[str, Counter] = {}
    missed_must_not = []
    for inventory in inventories:
        candidates, problems = read_inventory(inventory["tasks"])
        assert not problems, (inventory["id"], problems)
        good, must_not = set(inventory["good_picks"]), set(inventory["must_not"])
        top = [c.task for c in suggest(candidates, weights, count=len(good))]
        with_must_not += bool(set(top) & must_not)
        overlap += len(set(top) & good)
        suggested += len(top)
        for c in candidates:
            label = "must_not" if c.task in must_not else "good" if c.task in good else "neither"
            broken = broken_rules(c)
            for kind in broken:
                per_rule.setdefault(kind, Counter())[label] += 1
            if label == "must_not" and not any(k in MUST_NOT for k in broken):
                missed_must_not.append(f"{inventory['id']}: {c.task}")
    return {"inventories": len(inventories), "with_must_not": with_must_not,
            "overlap": overlap / suggested if suggested else 0.0, "per_rule": per_rule,
            "must_not_not_caught_by_a_rule": missed_must_not}


def report(result: dict) -> str:
    lines = [f"suggestions with a must-not: {result['with_must_not']} of {result['inventories']} inventories; "
             f"share of suggested picks the lead also picked: {result['overlap']:.0%}"]
    for kind, counts in sorted(result["per_rule"].items()):
        total = sum(counts.values())
        lines.append(f"  {kind:20} fires {total:3}: on must-not {counts['must_not']:3}, neither "
                     f"{counts['neither']:3}, good pick {counts['good']:3} (false alarms "
                     f"{counts['good'] / total:.0%})")
    lines.append(f"  must-nots no fixed rule catches: {len(result['must_not_not_caught_by_a_rule'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    for number in (1, 2):
        print(f"set {number}:\n{report(figures(labelled(number)))}")
