"""How well the free-text prompt coach agrees with people, on prompts it was never tuned on.

    python benchmarks/prompt_coach_heldout.py [labelled.json ...]

Prints pass/fail agreement, how many good prompts it fails, how often the better prompt of a worse/better pair
scores higher, and per kind of finding recall and false alarms. The default set,
benchmarks/data/heldout_prompts_10.json, was written by someone who never read the coach and is kept for
measuring only: when it is used to improve the coach, record its figures in its "about" first, move it
to tests/data/ beside the others and write a fresh held-out set.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.checks.prompt_text import ENGINE  # noqa: E402
from tests.coach_figures import figures  # noqa: E402

DEFAULTS = [Path(__file__).parent / "data" / "heldout_prompts_10.json"]

if __name__ == "__main__":
    print(f"engine {ENGINE}")
    for name in sys.argv[1:] or [str(p) for p in DEFAULTS]:
        print(figures(Path(name)).report())
