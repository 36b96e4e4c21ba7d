"""How the SOP checker agrees with people on a labelled set (an SOP is flawed when people gave it a flaw that
costs points; vague_step only suggests): shared by the tests and the benchmark. The checker's kinds are
``sop_<flaw>``; no_steps counts as a missing section."""

from __future__ import annotations

import json
from pathlib import Path

from course.checks.feedback import Feedback
from course.checks.sop import check_sop
from tests.labelled_figures import Figures, measure

FLAWS = ("missing_section", "step_no_actor", "step_no_result", "ai_step_unchecked", "no_review_person",
         "no_escalation_trigger", "unsafe_data", "no_owner_or_date", "vague_step")
SUGGESTIONS = {"vague_step"}
ALIASES = {"no_steps": "missing_section"}


def found_flaws(result: Feedback) -> set[str]:
    kinds = {k.removeprefix("sop_") for k in result.kinds()}
    return {ALIASES.get(k, k) for k in kinds} & set(FLAWS)


def figures(path: Path) -> Figures:
    sops = json.loads(path.read_text("utf-8"))["sops"]
    found = {s["id"]: found_flaws(check_sop(s["sop"])) for s in sops}
    return measure(path.stem, sops, found, FLAWS, deciding=frozenset(FLAWS) - SUGGESTIONS, whole="complete/flawed")


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(figures(Path(name)).report())
