"""`course cohort grade`: submissions graded in parallel, the gradebook written by one process, the same grades
as the module's end-to-end test, broken and runaway notebooks reported without stopping the batch, hostile
scores corrected, an interrupted batch resumed, and the same grades from a local Dask cluster."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from click.testing import CliRunner
from nbformat.v4 import new_code_cell

from course.cli import main
from course.grading.parallel import completed_log, grade_cohort
from tests.nbgrader_course import make_course, scores_of, submit
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS

GRADED = ["model", "blank", "weak0", "weak2", "weak4"]


def odd_submission(course, student: str, change) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nb = nbformat.read(course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    change(nb, folder)


def runaway(nb, folder):
    nb.cells.insert(2, new_code_cell("while True:\n    pass"))
    nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


def broken(_nb, folder):
    (folder / f"{ASSIGNMENT}.ipynb").write_text("{ this is not a notebook", encoding="utf-8")


@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("parallel"), ASSIGNMENT)
    for student in GRADED:
        submit(course, student, STUDENTS[student][0], ASSIGNMENT)
    odd_submission(course, "runaway", runaway)
    odd_submission(course, "broken", broken)
    return course


def expected(student: str) -> dict:
    return {cell: (points, False) for cell, points in STUDENTS[student][1].items()}


def grades(course, students) -> dict:
    found = scores_of(course, ASSIGNMENT, dict.fromkeys(students))
    return {s: {c: found[s][c] for c in STUDENTS[s][1]} for s in students}


def test_parallel_grading_gives_the_end_to_end_grades_and_reports_what_it_could_not_grade(submitted):
    result = CliRunner().invoke(main, ["cohort", "grade", ASSIGNMENT, "--course", str(submitted), "--workers", "2",
                                       "--cell-timeout", "5"])
    assert result.exit_code == 0, result.output
    assert "6 graded; 1 failed; 1 with a cell stopped at the time limit (runaway)" in result.output
    assert "not graded: broken" in result.output
    assert grades(submitted, GRADED) == {s: expected(s) for s in GRADED}
    assert sorted(line for line in completed_log(submitted, ASSIGNMENT).read_text().splitlines()) == sorted(
        f'{{"student": "{s}"}}' for s in [*GRADED, "runaway"])


def test_an_interrupted_batch_resumes_with_what_did_not_finish(submitted, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(submitted, course, ignore=shutil.ignore_patterns("autograded", ".grading"))
    log = completed_log(course, ASSIGNMENT)

    def stop_once_one_is_saved(_n):
        if log.exists() and log.read_text().strip():
            raise KeyboardInterrupt  # the operator pressed Ctrl+C, or the machine went down

    with pytest.raises(KeyboardInterrupt):
        grade_cohort(course, ASSIGNMENT, workers=2, cell_timeout=5, progress=stop_once_one_is_saved)
    first = set(log.read_text().splitlines())
    resumed = grade_cohort(course, ASSIGNMENT, workers=2, cell_timeout=5)
    assert len(resumed.skipped) == len(first) >= 1
    assert sorted(resumed.graded + resumed.skipped) == sorted([*GRADED, "runaway"])
    assert grades(course, GRADED) == {s: expected(s) for s in GRADED}


def test_a_local_dask_cluster_gives_the_same_grades(submitted, tmp_path):
    import distributed

    course = tmp_path / "course"
    shutil.copytree(submitted, course, ignore=shutil.ignore_patterns("autograded", ".grading"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as \
            cluster, distributed.Client(cluster) as client:
        summary = grade_cohort(course, ASSIGNMENT, cell_timeout=5, submit=client.submit)
    assert sorted(summary.graded) == sorted([*GRADED, "runaway"]) and len(summary.failed) == 1
    assert grades(course, GRADED) == {s: expected(s) for s in GRADED}


def test_a_forms_answer_cell_never_says_no_response_beside_its_points(submitted):
    from tests.nbgrader_course import gradebook

    with gradebook(submitted) as book:
        comment = book.find_comment("ex1-answer", ASSIGNMENT, ASSIGNMENT, "model")
        assert comment.auto_comment is None and book.find_grade("ex1-test", ASSIGNMENT, ASSIGNMENT,
                                                                 "model").score == 10


def test_the_grading_output_is_clean_of_nbgrader_and_kernel_noise(submitted, tmp_path):
    import os
    import subprocess
    import sys

    from tests.nbgrader_course import SCRIPTS_FIRST

    course = tmp_path / "course"
    shutil.copytree(submitted, course, ignore=shutil.ignore_patterns("autograded", ".grading"))
    result = subprocess.run([sys.executable, "-m", "course.cli", "cohort", "grade", ASSIGNMENT, "--course",
                             str(course), "--workers", "2", "--cell-timeout", "5"], capture_output=True, text=True,
                            timeout=600, env={**os.environ, **SCRIPTS_FIRST})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "6 graded; 1 failed" in result.stdout
    noise = [line for line in result.stderr.replace("\r", "\n").splitlines()
             if line.strip() and not line.startswith("Grading ")]
    assert noise == [], noise[:5]
