"""How long a cohort takes to grade: `course cohort grade` against plain `nbgrader autograde`, same submissions.

    python benchmarks/cohort_grading.py [--learners 40] [--assignment 03_acceptance_criteria]

Makes a course folder with the assignment, puts in the model answers' submission for every learner (a copy of one
real submission, renamed), then times plain nbgrader autograde (one notebook after another) and `course cohort
grade` with one worker per core, and prints both, their ratio, and seconds per notebook. The target on 2 cores:
at most 0.6x plain nbgrader's wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.answers_for_tests import model_answers  # noqa: E402
from tests.nbgrader_course import autograde, make_course, submit  # noqa: E402
from tests.notebooks import ROOT  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--assignment", default="03_acceptance_criteria")
    args = parser.parse_args()
    name = args.assignment
    with tempfile.TemporaryDirectory() as temp:
        (Path(temp) / "plain").mkdir()
        plain = make_course(Path(temp) / "plain", name)
        answers = model_answers(ROOT / "solutions" / name / f"{name}.ipynb")
        submit(plain, "learner-000", answers, name)
        for n in range(1, args.learners):
            shutil.copytree(plain / "submitted" / "learner-000", plain / "submitted" / f"learner-{n:03d}")
        parallel = Path(temp) / "parallel"
        shutil.copytree(plain, parallel)
        started = time.perf_counter()
        autograde(plain, name)
        plain_time = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "course.cli", "cohort", "grade", name, "--course", str(parallel),
                        "--workers", str(os.cpu_count() or 1)], check=True, capture_output=True)
        parallel_time = time.perf_counter() - started
    n = args.learners
    print(f"{n} submissions of {name} on {os.cpu_count()} cores")
    print(f"  plain nbgrader autograde: {plain_time:7.1f} s ({plain_time / n:.2f} s a notebook)")
    print(f"  course cohort grade:      {parallel_time:7.1f} s ({parallel_time / n:.2f} s a notebook), "
          f"x{parallel_time / plain_time:.2f} of plain nbgrader (target: at most 0.6 on 2 cores)")


if __name__ == "__main__":
    main()
