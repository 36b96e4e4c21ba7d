"""nbgrader end to end for module 03: learners type bars into the criteria table and save, autograde gives the exact
points on the shown batch and on the hidden one and for the criteria about the learner's own team, and the
review-step answer waits for a person."""

from __future__ import annotations

import nbformat
import pytest

from tests.answers_for_03 import WEAK_BARS, WEAK_OWN
from tests.nbgrader_course import (
    assert_points,
    assert_validate_names_the_missing_answer,
    grade_submissions,
    students_for,
)
from tests.notebooks import cell_by_id, cell_text

ASSIGNMENT = "03_acceptance_criteria"
OWN = [(answer, points) for answer, points, _kinds in WEAK_OWN.values()]
STUDENTS = students_for(ASSIGNMENT, {"ex1-test": 10, "ex1-hidden": 4, "ex3-test": 6}, [
    ({"reply_criteria": answer, "review_steps": "We review some of them.",
      **({"own_criteria": OWN[n][0]} if n < len(OWN) else {})},
     {"ex1-test": shown, "ex1-hidden": hidden, "ex3-test": OWN[n][1] if n < len(OWN) else 0})
    for n, (answer, shown, hidden, _kind) in enumerate(WEAK_BARS.values())])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_submissions(tmp_path_factory.mktemp("course03"), ASSIGNMENT, STUDENTS)


def test_the_model_bar_is_typed_into_the_table_and_saved(graded):
    saved = graded / "submitted" / "model" / ASSIGNMENT / f"your answers - {ASSIGNMENT}.json"
    assert saved.exists() and "covers_source" in saved.read_text("utf-8")


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points_on_the_shown_and_the_hidden_batch(graded, student):
    assert_points(graded, ASSIGNMENT, STUDENTS, student, waiting="ex2-rubric")


def test_the_grader_reads_the_bar_the_verdict_and_the_review_step_as_text(graded):
    nb = nbformat.read(graded / "autograded" / "weak2" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    shown = cell_text(cell_by_id(nb, "ex1-test"))
    assert "The answer that was graded:" in shown and "Covers every item of the source" in shown
    assert "critical failures" in shown and "Points: 8 of 10." in shown
    echo = cell_text(cell_by_id(nb, "ex2-echo"))
    assert "We review some of them." in echo and "Notes from the course's checker" in echo
    blank = nbformat.read(graded / "autograded" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert cell_text(cell_by_id(blank, "ex1-test")).strip().startswith("Fill in the form above and press Save.")
    assert all("Traceback" not in cell_text(c) for c in blank.cells if c.cell_type == "code")


def test_validate_passes_on_the_solution_and_names_the_missing_answer_on_the_release(tmp_path):
    assert_validate_names_the_missing_answer(ASSIGNMENT, tmp_path)
