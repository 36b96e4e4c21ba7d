"""nbgrader end to end for module 05: learners set a decision rule and write metric cards in the forms and save;
autograde gives the exact points on the shown pilot, on the hidden second pilot, for the cards and for the card
about the learner's own team."""

from __future__ import annotations

import nbformat
import pytest

from tests.answers_for_05 import WEAK
from tests.nbgrader_course import (
    assert_points,
    assert_validate_names_the_missing_answer,
    grade_submissions,
    students_for,
)
from tests.notebooks import cell_by_id, cell_text

ASSIGNMENT = "05_metrics"
STUDENTS = students_for(ASSIGNMENT, {"ex1-test": 6, "ex1-hidden": 3, "ex2-test": 9, "ex3-test": 4}, [
    (answers, {"ex1-test": shown, "ex1-hidden": hidden, "ex2-test": cards, "ex3-test": own})
    for answers, shown, hidden, cards, own in WEAK.values()])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_submissions(tmp_path_factory.mktemp("course05"), ASSIGNMENT, STUDENTS)


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points(graded, student):
    assert_points(graded, ASSIGNMENT, STUDENTS, student)


def test_the_grader_reads_the_rule_and_the_cards_as_text(graded):
    nb = nbformat.read(graded / "autograded" / "weak1" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    rule = cell_text(cell_by_id(nb, "ex1-test"))
    assert "Scale a use case when its net minutes" in rule and "Points: 6 of 6." in rule
    cards = cell_text(cell_by_id(nb, "ex2-test"))
    assert "Card 2: Prompts sent each week" in cards and "how much the AI was used" in cards
    assert "Points: 3 of 9." in cards
    blank = nbformat.read(graded / "autograded" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert all("Traceback" not in cell_text(c) for c in blank.cells if c.cell_type == "code")


def test_validate_passes_on_the_solution_and_names_the_missing_answer_on_the_release(tmp_path):
    assert_validate_names_the_missing_answer(ASSIGNMENT, tmp_path)
