"""How the metric card checker agrees with people on a labelled set: shared by the tests and the benchmark."""

from __future__ import annotations

import json
from pathlib import Path

from course.checks.metric_card import card_flaws, read_card
from tests.labelled_figures import Figures, measure

FLAWS = ("no_baseline", "target_no_number", "vanity_metric", "no_quality_guardrail", "no_owner", "cadence_unfit",
         "per_person_tracking")


def figures(path: Path) -> Figures:
    cards = json.loads(path.read_text("utf-8"))["cards"]
    found = {c["id"]: set(card_flaws(read_card(c["card"]))) for c in cards}
    return measure(path.stem, cards, found, FLAWS, whole="sound/flawed")


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(figures(Path(name)).report())
