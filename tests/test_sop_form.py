"""The SOP builder headless: live checking, steps added, moved and removed, restore, the time saved, export as
Markdown and as a page (escaped), and importing earlier answers (found, missing, damaged; nothing typed is lost)."""

from __future__ import annotations

import html

import pytest

from course import Workbook
from course.answers import AnswerStore, answers_file_name
from course.checks.sop import MAX_STEPS
from course.render import escape
from tests.answers_for_tests import GOOD
from tests.criteria_bars import SUMMARY
from tests.sop_examples import GOOD_SOP, spoiled
from tests.test_answer_store import read_only

TASK = "meeting_sop"


@pytest.fixture
def folder(tmp_path):
    """An exercise folder in a learner's workspace: exercises/04_sops, with lessons/ beside exercises/."""
    path = tmp_path / "exercises" / "04_sops"
    path.mkdir(parents=True)
    return path


def builder(folder, points=16):
    return Workbook("04_sops", folder=folder).form(TASK, title="T", points=points)


def test_typing_an_sop_gives_live_checking_and_autosaves(folder):
    form = builder(folder)
    assert "The SOP is empty" in form.feedback.value
    form.fill(purpose="Colleagues know what was decided.")
    assert "Trigger is empty" in form.feedback.value
    form.fill(**GOOD_SOP)
    assert "Ready to use · 16 of 16 points" in form.feedback.value
    saved = AnswerStore(folder, "04_sops").value(TASK)
    assert saved["steps"][1]["kind"] == "ai" and saved["purpose"] == GOOD_SOP["purpose"]


def test_steps_are_added_moved_removed_and_never_past_either_end(folder):
    form = builder(folder)
    form.fill(steps=GOOD_SOP["steps"])
    rows = form.steps.rows
    form.steps.move(rows[0], -1)
    form.steps.move(form.steps.rows[-1], +1)
    assert [r["actor"] for r in form.value()["steps"]][:2] == ["Note-taker", "AI assistant"]
    form.steps.rows[2].up.click()  # the check moves before the AI's draft: now nothing checks it
    assert "after it where a named person checks" in html.unescape(form.feedback.value)
    form.steps.rows[1].up.click()
    form.steps.rows[0].remove.click()
    assert len(form.value()["steps"]) == 3
    assert form.steps.rows[0].actor.description == "Step 1"


def test_two_hundred_steps_fit_and_the_next_is_refused_with_a_message(folder):
    form = builder(folder)
    while form.steps.add(announce=False):
        pass
    assert len(form.steps.rows) == MAX_STEPS and form.steps.add_button.disabled
    form.steps.add_button.click()
    assert "At most 200" in form.steps.message.value


def test_running_the_cell_again_restores_every_section_and_step(folder):
    form = builder(folder)
    form.fill(**GOOD_SOP)
    form.save()
    again = builder(folder)
    assert again.value() == form.value()
    assert "is back" in again.status.value


def test_the_time_saved_counts_review_and_rework_and_says_it_in_words(folder):
    form = builder(folder)
    form.fill(**GOOD_SOP)
    assert "Saves 27 minutes a run, 27 minutes a week" in form.saved_time.value
    form.fill(steps=[{**GOOD_SOP["steps"][0], "minutes_with_ai": "90"}])
    assert "longer a run with AI" in form.saved_time.value and "fix the process" in form.saved_time.value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "$x^2$"])
def test_markup_in_any_field_is_shown_and_exported_literally(folder, text):
    form = builder(folder)
    form.fill(**spoiled(title=text, purpose=text, steps=[{**GOOD_SOP["steps"][0], "action": text}]))
    form.export("md")
    form.export("html")
    markdown = next(folder.glob("SOP - *.md")).read_text("utf-8")
    page = next(folder.glob("SOP - *.html")).read_text("utf-8")
    for shown in (form.feedback.value, page, markdown):
        assert "<script>" not in shown and "<img src=x" not in shown
    assert escape(text) in page  # shown as typed
    assert text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in markdown


def test_an_export_that_cannot_be_written_says_why_and_keeps_the_sop(folder):
    form = builder(folder)
    form.fill(**GOOD_SOP)
    with read_only(folder):
        form.export("html")
    assert "Not written" in form.export_note.value and form.value()["purpose"] == GOOD_SOP["purpose"]


def test_import_with_nothing_to_import_says_so_and_changes_nothing(folder):
    form = builder(folder)
    form.fill(prompt="My own prompt with {notes}")
    form.import_earlier()
    assert "nothing to import" in form.import_note.value
    assert form.fields["prompt"].value == "My own prompt with {notes}"


def test_import_brings_the_prompt_and_the_criteria_in_and_keeps_what_was_typed(folder):
    workspace = folder.parent.parent
    AnswerStore(folder.parent / "02_prompt_basics", "02_prompt_basics").save("meeting_summary", GOOD,
                                                                            engine="prompt/2")
    (workspace / "lessons").mkdir()
    AnswerStore(workspace / "lessons", "03_acceptance_criteria").save("summary_criteria", SUMMARY,
                                                                    engine="criteria/1")
    form = builder(folder)
    form.fill(quality_checks="My own check: no emojis")
    form.import_earlier()
    assert "{notes}" in form.fields["prompt"].value and GOOD["task"] in form.fields["prompt"].value
    checks = form.fields["quality_checks"].value
    assert checks.startswith("My own check: no emojis") and "Every action with its owner" in checks
    assert "[must-have]" not in checks and "Length in words" not in checks  # the team reads words, not checks
    assert "Imported your meeting-summary prompt from module 02" in form.import_note.value
    assert "your meeting-summary criteria from module 03&#x27;s lesson" in form.import_note.value
    assert "meeting_summary" not in form.import_note.value and ".json" not in form.import_note.value  # no ids, paths
    form.save()
    assert "{notes}" in AnswerStore(folder, "04_sops").value(TASK)["prompt"]  # now in this assignment's store


def test_import_never_brings_the_refund_reply_criteria_of_exercise_03_into_a_meeting_summary_sop(folder):
    from tests.criteria_bars import REPLY

    AnswerStore(folder.parent / "03_acceptance_criteria", "03_acceptance_criteria").save("reply_criteria", REPLY,
                                                                                        engine="criteria/1")
    form = builder(folder)
    form.import_earlier()
    assert "nothing to import" in form.import_note.value and form.fields["quality_checks"].value == ""


def test_a_damaged_earlier_store_is_named_read_nowhere_and_left_as_it_was(folder):
    damaged = folder.parent / "02_prompt_basics" / answers_file_name("02_prompt_basics")
    damaged.parent.mkdir()
    damaged.write_text("{ not json", encoding="utf-8")
    form = builder(folder)
    form.import_earlier()
    assert "could not be read" in form.import_note.value and "nothing to import" in form.import_note.value
    assert ".json" not in form.import_note.value and "module 02&#x27;s exercise" in form.import_note.value
    assert damaged.read_text("utf-8") == "{ not json" and len(list(damaged.parent.iterdir())) == 1


def test_the_preview_shows_the_sop_as_a_page_with_headings_and_a_steps_table_not_markdown(folder):
    form = builder(folder)
    form.fill(**{**GOOD_SOP, "title": "Weekly recap <b>v2</b> **draft**"})
    page = form.preview.value
    assert "<h2>Steps</h2><table>" in page and '<th scope="col">Who</th>' in page
    assert "&lt;b&gt;v2&lt;/b&gt; **draft**" in page and "<b>v2</b>" not in page  # typed text shown as typed
    assert "\n## " not in page and "| --- |" not in page  # no Markdown markers for a manager to read


def test_an_export_says_where_it_is_and_how_to_open_or_print_it(folder):
    form = builder(folder)
    form.fill(**GOOD_SOP)
    form.export("html")
    assert "in this folder" in form.export_note.value and "Print menu" in form.export_note.value
    form.export("md")
    assert "View › File Browser" in form.export_note.value and "Print" not in form.export_note.value
    assert str(folder) not in form.export_note.value  # a file name, never a path


def test_the_page_for_the_team_says_what_to_paste_where_the_prompt_marks_its_input():
    from course.sop_page import sop_body

    body = sop_body({"title": "Weekly summary", "prompt": "Summarise the notes between the lines.\n---\n{notes}\n---"})
    assert "Where it says {notes}, paste the actual notes." in body
    assert "paste the" not in sop_body({"title": "Weekly summary", "prompt": "Summarise the notes below."})
