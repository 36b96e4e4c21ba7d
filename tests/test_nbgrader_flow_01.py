"""nbgrader end to end for module 01: learners weigh the factors and tick the pilot's tasks in the form and save;
autograde gives the exact points on the team's own list and, for the weights' top picks, on a hidden second list;
the reasons wait for a person with the rubric."""

from __future__ import annotations

import nbformat
import pytest

from tests.answers_for_01 import WEAK
from tests.nbgrader_course import (
    assert_points,
    assert_validate_names_the_missing_answer,
    grade_submissions,
    students_for,
)
from tests.notebooks import cell_by_id, cell_text

ASSIGNMENT = "01_use_cases"
STUDENTS = students_for(ASSIGNMENT, {"ex1-test": 10, "ex1-hidden": 4}, [
    ({"pilot_use_cases": answer}, {"ex1-test": shown, "ex1-hidden": hidden})
    for answer, shown, hidden in WEAK.values()])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_submissions(tmp_path_factory.mktemp("course01"), ASSIGNMENT, STUDENTS)


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points(graded, student):
    assert_points(graded, ASSIGNMENT, STUDENTS, student, waiting="ex1-rubric")


def test_the_grader_reads_which_rule_each_pick_breaks(graded):
    nb = nbformat.read(graded / "autograded" / "weak0" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    text = cell_text(cell_by_id(nb, "ex1-test"))
    assert "consumer AI tool" in text and "Points: 7 of 10." in text
    blank = nbformat.read(graded / "autograded" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert all("Traceback" not in cell_text(c) for c in blank.cells if c.cell_type == "code")


def test_validate_passes_on_the_solution_and_names_the_missing_answer_on_the_release(tmp_path):
    assert_validate_names_the_missing_answer(ASSIGNMENT, tmp_path)
