"""A learner's graded cell shows the points their saved answer earns, and follows every Save; nbgrader still reads
a number. Run here with the kernel check switched on, as in a notebook."""

from __future__ import annotations

import pytest

from course import grade
from course.live_grade import WIDGET_VIEW, LivePoints
from course.workbook import Workbook
from tests.cards_examples import GOOD_CARDS


@pytest.fixture
def workbook(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setattr(grade, "in_kernel", lambda: True)
    return Workbook("05_metrics", folder=tmp_path)


def test_the_graded_cell_follows_the_form_from_not_answered_to_the_saved_points(workbook):
    form = workbook.form("pilot_metric_cards", title="T", points=9)
    shown = workbook.grade("pilot_metric_cards", points=9)
    assert isinstance(shown, LivePoints) and float(shown) == 0
    bundle = shown._repr_mimebundle_()
    assert bundle["text/plain"] == "0.0" and WIDGET_VIEW in bundle  # nbgrader reads 0; JupyterLab draws the block
    assert "Not answered yet" in bundle["text/html"] and "0 of 9 points" in bundle["text/html"]
    form.fill(cards=GOOD_CARDS)
    form.save()
    assert "Points from your saved answer: 9 of 9" in shown.widget.value and "Ready to use" in shown.widget.value
    form.fill(cards=[{**GOOD_CARDS[0], "owner": "everyone"}, *GOOD_CARDS[1:]])
    form.save()
    assert "Points from your saved answer: 8.5 of 9" in shown.widget.value and "Not ready yet" in shown.widget.value


def test_under_nbgrader_the_graded_cell_is_a_plain_number(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setattr(grade, "in_kernel", lambda: True)
    points = Workbook("05_metrics", folder=tmp_path).grade("pilot_metric_cards", points=9)
    assert type(points) is float and points == 0


def test_the_form_and_the_graded_cell_show_the_headings_total_with_the_points_grading_adds(workbook):
    """Part 1 of exercise 05 is worth 9: 6 checked here and 3 at grading on a pilot the learner has not seen.
    The form, the line beside the field and the graded cell say the same "… of 9 points (3 of the 9 are given at
    grading …)"."""
    form = workbook.form("pilot_decision_rule", title="T", points=6, unseen_points=3)
    shown = workbook.grade("pilot_decision_rule", points=6)
    assert "0 of 9 points (3 of the 9 are given at grading, on new data)" in shown.widget.value
    form.save()
    said = "of 9 points (3 of the 9 are given at grading, on new data)"
    assert said in form.feedback.value and said in shown.widget.value
    hidden = workbook.grade("pilot_decision_rule", points=3, cases=[2])  # the instructor's copy: no "+" there
    assert "+" not in hidden.widget.value.split("</strong>")[0]
