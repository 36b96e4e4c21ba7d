"""Learner code cannot change a grade: hostile submissions get full marks from plain nbgrader, and
`course cohort verify` recomputes every autograded score from the saved answers, outside any learner kernel,
corrects the ones that differ, flags them, and leaves honest learners exactly as they were."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from click.testing import CliRunner
from nbformat.v4 import new_code_cell

from course.answers import AnswerStore
from course.cli import main
from tests.criteria_bars import REJECT_ALL
from tests.nbgrader_course import autograde, gradebook, make_course, submit
from tests.notebooks import ROOT

ASSIGNMENT = "03_acceptance_criteria"
HACKS = {
    "patches_points_for": "import course.grade\ncourse.grade.points_for = lambda score, points: float(points)",
    "replaces_wb_grade": "wb.grade = lambda *args, **kwargs: 'full marks'",
    "returns_nan": "import math\nwb.grade = lambda *args, points, **kwargs: math.nan",
}


def hostile_submission(course, student: str, hack: str) -> None:
    """A learner who saved a weak bar and added one line of code after the first cell of the notebook."""
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    AnswerStore(folder, ASSIGNMENT).save("reply_criteria", REJECT_ALL, engine="criteria/1")
    nb = nbformat.read(course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    nb.cells.insert(2, new_code_cell(hack))
    nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


def scores(course) -> dict[str, dict[str, tuple]]:
    with gradebook(course) as book:
        return {s.student.id: {g.name: (g.auto_score, g.manual_score) for g in s.notebooks[0].grades}
                for s in book.assignment_submissions(ASSIGNMENT)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("hostile"), ASSIGNMENT)
    from tests.answers_for_tests import model_answers

    model = model_answers(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    submit(course, "honest", {"reply_criteria": model["reply_criteria"]}, ASSIGNMENT)
    for student, hack in HACKS.items():
        hostile_submission(course, student, hack)
    autograde(course, ASSIGNMENT)
    return course


def test_plain_nbgrader_is_fooled_by_one_line_of_learner_code(graded):
    before = scores(graded)
    for student in HACKS:
        assert before[student]["ex1-test"][0] == 10, student  # full marks for a bar that rejects everything
    assert before["honest"]["ex1-test"] == (10, None)
    with gradebook(graded) as book:  # and it writes "No response." beside the form's answer cell, full marks or not
        assert book.find_comment("ex1-answer", ASSIGNMENT, ASSIGNMENT, "honest").auto_comment == "No response."


def test_verify_corrects_and_flags_every_hostile_score_and_leaves_the_honest_learner_alone(graded, tmp_path):
    backup = tmp_path / "gradebook.db"
    shutil.copy(graded / "gradebook.db", backup)
    dry = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(graded), "--dry-run"])
    assert dry.exit_code == 0 and "would be corrected" in dry.output
    assert backup.read_bytes() == (graded / "gradebook.db").read_bytes()  # a dry run changes nothing

    result = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(graded)])
    assert result.exit_code == 0, result.output
    after = scores(graded)
    for student in HACKS:
        assert after[student]["ex1-test"][1] == 0 and after[student]["ex1-hidden"][1] == 0, student
        assert f"{student}, ex1-test: the notebook reported" in result.output
    assert (after["honest"]["ex1-test"], after["honest"]["ex1-hidden"]) == ((10, None), (4, None))
    with gradebook(graded) as book:
        totals = {s.student.id: s.score for s in book.assignment_submissions(ASSIGNMENT)}
    assert totals["honest"] == 14 and all(totals[s] == 0 for s in HACKS)

    again = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(graded)])
    assert "matches the learners' saved answers" in again.output  # corrected once, then nothing left to do


def test_verify_without_a_gradebook_says_what_to_run_first(tmp_path):
    result = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(tmp_path)])
    assert result.exit_code != 0 and "run nbgrader autograde first" in result.output
