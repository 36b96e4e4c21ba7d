"""nbgrader end to end: generate, learners fill forms and save, autograde, and the exact scores come out."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from tests.answers_for_tests import WEAK_ANSWERS, WEAK_OWN, WEAK_REPAIR, WEAK_TRIAGE, model_answers
from tests.nbgrader_course import ASSIGNMENT, SOLUTION, autograde, make_course, nbgrader, submit
from tests.notebooks import ROOT, cell_by_id, cell_text

# A grading environment that warns every time anything from the course is imported.
NOISY_SITE = textwrap.dedent("""
    import builtins, warnings
    _real_import = builtins.__import__
    def _noisy_import(name, globals=None, locals=None, fromlist=(), level=0):
        package = (globals or {}).get("__package__") or ""
        if name.startswith("course") or package.startswith("course"):
            warnings.warn("this grading environment warns on every import", UserWarning, stacklevel=2)
        return _real_import(name, globals, locals, fromlist, level)
    builtins.__import__ = _noisy_import
""")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course folder with the assignment generated into nbgrader's gradebook."""
    return make_course(tmp_path_factory.mktemp("course"))


MODEL = model_answers(SOLUTION)
FULL = {"ex1-test": 10, "ex1-hidden": 2, "ex2-test": 10, "ex2-hidden": 2, "ex3-test": 8, "ex3-hidden": 2,
        "ex5-test": 6}
STUDENTS: dict[str, tuple[dict[str, object], dict[str, float]]] = {
    "model": (MODEL, FULL),
    "blank": ({}, dict.fromkeys(FULL, 0)),
}
# Each weak learner gets one typical weak answer per exercise (where there is one) and leaves the rest blank.
weak = [[("ex1", "meeting_summary", a, v, h) for a, v, h, _ in WEAK_ANSWERS.values()],
        [("ex2", "ticket_triage", a, v, h) for a, v, h, _ in WEAK_TRIAGE.values()],
        [("ex3", "repair_prompt", a, v, h) for a, v, h, _ in WEAK_REPAIR.values()]]
for n in range(len(weak[0])):
    answers, expected = {"first_use_reflection": "Short."}, dict.fromkeys(FULL, 0)
    for exercise in weak:
        if n < len(exercise):
            prefix, task, answer, visible, hidden = exercise[n]
            answers[task] = answer
            expected[f"{prefix}-test"], expected[f"{prefix}-hidden"] = visible, hidden
    if n < len(WEAK_OWN):
        answers["own_prompt"], expected["ex5-test"], _kinds = list(WEAK_OWN.values())[n]
    STUDENTS[f"weak{n}"] = (answers, expected)


def scores(course: Path) -> dict[str, dict[str, tuple]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        result = {}
        for student in STUDENTS:
            notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
            result[student] = {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
        return result


@pytest.fixture(scope="module")
def graded(course):
    for student, (answers, _expected) in STUDENTS.items():
        submit(course, student, answers)
    autograde(course)
    return course


def test_submissions_are_made_by_the_forms_not_by_hand(graded):
    saved = graded / "submitted" / "model" / ASSIGNMENT / f"your answers - {ASSIGNMENT}.json"
    assert saved.exists()
    assert not (graded / "submitted" / "blank" / ASSIGNMENT / f"your answers - {ASSIGNMENT}.json").exists()


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points(graded, student):
    _answers, expected = STUDENTS[student]
    grades = scores(graded)[student]
    assert {cell: grades[cell] for cell in expected} == {cell: (points, False) for cell, points in expected.items()}
    # the reflection waits for a person, whatever was typed: never scored as "No response"
    assert grades["ex4-rubric"] == (None, True)


def test_a_blank_submission_shows_the_plain_message_and_no_traceback(graded):
    nb = nbformat.read(graded / "autograded" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for test in ("ex1-test", "ex2-test", "ex3-test", "ex5-test"):
        assert cell_text(cell_by_id(nb, test)).strip().startswith("Fill in the form above and press Save.")
    assert "Fill in the form above and press Save." in cell_text(cell_by_id(nb, "ex4-echo"))
    assert all("Traceback" not in cell_text(cell) for cell in nb.cells if cell.cell_type == "code")


def test_the_grader_sees_the_saved_reflection_as_text(graded):
    nb = nbformat.read(graded / "autograded" / "model" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    echo = cell_text(cell_by_id(nb, "ex4-echo"))
    assert MODEL["first_use_reflection"][:80] in echo and "Notes from the course's checker" in echo
    assert "The answer that was graded:" in cell_text(cell_by_id(nb, "ex1-test"))


def test_the_same_scores_when_the_grading_environment_warns_on_import(graded, tmp_path):
    before = scores(graded)
    (tmp_path / "sitecustomize.py").write_text(NOISY_SITE)
    env = {"PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "PYTHONWARNINGS": "always"}
    check = subprocess.run([sys.executable, "-c", "import course"], env={**os.environ, **env},
                           capture_output=True, text=True)
    assert "warns on every import" in check.stderr  # the noisy environment really is noisy
    result = nbgrader("autograde", ASSIGNMENT, "--force", cwd=graded, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert scores(graded) == before
    nb = nbformat.read(graded / "autograded" / "model" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert "warns on every import" in cell_text(cell_by_id(nb, "setup"))  # seen where it costs nothing


def test_validate_passes_on_the_solution(tmp_path):
    result = nbgrader("validate", str(SOLUTION), cwd=tmp_path)
    assert "Success! Your notebook passes all the tests." in result.stdout, result.stdout + result.stderr


def test_validate_fails_on_the_student_version_with_the_plain_message(tmp_path):
    copy = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "exercises" / ASSIGNMENT, copy)
    result = nbgrader("validate", str(copy / f"{ASSIGNMENT}.ipynb"), cwd=tmp_path)
    assert "VALIDATION FAILED" in result.stdout
    error = result.stdout.split("The error was:")[1].strip()
    assert error.splitlines()[0].strip() == "Fill in the form above and press Save."
    assert "Traceback" not in result.stdout


def test_the_committed_exercises_are_exactly_what_the_build_makes(tmp_path):
    result = subprocess.run([sys.executable, "-m", "course.cli", "build", "--root", str(ROOT), "--into",
                             str(tmp_path / "release")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    built = sorted(p.relative_to(tmp_path / "release") for p in (tmp_path / "release").rglob("*") if p.is_file())
    committed = sorted(p.relative_to(ROOT / "exercises") for p in (ROOT / "exercises").rglob("*") if p.is_file())
    assert built == committed
    for relative in built:
        assert (tmp_path / "release" / relative).read_bytes() == (ROOT / "exercises" / relative).read_bytes()
