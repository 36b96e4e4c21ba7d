"""Run one grading job per learner on a pool of worker processes, and survive a worker that dies.

A worker process can die half way through a notebook: killed by the machine when memory runs out, or by
someone. Python's process pool then fails every job it holds. Here each job leaves a note while it runs, so
after a pool breaks the learners whose jobs were running are known: each is tried once more on its own, and the
jobs that were only waiting go on in a fresh pool. A learner whose notebook stopped its worker twice is reported
and the batch finishes without them (nothing of theirs is lost; the next run tries again).
"""

from __future__ import annotations

import concurrent.futures
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

STOPPED_TWICE = ("the grading worker stopped twice while running this notebook (it used more memory than the "
                 "machine had, or it was killed); nothing was saved for it and the next run tries again")


def run_in_pool(job: Callable[..., Any], students: Sequence[str], args_of: Callable[[str], tuple],
                workers: int, keep: Callable[[str, Any], None], failed: Callable[[str, str], None]) -> None:
    """Run ``job(*args_of(student))`` for every student on ``workers`` processes; ``keep(student, result)`` gets
    each result as it comes, ``failed(student, reason)`` each student that could not be run.

    When a worker dies, the students whose jobs were running at that moment become suspects and each runs again
    alone, in a pool of one, so a notebook that stops its worker again is known for sure; the jobs that were
    only waiting go on in a fresh pool.
    """
    pending, suspects = list(students), []
    with tempfile.TemporaryDirectory(prefix="course-running-") as scratch:
        running = Path(scratch)
        while pending:
            lost = _one_pool(job, pending, args_of, workers, keep, failed, running)
            were_running = _notes_left(running) or set(lost)
            suspects += [s for s in lost if s in were_running]
            pending = [s for s in lost if s not in were_running]
        for student in suspects:
            if _one_pool(job, [student], args_of, 1, keep, failed, running):
                _notes_left(running)
                failed(student, STOPPED_TWICE)


def _one_pool(job, students, args_of, workers, keep, failed, running: Path) -> list[str]:
    """Run ``students`` on a fresh pool; the students whose jobs were lost when the pool broke."""
    broken = []
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=max(1, workers))
    try:
        futures = {pool.submit(_tracked, running, job, s, args_of(s)): s for s in students}
        for future in concurrent.futures.as_completed(futures):
            student = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                broken.append(student)
                continue
            except Exception as error:  # a fault in the job itself: reported, the batch goes on
                failed(student, f"the grading worker stopped ({type(error).__name__}: {str(error)[:150]})")
                continue
            keep(student, result)
    finally:
        pool.shutdown(cancel_futures=True)
    return broken


def _tracked(running: Path, job: Callable[..., Any], student: str, args: tuple) -> Any:
    """Run the job, leaving the note ``running/<student>`` while it runs."""
    note = running / student
    note.write_text(str(os.getpid()), encoding="utf-8")
    try:
        return job(*args)
    finally:
        note.unlink(missing_ok=True)


def _notes_left(running: Path) -> set[str]:
    """Students whose job was running when its pool broke (their note is still there); the notes are cleared."""
    left = {note.name for note in running.iterdir()}
    for note in running.iterdir():
        note.unlink(missing_ok=True)
    return left
