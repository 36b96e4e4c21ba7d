"""`course cohort grade` on submissions that are not what nbgrader expects, a worker that is killed and a
gradebook another program holds: the batch finishes, each problem is reported by learner, nothing is lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell

from course.answers import answers_file_name
from course.grading.parallel import completed_log, grade_cohort
from course.grading.pool import STOPPED_TWICE
from tests.nbgrader_course import make_course, scores_of, submit
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ANSWERS = answers_file_name(ASSIGNMENT)
FULL = STUDENTS["model"][1]


def variant(course, name: str, change) -> None:
    """A copy of the honest learner's submission under ``name``, changed by ``change(folder)``."""
    folder = course / "submitted" / name / ASSIGNMENT
    shutil.copytree(course / "submitted" / "model" / ASSIGNMENT, folder)
    change(folder)


def no_notebook(folder):
    (folder / NOTEBOOK).unlink()


def two_notebooks(folder):
    shutil.copy(folder / NOTEBOOK, folder / f"{ASSIGNMENT}-Copy1.ipynb")


def damaged_answers(folder):
    (folder / ANSWERS).write_text('{"version": 1, "answers": {"reply_crit', encoding="utf-8")
    for backup in folder.glob(".*backup*"):
        backup.unlink()


def rescued_answers(folder):
    (folder / ANSWERS).write_bytes(b"\x00" * 100)  # the backup copy beside it is intact


def huge_answers(folder):
    with (folder / ANSWERS).open("w", encoding="utf-8") as handle:
        handle.write('{"version": 1, "answers": {"reply_criteria": {"value": "')
        handle.write("x" * 50_000_000)
        handle.write('", "engine": "criteria", "saved": "2026-11-30T10:00:00+00:00"}}}')
    for backup in folder.glob(".*backup*"):
        backup.unlink()


VARIANTS = {"no-notebook": no_notebook, "two-notebooks": two_notebooks, "damaged-answers": damaged_answers,
            "rescued-answers": rescued_answers, "huge-answers": huge_answers}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("bad-submissions"), ASSIGNMENT)
    submit(course, "model", STUDENTS["model"][0], ASSIGNMENT)
    for name, change in VARIANTS.items():
        variant(course, name, change)
    return course


@pytest.fixture(scope="module")
def graded(course):
    return grade_cohort(course, ASSIGNMENT, workers=2, cell_timeout=30)


def points(course, student) -> dict:
    found = scores_of(course, ASSIGNMENT, {student: None})[student]
    return {cell: found[cell][0] for cell in FULL}


def test_every_submission_is_graded_or_reported_and_the_batch_finishes(graded):
    assert sorted(graded.graded) == sorted(["model", "two-notebooks", "damaged-answers", "rescued-answers",
                                            "huge-answers"])
    assert [o.student for o in graded.failed] == ["no-notebook"]
    assert "no notebook" in graded.failed[0].message and NOTEBOOK in graded.failed[0].message


def test_each_problem_is_named_by_learner(graded):
    problems = graded.problems
    assert set(problems) == {"two-notebooks", "damaged-answers", "rescued-answers", "huge-answers"}
    assert f"{ASSIGNMENT}-Copy1.ipynb" in problems["two-notebooks"][0] and "not graded" in problems["two-notebooks"][0]
    assert "damaged" in problems["damaged-answers"][0] and "no good copy" in problems["damaged-answers"][0]
    assert "backup" in problems["rescued-answers"][0]
    assert "answers file (50 MB) is damaged" in problems["huge-answers"][0]
    assert "model" not in problems


def test_scores_follow_what_each_submission_really_holds(course, graded):
    assert points(course, "model") == FULL
    assert points(course, "two-notebooks") == FULL
    assert points(course, "rescued-answers") == FULL
    assert points(course, "damaged-answers") == dict.fromkeys(FULL, 0.0)
    assert points(course, "huge-answers") == dict.fromkeys(FULL, 0.0)


def test_nothing_a_learner_submitted_is_lost(course, graded):
    folder = course / "submitted"
    assert (folder / "damaged-answers" / ASSIGNMENT / ANSWERS).read_text("utf-8").startswith('{"version": 1')
    assert (folder / "huge-answers" / ASSIGNMENT / ANSWERS).stat().st_size > 50_000_000
    assert (folder / "two-notebooks" / ASSIGNMENT / f"{ASSIGNMENT}-Copy1.ipynb").exists()
    assert (folder / "no-notebook" / ASSIGNMENT / ANSWERS).exists()


def test_the_sentence_and_the_cli_list_the_problems(course, graded):
    from click.testing import CliRunner

    from course.cli import main

    assert "5 graded; 1 failed" in graded.sentence()
    result = CliRunner().invoke(main, ["cohort", "grade", ASSIGNMENT, "--course", str(course)])
    assert result.exit_code == 0, result.output
    assert "5 already graded in an earlier run" in result.output
    assert "not graded: no-notebook: no notebook" in result.output


@pytest.fixture
def copy(course, tmp_path):
    copied = tmp_path / "course"
    shutil.copytree(course, copied, ignore=shutil.ignore_patterns("autograded", ".grading", "huge-answers",
                                                                  "damaged-answers", "no-notebook"))
    return copied


def honest_with_a_cell(course, name: str, code: str) -> None:
    """The honest learner's submission under ``name``, with ``code`` run early in the notebook."""
    folder = course / "submitted" / name / ASSIGNMENT
    shutil.copytree(course / "submitted" / "model" / ASSIGNMENT, folder)
    nb = nbformat.read(folder / NOTEBOOK, as_version=4)
    nb.cells.insert(1, new_code_cell(code))
    nbformat.write(nb, folder / NOTEBOOK)


def kill_a_busy_worker(killed: list) -> None:
    """Kill the first grading worker seen running a notebook (a worker with a kernel of its own)."""
    me = psutil.Process()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not killed:
        for worker in me.children():
            with contextlib.suppress(psutil.Error):
                if worker.children():
                    worker.kill()
                    killed.append(worker.pid)
                    return
        time.sleep(0.05)


def test_a_worker_killed_mid_notebook_costs_a_retry_and_no_grade(copy):
    killed: list[int] = []
    killer = threading.Thread(target=kill_a_busy_worker, args=(killed,))
    killer.start()
    summary = grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30)
    killer.join()
    assert killed
    assert sorted(summary.graded) == ["model", "rescued-answers", "two-notebooks"], summary.sentence()
    assert summary.failed == []
    for student in summary.graded:
        assert points(copy, student) == FULL


KILL_THE_WORKER = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"


def test_a_notebook_cannot_kill_its_worker_from_the_sandbox(copy):
    honest_with_a_cell(copy, "killer", KILL_THE_WORKER)  # its parent in there is the sandbox's own first process
    summary = grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30)
    assert sorted(summary.graded) == ["killer", "model", "rescued-answers", "two-notebooks"], summary.sentence()
    for student in summary.graded:
        assert points(copy, student) == FULL


def test_without_the_sandbox_a_notebook_that_kills_its_worker_is_reported_and_nobody_else_suffers(copy):
    honest_with_a_cell(copy, "killer", KILL_THE_WORKER)
    summary = grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30, sandbox=False)
    assert sorted(summary.graded) == ["model", "rescued-answers", "two-notebooks"], summary.sentence()
    assert [(o.student, o.message) for o in summary.failed] == [("killer", STOPPED_TWICE)]
    assert summary.flags["killer"] == [f"could not be graded: {STOPPED_TWICE}"]
    for student in summary.graded:
        assert points(copy, student) == FULL


HOLD_LOCK = textwrap.dedent("""
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    db.execute("ROLLBACK")
""")


def test_a_gradebook_held_by_another_program_loses_nothing(copy):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(copy / "gradebook.db")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(Exception) as refused:
            grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30, lock_wait=1)
        assert "in use by another program" in str(refused.value)
    finally:
        holder.communicate("\n", timeout=30)
    assert not completed_log(copy, ASSIGNMENT).exists() or not completed_log(copy, ASSIGNMENT).read_text().strip()
    summary = grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30)
    assert sorted(summary.graded) == ["model", "rescued-answers", "two-notebooks"]
    for student in summary.graded:
        assert points(copy, student) == FULL
    assert os.path.exists(copy / "submitted" / "model" / ASSIGNMENT / NOTEBOOK)


def test_a_notebook_past_the_memory_limit_fails_that_cell_and_is_graded(copy):
    honest_with_a_cell(copy, "hog", "hoard = bytearray(3 * 2**30)")
    summary = grade_cohort(copy, ASSIGNMENT, workers=2, cell_timeout=30, memory_gb=1.5)
    assert "hog" in summary.graded and summary.failed == [], summary.sentence()
    assert points(copy, "hog") == FULL
    graded = (copy / "autograded" / "hog" / ASSIGNMENT / NOTEBOOK).read_text("utf-8")
    assert '"ename": "MemoryError"' in graded


def test_without_the_sandbox_the_guard_removes_a_planted_pth_file_and_puts_the_exchange_back(copy):
    import sysconfig

    planted = Path(sysconfig.get_paths()["purelib"]) / "zz_course_guard_test.pth"
    inbound = copy / "exchange" / "course" / "inbound" / "model+x"
    inbound.mkdir(parents=True)
    (inbound / "kept.txt").write_text("a learner's submission", encoding="utf-8")
    honest_with_a_cell(copy, "planter", f"open(r'{planted}', 'w').write('import os')\n"
                                        f"open(r'{inbound / 'kept.txt'}', 'w').write('gone')")
    try:
        summary = grade_cohort(copy, ASSIGNMENT, workers=1, cell_timeout=30, sandbox=False)
        assert not planted.exists()
        assert (inbound / "kept.txt").read_text("utf-8") == "a learner's submission"
        assert "zz_course_guard_test.pth (added" in " ".join(summary.tampering)
        assert list(summary.flags) == ["planter"]  # one notebook at a time: the guard knows whose it was
    finally:
        planted.unlink(missing_ok=True)
