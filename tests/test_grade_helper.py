"""The test-cell helper: the plain sentence, the clamped points, nothing on stderr except the blank case."""

import math
import warnings

import pytest

from course.answers import AnswerStore
from course.grade import NO_ANSWER, grade, points_for
from tests.answers_for_tests import GOOD, WEAK_ANSWERS


@pytest.mark.parametrize(("score", "max_points", "expected"), [
    (1.0, 10, 10), (0.9, 2, 2), (0.7, 2, 1.5), (0.3, 2, 0.5), (0.0, 10, 0), (1.7, 10, 10), (-1, 10, 0),
    (math.nan, 10, 0), (0.74, 10, 7.5),
])
def test_points_are_rounded_to_half_points_and_clamped(score, max_points, expected):
    assert points_for(score, max_points) == expected


def test_no_saved_answer_says_fill_in_the_form_on_stderr_and_scores_zero(tmp_path, capsys):
    assert grade(AnswerStore(tmp_path, "n"), "meeting_summary", points=10) == 0
    out, err = capsys.readouterr()
    assert err.strip() == NO_ANSWER == "Fill in the form above and press Save."
    assert out == ""


def test_a_blank_saved_answer_counts_as_no_answer(tmp_path, capsys):
    store = AnswerStore(tmp_path, "n")
    store.save("meeting_summary", {"task": "   "}, engine="prompt/1")
    assert grade(store, "meeting_summary", points=10) == 0
    assert capsys.readouterr().err.strip() == NO_ANSWER


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
