"""The cohort path in a real browser, against a real nbgrader file-system exchange in a temporary folder.

The instructor releases 02_prompt_basics with nbgrader's command line; a learner fetches it from the Assignments
panel of the real `course lab`, answers in the forms (one answer is script-injection text), saves and submits
from the panel; the instructor collects and autogrades, and the learner's points come out of the gradebook.
Then the learner's text is looked at where people read it: nbgrader's formgrader (manual grading view of the
submission), the feedback HTML, and the notebook exported as HTML. It must show literally and never run.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from nbgrader.utils import get_username
from playwright.sync_api import expect

from tests.answers_for_tests import GOOD
from tests.browser import harness
from tests.browser.exchange_harness import (
    ASSIGNMENT,
    COURSE_ID,
    api,
    learner_config,
    learner_lab,
    make_course,
    nbgrader,
    offline,
    running_instructor_lab,
    venv_env,
)
from tests.browser.harness import browser_page, menu, run_all, screenshot

# Typed into the reflection form (part 4), whose saved text the ex4-echo cell prints for the grader.
INJECTION_PARTS = harness.INJECTIONS
INJECTION = " ".join(INJECTION_PARTS)
LABELS = {"format": "Output format"}
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)? \S+")
# The panel's items are found by id: nbgrader names a fetched assignment "nbgrader-<course>-<assignment>".
FETCHED_ITEM = f"#nbgrader-{COURSE_ID}-{ASSIGNMENT}"
SUBMISSIONS = f"#nbgrader-{COURSE_ID}-{ASSIGNMENT}-submissions"


@dataclass
class Cohort:
    course: Path
    exchange: Path


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> Cohort:
    """Instructor: generate the student version and release it to the exchange."""
    base = tmp_path_factory.mktemp("cohort")
    exchange = base / "exchange"
    course = make_course(base / "course", exchange)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course)
    nbgrader("release_assignment", ASSIGNMENT, cwd=course)
    assert (course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()  # release_directory = exercises
    assert (exchange / COURSE_ID / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    return Cohort(course, exchange)


def open_assignments(page, lab) -> None:
    """JupyterLab 4 with nbgrader 0.9: menu Nbgrader › Assignment List opens the "Assignments" tab."""
    page.goto(f"{lab.url}/lab?token={lab.token}")  # no ?reset: the panel's links change the URL's #hash
    page.wait_for_selector(".lm-MenuBar-itemLabel >> text=Nbgrader", timeout=90_000)
    menu(page, "Nbgrader", "Assignment List")
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Assignments")).to_be_visible()


def fill_prompt_form(form, answers: dict[str, str]) -> None:
    for element, text in answers.items():
        if text:
            form.get_by_label(LABELS.get(element, element.capitalize()), exact=True).fill(text)


def save_form(form) -> None:
    form.get_by_role("button", name="Save").click()
    expect(form).to_contain_text(harness.SAVED, timeout=30_000)


def wait_for_file_text(path: Path, text: str, timeout: float = 60) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError):
            content = path.read_text("utf-8")
            if text in content:
                return content
        time.sleep(0.3)
    raise AssertionError(f"{path} did not get {text!r} within {timeout} s")


def assert_shown_literally_and_inert(page, scope: str) -> None:
    """The learner's text is on the page as text; none of it became an element, a link or a running script."""
    shown = page.inner_text(scope)
    for part in [INJECTION, *INJECTION_PARTS]:
        assert part in shown, f"{part!r} is not shown literally in {scope}"
    assert page.locator(f"{scope} img[src='x']").count() == 0
    assert page.locator(f"{scope} a[href^='javascript']").count() == 0
    scripts = page.eval_on_selector_all("script", "nodes => nodes.map(n => n.textContent)")
    assert not [s for s in scripts if "alert(" in s], "a script element holds the learner's alert()"
    time.sleep(1.5)  # an onerror handler or a script would have fired by now
    assert page.dialogs == []
    assert not [m for m in page.console_messages if "course-injected" in m]


@dataclass
class Submission:
    student: str
    workspace: Path
    panel_timestamp: str


@pytest.fixture(scope="module")
def submission(cohort, tmp_path_factory) -> Submission:
    """Learner, in Chromium: Assignments › Fetch, open, run, fill and Save, save the notebook, Submit."""
    home = tmp_path_factory.mktemp("learner")
    workspace = home / "ai-adoption-course"
    learner_config(home, cohort.exchange)  # started from home: the fetch must still land in the workspace
    with learner_lab(home) as lab, browser_page() as page:
        open_assignments(page, lab)
        released = page.locator("#released_assignments_list > .list_item")
        expect(released).to_have_count(1, timeout=60_000)
        expect(released.locator(".item_name")).to_have_text(ASSIGNMENT)
        expect(released.locator(".item_course")).to_have_text(COURSE_ID)
        released.get_by_role("button", name="Fetch").click()

        fetched = page.locator("#fetched_assignments_list > .list_item")
        expect(fetched).to_have_count(1, timeout=60_000)
        assert (workspace / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
        page.locator("#fetched_assignments_list a.assignment-notebooks-link", has_text=ASSIGNMENT).click()
        notebook_link = page.locator(f"{FETCHED_ITEM} .nested_list_item .item_name a", has_text=ASSIGNMENT)
        expect(notebook_link).to_be_visible(timeout=30_000)
        notebook_link.click()
        harness.wait_for_notebook(page)
        assert page.url.split("?")[0].endswith(f"/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")

        run_all(page)
        forms = page.locator(".course-form")
        expect(forms).to_have_count(5, timeout=30_000)  # four exercises and the prompt for the own team
        fill_prompt_form(forms.nth(0), GOOD)
        save_form(forms.nth(0))
        forms.nth(3).get_by_label("Your answer", exact=True).fill(INJECTION)
        save_form(forms.nth(3))
        answers = json.loads((workspace / ASSIGNMENT / f"your answers - {ASSIGNMENT}.json").read_text("utf-8"))
        assert answers["answers"]["meeting_summary"]["value"]["task"] == GOOD["task"]
        assert answers["answers"]["first_use_reflection"]["value"] == INJECTION

        # As the notebook says: Restart Kernel and Run All Cells; the echo cells now show what was saved.
        run_all(page, restart=True)
        page.wait_for_function("t => document.querySelector('.jp-Notebook').textContent.includes(t)",
                               arg=INJECTION_PARTS[1], timeout=60_000)
        assert page.locator(".jp-Notebook img[src='x'], .jp-Notebook a[href^='javascript']").count() == 0
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        wait_for_file_text(workspace / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", "alert(2)")

        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="Assignments").click()
        page.locator("#fetched_assignments_list .item_status").get_by_role("button", name="Submit").click()
        submitted = page.locator(f"{SUBMISSIONS} .nested_list_item .item_name")
        expect(submitted).to_have_count(1, timeout=60_000)
        expect(submitted).to_have_text(TIMESTAMP)
        expect(page.locator("#submitted_assignments_list > .list_item > div > .item_name")).to_have_text(ASSIGNMENT)
        page.locator("#submitted_assignments_list").scroll_into_view_if_needed()
        screenshot(page, "assignments__02_submitted")
        timestamp = submitted.inner_text().strip()
        assert page.dialogs == []
    return Submission(student=get_username(), workspace=workspace, panel_timestamp=timestamp)


def test_the_learner_fetches_and_submits_from_the_assignments_panel(cohort, submission):
    inbound = list((cohort.exchange / COURSE_ID / "inbound").iterdir())
    assert len(inbound) == 1
    student, assignment, timestamp, _random = inbound[0].name.split("+")
    assert (student, assignment, timestamp) == (submission.student, ASSIGNMENT, submission.panel_timestamp)
    assert (inbound[0] / f"your answers - {ASSIGNMENT}.json").is_file()
    assert (inbound[0] / f"{ASSIGNMENT}.ipynb").is_file()


@pytest.fixture(scope="module")
def graded(cohort, submission) -> Path:
    """Instructor: collect and autograde in a fresh kernel."""
    nbgrader("collect", ASSIGNMENT, cwd=cohort.course)
    nbgrader("autograde", ASSIGNMENT, cwd=cohort.course)
    return cohort.course


def test_the_answers_file_travelled_and_autograde_gives_the_points(graded, submission):
    collected = graded / "submitted" / submission.student / ASSIGNMENT
    assert (collected / f"your answers - {ASSIGNMENT}.json").is_file()
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, submission.student)
        grades = {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
    assert grades["ex1-test"] == (10, False)
    assert grades["ex1-hidden"] == (2, False)
    assert grades["ex2-test"] == (0, False)  # left blank by this learner
    assert grades["ex4-rubric"] == (None, True)  # the reflection waits for a person


def test_formgrader_shows_the_learner_text_literally(graded, submission, tmp_path):
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gradebook:
        submission_id = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, submission.student).id
    with running_instructor_lab(graded, tmp_path) as lab, browser_page() as page:
        offline(page)
        # Manual Grading › assignment › notebook › Submission #1, as an instructor clicks through formgrader
        page.goto(f"{lab.url}/formgrader/gradebook?token={lab.token}")
        page.locator("table a", has_text=ASSIGNMENT).first.click()
        page.wait_for_url(f"{lab.url}/formgrader/gradebook/{ASSIGNMENT}")
        page.locator("td.name a", has_text=ASSIGNMENT).first.click()
        page.wait_for_url(f"{lab.url}/formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
        page.get_by_role("link", name="Submission #1").click()
        page.wait_for_url(f"{lab.url}/formgrader/submissions/{submission_id}/", timeout=60_000)
        page.wait_for_selector("#notebook-container", timeout=60_000)
        crumbs = [c.strip() for c in page.locator(".breadcrumb li").all_inner_texts()]
        assert crumbs == ["Manual Grading", ASSIGNMENT, ASSIGNMENT, "Submission #1"]
        assert_shown_literally_and_inert(page, "#notebook-container")
        echo = page.locator("[id='cell-id=ex4-echo']")
        expect(echo).to_contain_text(INJECTION)
        echo.scroll_into_view_if_needed()
        screenshot(page, "formgrader__02_submission")


def test_feedback_and_html_export_show_the_learner_text_literally(graded, submission, tmp_path):
    nbgrader("generate_feedback", ASSIGNMENT, cwd=graded)
    feedback = graded / "feedback" / submission.student / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert feedback.is_file()
    # What the learner's "Save and Export Notebook As › HTML" gives for the notebook they submitted
    submitted = graded / "submitted" / submission.student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    result = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output-dir", str(tmp_path),
                             str(submitted)], capture_output=True, text=True, timeout=300, env=venv_env())
    assert result.returncode == 0, result.stderr[-3000:]
    export = tmp_path / f"{ASSIGNMENT}.html"
    with browser_page() as page:
        offline(page)
        for path, name in ((feedback, "feedback__02_prompt_basics"), (export, "export__02_prompt_basics")):
            page.goto(path.as_uri())
            assert_shown_literally_and_inert(page, "body")
            page.get_by_text(INJECTION_PARTS[1], exact=False).first.scroll_into_view_if_needed()
            screenshot(page, name)


def test_fetch_lands_in_the_workspace_by_default(cohort, tmp_path):
    """A learner's config names only the course and the exchange; `course lab` is started from their home.

    nbgrader fetches into Exchange.assignment_dir, "." (the server's working folder) unless set; JupyterLab
    can only open what is inside its root folder, so `course lab` runs JupyterLab in the workspace.
    """
    home = tmp_path / "home"
    home.mkdir()
    learner_config(home, cohort.exchange)
    with learner_lab(home) as lab:
        reply = api(f"{lab.url}/assignments/fetch", lab.token,
                    data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        assert reply["success"], reply
        fetched = [a for a in reply["value"] if a["status"] == "fetched"]
        assert len(fetched) == 1, reply
        notebook = fetched[0]["notebooks"][0]["path"]
        assert not notebook.startswith(".."), (
            f"the fetched notebook is at {notebook!r} relative to the workspace {lab.workspace}: outside "
            "JupyterLab's root, so the Assignments panel's link cannot open it")
        assert (lab.workspace / notebook).is_file()
