"""The course in a real JupyterLab in headless Chromium: every lesson and exercise runs, forms work end to end.

Every notebook of the workspace joins by being discovered, so a module added later is tried here the day it
lands. Screenshots go to test-artifacts/.
"""

import json
import time

import pytest
from playwright.sync_api import expect

from tests.answers_for_tests import GOOD
from tests.browser import harness
from tests.browser.harness import (
    browser_page,
    course_notebooks,
    notebook_text,
    open_notebook,
    run_all,
    running_lab,
    screenshot,
)

NOTEBOOKS = course_notebooks()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("home")) as running:
        yield running


@pytest.fixture
def page():
    with browser_page() as opened:
        yield opened


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_runs_and_shows_its_forms(lab, page, notebook):
    forms = harness.run_module(page, lab, notebook)
    text = notebook_text(page)
    assert "Traceback" not in text and "Error displaying widget" not in text
    harness.show(page, forms.first)
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb"))
    assert page.dialogs == []


def test_typing_feedback_save_restart_and_reload_in_the_lesson(lab, page):
    notebook = "lessons/02_prompt_basics.ipynb"
    form = harness.run_module(page, lab, notebook).first
    feedback = form.locator(".course-feedback").first
    task = form.get_by_label("Task", exact=True)
    task.click()
    task.press_sequentially("Summarise the notes for the team", delay=40)
    # feedback waits for a pause in typing rather than following every key
    assert "The prompt is empty" in feedback.inner_text()
    expect(feedback).to_contain_text("Give the AI a role", timeout=15_000)
    for element, text in GOOD.items():
        if text:
            form.get_by_label({"format": "Output format"}.get(element, element.capitalize()), exact=True).fill(text)
    expect(feedback).to_contain_text("Meets the bar", timeout=15_000)
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text(harness.SAVED, timeout=15_000)
    saved = json.loads((lab.workspace / "lessons" / "02_prompt_basics.answers.json").read_text("utf-8"))
    assert saved["answers"]["meeting_summary"]["value"]["task"] == GOOD["task"]
    harness.show(page, form)
    screenshot(page, "lesson_02_prompt_form")

    # type more, let autosave run, then reload the page mid-session: nothing autosave had is lost
    context = form.get_by_label("Context", exact=True)
    context.click()
    context.press("End")
    context.press_sequentially(" Extra line typed before a reload.", delay=20)
    time.sleep(3.5)  # autosave runs two seconds after typing stops
    page.reload()
    open_notebook(page, lab, notebook)
    run_all(page, restart=True)
    form = page.locator(".course-form").first
    assert form.get_by_label("Task", exact=True).input_value() == GOOD["task"]
    assert form.get_by_label("Context", exact=True).input_value().endswith("Extra line typed before a reload.")
    expect(form).to_contain_text("is back")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_learner_text_in_every_form_is_shown_literally_and_never_runs(lab, page, notebook):
    forms = harness.run_module(page, lab, notebook)
    typed = []
    for number in range(forms.count()):
        form = forms.nth(number)
        fields = form.locator("textarea")
        for index in range(fields.count()):
            text = harness.INJECTIONS[(number + index) % len(harness.INJECTIONS)]
            fields.nth(index).fill(text)
            typed.append((fields.nth(index), text))
        form.get_by_role("button", name="Save").click()
        expect(form).to_contain_text(harness.SAVED, timeout=15_000)
        form.get_by_role("button", name="Check").click()
        preview_button = form.get_by_role("button", name="Show the prompt the AI receives")
        if preview_button.count():
            preview_button.click()
            preview = form.locator(".course-text").first
            expect(preview).to_contain_text("onerror", timeout=15_000)
            assert all(text in preview.inner_text() for text in harness.INJECTIONS[:fields.count()])
    # restart and run it all again: every saved field comes back exactly as typed, and every echo of it
    # (test cells) is printed as text
    run_all(page, restart=True)
    for field, text in typed:
        assert field.input_value() == text
    shown = notebook_text(page)
    assert all(text in shown for text in harness.INJECTIONS)
    for selector in ("img[src='x']", "script", "a[href^='javascript']", ".MathJax", "mjx-container"):
        assert page.locator(f".jp-Notebook .jp-OutputArea {selector}").count() == 0, selector
    time.sleep(1)
    assert page.dialogs == []
    assert not [m for m in page.console_messages if "course-injected" in m]
    harness.show(page, forms.first)
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb") + "__injection_literal")
