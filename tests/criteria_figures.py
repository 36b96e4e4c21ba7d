"""How the criterion-wording reader agrees with people on a labelled set (a criterion is vague when people gave
it any flaw): shared by the tests and the benchmark."""

from __future__ import annotations

import json
from pathlib import Path

from course.checks.criteria_wording import FLAWS, read_criterion
from tests.labelled_figures import Figures, measure


def figures(path: Path) -> Figures:
    criteria = json.loads(path.read_text("utf-8"))["criteria"]
    found = {c["id"]: set(read_criterion(c["text"]).flaws) for c in criteria}
    return measure(path.stem, criteria, found, FLAWS, whole="vague/observable")


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(figures(Path(name)).report())
