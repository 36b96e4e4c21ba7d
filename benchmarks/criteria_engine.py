"""How fast the criteria engine runs: one criterion on one output, and a 20-criterion bar over many outputs.

    python benchmarks/criteria_engine.py

Prints, per kind of check, the median time of one criterion on one refund-reply draft (the aim is under 2 ms),
then a 20-criterion bar run over 100, 1,000 and 10,000 outputs (the sample batch repeated) with the time per
output and the ratio per tenfold (about 10 means the time grows linearly).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.checks.criteria import Batch, read_bar, run_bar  # noqa: E402
from course.checks.criteria_checks import KINDS, setup_check  # noqa: E402
from course.data import ai_outputs  # noqa: E402
from tests.criteria_bars import REPLY, TRIAGE, bar, row  # noqa: E402

VALUES = {"contains": "Kind regards", "contains_all": "refund; order", "contains_any": "sorry; apologise",
          "not_contains": "voucher; guarantee", "starts_with": "Dear", "ends_with": "Larkfield Customer Care",
          "pattern": r"LHG-\d{5}", "not_pattern": r"[\[{<][^\]}>\n]{0,40}[\]}>]", "words": "at most 120",
          "characters": "at most 800", "bullets": "at most 5", "rows": "at most 12", "headings": "Key points; Actions",
          "csv_columns": "ticket_id, category", "json_fields": "ticket_id", "column_values": "category: Refund",
          "number_near": "34.50 ± 0.01"}


def median_ms(action, repeat: int = 200) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    data = ai_outputs("customer_email")
    batch = Batch.from_data(data, data["batches"]["1"])
    draft = batch.outputs[0].text
    print(f"One criterion on one output (a {len(draft.split())}-word draft), median of 200 runs:")
    slowest = 0.0
    for kind in KINDS:
        check = setup_check(kind, VALUES.get(kind, ""))
        took = median_ms(lambda check=check: check.run(draft, batch.source))
        slowest = max(slowest, took)
        print(f"  {kind:22} {took:7.3f} ms")
    print(f"  slowest kind: {slowest:.3f} ms (aim: under 2 ms)")

    twenty = bar(*REPLY["criteria"], *TRIAGE["criteria"],
                 *[row(f"extra {i}", "not_contains", f"word{i}") for i in range(5)])
    read = read_bar(twenty)
    print(f"\nA {len(read.criteria)}-criterion bar over many outputs:")
    before = None
    for size in (100, 1_000, 10_000):
        outputs = tuple(batch.outputs[i % len(batch.outputs)] for i in range(size))
        many = Batch(batch.source, outputs)
        start = time.perf_counter()
        run_bar(read, many)
        took = time.perf_counter() - start
        ratio = f"  x{took / before:.1f} for 10x the outputs" if before else ""
        print(f"  {size:6,} outputs: {took:7.2f} s ({took / size * 1000:.2f} ms per output){ratio}")
        before = took


if __name__ == "__main__":
    main()
