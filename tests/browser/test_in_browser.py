"""The course in a real JupyterLab in headless Chromium: every lesson and exercise runs, forms work end to end.

Every notebook of the workspace joins by being discovered, so a module added later is tried here the day it
lands. Screenshots go to test-artifacts/.
"""

import json
import time

import pytest
from playwright.sync_api import expect

from tests.answers_for_tests import GOOD
from tests.browser.harness import (
    browser_page,
    course_notebooks,
    notebook_text,
    open_notebook,
    run_all,
    running_lab,
    screenshot,
)

INJECTIONS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "[x](javascript:alert(3))", "$x^2$"]

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
    open_notebook(page, lab, notebook)
    run_all(page)
    forms = page.locator(".course-form")
    expect(forms.first).to_be_attached(timeout=30_000)
    text = notebook_text(page)
    assert "Traceback" not in text and "Error displaying widget" not in text
    forms.first.scroll_into_view_if_needed()
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb"))
    assert page.dialogs == []


def test_typing_feedback_save_restart_and_reload_in_the_lesson(lab, page):
    notebook = "lessons/02_prompt_basics.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page)
    form = page.locator(".course-form").first
    expect(form).to_be_attached(timeout=30_000)
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
    expect(form).to_contain_text("Saved at", timeout=15_000)
    saved = json.loads((lab.workspace / "lessons" / "02_prompt_basics.answers.json").read_text("utf-8"))
    assert saved["answers"]["meeting_summary"]["value"]["task"] == GOOD["task"]
    form.evaluate("el => el.scrollIntoView({block: 'start'})")
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


def test_learner_text_is_shown_literally_and_never_runs(lab, page):
    open_notebook(page, lab, "lessons/02_prompt_basics.ipynb")
    run_all(page)
    form = page.locator(".course-form").first
    for label, text in zip(("Role", "Task", "Context", "Examples"), INJECTIONS, strict=True):
        form.get_by_label(label, exact=True).fill(text)
    form.get_by_role("button", name="Check").click()
    form.get_by_role("button", name="Show the prompt the AI receives").click()
    preview = form.locator(".course-text").first
    expect(preview).to_contain_text("onerror", timeout=15_000)
    shown = preview.inner_text()
    for text in INJECTIONS:
        assert text in shown
    assert page.locator(".course-form img[src='x']").count() == 0
    assert page.locator(".course-form script").count() == 0
    assert page.locator(".course-form a[href^='javascript']").count() == 0
    assert page.locator(".course-form .MathJax, .course-form mjx-container").count() == 0
    time.sleep(1)
    assert page.dialogs == []
    screenshot(page, "lesson_02_injection_literal")
