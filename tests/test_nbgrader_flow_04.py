"""nbgrader end to end for module 04: learners type an SOP into the builder and save, autograde gives the exact
points on the shown weeks and the hidden one and for the outline about the learner's own team, and the SOP waits for
a person's reading with the checker's notes."""

from __future__ import annotations

import nbformat
import pytest

from tests.answers_for_04 import WEAK_OWN, WEAK_SOPS
from tests.nbgrader_course import (
    assert_points,
    assert_validate_names_the_missing_answer,
    grade_submissions,
    students_for,
)
from tests.notebooks import cell_by_id, cell_text

ASSIGNMENT = "04_sops"
OWN = [(answer, points) for answer, points, _kinds in WEAK_OWN.values()]
STUDENTS = students_for(ASSIGNMENT, {"ex1-test": 16, "ex1-hidden": 4, "ex3-test": 6}, [
    ({"meeting_sop": answer, **({"own_sop_outline": OWN[n][0]} if n < len(OWN) else {})},
     {"ex1-test": shown, "ex1-hidden": hidden, "ex3-test": OWN[n][1] if n < len(OWN) else 0})
    for n, (answer, shown, hidden) in enumerate(WEAK_SOPS.values())])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_submissions(tmp_path_factory.mktemp("course04"), ASSIGNMENT, STUDENTS)


@pytest.mark.parametrize("student", list(STUDENTS))
def test_autograde_gives_the_expected_points_and_the_reading_waits_for_a_person(graded, student):
    assert_points(graded, ASSIGNMENT, STUDENTS, student, waiting="ex2-rubric")


def test_the_grader_reads_the_sop_as_text_with_the_checkers_notes(graded):
    nb = nbformat.read(graded / "autograded" / "weak2" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    echo = cell_text(cell_by_id(nb, "ex2-echo"))
    assert "Steps:" in echo and "##" not in echo  # plain text for a person, not Markdown
    assert "Notes from the course's checker" in echo and "data rules are not safe" in echo
    shown = cell_text(cell_by_id(nb, "ex1-test"))
    assert "The answer that was graded:" in shown and "Points: 8 of 16." in shown  # unsafe: at most half
    blank = nbformat.read(graded / "autograded" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert cell_text(cell_by_id(blank, "ex1-test")).strip().startswith("Fill in the form above and press Save.")
    assert all("Traceback" not in cell_text(c) for c in blank.cells if c.cell_type == "code")


def test_validate_passes_on_the_solution_and_names_the_missing_answer_on_the_release(tmp_path):
    assert_validate_names_the_missing_answer(ASSIGNMENT, tmp_path)
