"""Helpers for tests that run nbgrader itself on a copy of the course: commands, a course folder, submissions."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import nbformat
from nbgrader.api import Gradebook

from tests.notebooks import ROOT, fill_and_save, run_notebook

ASSIGNMENT = "02_prompt_basics"
SOLUTION = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
NBGRADER = [sys.executable, "-m", "nbgrader"]


# nbgrader runs `alembic` to create a gradebook: the environment's scripts folder must be on PATH.
SCRIPTS_FIRST = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def nbgrader(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run an ``nbgrader`` command in ``cwd`` the way an instructor does, and return what it printed."""
    return subprocess.run([*NBGRADER, *args], cwd=cwd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, **SCRIPTS_FIRST, **(env or {})})


@contextlib.contextmanager
def gradebook(course: Path) -> Iterator[Gradebook]:
    """nbgrader's gradebook of ``course`` (where its nbgrader_config.py puts it, else gradebook.db in the folder),
    created if there is none yet."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config() \
        if (course / "nbgrader_config.py").is_file() else None
    db_url = (config and config.CourseDirectory.get("db_url")) or f"sqlite:///{course / 'gradebook.db'}"
    with mock.patch.dict(os.environ, SCRIPTS_FIRST), Gradebook(db_url) as book:
        yield book


def make_course(folder: Path, assignment: str = ASSIGNMENT) -> Path:
    """A course folder with the course's nbgrader_config.py and the assignment generated into a gradebook."""
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "solutions" / assignment, folder / "solutions" / assignment)
    result = nbgrader("generate_assignment", assignment, "--force", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def submit(course: Path, student: str, answers: dict[str, object], assignment: str = ASSIGNMENT) -> None:
    """Make a submission the way a learner does: open the notebook, type into the forms, press Save."""
    release = course / "exercises" / assignment / f"{assignment}.ipynb"
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    if answers:
        nb = run_notebook(release, folder, [fill_and_save(key, value) for key, value in answers.items()])
        nbformat.write(nb, folder / release.name)
    else:
        shutil.copy(release, folder)  # opened, never filled in


def autograde(course: Path, assignment: str = ASSIGNMENT) -> None:
    """Autograde every submission in ``course`` into its gradebook, adding learners nbgrader does not know yet."""
    result = nbgrader("autograde", assignment, "--create", "--force", cwd=course)
    assert result.returncode == 0, result.stderr[-3000:]


def grade_submissions(folder: Path, assignment: str, students: dict[str, tuple[dict[str, object], object]]) -> Path:
    """A course in ``folder`` where every student of ``students`` (name -> (answers, anything)) typed their answers
    into the released notebook and saved, then autograded: the course folder."""
    course = make_course(folder, assignment)
    for student, (answers, _expected) in students.items():
        submit(course, student, answers, assignment)
    autograde(course, assignment)
    return course


def scores_of(course: Path, assignment: str, students) -> dict[str, dict[str, tuple]]:
    """Each student's grades from the gradebook: cell -> (automatic score, waiting for a person)."""
    with gradebook(course) as book:
        return {student: {g.name: (g.auto_score, g.needs_manual_grade)
                          for g in book.find_submission_notebook(assignment, assignment, student).grades}
                for student in students}


def assert_validate_names_the_missing_answer(assignment: str, folder: Path) -> None:
    """``nbgrader validate`` passes on the solution and, on the release, fails with the plain missing-answer line."""
    solution = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    result = nbgrader("validate", str(solution), cwd=folder)
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout + result.stderr
    release = ROOT / "exercises" / assignment / f"{assignment}.ipynb"
    (folder / "release").mkdir()
    copy = folder / "release" / release.name
    copy.write_bytes(release.read_bytes())
    result = nbgrader("validate", str(copy), cwd=folder)
    assert "VALIDATION FAILED" in result.stdout
    assert result.stdout.split("The error was:")[1].strip().splitlines()[0] == "Fill in the form above and press Save."


def students_for(assignment: str, full: dict[str, float],
                 weak: list[tuple[dict[str, object], dict[str, float]]]) -> dict[str, tuple[dict, dict]]:
    """The learners of a module's end-to-end test: the model answers (full points), a blank submission (none),
    and each weak answer with the points it earns per graded cell."""
    from tests.answers_for_tests import model_answers

    model = model_answers(ROOT / "solutions" / assignment / f"{assignment}.ipynb")
    students = {"model": (model, full), "blank": ({}, dict.fromkeys(full, 0))}
    students.update({f"weak{n}": pair for n, pair in enumerate(weak)})
    return students


def assert_points(course: Path, assignment: str, students: dict, student: str, waiting: str | None = None) -> None:
    """The learner got exactly the expected points in each graded cell, and the manual item waits for a person."""
    _answers, expected = students[student]
    grades = scores_of(course, assignment, students)[student]
    assert {cell: grades[cell] for cell in expected} == {cell: (points, False) for cell, points in expected.items()}
    if waiting:
        assert grades[waiting] == (None, True)  # never scored 0 as "No response": it reaches a person
