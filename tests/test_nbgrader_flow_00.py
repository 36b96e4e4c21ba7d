"""nbgrader end to end for module 00: learners answer the first form, sort the snippets by the data rule and give
their confidence, then save; autograde gives the exact points for the first form, the shown snippets and the unseen
ones, and 0 for the self-assessment, complete or not."""

from __future__ import annotations

import nbformat
import pytest

from tests.answers_for_00 import WEAK
from tests.nbgrader_course import (
    assert_points,
    assert_validate_names_the_missing_answer,
    grade_submissions,
    students_for,
)
from tests.notebooks import cell_by_id, cell_text

ASSIGNMENT = "00_orientation"
STUDENTS = students_for(ASSIGNMENT, {"ex1-test": 2, "ex2-test": 8, "ex2-hidden": 2, "ex3-test": 0}, [
    (answers, {"ex1-test": first, "ex2-test": shown, "ex2-hidden": unseen, "ex3-test": 0})
    for answers, first, shown, unseen in WEAK.values()])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_submissions(tmp_path_factory.mktemp("course00"), ASSIGNMENT, STUDENTS)


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points(graded, student):
    assert_points(graded, ASSIGNMENT, STUDENTS, student)


def autograded(course, student: str) -> nbformat.NotebookNode:
    return nbformat.read(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def test_the_grader_reads_each_answer_and_why_it_lost_points(graded):
    weak = autograded(graded, "weak1")  # customer details typed in
    first = cell_text(cell_by_id(weak, "ex1-test"))
    assert "dana.whitlow@example.net" in first and "This looks like a real email address" in first
    assert "Points: 1 of 2." in first
    sorting = cell_text(cell_by_id(weak, "ex2-test"))
    assert "Snippet 2 is sorted as Any AI tool" in sorting and "Snippet 6 is sorted as Any AI tool" in sorting
    assert "Points: 6 of 8." in sorting
    unseen = cell_text(cell_by_id(weak, "ex2-hidden"))
    assert "2 of 4 snippets you have not seen sorted the right way by the rule you wrote" in unseen
    assert "loyalty-card numbers" in unseen
    assert "name and order number taken out" in unseen and "Points: 1 of 2." in unseen
    confidence = cell_text(cell_by_id(weak, "ex3-test"))
    assert "All 10 answered (on average 3.0 of 5)" in confidence and "Points: 0 of 0." in confidence
    partly = cell_text(cell_by_id(autograded(graded, "weak0"), "ex3-test"))
    assert "1 of 10 answered so far" in partly and "Points: 0 of 0." in partly
    blank = autograded(graded, "blank")
    assert all("Traceback" not in cell_text(c) for c in blank.cells if c.cell_type == "code")


def test_validate_passes_on_the_solution_and_names_the_missing_answer_on_the_release(tmp_path):
    assert_validate_names_the_missing_answer(ASSIGNMENT, tmp_path)
