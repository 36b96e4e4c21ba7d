"""The app view (`course app 02`, Voila) in headless Chromium: a clean page whose forms work end to end and share
their answers file with the notebook opened in JupyterLab; a reload or a closed page leaves no kernel behind;
nothing is fetched from outside this computer.

Screenshots go to test-artifacts/.
"""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from course._content import content_dir
from course.checks.prompt import ELEMENT_LABELS
from course.workbook import Workbook
from tests.answers_for_tests import GOOD
from tests.browser import accessibility as axe
from tests.browser import harness
from tests.browser.app_harness import (
    await_true,
    crash_the_browsers_pages,
    kernel_processes,
    kernel_state,
    leaving_this_computer,
    open_app,
    page_kernel,
    record_requests,
    running_app,
    stays_true,
)
from tests.browser.harness import browser_page, screenshot

LESSON = "02_prompt_basics"
INJECTIONS = harness.INJECTIONS[:4]
CODE = ["course.start(", "wb.form(", "import course", "wb.quiz()"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("home"), "02") as running:
        yield running


@pytest.fixture
def answers(app):
    """The lesson's answers file, the one the notebook in JupyterLab uses too; each test starts without it."""
    path = app.lessons / f"your answers - {LESSON}.json"
    path.unlink(missing_ok=True)
    yield path
    path.unlink(missing_ok=True)


def field(form, element: str):
    return form.get_by_label(ELEMENT_LABELS[element], exact=True)


def test_the_app_shows_the_lesson_and_its_forms_without_code_or_tracebacks(app, page, answers):
    open_app(page, app)
    expect(page.locator(".course-form")).to_have_count(2)  # the prompt builder and the prompt coach
    expect(page.locator(".course-quiz")).to_have_count(1)
    text = page.inner_text("body")
    assert "Module 02 · Prompt basics" in text and "The seven elements of a prompt" in text
    assert "Your answers are saved as you go" in text
    assert "Traceback" not in text and "Error displaying widget" not in text
    for code in CODE:
        assert code not in text
    assert page.locator(".cm-editor, .jp-CodeMirrorEditor, .jp-InputArea-editor, .jp-InputPrompt").count() == 0
    assert page.locator(".jp-MenuBar, .jp-NotebookPanel-toolbar, #jp-top-panel").count() == 0
    assert page.get_attribute("body", "data-jp-theme-light") == "true"
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert sum(int(part) for part in background[background.index("(") + 1:-1].split(",")[:3]) > 600, background
    page.locator(".course-form").first.scroll_into_view_if_needed()
    screenshot(page, f"app__{LESSON}")
    assert page.dialogs == []


def test_typing_gives_feedback_save_writes_the_notebooks_file_and_a_reload_brings_it_back(app, page, answers):
    open_app(page, app)
    form = page.locator(".course-form").first
    feedback = form.locator(".course-feedback").first
    task = field(form, "task")
    task.click()
    task.press_sequentially("Summarise the notes for the team", delay=40)
    assert "The prompt is empty" in feedback.inner_text()  # feedback waits for a pause in typing
    expect(feedback).to_contain_text("Give the AI a role", timeout=15_000)  # after a pause, from the kernel
    for element, text in GOOD.items():
        if text:
            field(form, element).fill(text)
    expect(feedback).to_contain_text("Ready to use", timeout=15_000)
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text(harness.SAVED, timeout=15_000)

    # the same file, in the same folder, that the lesson notebook in JupyterLab reads and writes
    saved = json.loads(answers.read_text("utf-8"))
    assert saved["answers"]["meeting_summary"]["value"]["task"] == GOOD["task"]
    in_notebook = Workbook(LESSON, folder=app.lessons).store.get("meeting_summary")
    assert in_notebook is not None and in_notebook.value["format"] == GOOD["format"]
    assert not list(app.workspace.rglob(f"your answers - {LESSON}.json"))[1:]  # no second copy anywhere else

    page.reload()
    form = page.locator(".course-form").first
    form.wait_for(state="visible", timeout=120_000)
    for element in ("role", "task", "format"):
        assert field(form, element).input_value() == GOOD[element]
    assert field(form, "input").input_value() == GOOD["input"]
    expect(form).to_contain_text("is back", timeout=15_000)
    expect(form.locator(".course-feedback").first).to_contain_text("Ready to use")


def test_an_answer_saved_by_the_notebook_comes_back_in_the_app(app, page, answers):
    # exactly what the lesson's cells do in JupyterLab, whose kernel runs in the lessons folder
    workbook = Workbook(LESSON, folder=app.lessons)
    notebook_form = workbook.form("meeting_summary", title="Practice")
    notebook_form.fill(role="You are a careful team lead.", task="Summarise the notes from the notebook.")
    assert notebook_form.save()
    assert answers.is_file()

    open_app(page, app)
    form = page.locator(".course-form").first
    assert field(form, "task").input_value() == "Summarise the notes from the notebook."
    assert field(form, "role").input_value() == "You are a careful team lead."
    expect(form).to_contain_text("is back", timeout=15_000)


def test_learner_text_is_shown_literally_and_never_runs_in_the_app(app, page, answers):
    open_app(page, app)
    form = page.locator(".course-form").first
    for element, text in zip(("role", "task", "context", "examples"), INJECTIONS, strict=True):
        field(form, element).fill(text)
    form.get_by_role("button", name="Show the prompt the AI receives").click()
    preview = form.locator(".course-text").first
    expect(preview).to_be_visible(timeout=15_000)
    expect(preview).to_contain_text("onerror", timeout=15_000)
    shown = preview.inner_text()
    for text in INJECTIONS:
        assert text in shown
    for element, text in zip(("role", "task", "context", "examples"), INJECTIONS, strict=True):
        assert field(form, element).input_value() == text
    assert page.locator(".course-form img[src='x']").count() == 0
    assert page.locator(".course-form script").count() == 0
    assert page.locator(".course-form a[href^='javascript']").count() == 0
    assert page.locator(".course-form .MathJax, .course-form mjx-container").count() == 0
    time.sleep(1)
    assert page.dialogs == []
    assert not [m for m in page.console_messages if "course-injected" in m]
    screenshot(page, f"app__{LESSON}_injection_literal")


LESSONS = sorted(p.stem for p in content_dir("modules").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_opens_as_an_app_with_no_serious_accessibility_problem(tmp_path, page, lesson):
    """Every lesson, discovered: a module added later is opened as an app the day it lands."""
    with running_app(tmp_path, lesson) as running:
        requests = record_requests(page)
        open_app(page, running)
        assert requests and leaving_this_computer(requests) == []
        text = page.evaluate("() => document.body.textContent")
        assert "Traceback" not in text and "Error displaying widget" not in text
        result = axe.check_course_content(page)
        assert axe.serious(result) == [], axe.describe(axe.serious(result))
        assert axe.nodes_passing(result, "label") > 0  # the forms were part of the check
        axe.record(f"app__{lesson}", result, axe.check_lab_chrome(page))
    assert page.dialogs == []


def test_nothing_is_fetched_from_outside_this_computer_and_the_icons_still_show(app, page, answers):
    requests = record_requests(page)
    open_app(page, app)
    form = page.locator(".course-form").first
    field(form, "task").fill("Summarise the notes for the team")
    form.get_by_role("button", name="Show the prompt the AI receives").click()
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text(harness.SAVED, timeout=15_000)
    page.reload()
    page.locator(".course-form").first.wait_for(state="visible", timeout=120_000)
    assert any(url.startswith(app.url) and "voila.js" in url for url in requests)  # the recording works
    assert any(url.startswith("ws://127.0.0.1") for url in requests)  # the kernel's websocket is recorded too
    assert leaving_this_computer(requests) == []
    # the buttons' icons come from Font Awesome in voila.js, served by the app: a Font Awesome 5 name ("save")
    # and a version 4 name ("lightbulb-o"), which needs the v4 names the CDN link used to bring
    for icon in ("fa-save", "fa-lightbulb-o"):
        glyph = page.evaluate("""(name) => {
            const icon = document.querySelector(`.course-form i.${name}`);
            const style = icon && getComputedStyle(icon, '::before');
            return style ? [style.fontFamily, style.content] : null;
        }""", icon)
        assert glyph is not None, icon
        assert "Font Awesome 5 Free" in glyph[0] and glyph[1] not in ("none", "normal", '""'), (icon, glyph)
    assert page.evaluate("""async () => { await document.fonts.ready;
        return document.fonts.check('900 16px "Font Awesome 5 Free"'); }""")


def test_reloading_twice_then_closing_the_page_leaves_no_kernel_running(tmp_path):
    """Each visit runs the lesson in a kernel of its own (about 130 MB); leaving the page must end it."""
    with running_app(tmp_path) as app, browser_page(own_browser=True) as page:
        assert kernel_processes(app) == []  # the server alone starts no kernel
        open_app(page, app)
        kernels = [page_kernel(page)]
        assert len(kernel_processes(app)) == 1
        for _ in range(2):
            page.reload(timeout=120_000)
            page.locator(".course-form").first.wait_for(state="visible", timeout=120_000)
            kernels.append(page_kernel(page))
            assert kernels[-1] != kernels[-2]  # a fresh kernel for the reloaded page
            await_true(lambda: kernel_state(app, kernels[-2]) is None, 30, "the previous page's kernel is shut down")
            await_true(lambda: len(kernel_processes(app)) == 1, 30, "one kernel process while the page is open")
            assert kernel_state(app, kernels[-1])["connections"] >= 1  # the open page is connected to it
        # as a learner closes the tab; headless Chromium sends no "beforeunload" when the app's only tab closes,
        # so this is the course page's own "pagehide" request
        page.close(run_before_unload=True)
        await_true(lambda: kernel_state(app, kernels[-1]) is None, 30, "the closed page's kernel is shut down")
        await_true(lambda: kernel_processes(app) == [], 30, "no kernel process after the page is closed")
    log = app.log.read_text()
    # every shutdown request was accepted: no 403 status line (a kernel's id may hold the digits "403")
    assert "_xsrf" not in log and not re.search(r"(?:^|\s)403 (?:GET|POST|PUT|PATCH|DELETE) ", log), log
    assert "POST /voila/api/shutdown" not in log, log  # and none was sent twice (a second one gets 404)
    assert "Culling" not in log  # ended by the page's own request, not by the safety net


def test_a_crashed_page_has_its_kernel_stopped_once_idle(tmp_path):
    """The safety net for a crashed browser: a kernel with no page connected is stopped after a quiet spell.

    The course waits IDLE_KERNEL_SECONDS (10 minutes); here the same settings are given 10 seconds.
    """
    quick = ("--MappingKernelManager.cull_idle_timeout=10", "--MappingKernelManager.cull_interval=1")
    with running_app(tmp_path, extra_args=quick) as app, browser_page() as page:
        open_app(page, app)
        kernel = page_kernel(page)
        # an open page is connected, so its kernel stays even when nothing happens for longer than the limit
        stays_true(lambda: kernel_state(app, kernel) is not None, 15, "the open page's kernel was stopped")
        assert crash_the_browsers_pages() >= 1  # the page says nothing: no "beforeunload", no "pagehide"
        await_true(lambda: kernel_state(app, kernel) is None, 40, "the lost page's kernel is stopped")
        await_true(lambda: kernel_processes(app) == [], 30, "no kernel process is left")
    log = app.log.read_text()
    assert f"Culling 'idle' kernel 'python3' ({kernel}) with 0 connections" in log, log
