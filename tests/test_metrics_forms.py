"""Module 05's forms headless: the decision rule applied as it is typed, the cards and the split restored, and the
dashboard: charts with text alternatives, team level only, and a team's own export loaded or refused plainly."""

from __future__ import annotations

import html

import pytest

from course import Workbook
from course.data import load_pilot_log
from course.forms.dashboard import Dashboard
from tests.cards_examples import GOOD_CARDS
from tests.test_team_export import ROWS, export

TEAM = ["Noor", "Bram", "Ilse", "Kofi", "Mireille", "Tobiah", "Saskia", "Rafferty", "Yuna", "Dmitar", "Oriane",
        "Lucan"]


@pytest.fixture
def workbook(tmp_path):
    return Workbook("05_metrics", folder=tmp_path)


def test_the_rule_is_applied_to_the_pilot_as_it_is_typed(workbook):
    form = workbook.form("pilot_decision_rule", title="T", points=6)
    assert "—" in form.decisions.value  # no rule yet, no decisions
    form.fill(measure="gross", min_minutes="0", max_error_rise="5")
    assert form.decisions.value.count("<strong>scale</strong>") == 3
    assert "4 of 6 points" in form.feedback.value and "before review and rework" in form.feedback.value
    form.fill(measure="net", min_minutes="0,5", max_error_rise="1 point")
    assert "<strong>stop</strong>" in form.decisions.value and "6 of 6 points" in form.feedback.value


@pytest.mark.parametrize("typed", ["about one", "", "-2"])
def test_a_guardrail_that_is_not_a_number_gets_a_plain_message(workbook, typed):
    form = workbook.form("pilot_decision_rule", title="T")
    form.fill(measure="net", min_minutes="0.5", max_error_rise=typed)
    assert "Not ready yet" in form.feedback.value
    assert "rule_no_guardrail" in form.latest.kinds() or "rule_bad_number" in form.latest.kinds()


def test_three_cards_are_saved_and_restored(workbook, tmp_path):
    form = workbook.form("pilot_metric_cards", title="T", points=9)
    form.fill(cards=GOOD_CARDS)
    form.save()
    assert "9 of 9 points" in form.feedback.value
    again = Workbook("05_metrics", folder=tmp_path).form("pilot_metric_cards", title="T")
    assert again.value() == {"cards": GOOD_CARDS}


def test_the_split_feedback_names_the_sum_and_the_distance_but_distance_costs_nothing(workbook):
    form = workbook.form("time_split", title="T")
    form.fill(customer_project="50%", process="30", learning="20", customer_project_activities="call back "
              "customers who waited", process_activities="fix the returns form", learning_activities="a weekly "
              "prompt clinic")
    assert form.latest.passed and "10 percentage points from 60-30-10" in html.unescape(form.feedback.value)
    form.fill(learning="25")
    assert "add up to 105%" in html.unescape(form.feedback.value) and not form.latest.passed


def test_the_dashboard_shows_charts_with_text_alternatives_and_no_person(workbook):
    board = workbook.dashboard()
    shown = board.charts.value + board.findings.value
    assert shown.count("<figure") == 3 and shown.count("<figcaption") == 3
    assert "Minutes per task" in shown and "minutes per task" in shown and "week" in shown  # labelled axes
    assert not [name for name in TEAM if name in shown]
    board.use_case.value = "refund_reply"
    assert "lost once review and rework count" in board.findings.value
    assert board.shown_weeks == [1, 2, 3, 4, 5]  # it opens on the weeks known when the decision is made
    board.weeks.value = "all"
    assert board.shown_weeks == list(range(1, 13))


def test_a_teams_own_export_is_shown_or_refused_with_its_reason():
    board = Dashboard(load_pilot_log())
    board.load_export(export(*ROWS[:2], "5,<b>triage</b>,yes,300,1.0,150,60,9,6"))
    assert "Not loaded" not in board.upload_note.value
    board.load_export(export(*ROWS[:3]).replace(b"people", b"person"))
    assert "Not loaded" in board.upload_note.value and "names people" in board.upload_note.value
    board.load_export(b"\x00\x01garbage")
    assert "Not loaded" in board.upload_note.value
    assert "<b>" not in board.findings.value + board.upload_note.value


@pytest.mark.parametrize("typed, passed", [({"customer_project": "0.6", "process": "0.3", "learning": "0.1"}, True),
                                           ({"customer_project": "60,5", "process": "29,5", "learning": "10"}, True),
                                           ({"customer_project": "60%", "process": "30%", "learning": "5%"}, False),
                                           ({"customer_project": "sixty", "process": "30", "learning": "10"}, False)])
def test_shares_typed_as_fractions_with_commas_or_signs_are_read(typed, passed):
    from course.checks.allocation import check_split

    activities = {f"{b}_activities": "a concrete weekly activity" for b in ("customer_project", "process", "learning")}
    result = check_split({**typed, **activities})
    assert result.passed == passed, result.kinds()


@pytest.mark.parametrize("values", [[8.0, 8.2, 9.5, 8.6, 9.5], [4.6, 1.5, 0.0, 4.0, 1.5], [0.0, 0.0, 0.0, 0.0, 0.0]])
def test_a_line_chart_shows_every_point_from_zero_and_its_legend_covers_no_line(values):
    from course.charts import line_figure

    figure = line_figure("Error rate", [1, 2, 3, 4, 5], {"tasks found wrong (%)": values, "by hand": values[::-1]},
                         x_label="week", y_label="% of tasks", shade_until=2)
    axes = figure.axes[0]
    bottom, top = axes.get_ylim()
    assert bottom == 0 and top > max(values)  # room above the highest point: no marker cut in half
    figure.canvas.draw()
    legend = figure.legends[0].get_window_extent()
    assert legend.y1 <= axes.get_window_extent().y0  # under the chart, not over its lines
    assert axes.get_legend() is None
