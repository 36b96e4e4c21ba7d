"""How long a cohort takes to grade: `course cohort grade` against plain `nbgrader autograde`, same submissions.

    python benchmarks/cohort_grading.py [--learners 40] [--assignments 02_prompt_basics ...] [--scaling]

For every assignment (all of solutions/ by default) it makes a course folder, puts in the model answers'
submission for every learner (one real submission, copied and renamed), then times, one after another on the
same submissions: plain nbgrader autograde (one notebook after another, as `nbgrader autograde` runs) and
`course cohort grade` with one worker per core (with ``--scaling`` also with one worker, to show how it scales
with cores). It also times the floor no grader can beat: a kernel started, one empty cell run and the kernel
stopped, for one notebook. It prints seconds per notebook, the ratio to plain nbgrader (target on 2 cores: at
most 0.6x) and to the floor divided by the cores (target: within 1.3x), and what 3,000 managers x 9 assignments
need on one large machine and on a Dask cluster at the measured cost per notebook.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.answers_for_tests import model_answers  # noqa: E402
from tests.nbgrader_course import autograde, make_course, submit  # noqa: E402
from tests.notebooks import ROOT  # noqa: E402

CORES = os.cpu_count() or 1


def empty_kernel_floor(runs: int = 5) -> float:
    """Median seconds to start a kernel, run one empty cell and stop the kernel (what any notebook costs)."""
    import nbformat
    from nbclient import NotebookClient

    times = []
    for _ in range(runs):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        started = time.perf_counter()
        NotebookClient(nb, kernel_name="python3", timeout=60).execute()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def notebook_floor(course: Path, name: str, runs: int = 3) -> float:
    """Median seconds to run one submitted notebook as it is, with nbclient alone (no grading at all): the part
    of every notebook's cost that is the notebook's own cells (importing the course, building its forms)."""
    import nbformat
    from nbclient import NotebookClient

    folder = course / "submitted" / "learner-000" / name
    times = []
    for _ in range(runs):
        nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
        started = time.perf_counter()
        NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(folder)}},
                       allow_errors=True).execute()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cohort_of(folder: Path, name: str, learners: int) -> Path:
    """A course folder with ``learners`` copies of the model answers' submission of ``name``."""
    folder.mkdir(parents=True)
    course = make_course(folder, name)
    submit(course, "learner-000", model_answers(ROOT / "solutions" / name / f"{name}.ipynb"), name)
    for n in range(1, learners):
        shutil.copytree(course / "submitted" / "learner-000", course / "submitted" / f"learner-{n:03d}")
    return course


def course_grade(course: Path, name: str, workers: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "course.cli", "cohort", "grade", name, "--course", str(course),
                    "--workers", str(workers), "--regrade"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--assignments", nargs="*",
                        default=sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()))
    parser.add_argument("--scaling", action="store_true", help="also grade with one worker")
    args = parser.parse_args()
    n = args.learners
    floor = empty_kernel_floor()
    print(f"{n} learners x {len(args.assignments)} assignments on {CORES} cores; "
          f"empty-kernel floor {floor:.2f} s a notebook ({floor / CORES:.2f} s on {CORES} cores)")
    totals = {"plain": 0.0, "course": 0.0, "one worker": 0.0}
    with tempfile.TemporaryDirectory() as temp:
        for name in args.assignments:
            plain = cohort_of(Path(temp) / name / "plain", name, n)
            parallel = Path(temp) / name / "parallel"
            shutil.copytree(plain, parallel)
            started = time.perf_counter()
            autograde(plain, name)
            plain_time = time.perf_counter() - started
            course_time = course_grade(parallel, name, CORES)
            own = notebook_floor(parallel, name)
            totals["plain"] += plain_time
            totals["course"] += course_time
            totals["own"] = totals.get("own", 0.0) + own * n
            line = (f"  {name:24} plain nbgrader {plain_time / n:5.2f} s/notebook | course cohort grade "
                    f"{course_time / n:5.2f} s/notebook, x{course_time / plain_time:.2f} of plain, "
                    f"x{course_time / n / (floor / CORES):.2f} of the empty-kernel floor/cores | the notebook "
                    f"alone {own:.2f} s: x{course_time / n / (own / CORES):.2f} of that floor/cores")
            if args.scaling:
                one = course_grade(parallel, name, 1)
                totals["one worker"] += one
                line += f" | 1 worker {one / n:5.2f} s/notebook ({one / course_time:.2f}x the {CORES}-worker time)"
            print(line, flush=True)
    notebooks = n * len(args.assignments)
    per_notebook = totals["course"] / notebooks
    core_seconds = per_notebook * CORES  # what one notebook costs one core
    print(f"all {notebooks} notebooks: plain nbgrader {totals['plain']:.0f} s, course cohort grade "
          f"{totals['course']:.0f} s: x{totals['course'] / totals['plain']:.2f} of plain (target: at most 0.6 on 2 "
          f"cores); {per_notebook:.2f} s a notebook, x{per_notebook / (floor / CORES):.2f} of the empty-kernel "
          f"floor divided by the cores (target: within 1.3); x{totals['course'] / (totals['own'] / CORES):.2f} of "
          f"the notebooks' own run time divided by the cores (what grading adds to running them)")
    if args.scaling and totals["one worker"]:
        print(f"scaling: {CORES} workers grade x{totals['one worker'] / totals['course']:.2f} as fast as one "
              f"(ideal x{CORES})")
    big = 3000 * 9
    print(f"3,000 managers x 9 assignments = {big:,} notebooks at {core_seconds:.1f} core-seconds each: "
          f"{big * core_seconds / 3600:.0f} core-hours; on one 64-core machine about "
          f"{big * core_seconds / 64 / 3600:.1f} h (with memory for 64 kernels: about 64 x 1 GB); on a Dask cluster "
          f"of 8 such machines about {big * core_seconds / 512 / 60:.0f} min, the gradebook written by one parent")


if __name__ == "__main__":
    main()
