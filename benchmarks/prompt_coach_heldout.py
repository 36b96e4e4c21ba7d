"""How well the free-text prompt coach agrees with people, on prompts it was never tuned on.

    python benchmarks/prompt_coach_heldout.py [labelled.json ...]

Prints pass/fail agreement and, per kind of finding, recall and false alarms. The default set,
benchmarks/data/heldout_prompts_4.json, was written by someone who never read the coach and is kept for
measuring only: when it is used to improve the coach, record its figures in its "about" first, move it to
tests/data/ beside the others and write a fresh held-out set.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.checks.prompt_text import COSTS, ENGINE, check_prompt_text  # noqa: E402
from tests.test_prompt_coach_agreement import rates  # noqa: E402

DEFAULT = Path(__file__).parent / "data" / "heldout_prompts_4.json"


def report(path: Path) -> None:
    prompts = json.loads(path.read_text("utf-8"))["prompts"]
    results = {p["id"]: check_prompt_text(p["text"]) for p in prompts}
    agree = [p for p in prompts if results[p["id"]].passed == p["passes"]]
    print(f"{path.name} ({len(prompts)} prompts, engine {ENGINE}): pass/fail agreement "
          f"{len(agree)}/{len(prompts)} = {len(agree) / len(prompts):.1%}")
    for prompt in prompts:
        if prompt not in agree:
            verdict = "passes" if prompt["passes"] else "fails"
            print(f"  {prompt['id']}: people say it {verdict} ({', '.join(prompt['flaws']) or 'no flaw'}); "
                  f"the coach found {', '.join(sorted(results[prompt['id']].kinds())) or 'nothing'}")
    print(f"  {'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6} costs")
    for kind, row in rates(results, prompts).items():
        if row["labelled"] or row["false_alarms"]:
            print(f"  {kind:22} {row['labelled']:8} {row['found_where_labelled']:6} {row['recall']:7.0%} "
                  f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%} {COSTS.get(kind, 0):g}")


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(DEFAULT)]:
        report(Path(name))
