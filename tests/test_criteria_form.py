"""The criteria table headless: typing gives live feedback and autosaves, rows are added, removed and moved,
Run shows every output with the reviewer's label, Check grades what was saved, and a re-run restores the table."""

from __future__ import annotations

import html

import pytest

from course import Workbook
from course.checks.criteria import MAX_CRITERIA
from course.checks.criteria_checks import KINDS
from course.forms.criteria_table import CHART, chart_counts
from tests.criteria_bars import REPLY, row

TASK = "reply_criteria"


@pytest.fixture
def workbook(tmp_path):
    return Workbook("03_acceptance_criteria", folder=tmp_path)


def table(workbook, points=10):
    return workbook.form(TASK, title="T", points=points)


def type_row(form, number, **values):
    """Type into one row as a learner does; a check is picked by its label (``check="words"`` picks its label)."""
    r = form.rows[number]
    for name, value in values.items():
        getattr(r, name).value = KINDS[value].label if name == "check" and value in KINDS else value


def test_typing_a_criterion_gives_live_feedback_with_wording_notes_and_autosaves(workbook):
    form = table(workbook)
    assert "There are no criteria yet" in form.feedback.value
    type_row(form, 0, text="Replies are clear and professional", check="no_personal_data", must=True)
    assert "critical failures" in form.feedback.value
    assert "has no measure" in html.unescape(form.feedback.value)  # the wording note on “clear”
    saved = workbook.store.value(TASK)["criteria"]
    assert saved == [{"text": "Replies are clear and professional", "check": "no_personal_data", "value": "",
                      "weight": "1", "must": True, "case": False}]


def test_a_check_typed_in_other_capitals_is_found_and_one_that_names_no_check_gets_a_plain_message(workbook):
    form = table(workbook)
    type_row(form, 0, text="Short", check="LENGTH IN WORDS", value="at most 120")
    assert form.value()["criteria"][0]["check"] == "words"
    type_row(form, 0, check="Length in minutes")
    assert "no check called" in html.unescape(form.feedback.value)


def test_picking_a_check_shows_what_its_value_takes(workbook):
    form = table(workbook)
    type_row(form, 0, check="words")
    assert "at most" in form.rows[0].value.placeholder and not form.rows[0].value.disabled
    type_row(form, 0, check="no_personal_data")
    assert form.rows[0].value.disabled


def test_rows_are_added_moved_and_removed_and_never_past_either_end(workbook):
    form = table(workbook)
    for number, text in enumerate(["first", "second", "third"]):
        type_row(form, number, text=text, check="contains", value=text)
    form.move_row(form.rows[0], -1)  # past the top: nothing happens
    form.move_row(form.rows[2], +1)  # past the bottom: nothing happens
    assert [r["text"] for r in form.value()["criteria"]] == ["first", "second", "third"]
    assert form.rows[0].up.disabled and form.rows[-1].down.disabled
    form.rows[2].up.click()
    assert [r["text"] for r in form.value()["criteria"]] == ["first", "third", "second"]
    form.rows[0].remove.click()
    assert [r["text"] for r in workbook.store.value(TASK)["criteria"]] == ["third", "second"]
    assert form.rows[0].text.description == "Criterion 1"
    form.table.add_button.click()
    assert len(form.rows) == 3 and form.rows[2].blank
    form.rows[0].remove.click(), form.rows[0].remove.click(), form.rows[0].remove.click()
    assert len(form.rows) == 1 and form.rows[0].blank  # an empty row stays to type into


def test_a_table_holds_at_most_sixty_criteria_and_says_so(workbook):
    form = table(workbook)
    while form.add_row(announce=False):
        pass
    assert len(form.rows) == MAX_CRITERIA and form.table.add_button.disabled
    form.table.add_button.click()
    assert "At most 60" in form.table.message.value and len(form.rows) == MAX_CRITERIA


def test_run_shows_every_output_with_the_reviewers_label_and_the_chart_in_words(workbook):
    form = table(workbook)
    form.fill(**REPLY)
    result = form.run()
    shown = form.results.value
    assert shown.count("<tr>") == 1 + len(result.results)
    assert "ce1-01" in shown and "✘ reject (critical)" in shown and "In words:" in shown
    counts = chart_counts(result)
    assert len(counts) == len(CHART) and counts[1] == 0  # no critical failure let through by the model bar
    assert sum(counts) == len(result.results)


def test_check_grades_the_saved_bar_in_the_exercise_points(workbook):
    form = table(workbook, points=10)
    form.fill(**REPLY)
    form.save()
    form.check()
    assert "Ready to use · 10 of 10 points" in form.feedback.value
    type_row(form, 0, must=False)
    form.check()
    assert "changes that are not saved yet" not in form.feedback.value  # autosave already kept the change


def test_running_the_cell_again_restores_every_row_in_order(workbook, tmp_path):
    form = table(workbook)
    form.fill(**REPLY)
    form.save()
    again = Workbook("03_acceptance_criteria", folder=tmp_path).form(TASK, title="T")
    assert again.value() == form.value()
    assert len(again.rows) == len(REPLY["criteria"]) + 1 and again.rows[-1].blank
    assert "is back" in again.status.value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "$x^2$"])
def test_markup_in_any_field_is_shown_as_typed_and_never_run(workbook, text):
    form = table(workbook)
    type_row(form, 0, text=text, check="contains", value=text, weight=text)
    form.run()
    for shown in (form.feedback.value, form.results.value):
        assert "<script>" not in shown and "<img src=x" not in shown and "$x^2$" not in shown
    assert "criterion_bad_weight" in form.latest.kinds()
    assert workbook.store.value(TASK)["criteria"][0]["text"] == text


def test_a_saved_table_from_an_odd_file_is_restored_as_far_as_it_makes_sense(workbook, tmp_path):
    workbook.store.save(TASK, {"criteria": [{"text": 5, "check": "no_such_check", "value": None, "weight": 2.5,
                                             "must": "yes"}, "not a row", row("ok", "contains", "x")],
                               "threshold": 70}, engine="criteria/1")
    form = Workbook("03_acceptance_criteria", folder=tmp_path).form(TASK, title="T")
    first = form.rows[0].get()
    assert first == {"text": "5", "check": "", "value": "", "weight": "2.5", "must": False, "case": False}
    assert form.rows[2].get()["text"] == "ok" and form.fields["threshold"].value == "70"


def test_before_any_criterion_the_batch_shows_the_reviewers_labels_and_no_verdict(tmp_path):
    form = Workbook("03_acceptance_criteria", folder=tmp_path).form("reply_criteria", title="T")
    assert "Your bar passes" not in form.results.value and "✘ reject (critical)" in form.results.value
    form.fill(**REPLY)
    form.refresh_feedback()  # the pause after typing: feedback and results follow the same criteria
    assert "Your bar passes 16 of 32" in form.results.value and "lets through 0 of 10" in form.results.value


def test_a_bar_for_prose_offers_no_table_checks_and_criteria_for_ones_own_output_offer_all(tmp_path):
    reply = Workbook("03_acceptance_criteria", folder=tmp_path).form("reply_criteria", title="T")
    options = reply.rows[0].check.options
    assert KINDS["words"].label in options and KINDS["csv_columns"].label not in options
    assert KINDS["json_fields"].label not in options and KINDS["column_values"].label not in options
    own = Workbook("03_acceptance_criteria", folder=tmp_path).form("own_criteria", title="T")
    assert KINDS["csv_columns"].label in own.rows[0].check.options  # one's own output may be a table


def test_weights_capitals_and_patterns_are_folded_away_until_asked_for_or_used(workbook, tmp_path):
    form = table(workbook)
    first = form.rows[0]
    assert first.weight.layout.display == "none" and first.case.layout.display == "none"
    assert KINDS["pattern"].label not in first.check.options and KINDS["words"].label in first.check.options
    form.advanced.value = True
    assert first.weight.layout.display is None and KINDS["pattern"].label in first.check.options
    added = form.add_row()
    assert added.case.layout.display is None  # a row added later follows the switch
    form.advanced.value = False
    form.fill(criteria=[row("Cites the order", "contains", "LHG", weight="2")], threshold="70")
    assert form.advanced.value  # a bar that uses a weight shows it: nothing it holds is hidden
    form.save()
    again = Workbook("03_acceptance_criteria", folder=tmp_path).form(TASK, title="T", points=10)
    assert again.advanced.value and again.rows[0].weight.value == "2"


def test_a_bar_that_passes_nothing_is_not_praised_for_catching_every_failure(workbook):
    form = table(workbook)
    form.fill(criteria=[row("Says nothing at all", "characters", "at most 1", must=True)], threshold="100")
    summary = form.latest.summary
    assert "passes none of the 32 outputs" in summary and "caught" not in summary
    assert not form.latest.passed


def test_an_output_that_passes_despite_a_failed_criterion_says_why(workbook):
    form = table(workbook)
    form.fill(criteria=[row("At most 60 words", "words", "at most 60"), row("Ends with the sign-off", "ends_with",
                                                                           "Larkfield Customer Care")],
              threshold="50")
    shown = html.unescape(form.results.value)
    assert "it still passes: no must-have failed" in shown and "at least the pass mark of 50%" in shown
