"""The lesson-time estimate: reading counts every word a learner reads (drafts to open and hidden house rules too,
feedback lines not), doing counts each field by its kind, and each of the twelve notebooks states a time.

Small widget trees and the course's real forms are built headless. Whether the stated times match the estimates is
not tested here.
"""

from __future__ import annotations

import ipywidgets as widgets
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course import Workbook
from course.lesson_time import (
    MINUTES_PER_FIELD,
    MINUTES_PER_FORM,
    WORDS_PER_MINUTE,
    combine,
    count_charts,
    count_form,
    count_words,
    doing_minutes,
    estimate,
    html_text,
    markdown_text,
    stated_in,
    stated_minutes,
)
from tests.notebooks import EXERCISES, LESSONS

# What benchmarks/lesson_time.py gave these forms before it counted their fields: a fixed number of minutes a kind.
OLD_FIXED_MINUTES = {"criteria_table": 12, "sop_builder": 15, "text_answer": 5}
NOTEBOOKS = LESSONS + EXERCISES


@pytest.fixture(scope="module")
def estimates():
    return {path.stem: estimate(path) for path in NOTEBOOKS}


def small_form(*fields: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([widgets.HTML("<h3>A form</h3><p>Answer below.</p>"), *fields,
                         widgets.Button(description="Save")])


# --- fields ---------------------------------------------------------------------------------------------------
def test_a_form_with_more_fields_takes_longer():
    few = count_form(small_form(widgets.Text(description="Name")))
    more = count_form(small_form(widgets.Text(description="Name"), widgets.Textarea(description="Why"),
                                 widgets.ToggleButtons(options=["Yes", "No"]), widgets.Checkbox(description="Sure"),
                                 widgets.Combobox(description="Check", options=["Contains", "Starts with"])))
    assert few.fields == {"text line": 1} and few.saved
    assert more.fields == {"text line": 1, "text box": 1, "choice": 1, "checkbox": 1, "combo box": 1}
    assert more.doing_minutes > few.doing_minutes
    assert few.doing_minutes == MINUTES_PER_FIELD["text line"] + MINUTES_PER_FORM


def test_a_form_without_save_or_check_gets_no_minutes_for_saving():
    explore = count_form(widgets.VBox([widgets.ToggleButtons(options=["A", "B"])]))
    assert not explore.saved and explore.doing_minutes == MINUTES_PER_FIELD["choice"]


def test_a_multi_line_field_six_rows_high_is_a_paragraph():
    assert count_form(widgets.Textarea(rows=8)).fields == {"long text box": 1}
    assert count_form(widgets.Textarea(rows=2)).fields == {"text box": 1}
    assert count_form(widgets.Textarea()).fields == {"text box": 1}


def test_a_course_form_with_more_fields_takes_longer(tmp_path):
    workbook = Workbook("05_metrics", folder=tmp_path)
    rule = count_form(workbook.form("pilot_decision_rule", title="T"))
    cards = count_form(workbook.form("pilot_metric_cards", title="T"))
    assert sum(cards.fields.values()) > sum(rule.fields.values())
    assert cards.doing_minutes > rule.doing_minutes


# --- reading --------------------------------------------------------------------------------------------------
def test_words_inside_details_are_counted():
    draft = "Dear Dana, your refund of 42 euros for order 1234 is on its way."
    closed = widgets.HTML(f"<table><tr><td><details><summary>Draft 1</summary><pre>{draft}</pre></details>"
                          "</td></tr></table>")
    without = widgets.HTML("<table><tr><td><details><summary>Draft 1</summary></details></td></tr></table>")
    assert count_form(closed).words - count_form(without).words == count_words(draft) == 14


def test_the_criteria_form_counts_every_draft_and_the_hidden_house_rules(tmp_path):
    form = Workbook("03_acceptance_criteria", folder=tmp_path).form("reply_criteria", title="T")
    drafts = form.run().results
    batch = form.task.spec.batches(form.task.shown_cases[0])
    assert len(drafts) == 32 and form.brief.layout.display == "none"  # the house rules are behind a button
    to_read = sum(count_words(r.output.text) for r in drafts) + sum(count_words(rule) for rule in batch.house_rules)
    assert count_form(form).words >= to_read > 1000


def test_feedback_and_status_lines_are_not_reading(tmp_path):
    form = Workbook("00_orientation", folder=tmp_path).form("first_form", title="T")
    before = count_form(form)
    form.feedback.value = "<p>" + "feedback " * 500 + "</p>"
    form.status.value = "<span>" + "saved " * 50 + "</span>"
    next(iter(form.field_lines.values())).value = "summary " * 30
    assert count_form(form) == before


def test_a_text_shown_on_every_row_is_read_once():
    def row():
        return widgets.Text(description="Criterion", placeholder="What a good output shows")

    one, three = count_form(widgets.VBox([row()])), count_form(widgets.VBox([row(), row(), row()]))
    assert three.words == one.words == 6
    assert three.fields == {"text line": 3}


def test_words_are_what_a_page_shows():
    assert count_words(markdown_text("See [the course map](https://example.com/a/long/path) <b>now</b>.")) == 5
    page = "<style>.a {color: red}</style><svg><text>1 2 3</text></svg><p>Three &amp; words</p>"
    assert count_words(html_text(page)) == 2 and count_charts(page) == 1
    assert count_words("Don't stop: the 60-30-10 rule") == 7  # "don't" is one word, "60-30-10" three


def test_reading_and_doing_add_up():
    built = combine("x", ["word " * WORDS_PER_MINUTE], [count_form(small_form(widgets.Textarea()))], ["<p>a b</p>"])
    assert built.words == WORDS_PER_MINUTE + 4 + 2 and built.text_words == WORDS_PER_MINUTE
    assert built.doing_minutes == doing_minutes({"text box": 1}, 1) == MINUTES_PER_FIELD["text box"] + MINUTES_PER_FORM
    assert built.total_minutes == pytest.approx(built.words / WORDS_PER_MINUTE + built.doing_minutes)


# --- stated times -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, minutes", [
    ("**Points:** 12. **Time:** about 15 minutes.\n", 15),
    ("**Time:** about 25 minutes for this lesson and 20 for the exercise (an estimate)", 25),
    ("It takes about 15 minutes.", None),
    ("", None),
])
def test_the_stated_time_is_read_from_the_time_line(text, minutes):
    assert stated_in([text]) == minutes


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_states_its_time(path):
    assert len(LESSONS) == len(EXERCISES) == 6
    minutes = stated_minutes(path)
    assert isinstance(minutes, int) and 5 <= minutes <= 120


# --- the notebooks ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_every_notebook_has_a_positive_estimate(estimates, name):
    e = estimates[name]
    assert e.text_words > 0 and e.form_words > 0 and e.forms >= 1 and e.fields
    assert e.reading_minutes > 0 and e.doing_minutes > 0
    assert e.total_minutes == pytest.approx(e.reading_minutes + e.doing_minutes)


def test_the_criteria_and_sop_exercises_take_longer_than_their_old_fixed_minutes(estimates):
    criteria, sop = estimates["03_acceptance_criteria"], estimates["04_sops"]
    parts = {part.name: part for part in criteria.parts + sop.parts}
    assert parts["reply_criteria"].total_minutes > OLD_FIXED_MINUTES["criteria_table"]
    assert parts["reply_criteria"].reading_minutes > 5  # 32 drafts to read
    assert parts["meeting_sop"].total_minutes > OLD_FIXED_MINUTES["sop_builder"]
    assert criteria.total_minutes > OLD_FIXED_MINUTES["criteria_table"] + OLD_FIXED_MINUTES["text_answer"]
    assert sop.total_minutes > OLD_FIXED_MINUTES["sop_builder"]


def test_grading_and_solution_cells_are_skipped_and_nothing_is_written(tmp_path):
    notebook = new_notebook(cells=[
        new_markdown_cell("# A test\n\n**Time:** about 5 minutes."),
        new_code_cell('import course\n\nwb = course.start("00_orientation")'),
        new_code_cell('wb.form("first_form", title="T")'),
        new_code_cell('wb.grade("first_form", points=2)\nraise RuntimeError("a grading cell ran")'),
        new_code_cell('### BEGIN SOLUTION\nraise RuntimeError("a solution cell ran")\n### END SOLUTION'),
        new_code_cell('print("Three printed words")'),
    ])
    path = tmp_path / "test.ipynb"
    nbformat.write(notebook, path)
    e = estimate(path)
    assert (e.fields, e.forms, e.table_words, e.text_words) == ({"text box": 2}, 1, 3, 6)
    assert stated_minutes(path) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["test.ipynb"]


def test_every_notebook_states_the_time_its_estimate_gives_to_the_nearest_five_minutes(estimates):
    from course.course_map import lesson_minutes

    for path in NOTEBOOKS:
        assert stated_minutes(path) == max(5, 5 * round(estimates[path.stem].total_minutes / 5)), path.name
    for lesson in LESSONS:  # the lesson's time line names its exercise's time, and the course home adds them up
        exercise = next(e for e in EXERCISES if lesson.stem.replace("_lesson", "") == e.stem)
        assert lesson_minutes(lesson) == stated_minutes(lesson) + stated_minutes(exercise), lesson.name
