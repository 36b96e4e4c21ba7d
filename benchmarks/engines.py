"""Every feedback engine's learner-facing verdict against people's labels, on every double-labelled set.

    python benchmarks/engines.py [sops|cards|criteria|prompts|prompt_pairs ...]

For each set: how often the verdict a learner sees ("ready" / "not ready yet") agrees with the resolved labels,
beside the two labellers' own agreement before resolving (the ceiling); how many ready items were told "not ready";
per kind of finding that costs points, its false alarms. Sets in tests/data were used for tuning; sets in
benchmarks/data are held out (measured only). See tests/verdict_figures.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.verdict_figures import ENGINES, HELD_OUT, sets  # noqa: E402

if __name__ == "__main__":
    for kind in sys.argv[1:] or list(ENGINES):
        for path in sets(kind):
            where = "held out" if path.parent == HELD_OUT else "tuning"
            print(f"[{kind}, {where}] " + ENGINES[kind](path).report())
        print()
