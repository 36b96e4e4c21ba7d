"""The course in a real JupyterLab in headless Chromium: every lesson and exercise runs, forms work end to end.

Every notebook of the workspace joins by being discovered, so a module added later is tried here the day it
lands. Screenshots go to test-artifacts/.
"""

import json
import re
import time
import urllib.request

import nbformat
import pytest
from playwright.sync_api import expect

from course.lab_extension import WIDGET_VIEW
from course.place import APP_VIEW_HOW_TO, NOT_RUNNING
from tests.answers_for_tests import GOOD
from tests.browser import harness
from tests.browser.harness import (
    browser_page,
    course_notebooks,
    notebook_text,
    open_notebook,
    run_all,
    screenshot,
)
from tests.browser.seen import look_through, problems_a_manager_would_see

NOTEBOOKS = course_notebooks()
CODE = ["course.start(", "wb.form(", "import course", "wb.quiz()", "wb.grade("]
# What a learner types into: every text box, and the description of each criterion in a criteria table.
TYPED_FIELDS = "textarea, .course-criterion-text input"


def visible_tests(notebook: str) -> int:
    """The graded cells a learner sees (hidden tests are gone from the release)."""
    nb = nbformat.read(harness.content_path(notebook), as_version=4)
    return sum("wb.grade(" in cell.source for cell in nb.cells if cell.cell_type == "code")


@pytest.fixture
def wide_page():
    with browser_page(1920, 1080) as opened:  # a desktop screen
        yield opened


def assert_a_manager_sees_nothing_wrong(page, notebook: str) -> None:
    """Read the whole notebook as drawn: nothing wider than the page or scrolling sideways, no label or button
    cut off, no internal name or path, no number with more than one decimal place, one feedback block per form,
    and every exercise heading's points equal to its form's and graded cell's."""
    seen = look_through(page)
    assert problems_a_manager_would_see(seen) == [], notebook
    exercises = [e for e in seen.points_by_exercise() if e["forms"] or e["graded"]]
    assert not notebook.startswith("exercises/") or exercises, "no exercise heading with its points was read"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_runs_and_shows_its_forms(lab, wide_page, notebook):
    page = wide_page
    open_notebook(page, lab, notebook)
    assert harness.code_on_screen(page) == []  # before running: no code, not even a first line
    run_all(page)
    forms = page.locator(".course-form")
    text = notebook_text(page)
    assert "Traceback" not in text and "Error displaying widget" not in text
    assert harness.code_on_screen(page) == []
    shown = page.locator(".jp-Notebook").inner_text()
    assert not [code for code in CODE if code in shown]
    # Run All ends on the first form, with the cursor in its first field, not at the bottom of the notebook
    first_field = forms.first.locator("textarea, input[type='text'], input[type='checkbox']").first
    expect(first_field).to_be_focused(timeout=15_000)
    assert harness.in_viewport(page, first_field)
    if notebook.startswith("lessons/"):  # JupyterLab shows its own steps, not the app view's
        how_to = page.locator(".jp-Notebook").get_by_role("heading", name="How to use this notebook")
        assert how_to.is_visible() and APP_VIEW_HOW_TO not in text
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb"))
    assert_a_manager_sees_nothing_wrong(page, notebook)  # at 1920x1080
    if notebook.startswith("exercises/"):  # run before answering: guidance, not a pink error box
        assert page.locator(".jp-Notebook [data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert notebook_text(page).count("Not answered yet.") == visible_tests(notebook) > 0
    assert page.dialogs == []


@pytest.fixture
def laptop_page():
    with browser_page(1366, 768) as opened:  # a common laptop screen
        yield opened


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_live_feedback_is_in_view_while_typing_in_every_field_on_a_laptop_screen(lab, laptop_page, notebook):
    page = laptop_page
    forms = harness.run_module(page, lab, notebook)
    assert_a_manager_sees_nothing_wrong(page, notebook)  # at 1366x768, before anything is typed
    harness.show(page, forms.first)
    typed = 0
    for number in range(forms.count()):
        form = forms.nth(number)
        rows = form.locator(".course-field-row")
        assert rows.count() > 0
        for index in range(rows.count()):
            if rows.nth(index).locator("textarea, input").count() == 0:
                continue  # a choice made with buttons: nothing to type
            field = rows.nth(index).locator("textarea, input").first
            summary = rows.nth(index).locator(".course-feedback-summary")
            field.click()
            field.press_sequentially("Draft for the team", delay=20)
            # after the pause in typing, the summary appears beside this field, and it is on screen
            expect(summary).to_be_visible(timeout=15_000)
            expect(summary).to_contain_text(re.compile("Not ready yet|Ready to use"), timeout=15_000)
            verdict = summary.locator("strong").first
            assert harness.in_viewport(page, verdict), (notebook, number, index, verdict.bounding_box())
            assert harness.in_viewport(page, field)
            typed += 1
        criteria = form.locator(".course-criterion")
        for index in range(min(criteria.count(), 2)):  # a criteria table: the note on the wording is under its row
            harness.show(page, criteria.nth(index))  # the row at the top of the screen, as a learner scrolls to it
            field = criteria.nth(index).locator(".course-criterion-text input")
            field.click()
            # a different vague criterion in each row: a criterion written twice is read as a repeat
            field.press_sequentially(("Replies are clear and professional", "Summaries are short and friendly")[index],
                                     delay=20)
            note = criteria.nth(index).locator(".course-row-note")
            expect(note).to_contain_text("no measure", timeout=15_000)
            assert harness.in_viewport(page, note.locator("p").first) and harness.in_viewport(page, field)
            typed += 1
    harness.show(page, forms.first)
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb") + "__typing_1366x768")
    assert typed >= 2
    forget_answers(lab)  # the drafts typed here are not what later tests start from


def forget_answers(lab) -> None:
    """Stop the kernels (no autosave can follow) and remove every saved answer from the workspace."""
    harness.shut_down_kernels(lab)
    for path in [*lab.workspace.glob("lessons/*answers*"), *lab.workspace.glob("exercises/*/*answers*")]:
        path.unlink()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_saved_notebook_opened_again_without_running_shows_a_plain_line_where_forms_were(lab, page, notebook):
    harness.run_module(page, lab, notebook)
    harness.save_notebook(page)
    saved = nbformat.read(lab.workspace / notebook, as_version=4)
    outputs = [o for cell in saved.cells if cell.cell_type == "code" for o in cell.outputs]
    stand_ins = [o for o in outputs if o.get("data", {}).get("text/plain") == NOT_RUNNING]
    assert stand_ins and not [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    harness.shut_down_kernels(lab)
    open_notebook(page, lab, notebook)  # opened again: a new kernel, which knows none of the forms
    harness.scroll_through(page)
    text = notebook_text(page)
    assert "Error displaying widget" not in text and "model not found" not in text
    assert text.count(NOT_RUNNING) == len(stand_ins)
    assert page.locator(".jp-Notebook .course-form").count() == 0
    line = page.locator(".course-form-placeholder").first
    harness.show(page, line)
    expect(line).to_be_visible()
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb") + "__reopened")


def test_typing_feedback_save_restart_and_reload_in_the_lesson(lab, page):
    notebook = "lessons/02_lesson_prompt_basics.ipynb"
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
    expect(feedback).to_contain_text("Ready to use", timeout=15_000)
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text(harness.SAVED, timeout=15_000)
    saved = json.loads((lab.workspace / "lessons" / "your answers - 02_prompt_basics.json").read_text("utf-8"))
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
        fields = form.locator(TYPED_FIELDS)
        for index in range(fields.count()):
            text = harness.INJECTIONS[(number + index) % len(harness.INJECTIONS)]
            fields.nth(index).fill(text)
            typed.append((fields.nth(index), text))
        form.get_by_role("button", name="Save").click()
        expect(form).to_contain_text(harness.SAVED, timeout=15_000)
        form.get_by_role("button", name=re.compile(r"^\W*Check$")).click()
        preview_button = form.get_by_role("button", name="Show the prompt the AI receives")
        if preview_button.count():
            preview_button.click()
            preview = form.locator(".course-text").first
            expect(preview).to_contain_text("onerror", timeout=15_000)
            assert all(text in preview.inner_text() for text in harness.INJECTIONS[:fields.count()])
    # restart and run it all again: every saved field comes back exactly as typed, and nothing of it ran (the
    # graded cells show points, not the answer: nbgrader's echo of it is tested in tests/test_orientation.py)
    run_all(page, restart=True)
    assert typed
    for field, text in typed:
        assert field.input_value() == text
    for selector in ("img[src='x']", "script", "a[href^='javascript']", ".MathJax", "mjx-container"):
        assert page.locator(f".jp-Notebook .jp-OutputArea {selector}").count() == 0, selector
    time.sleep(1)
    assert page.dialogs == []
    assert not [m for m in page.console_messages if "course-injected" in m]
    harness.show(page, forms.first)
    screenshot(page, notebook.replace("/", "__").removesuffix(".ipynb") + "__injection_literal")


def test_the_pilot_dashboard_draws_its_charts_and_switches_use_case_from_the_keyboard(lab, page):
    harness.run_module(page, lab, "lessons/05_lesson_metrics.ipynb")
    board = page.locator(".course-dashboard").first
    harness.show(page, board)
    charts = board.locator("figure.course-chart")
    expect(charts).to_have_count(3, timeout=30_000)
    for number in range(3):  # each chart is drawn and described in words
        chart = charts.nth(number)
        expect(chart.locator("svg")).to_be_visible()
        assert chart.get_attribute("aria-label") and chart.locator("figcaption").inner_text().strip()
    finding = board.locator("p", has_text="Finding:")
    assert "Meeting summaries" in finding.inner_text()
    refunds = board.get_by_role("button", name="Refund replies")
    refunds.focus()
    page.keyboard.press("Enter")
    expect(finding).to_contain_text("lost once review and rework count", timeout=15_000)
    upload = board.locator(".course-upload")  # says what it loads, with no count of files "(0)" after it
    assert upload.evaluate("el => getComputedStyle(el, '::after').content") == '"Load your team\'s export"'
    assert upload.evaluate("el => getComputedStyle(el).fontSize") == "0px"
    harness.show(page, board)
    screenshot(page, "lesson_05_dashboard")
    assert page.dialogs == []


def test_the_first_screen_is_the_course_home_and_its_link_opens_module_00(lab, page):
    page.goto(f"{lab.url}/?token={lab.token}")
    home = page.locator(".jp-MarkdownViewer .jp-RenderedMarkdown")
    expect(home.get_by_role("heading", name="Your course home")).to_be_visible(timeout=60_000)
    assert page.locator(".jp-Launcher").count() == 0  # not JupyterLab's launcher
    expect(home).to_contain_text(re.compile(r"Start here|Continue where you left off"))  # other tests saved
    screenshot(page, "course_home")
    home.get_by_role("link", name="Lesson", exact=True).first.click()  # the table's first row: module 00
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=90_000)
    expect(page.locator(".jp-Notebook >> visible=true").first).to_contain_text("Orientation", timeout=30_000)


def test_the_graded_cell_shows_the_saved_answers_points_after_save(lab, page):
    forms = harness.run_module(page, lab, "exercises/02_prompt_basics/02_prompt_basics.ipynb")
    form, graded = forms.first, page.locator(".course-graded").first
    for element, text in GOOD.items():
        if text:
            form.get_by_label({"format": "Output format"}.get(element, element.capitalize()), exact=True).fill(text)
    form.get_by_label("Role", exact=True).fill("")  # every element but one: not ready yet
    form.get_by_role("button", name="Save").click()
    expect(graded).to_contain_text("Not ready yet", timeout=15_000)
    form.get_by_label("Role", exact=True).fill(GOOD["role"])
    form.get_by_role("button", name="Save").click()
    expect(graded).to_contain_text("Points from your saved answer: 10 of 12", timeout=15_000)
    assert form.locator(".course-feedback").count() == 1  # Check and live feedback share one block
    form.get_by_role("button", name="Check").click()
    expect(form.locator(".course-feedback")).to_contain_text("Your saved answer: ✔ Ready to use · 10 of 12 points")
    prompts = page.locator(".jp-Notebook .jp-OutputPrompt, .jp-Notebook .jp-InputPrompt")
    assert all(not prompts.nth(i).is_visible() for i in range(prompts.count()))  # no "[7]:" counters


def kernels(lab) -> list[dict]:
    with urllib.request.urlopen(f"{lab.url}/api/kernels?token={lab.token}", timeout=10) as reply:
        return json.load(reply)


def test_closing_a_lessons_tab_asks_nothing_and_stops_its_kernel(lab, page):
    """Kernels do not pile up as modules go by (a restart of `course lab` opening only the home is tested in
    tests/test_course_home.py)."""
    harness.shut_down_kernels(lab)
    harness.run_module(page, lab, "lessons/01_lesson_use_cases.ipynb")
    assert len(kernels(lab)) == 1
    # the notebook saves itself a few seconds after running (the answers were saved by the forms already)
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.lm-mod-current.jp-mod-dirty')",
                           timeout=30_000)
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()
    expect(page.locator(".jp-Notebook")).to_have_count(0, timeout=15_000)
    assert page.locator(".jp-Dialog").count() == 0  # no "Save your work?" and no "Shut down the kernel?"
    deadline = time.monotonic() + 30
    while kernels(lab) and time.monotonic() < deadline:  # the server stops the kernel a moment later
        page.wait_for_timeout(250)
    assert kernels(lab) == []
