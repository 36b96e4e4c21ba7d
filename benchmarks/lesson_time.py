"""Estimate how long a first-time learner needs for each lesson and exercise; prints a table.

Reading: the words a learner reads (markdown cells) at 180 words a minute, a slow careful pace for
business readers. Doing: minutes per form, by kind (a prompt form, a criteria table: read a batch and write a
bar, a quiz, a reflection).
These are estimates to be checked against timed pilot learners; they are printed, not asserted.

Run: python benchmarks/lesson_time.py
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_MINUTE = 180
MINUTES_PER_FORM = {"prompt_builder": 6, "criteria_table": 12, "sop_builder": 15, "decision_rule": 5,
                    "metric_cards": 12, "time_split": 5, "dashboard": 5, "text_answer": 5, "quiz": 4,
                    "first_form": 2, "data_rule": 6, "self_assessment": 3, "use_case_picker": 8,
                    "inventory_explorer": 3}


def estimate(path: Path) -> tuple[int, float, dict[str, int], float]:
    nb = nbformat.read(path, as_version=4)
    words = sum(len(re.findall(r"\w+", c.source)) for c in nb.cells if c.cell_type == "markdown")
    forms = {kind: sum(f"wb.{kind}(" in c.source for c in nb.cells if c.cell_type == "code")
             for kind in MINUTES_PER_FORM}
    doing = sum(MINUTES_PER_FORM[kind] * count for kind, count in forms.items())
    return words, words / WORDS_PER_MINUTE, forms, doing


def main() -> None:
    print(f"{'notebook':50} {'words':>6} {'reading':>8} {'doing':>6} {'total':>6}  forms")
    for path in sorted((ROOT / "modules").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*/*.ipynb")):
        words, reading, forms, doing = estimate(path)
        listed = ", ".join(f"{n} {k}" for k, n in forms.items() if n)
        name = str(path.relative_to(ROOT))
        print(f"{name:50} {words:6} {reading:7.0f}m {doing:5.0f}m {reading + doing:5.0f}m  {listed}")


if __name__ == "__main__":
    main()
