"""Module 01 in a real JupyterLab in headless Chromium, with the keyboard only where a learner would use it.

The exercise: the weights are set with their buttons, four tasks are ticked with the space bar, the ranks and the
rules show beside each task, the pilot is summed up as the team will read it, Save and Check agree, a restart
brings every tick and weight back, and the graded cell gives the points Check promised.
"""

import re

from playwright.sync_api import expect

from tests.answers_for_01 import COURIERS, DRAFTS, MEETINGS, RETURNS, TICKETS
from tests.browser import harness
from tests.browser.harness import notebook_text, run_all, screenshot

EXERCISE = "exercises/01_use_cases/01_use_cases.ipynb"
PICKS = [TICKETS, DRAFTS, RETURNS, MEETINGS]


def test_weights_ticks_and_reasons_from_the_keyboard_earn_the_points_check_promised(lab, page):
    forms = harness.run_module(page, lab, EXERCISE)
    picker = forms.first
    why = picker.get_by_label("Why these first", exact=True)
    first_tick = picker.locator(".widget-checkbox input").first
    expect(first_tick).to_be_focused(timeout=15_000)  # Run All ends at the top of the ranked list, not mid-form
    assert harness.in_viewport(page, first_tick)

    couriers = picker.locator(".widget-checkbox", has_text=COURIERS).locator("xpath=..")
    expect(couriers).to_contain_text("consumer AI tool")  # a fixed rule, shown whatever the weights
    for task in PICKS:  # ticked before the weight changes: a new weight re-ranks the list under a moving cursor
        box = picker.get_by_role("checkbox", name=task, exact=True)
        box.press("Space")  # focus and key press on the same element
        expect(box).to_be_checked(timeout=15_000)
    expect(picker).to_contain_text("4 tasks ticked (tick 3 to 5).")
    data_three = picker.locator(".widget-toggle-buttons", has_text="Safe data").get_by_role("button", name="3",
                                                                                            exact=True)
    data_three.press("Enter")
    expect(data_three).to_have_class(re.compile(r"\bmod-active\b"), timeout=15_000)
    for task in PICKS:  # re-ranked, every tick kept
        expect(picker.get_by_role("checkbox", name=task, exact=True)).to_be_checked(timeout=15_000)
    why.click()
    why.press_sequentially("Daily work on a template, reviewed, in the approved tool.", delay=5)
    feedback = picker.locator(".course-feedback").first
    expect(feedback).to_contain_text("Ready to use · 10 of 14 points", timeout=15_000)
    expect(picker).to_contain_text("Your pilot, as your team will read it")
    picker.get_by_role("button", name="Save").click()
    expect(picker).to_contain_text(harness.SAVED, timeout=15_000)
    picker.get_by_role("button", name=re.compile(r"^\W*Check$")).click()
    expect(picker).to_contain_text("Your saved answer: ✔ Ready to use · 10 of 14 points", timeout=15_000)
    harness.show(page, picker)
    screenshot(page, "exercise_01_picked")
    answers = lab.workspace / "exercises" / "01_use_cases" / "your answers - 01_use_cases.json"
    value = harness.saved_answer(answers, "pilot_use_cases")
    assert value["picks"] == PICKS and value["weights"]["data"] == 3

    run_all(page, restart=True)  # every tick and weight comes back, and the graded cell reads the saved answer
    picker = page.locator(".course-form").first
    for task in PICKS:
        expect(picker.get_by_role("checkbox", name=task, exact=True)).to_be_checked()
    expect(picker.get_by_role("checkbox", name=COURIERS, exact=True)).not_to_be_checked()
    expect(picker.locator(".widget-toggle-buttons", has_text="Safe data").locator(".mod-active")).to_have_text("3")
    harness.scroll_through(page)
    text = notebook_text(page)
    assert "Points from your saved answer: 10 of 14" in text and "Why these first: Daily work on a template" in text
    assert page.dialogs == []


def test_a_tick_box_ticks_where_it_is_clicked_on_a_laptop_screen(lab):
    """Nothing of JupyterLab's lies over a form's left edge: a click on a tick box ticks it, and the form never
    turns into a small scrolled box."""
    with harness.browser_page(1366, 768) as page:
        picker = harness.run_module(page, lab, EXERCISE).first
        box = picker.get_by_role("checkbox", name=COURIERS, exact=True)
        box.scroll_into_view_if_needed()
        box.click()
        expect(box).to_be_checked(timeout=15_000)
        assert page.locator(".jp-Notebook .jp-mod-outputsScrolled").count() == 0
        assert page.locator(".jp-Notebook .jp-OutputArea-promptOverlay:visible").count() == 0
