"""Module 00 in a real JupyterLab in headless Chromium, as a first-time learner meets it.

The lesson: the first form warns about a phone number as it is typed and is ready to use once it is gone, Save
writes the answers file, the self-assessment is picked with buttons, the course map is on the page, and a restart
brings every answer back. The exercise: the snippets are sorted with the keyboard, saved, and the graded cells
give the points Check promised. Screenshots go to test-artifacts/.
"""

import re
import time

from playwright.sync_api import expect

from tests.answers_for_00 import FIRST, RIGHT, RULE
from tests.browser import harness
from tests.browser.harness import notebook_text, run_all, screenshot

LESSON = "lessons/00_lesson_orientation.ipynb"
EXERCISE = "exercises/00_orientation/00_orientation.ipynb"
PHONE = "Calling back customers on 0161 496 0734 about late parcels"


def test_the_first_form_the_self_assessment_and_the_map_in_the_lesson(lab, page):
    forms = harness.run_module(page, lab, LESSON)
    first = forms.filter(has_text="your team, and one task").first
    feedback = first.locator(".course-feedback").first
    team = first.get_by_label("Your team's work", exact=True)
    expect(team).to_be_focused(timeout=15_000)  # Run All ends in the first field of the first form
    team.press_sequentially(FIRST["team_work"], delay=10)
    task = first.get_by_label("A task to get help with", exact=True)
    task.click()
    task.press_sequentially(PHONE, delay=10)
    expect(feedback).to_contain_text("This looks like a real phone number", timeout=15_000)
    expect(feedback).to_contain_text("Not ready yet · not graded here; in the exercise: 1 of 2 points")
    harness.show(page, first)
    screenshot(page, "lesson_00_first_form_phone_number")
    task.fill(FIRST["task_for_help"])
    expect(feedback).to_contain_text("Ready to use · not graded here; in the exercise: 2 of 2 points", timeout=15_000)
    first.get_by_role("button", name="Save").click()
    expect(first).to_contain_text(harness.SAVED, timeout=15_000)
    answers = lab.workspace / "lessons" / "your answers - 00_orientation.json"
    assert harness.saved_answer(answers, "first_form") == FIRST

    confidence = forms.filter(has_text="how confident are you").first
    rows = confidence.locator(".course-field-row")
    expect(rows).to_have_count(10)
    for index in range(10):
        rows.nth(index).get_by_role("button", name=str(1 + index % 5), exact=True).click()
    expect(confidence.locator(".course-feedback").first).to_contain_text("All 10 answered", timeout=15_000)
    deadline, picked = time.monotonic() + 30, sorted(str(1 + i % 5) for i in range(10))
    while sorted(harness.saved_answer(answers, "self_assessment").values()) != picked:
        assert time.monotonic() < deadline, "the autosave after the last click did not come"
        time.sleep(0.3)

    course_map = page.locator("table.course-map")
    harness.show(page, course_map)
    expect(course_map.locator("tbody tr")).to_have_count(9)
    expect(course_map).to_contain_text("Coming later")
    assert course_map.locator("caption").inner_text().startswith("The course map")
    screenshot(page, "lesson_00_course_map")

    run_all(page, restart=True)  # everything saved comes back
    forms = page.locator(".course-form")
    first = forms.filter(has_text="your team, and one task").first
    assert first.get_by_label("A task to get help with", exact=True).input_value() == FIRST["task_for_help"]
    confidence = forms.filter(has_text="how confident are you").first
    picked = confidence.locator(".widget-toggle-button.mod-active")
    expect(picked).to_have_count(10)
    assert [picked.nth(i).inner_text().strip() for i in range(10)] == [str(1 + i % 5) for i in range(10)]
    assert page.dialogs == []


def test_the_snippets_sorted_with_the_keyboard_earn_the_points_check_promised(lab, page):
    forms = harness.run_module(page, lab, EXERCISE)
    sorting = forms.filter(has_text="which AI tool may it go into?").first
    rows = sorting.locator(".course-field-row")
    expect(rows).to_have_count(14)  # the rule: a line per kind of data; then eight snippets
    labels = {"any": "Any AI tool", "approved": "Only the approved tool", "none": "No AI tool"}
    for index, choice in enumerate({**RULE, **RIGHT}.values()):
        button = rows.nth(index).get_by_role("button", name=labels[choice], exact=True)
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_class(re.compile(r"\bmod-active\b"), timeout=15_000)
    feedback = sorting.locator(".course-feedback").first
    expect(feedback).to_contain_text("Ready to use · 8 of 10 points", timeout=15_000)
    sorting.get_by_role("button", name="Save").click()
    expect(sorting).to_contain_text(harness.SAVED, timeout=15_000)
    sorting.get_by_role("button", name=re.compile(r"^\W*Check$")).click()
    expect(sorting).to_contain_text("Your saved answer: ✔ Ready to use · 8 of 10 points", timeout=15_000)
    harness.show(page, sorting)
    screenshot(page, "exercise_00_sorted")
    answers = lab.workspace / "exercises" / "00_orientation" / "your answers - 00_orientation.json"
    assert harness.saved_answer(answers, "data_rule") == {**RULE, **RIGHT}

    run_all(page)  # the graded cells read the saved answer: the points Check showed
    harness.scroll_through(page)
    text = notebook_text(page)
    assert "8 of 8 snippets sorted the right way" in text and "Points from your saved answer: 8 of 10" in text
    assert text.count("Not answered yet.") == 2  # the first form and the self-assessment, still to do
    assert page.dialogs == []
