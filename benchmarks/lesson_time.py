"""Estimate how long a first-time learner needs for each lesson and exercise, beside the time each notebook states;
prints a table.

The estimate (``course.lesson_time``) counts what each notebook asks: the words a learner reads (markdown, tables,
and the text inside the forms, drafts to open included) at 180 words a minute, and minutes for each field of each
form by its kind, plus a little per form for Save, Check and the feedback. The forms are built without a kernel.
These are estimates to be checked against timed pilot learners; they are printed, not asserted.

Run: python benchmarks/lesson_time.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course.lesson_time import (  # noqa: E402 - the repository's own package, found from here
    KINDS,
    LONG_TEXT_ROWS,
    MINUTES_PER_CHART,
    MINUTES_PER_FIELD,
    MINUTES_PER_FORM,
    WORDS_PER_MINUTE,
    Estimate,
    estimate,
    stated_minutes,
)

SHORT = {"text line": "line", "text box": "box", "long text box": "long", "choice": "choice", "checkbox": "tick",
         "combo box": "combo"}


def fields_text(fields: dict[str, int]) -> str:
    return ", ".join(f"{fields[kind]} {SHORT[kind]}" for kind in KINDS if fields.get(kind)) or "—"


def notebooks() -> list[Path]:
    return sorted((ROOT / "modules").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*/*.ipynb"))


def row(name: str, e: Estimate, stated: int | None) -> str:
    ratio = f"{e.total_minutes / stated:5.2f}" if stated else "    —"
    said = f"{stated:5}m" if stated else "     —"
    words = f"{e.text_words}+{e.form_words}+{e.table_words}"
    return (f"{name:30} {e.words:6} {words:>16} {e.reading_minutes:6.1f}m {e.doing_minutes:6.1f}m "
            f"{e.total_minutes:6.0f}m {said} {ratio}  {fields_text(e.fields)}; {e.forms} saved form(s)")


def main() -> None:
    started = time.perf_counter()
    print(f"Reading at {WORDS_PER_MINUTE} words a minute, {MINUTES_PER_CHART:g} min a chart. Doing, minutes a field: "
          + ", ".join(f"{SHORT[k]} ({k}) {m:g}" for k, m in MINUTES_PER_FIELD.items())
          + f"; a multi-line field {LONG_TEXT_ROWS} rows high or more is 'long'; {MINUTES_PER_FORM:g} a saved form.")
    print("Words: markdown + forms + tables. Ratio: estimate / stated.\n")
    print(f"{'notebook':30} {'words':>6} {'where':>16} {'reading':>7} {'doing':>7} {'total':>7} {'stated':>6} "
          f"{'ratio':>5}  fields")
    estimates = []
    for path in notebooks():
        e, stated = estimate(path), stated_minutes(path)
        estimates.append(e)
        print(row(path.stem, e, stated))
    print("\nEach form (reading and doing minutes of the form alone):")
    for e in estimates:
        for part in e.parts:
            print(f"  {e.notebook:30} {part.name:24} {part.words:5} words {part.reading_minutes:5.1f}m "
                  f"+ {part.doing_minutes:5.1f}m = {part.total_minutes:5.1f}m  {fields_text(part.fields)}")
    print(f"\n{len(estimates)} notebooks in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
