"""A cohort's own held-out data for the hidden tests, made from the cohort's seed when the cohort is created.

The course ships its hidden tests' data inside the package, where a curious learner can find it. A cohort
therefore gets data of its own, written once into ``heldout/`` of the cohort folder by the course repository's
own generators (datasets/) from a seed kept in the cohort's configuration: the hidden weeks of meeting notes and
support tickets, and the pilot log of the hidden variant, told with other day-to-day noise. The pilot must still
tell the hidden variant's story, or its right decisions would no longer be right: pilot seeds drawn from the
cohort's seed are tried until every rule of a grid of sensible rules (``STORY_RULES``) decides each use case as it
does on the course's own hidden pilot; a seed whose noise blurs the story is skipped. While the cohort is graded,
``COURSE_HELDOUT`` names the folder (``course.data`` reads it). The hand-labelled AI outputs of module 03 cannot
be made from a seed; their hidden batch stays the package's.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..data import HELDOUT

HIDDEN_WEEKS = (6, 7, 8)   # the weeks of notes and tickets the hidden tests use (module 02 and 04)
HIDDEN_VARIANT = 2         # the pilot variant module 05's hidden test uses
STORY_RULES = [(measure, minutes, rise) for measure in ("net", "gross") for minutes in (0, 0.5, 1, 2)
               for rise in (1, 2, 5)]  # (measure, minutes saved above, error rise at most), the model rule among them
TRIES = 500


def make(folder: Path, repository: Path, seed: int) -> list[Path]:
    """Write the cohort's held-out data into ``folder`` with the generators of ``repository``; the files."""
    generators = str(repository / "datasets")
    sys.path.insert(0, generators)
    try:
        import generate
        import generate_pilot
    finally:
        sys.path.remove(generators)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sets = {"meeting_notes.csv": [r for r in generate.meeting_notes(rng) if r["week"] in HIDDEN_WEEKS],
            "support_tickets.csv": [r for r in generate.support_tickets(rng) if r["week"] in HIDDEN_WEEKS]}
    for name, rows in sets.items():
        generate.write_csv(folder / name, rows)
    story = _decisions(generate_pilot.pilot_log(HIDDEN_VARIANT), generate, folder)
    pilot_seeds = random.Random(f"pilot {seed}")  # each cohort seed tries its own pilot seeds, never a neighbour's
    for _try in range(TRIES):
        pilot_seed = pilot_seeds.randrange(1, 2**31)
        log = generate_pilot.pilot_log(HIDDEN_VARIANT, seed=pilot_seed)
        if _decisions(log, generate, folder) == story:
            break
    else:
        raise RuntimeError(f"None of {TRIES} pilot seeds drawn from {seed} tells the hidden pilot's story.")
    generate.write_csv(folder / "pilot_log_2.csv", log)
    generate.write_csv(folder / "pilot_weekly_2.csv", generate_pilot.pilot_weekly(HIDDEN_VARIANT, seed=pilot_seed))
    (folder / "seed.txt").write_text(f"{seed}\npilot {pilot_seed}\n", encoding="utf-8")
    return [folder / name for name in (*sets, "pilot_log_2.csv", "pilot_weekly_2.csv")]


def _decisions(log: list[dict], generate: Any, folder: Path) -> list[tuple[str, ...]]:
    """What every rule of ``STORY_RULES`` decides for each use case of the pilot ``log`` (rows as generated)."""
    from ..checks.decision_rule import Rule, pilot_figures
    from ..data import load_pilot_log

    generate.write_csv(folder / "pilot_log_2.csv", log)
    with in_use(folder.parent, folder.name):
        figures = pilot_figures(load_pilot_log(HIDDEN_VARIANT))
    return [tuple(f.decide(Rule(*rule)) for f in figures) for rule in STORY_RULES]


@contextlib.contextmanager
def in_use(course: Path, name: str = "heldout") -> Iterator[None]:
    """Read the cohort's held-out data (if it has any) instead of the package's while the block runs."""
    folder = course / name
    before = os.environ.get(HELDOUT)
    if folder.is_dir():
        os.environ[HELDOUT] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(HELDOUT, None)
        else:
            os.environ[HELDOUT] = before
