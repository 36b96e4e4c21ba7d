"""How fast the pilot's calculators and dashboard run: on the course's data, and on a team export 100x larger.

    python benchmarks/pilot_metrics.py

Prints the median of 3 runs for each calculator (time saved, quality, adoption, redeployment) and for drawing the
dashboard's three charts, on the course's pilot log (about 180 rows) and on a log made 100 times larger by
repeating it; then reading a team export of 1,000, 10,000 and 100,000 rows, with the ratio per tenfold (about 10
means the time grows linearly).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from course import data, metrics  # noqa: E402
from course.forms.dashboard import Dashboard  # noqa: E402
from course.team_export import read_team_export  # noqa: E402


def median_seconds(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    log, weekly = data.load_pilot_log(), data.load_pilot_weekly()
    big = pd.concat([log.assign(person=log["person"] + f"-{i}") for i in range(100)], ignore_index=True)
    print(f"{'':28} {'course data':>12} {'100x larger':>12} ratio")
    for name, action in (("time saved", metrics.time_saved), ("quality", metrics.quality),
                         ("adoption", metrics.adoption), ("dashboard (3 charts)", Dashboard)):
        small_time, big_time = median_seconds(lambda a=action: a(log)), median_seconds(lambda a=action: a(big))
        print(f"{name:28} {small_time * 1000:9.1f} ms {big_time * 1000:9.1f} ms  x{big_time / small_time:.1f}")
    print(f"{'redeployment':28} {median_seconds(lambda: metrics.redeployment(weekly)) * 1000:9.1f} ms")
    print("\nReading a team export:")
    before = None
    for size in (1_000, 10_000, 100_000):
        rows = [f"{1 + i % 12},case{i // 24},{'yes' if (i // 12) % 2 else 'no'},10,2.0,1,1,0,6" for i in range(size)]
        raw = ("week,use_case,used_ai,tasks,minutes_per_task,review_minutes,rework_minutes,errors,people\n"
               + "\n".join(rows)).encode()
        took = median_seconds(lambda raw=raw: read_team_export(raw))
        ratio = f"  x{took / before:.1f} for 10x the rows" if before else ""
        print(f"  {size:7,} rows: {took:6.2f} s{ratio}")
        before = took


if __name__ == "__main__":
    main()
