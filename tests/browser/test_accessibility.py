"""Accessibility in a real JupyterLab: axe-core on every lesson and exercise, and one exercise done by keyboard.

The course's own content (lesson text, forms, feedback, tables, charts) must have no serious or critical axe
finding. JupyterLab's own chrome is checked too and compared with the recorded baseline in axe_baseline.json.
Every notebook of the workspace is discovered, so a module added later is checked the day it lands.
"""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from tests.answers_for_tests import GOOD, REPAIR_GOOD, TRIAGE_GOOD
from tests.browser import accessibility as axe
from tests.browser import harness
from tests.browser.harness import notebook_text, open_notebook, palette, run_all, screenshot

EXERCISE = "exercises/02_prompt_basics/02_prompt_basics.ipynb"
FIELD_LABELS = {"role": "Role", "task": "Task", "context": "Context", "input": "Input", "format": "Output format",
                "constraints": "Constraints", "examples": "Examples"}

COUNT_CONTENT = """() => {
    const content = [...document.querySelectorAll(CONTENT)];
    const inside = selector => content.flatMap(area => [...area.querySelectorAll(selector)]);
    return {
        inputs: inside('input:not([type=hidden]), textarea').filter(el => el.getClientRects().length).length,
        selects: inside('select').length,
        images: inside('img, svg, canvas').map(el => ({tag: el.tagName,
            name: el.getAttribute('alt') || el.getAttribute('aria-label')
                  || el.querySelector('title')?.textContent || '',
            hidden: el.getAttribute('aria-hidden') === 'true'})),
        verdicts: [...document.querySelectorAll('.course-feedback > p:first-child > strong')].map(el => el.textContent),
    };
}""".replace("CONTENT", repr(", ".join(axe.COURSE_CONTENT)))

FOCUSED = """() => {
    const el = document.activeElement;
    const form = el.closest('.course-form');
    const forms = [...document.querySelectorAll('.course-form')];
    const label = el.labels && el.labels.length ? el.labels[0].textContent : (el.textContent || '');
    return {form: form ? forms.indexOf(form) : -1, label: label.trim(), tag: el.tagName};
}"""


@pytest.mark.parametrize("notebook", harness.course_notebooks())
def test_course_content_has_no_serious_accessibility_problem(lab, page, notebook):
    harness.run_module(page, lab, notebook)
    course, chrome = axe.check_course_content(page), axe.check_lab_chrome(page)
    name = notebook.replace("/", "__").removesuffix(".ipynb")
    axe.record(name, course, chrome)
    content = page.evaluate(COUNT_CONTENT)

    assert axe.serious(course) == [], f"{notebook}, course content:\n{axe.describe(axe.serious(course))}"
    # every input of the course was checked for a label (and passed): none was left out of the check
    assert content["inputs"] > 0 and axe.nodes_passing(course, "label") == content["inputs"]
    assert axe.nodes_passing(course, "select-name") == content["selects"]  # drop-down lists too
    # charts and pictures carry a text alternative (axe checks these too; this names them)
    unnamed = [image for image in content["images"] if not image["name"].strip() and not image["hidden"]]
    assert unnamed == [], f"pictures without a text alternative: {unnamed}"
    # pass and fail are said in words with a mark, never by colour alone
    assert content["verdicts"], "no feedback shown"
    assert all(("✔ Ready to use" in v) or ("✘ Not ready yet" in v) for v in content["verdicts"]), content["verdicts"]

    new = [rule for rule in axe.serious(chrome) if rule["id"] not in axe.baseline()]
    assert new == [], f"new serious findings in JupyterLab's chrome, not in axe_baseline.json:\n{axe.describe(new)}"


def tab_to(page, form: int, label: str, limit: int = 400) -> int:
    """Press Tab until the field or button ``label`` of form number ``form`` has the focus; how many presses.

    Nothing is pressed when it has the focus already."""
    trail = []
    for presses in range(limit + 1):
        focused = page.evaluate(FOCUSED)
        if focused["form"] == form and focused["label"] == label:
            return presses
        page.keyboard.press("Tab")
        trail.append(f"{focused['form']}:{focused['tag']}:{focused['label'][:30]}")
    raise AssertionError(f"Tab never reached {label!r} in form {form}; it went through {trail[:80]}")


def type_fields(page, form: int, values: dict[str, str]) -> None:
    """Type each non-empty field of a form, moving between fields with Tab only."""
    for key, text in values.items():
        if text:
            tab_to(page, form, FIELD_LABELS.get(key, key), limit=20)
            page.keyboard.type(text)


def wait_until_saved(path, key: str, expected: object, timeout: float = 30.0) -> None:
    """Wait until the answers file holds ``expected`` for ``key`` (the file is written by autosave or Save)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if json.loads(path.read_text("utf-8"))["answers"][key]["value"] == expected:
                return
        except (OSError, ValueError, KeyError):
            pass  # not written yet, or written this very moment
        assert time.monotonic() < deadline, f"{key} was not saved as typed within {timeout:g} s"
        time.sleep(0.2)


def save_with_keyboard(page, form: int) -> None:
    tab_to(page, form, "Save", limit=20)
    page.keyboard.press("Enter")
    expect(page.locator(".course-form").nth(form)).to_contain_text(harness.SAVED, timeout=15_000)


def test_an_exercise_can_be_completed_with_the_keyboard_alone(lab, page):
    open_notebook(page, lab, EXERCISE)
    run_all(page, keyboard=True)
    forms = page.locator(".course-form")
    expect(forms).to_have_count(5, timeout=30_000)  # four exercises, and the prompt for the learner's own team

    # exercise 1: reach the first field from the notebook with Tab, fill every field, save with Enter
    presses = tab_to(page, 0, "Role")
    assert presses < 60, f"{presses} Tab presses to reach the first field"
    type_fields(page, 0, GOOD)
    expect(forms.nth(0).locator(".course-feedback")).to_contain_text("✔ Ready to use", timeout=15_000)
    save_with_keyboard(page, 0)  # Save follows the fields and the feedback
    # the assembled prompt opens from the keyboard too (below the buttons)
    tab_to(page, 0, "Show the prompt the AI receives", limit=20)
    page.keyboard.press("Enter")
    expect(forms.nth(0).locator(".course-text").first).to_contain_text(GOOD["task"], timeout=15_000)

    # exercise 2 starts weak: the feedback says so in words, then passes once complete
    tab_to(page, 1, "Role")
    page.keyboard.type(TRIAGE_GOOD["role"])
    expect(forms.nth(1).locator(".course-feedback")).to_contain_text("✘ Not ready yet", timeout=15_000)
    type_fields(page, 1, {k: v for k, v in TRIAGE_GOOD.items() if k != "role"})
    expect(forms.nth(1).locator(".course-feedback")).to_contain_text("✔ Ready to use", timeout=15_000)
    save_with_keyboard(page, 1)

    # exercises 3 and 4 are free text
    tab_to(page, 2, "Your answer")
    page.keyboard.press("Control+A")  # replace whatever the field holds
    page.keyboard.type(REPAIR_GOOD)
    save_with_keyboard(page, 2)
    # Under load the last keystrokes can reach the kernel after the click; the autosave that follows saves them.
    # Grading below reads the file, so wait until the whole answer is in it.
    wait_until_saved(lab.workspace / "exercises" / "02_prompt_basics" / "your answers - 02_prompt_basics.json",
                     "repair_prompt", REPAIR_GOOD)
    tab_to(page, 3, "Your answer")
    page.keyboard.type("I would start with the weekly summary because it is low risk and a person checks it.")
    save_with_keyboard(page, 3)
    screenshot(page, "keyboard_only_exercise")

    # run the whole exercise again as grading would, still by keyboard, and save the notebook
    run_all(page, restart=True, keyboard=True)
    text = notebook_text(page)
    assert text.count("Points from your saved answer: 10 of 12") == 2, text
    assert "Points from your saved answer: 8 of 10" in text
    # Run All left the cursor in the first field, where typing goes to the field: shortcuts work from a button
    tab_to(page, 0, "Save", limit=20)
    palette(page, "Save Notebook")
    saved = json.loads((lab.workspace / "exercises" / "02_prompt_basics" / "your answers - 02_prompt_basics.json")
                       .read_text("utf-8"))["answers"]
    assert saved["meeting_summary"]["value"]["task"] == GOOD["task"]
    assert set(saved) == {"meeting_summary", "ticket_triage", "repair_prompt", "first_use_reflection"}
    assert page.dialogs == []


def test_a_criteria_table_can_be_filled_moved_run_and_saved_with_the_keyboard_alone(lab, page):
    notebook = "exercises/03_acceptance_criteria/03_acceptance_criteria.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page, keyboard=True)
    forms = page.locator(".course-form")
    expect(forms).to_have_count(3, timeout=30_000)  # the bar, the review step, the criteria for one's own team
    table = forms.nth(0)
    rows = [("No figure that is not in the case notes", "Every number appears in the source"),
            ("Carries the order number, amount and timeframe", "Covers every item of the source")]
    for number, (text, check) in enumerate(rows, start=1):
        tab_to(page, 0, f"Criterion {number}", limit=60)
        page.keyboard.type(text)
        tab_to(page, 0, "Check", limit=3)
        page.keyboard.type(check)  # a text box with suggestions: letters typed never reach JupyterLab's shortcuts
        tab_to(page, 0, "Must-have", limit=6)
        page.keyboard.press("Space")
    criteria = table.locator(".course-criterion")
    expect(criteria.nth(1).locator("input[list]")).to_have_value(rows[1][1], timeout=15_000)
    # move the second criterion up with the keyboard: Up of row 2 is the second "Up" button after the fields
    tab_to(page, 0, "Up", limit=10)  # row 1's Up is disabled, so Tab skips it
    page.keyboard.press("Enter")
    expect(criteria.nth(0).locator(".course-criterion-text input")).to_have_value(rows[1][0], timeout=15_000)
    # the moved row keeps the keyboard focus (on its Down button: it is first now, so Up is disabled)
    expect(criteria.nth(0).get_by_role("button", name="Down")).to_be_focused(timeout=15_000)
    expect(table.locator(".course-feedback").first).to_contain_text("critical failures", timeout=15_000)
    tab_to(page, 0, "Save", limit=80)  # past the remaining rows, the pass mark and the feedback
    page.keyboard.press("Enter")
    expect(table).to_contain_text(harness.SAVED, timeout=15_000)
    tab_to(page, 0, "Check", limit=10)
    page.keyboard.press("Enter")
    expect(table).to_contain_text("Your saved answer", timeout=15_000)
    tab_to(page, 0, "Run on the sample batch", limit=20)
    page.keyboard.press("Enter")
    # the results of this bar, not the empty bar's (which passes all 32 outputs) shown when the form appeared
    expect(table.locator(".course-batch")).to_contain_text(re.compile(r"passes (?!32 of)\d+ of 32"), timeout=15_000)
    tab_to(page, 0, "ce1-01", limit=5)  # into the results: each output opens with Enter
    page.keyboard.press("Enter")
    expect(table.locator(".course-results details").first).to_have_attribute("open", "", timeout=15_000)
    saved = json.loads((lab.workspace / "exercises" / "03_acceptance_criteria"
                        / "your answers - 03_acceptance_criteria.json").read_text("utf-8"))["answers"]
    value = saved["reply_criteria"]["value"]["criteria"]
    assert [(c["check"], c["must"]) for c in value] == [("covers_source", True), ("numbers_from_source", True)]
    screenshot(page, "keyboard_only_criteria_table")
    assert page.dialogs == []


def test_an_sop_can_be_written_with_steps_moved_and_saved_with_the_keyboard_alone(lab, page):
    notebook = "exercises/04_sops/04_sops.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page, keyboard=True)
    form = page.locator(".course-form").first
    expect(form).to_be_visible(timeout=30_000)
    tab_to(page, 0, "Title", limit=60)
    page.keyboard.type("Monday summary")
    tab_to(page, 0, "Purpose", limit=5)
    page.keyboard.type("Colleagues who missed the meeting know every action and its owner.")
    for number, (actor, kind, action) in enumerate([("Team lead", "The AI", "Drafts the summary"),
                                                    ("Ilse", "A person checks the AI's output",
                                                     "Compares the draft with the notes")], start=1):
        tab_to(page, 0, f"Step {number}", limit=40)
        page.keyboard.type(actor)
        tab_to(page, 0, kind, limit=5)
        page.keyboard.press("Enter")  # a toggle button picks the kind of step
        tab_to(page, 0, "Does", limit=5)
        page.keyboard.type(action)
        tab_to(page, 0, "Result", limit=3)
        page.keyboard.type("A draft in the team folder" if number == 1 else "Draft approved")
    steps = form.locator(".course-step")
    tab_to(page, 0, "Down", limit=10)  # the Down button of step 2 (step 1's Down came before step 2's fields)
    page.keyboard.press("Enter")
    expect(steps.nth(2).locator(".course-step-action input")).to_have_value("Compares the draft with the notes",
                                                                           timeout=15_000)
    expect(steps.nth(2).get_by_role("button", name="Up")).to_be_focused(timeout=15_000)
    tab_to(page, 0, "Save", limit=120)
    page.keyboard.press("Enter")
    expect(form).to_contain_text(harness.SAVED, timeout=15_000)
    saved = json.loads((lab.workspace / "exercises" / "04_sops" / "your answers - 04_sops.json")
                       .read_text("utf-8"))["answers"]["meeting_sop"]["value"]
    assert saved["title"] == "Monday summary"
    assert [(s["actor"], s["kind"]) for s in saved["steps"]] == [("Team lead", "ai"), ("Ilse", "check")]
    screenshot(page, "keyboard_only_sop_builder")
    assert page.dialogs == []
