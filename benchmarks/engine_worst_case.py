"""How long every engine takes on hostile answers, and how the time grows with the answer's length.

    python benchmarks/engine_worst_case.py

Every engine must answer anything the answer store accepts (up to 100,000 characters) within 1 second, or a
Check, live feedback and nbgrader's 30-second cell timeout would suffer. Prints, per task, the slowest hostile
answer (tests/hostile_answers.py) with its median time over 3 runs, then the time on prose of 12,500, 25,000,
50,000 and 100,000 characters with the ratio per doubling (about 2 means linear; the coach reads at most 20,000
characters of instructions, so it flattens out past that).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.tasks import get_task, task_names  # noqa: E402
from tests.hostile_answers import PROSE, TEXTS  # noqa: E402


def shaped(task, text: str) -> object:
    """The text as the task's form saves it: a structured form gets it in every field."""
    kinds = task.check("x").kinds()
    if kinds == {"unreadable_answer"}:
        return {"task": text, "context": text, "constraints": text, "format": text, "input": text}
    if kinds == {"no_criteria"}:  # a criteria table: the text as a criterion, a word list and a pattern
        return {"criteria": [{"text": text, "check": "contains_all", "value": text, "must": True},
                             {"text": text, "check": "pattern", "value": text[:2000], "weight": text[:50]}],
                "threshold": text[:20]}
    if kinds == {"sop_empty"}:  # an SOP: the text in every section and in many steps
        fields = dict.fromkeys(("purpose", "trigger", "inputs", "prompt", "quality_checks", "data_rules", "escalation"),
                               text[:5000])
        return {**fields, "steps": [{"actor": text[:50], "kind": "ai", "action": text[:500], "result": text[:50]}
                                    for _ in range(200)]}
    return text


def seconds(task, text: str, runs: int = 3) -> float:
    value = shaped(task, text)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task.check(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for name in sorted(task_names()):
        task = get_task(name)
        worst = max(((seconds(task, text), label) for label, text in TEXTS.items()), key=lambda pair: pair[0])
        sizes = [12_500, 25_000, 50_000, 100_000]
        growth = [seconds(task, (PROSE * 1000)[:size]) for size in sizes]
        ratios = " ".join(f"{b / a:.2f}" for a, b in zip(growth, growth[1:], strict=False))
        print(f"{name:22} slowest hostile answer {worst[0] * 1000:7.1f} ms ({worst[1]}); prose "
              + " ".join(f"{size // 1000}k {t * 1000:.1f} ms" for size, t in zip(sizes, growth, strict=True))
              + f"; ratio per doubling {ratios}")


if __name__ == "__main__":
    main()
