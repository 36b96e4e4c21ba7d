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
from course.grading import record
from course.grading.manual import Scores, write_scores
from tests.criteria_bars import REJECT_ALL
from tests.nbgrader_course import autograde, gradebook, make_course, nbgrader, submit
from tests.notebooks import ROOT

ASSIGNMENT = "03_acceptance_criteria"
HACKS = {
    "patches_points": "import course.grade\ncourse.grade.points_earned = lambda feedback, points: float(points)",
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
    graded = shutil.copytree(graded, tmp_path / "cohort")  # the module's cohort stays as autograde left it
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
        assert f"{student}, {ASSIGNMENT} ex1-test: the notebook reported" in result.output
    assert (after["honest"]["ex1-test"], after["honest"]["ex1-hidden"]) == ((10, None), (4, None))
    with gradebook(graded) as book:
        totals = {s.student.id: s.score for s in book.assignment_submissions(ASSIGNMENT)}
    assert totals["honest"] == 14 and all(totals[s] == 0 for s in HACKS)

    again = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(graded)])
    assert "matches the learners' saved answers" in again.output  # corrected once, then nothing left to do


def test_verify_without_a_gradebook_says_what_to_run_first(tmp_path):
    result = CliRunner().invoke(main, ["cohort", "verify", ASSIGNMENT, "--course", str(tmp_path)])
    assert result.exit_code != 0 and "run course cohort grade first" in result.output


@pytest.fixture()
def verified(graded, tmp_path):
    """A copy of the graded cohort after `course cohort verify` (every assignment, none named)."""
    course = tmp_path / "cohort"
    shutil.copytree(graded, course)
    result = CliRunner().invoke(main, ["cohort", "verify", "--course", str(course)])
    assert result.exit_code == 0 and f"{ASSIGNMENT} ex1-test: the notebook reported" in result.output, result.output
    return course


def test_a_corrected_learners_feedback_says_which_score_counts_and_why(verified):
    for student in ("patches_points", "honest"):
        made = nbgrader("generate_feedback", ASSIGNMENT, "--student", student, "--force", cwd=verified)
        assert made.returncode == 0, made.stderr[-2000:]
    hostile = (verified / "feedback" / "patches_points" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text("utf-8")
    assert "Score that counts: 0 of 10, checked again after grading. When your notebook ran it reported 10 of 10" \
        in hostile
    honest = (verified / "feedback" / "honest" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text("utf-8")
    assert "Score that counts" not in honest


def test_scores_changed_during_a_grading_run_that_stopped_are_put_back_and_peoples_scores_kept(verified):
    given = Scores({"honest": (2.0, "Names who checks"), "returns_nan": (1.0, "")})
    write_scores(verified, ASSIGNMENT, "ex2-rubric", given)  # a person, with the answers sheet
    with gradebook(verified) as book:  # and a person in formgrader, between grading runs
        book.find_grade("ex2-rubric", ASSIGNMENT, ASSIGNMENT, "returns_nan").manual_score = 3.0
        book.db.commit()
    before = scores(verified)
    record.start_run(verified, ASSIGNMENT)  # a run starts, learner code changes scores, the run stops half-way
    with gradebook(verified) as book:
        for grade in (book.find_grade("ex2-rubric", ASSIGNMENT, ASSIGNMENT, "honest"),
                      book.find_grade("ex1-test", ASSIGNMENT, ASSIGNMENT, "honest")):
            grade.auto_score, grade.manual_score = 0.0, 0.0
        book.db.commit()
    assert scores(verified) != before
    result = CliRunner().invoke(main, ["cohort", "verify", "--course", str(verified)])
    assert result.exit_code == 0, result.output
    assert "Put back: honest, 03_acceptance_criteria ex1-test: 0 was put back to 10" in result.output
    assert "Put back: honest, 03_acceptance_criteria ex2-rubric: 0 was put back to 2" in result.output
    assert scores(verified) == before  # the person's 3 in formgrader, given between runs, is kept
    assert scores(verified)["returns_nan"]["ex2-rubric"][1] == 3.0
    again = CliRunner().invoke(main, ["cohort", "verify", "--course", str(verified)])
    assert "Put back" not in again.output and "matches the learners' saved answers" in again.output


def test_the_record_is_only_appended_to_and_a_purge_removes_a_learner_from_it(verified):
    from course.grading.purge import purge_learner

    path = record.record_file(verified)
    first = path.read_text("utf-8")
    write_scores(verified, ASSIGNMENT, "ex2-rubric", Scores({"honest": (1.0, "")}))
    assert path.read_text("utf-8").startswith(first)  # appended, nothing before it rewritten
    assert '"learner": "honest"' in first
    purge_learner(verified, "honest")
    assert '"learner": "honest"' not in path.read_text("utf-8") and '"learner": "returns_nan"' in path.read_text()
