"""The test-cell helper: a plain sentence, clamped points, nothing on stderr but a missing answer under nbgrader."""

import math
import warnings

import pytest
from nbgrader.utils import determine_grade

from course.answers import AnswerStore
from course.grade import NO_ANSWER, NotAnsweredYet, grade, points_for
from tests.answers_for_tests import GOOD, WEAK_ANSWERS
from tests.notebooks import EXERCISES, cell_text, run_notebook


@pytest.mark.parametrize(("score", "max_points", "expected"), [
    (1.0, 10, 10), (0.9, 2, 2), (0.7, 2, 1.5), (0.3, 2, 0.5), (0.0, 10, 0), (1.7, 10, 10), (-1, 10, 0),
    (math.nan, 10, 0), (0.74, 10, 7.5),
])
def test_points_are_rounded_to_half_points_and_clamped(score, max_points, expected):
    assert points_for(score, max_points) == expected


@pytest.fixture
def learner(monkeypatch):
    """A learner running the notebook: nbgrader is not running it."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)


@pytest.mark.parametrize("how", ["autograde", "validate"])
def test_under_nbgrader_no_saved_answer_says_fill_in_the_form_on_stderr_and_scores_zero(tmp_path, capsys,
                                                                                       monkeypatch, how):
    monkeypatch.setenv("NBGRADER_EXECUTION", how)  # what nbgrader sets while it runs a notebook
    assert grade(AnswerStore(tmp_path, "n"), "meeting_summary", points=10) == 0
    out, err = capsys.readouterr()
    assert err.strip() == NO_ANSWER == "Fill in the form above and press Save."
    assert out == ""


def test_a_learner_without_an_answer_gets_guidance_not_an_error(tmp_path, capsys, learner):
    points = grade(AnswerStore(tmp_path, "n"), "meeting_summary", points=10)
    assert points == 0 and repr(points) == "0.0"  # what nbgrader would read: 0 points
    assert capsys.readouterr() == ("", "")  # nothing on stderr: no pink error box
    shown = points._repr_html_()
    assert "Not answered yet." in shown and NO_ANSWER in shown and "0 of 10 points" in shown


@pytest.mark.parametrize("nbgrader_running", [False, True])
def test_a_blank_saved_answer_counts_as_no_answer(tmp_path, capsys, monkeypatch, nbgrader_running):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    if nbgrader_running:
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    store = AnswerStore(tmp_path, "n")
    store.save("meeting_summary", {"task": "   "}, engine="prompt/1")
    points = grade(store, "meeting_summary", points=10)
    assert points == 0
    assert capsys.readouterr().err.strip() == (NO_ANSWER if nbgrader_running else "")
    assert isinstance(points, NotAnsweredYet) is not nbgrader_running


@pytest.mark.parametrize("nbgrader_running", [False, True])
def test_an_unanswered_exercise_run_in_a_kernel_scores_zero_for_nbgrader(tmp_path, monkeypatch, nbgrader_running):
    """The exercise as a learner runs it before answering, and as nbgrader runs it: every test cell scores 0
    by nbgrader's own rule; the learner sees a plain sentence, nbgrader sees the sentence on stderr."""
    env = {"NBGRADER_EXECUTION": "autograde"} if nbgrader_running else {}
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = run_notebook(EXERCISES[0], tmp_path, env=env)
    tests = [cell for cell in nb.cells if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
             and cell.cell_type == "code" and cell.source.strip().splitlines()[-1].startswith("wb.grade(")]
    assert tests
    for cell in tests:
        assert determine_grade(cell)[0] == 0
        streams = {output.name: output.text for output in cell.outputs if output.output_type == "stream"}
        results = [output for output in cell.outputs if output.output_type == "execute_result"]
        if nbgrader_running:
            assert streams["stderr"].strip() == NO_ANSWER
        else:
            assert "stderr" not in streams and "Traceback" not in cell_text(cell)
            assert "Not answered yet." in results[0].data["text/html"] and results[0].data["text/plain"] == "0.0"


@pytest.mark.parametrize("name", list(WEAK_ANSWERS))
def test_the_helper_prints_the_graded_answer_and_a_sentence(tmp_path, capsys, name):
    answer, visible, hidden, _kinds = WEAK_ANSWERS[name]
    store = AnswerStore(tmp_path, "n")
    store.save("meeting_summary", answer, engine="prompt/1")
    assert grade(store, "meeting_summary", points=10) == visible
    assert grade(store, "meeting_summary", points=2, cases=[7], echo=False) == hidden
    out, err = capsys.readouterr()
    assert err == ""
    assert "The answer that was graded:" in out and f"Points: {visible:g} of 10." in out


def test_warnings_raised_while_grading_never_reach_stderr(tmp_path, capsys, monkeypatch):
    store = AnswerStore(tmp_path, "n")
    store.save("meeting_summary", GOOD, engine="prompt/1")
    import course.tasks

    real = course.tasks.Task.check

    def noisy(self, value, cases=None):
        warnings.warn("a library in the grading environment complains", DeprecationWarning, stacklevel=1)
        return real(self, value, cases)

    monkeypatch.setattr(course.tasks.Task, "check", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert grade(store, "meeting_summary", points=10) == 10
    assert capsys.readouterr().err == ""


def test_a_fault_in_the_course_is_a_sentence_not_a_traceback(tmp_path, capsys, monkeypatch):
    store = AnswerStore(tmp_path, "n")
    store.save("meeting_summary", GOOD, engine="prompt/1")
    monkeypatch.setattr("course.tasks.Task.check", lambda *a, **k: 1 / 0)
    assert grade(store, "meeting_summary", points=10) == 0
    out, err = capsys.readouterr()
    assert "problem in the course itself (ZeroDivisionError)" in out and "Traceback" not in out + err
