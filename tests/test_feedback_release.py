"""Released feedback: learners see their points and the plain sentences of every test, never hidden test code.

A real course folder goes through nbgrader's own generate_assignment, autograde and generate_feedback with the
course's nbgrader_config.py, and the feedback HTML is read the way a browser shows it.
"""

from __future__ import annotations

from pathlib import Path

import bs4
import pytest
from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader

from tests.answers_for_tests import WEAK_ANSWERS, model_answers
from tests.nbgrader_course import ASSIGNMENT, SOLUTION, autograde, gradebook, make_course, nbgrader, submit

WEAK_ANSWER, WEAK_VISIBLE, WEAK_HIDDEN, _ = WEAK_ANSWERS["no format, vague constraint"]
# learner -> (answers, {grade cell: expected score})
LEARNERS = {
    "model": (model_answers(SOLUTION), {"ex1-test": 10, "ex1-hidden": 2, "ex2-hidden": 2, "ex3-hidden": 2}),
    "weak": ({"meeting_summary": WEAK_ANSWER}, {"ex1-test": WEAK_VISIBLE, "ex1-hidden": WEAK_HIDDEN,
                                                "ex2-hidden": 0, "ex3-hidden": 0}),
}
HIDDEN_CELLS = ("ex1-hidden", "ex2-hidden", "ex3-hidden")
# Text that only the hidden tests contain: their delimiters and the arguments of their calls.
HIDDEN_CODE = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "cases=[7]", "cases=[6]", "cases=[8]", "echo=False")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    course = make_course(tmp_path_factory.mktemp("course"))
    for learner, (answers, _scores) in LEARNERS.items():
        submit(course, learner, answers)
    autograde(course)
    result = nbgrader("generate_feedback", ASSIGNMENT, "--force", cwd=course)
    assert result.returncode == 0, result.stderr[-3000:]
    return course


def feedback_page(course: Path, learner: str, folder: str = "feedback") -> bs4.BeautifulSoup:
    path = course / folder / learner / ASSIGNMENT / f"{ASSIGNMENT}.html"
    page = bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style"]):
        hidden.decompose()  # only what a learner can see
    return page


def grade_cell(page: bs4.BeautifulSoup, grade_id: str) -> str:
    """The text of one grade cell as shown: heading with the score, code, and output."""
    return page.find(id=f"cell-id={grade_id}").get_text()


@pytest.mark.parametrize("learner", list(LEARNERS))
def test_feedback_contains_no_hidden_test_code(released, learner):
    path = released / "feedback" / learner / ASSIGNMENT / f"{ASSIGNMENT}.html"
    raw, shown = path.read_text(encoding="utf-8"), feedback_page(released, learner).get_text()
    for text in HIDDEN_CODE:
        assert text not in raw and text not in shown
    for cell in HIDDEN_CELLS:
        assert "wb.grade(" not in grade_cell(feedback_page(released, learner), cell)


@pytest.mark.parametrize("learner", list(LEARNERS))
def test_feedback_still_shows_visible_tests_scores_and_hidden_sentences(released, learner):
    page = feedback_page(released, learner)
    _answers, expected = LEARNERS[learner]
    visible = grade_cell(page, "ex1-test")
    assert 'wb.grade("meeting_summary", points=10)' in visible
    assert f"Score: {float(expected['ex1-test'])} / 10.0" in visible
    for cell in HIDDEN_CELLS:
        shown = grade_cell(page, cell)
        assert f"Score: {float(expected[cell])} / 2.0" in shown
        assert "applies the same rules to a week of" in shown  # the comment above the hidden block stays
    # the hidden test's own output, the plain sentence and its points, reaches the learner
    assert f"Points: {expected['ex1-hidden']:g} of 2." in grade_cell(page, "ex1-hidden")


@pytest.mark.parametrize("learner", list(LEARNERS))
def test_the_gradebook_keeps_the_hidden_tests_scores(released, learner):
    _answers, expected = LEARNERS[learner]
    with gradebook(released) as book:
        for cell, points in expected.items():
            assert book.find_grade(cell, ASSIGNMENT, ASSIGNMENT, learner).score == points


def test_instructors_still_see_the_hidden_tests_in_the_autograded_notebook(released):
    autograded = released / "autograded" / "model" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert "cases=[7]" in autograded.read_text(encoding="utf-8")


def test_without_the_course_setting_nbgrader_would_leak_them(released):
    """The check above can fail: nbgrader's own default preprocessors put the hidden code in the feedback."""
    defaults = '["nbgrader.preprocessors.GetGrades","nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]'
    result = nbgrader("generate_feedback", ASSIGNMENT, "--student", "model", "--force",
                      f"--GenerateFeedback.preprocessors={defaults}",
                      "--CourseDirectory.feedback_directory=feedback_nbgrader_default", cwd=released)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "cases=[7]" in grade_cell(feedback_page(released, "model", "feedback_nbgrader_default"), "ex1-hidden")


def test_feedback_made_through_the_python_api_hides_them_too(released):
    """Course commands call NbGraderAPI with the course's config file: the same setting applies."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(released)).load_config()
    config.CourseDirectory.root = str(released)
    config.CourseDirectory.feedback_directory = "feedback_api"
    result = NbGraderAPI(config=config).generate_feedback(ASSIGNMENT, "weak", force=True)
    assert result["success"], result.get("error") or result.get("log")
    shown = grade_cell(feedback_page(released, "weak", "feedback_api"), "ex1-hidden")
    assert f"Score: {float(WEAK_HIDDEN)} / 2.0" in shown
    assert not any(text in shown for text in HIDDEN_CODE)
