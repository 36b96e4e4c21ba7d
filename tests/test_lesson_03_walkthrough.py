"""Lesson 03 walked through in a real kernel: the worked example's bar, typed into the table, lets one critical
failure through (a placeholder left in); adding the check the lesson hints at catches every one."""

from __future__ import annotations

import json

from tests.criteria_bars import bar, row
from tests.notebooks import ROOT, cell_text, run_notebook

WORKED_EXAMPLE = bar(
    row("Every action with its owner", "covers_source", must=True),
    row("No figures that are not in the notes", "numbers_from_source", must=True),
    row("No personal data", "no_personal_data", must=True),
    row("Has the two sections", "headings", "Key points; Actions", must=True),
    row("Under 150 words", "words", "at most 149"),
    threshold="",
)


def test_the_worked_example_misses_the_placeholder_until_the_hinted_check_is_added(tmp_path):
    lesson = ROOT / "modules" / "03_lesson_acceptance_criteria.ipynb"
    fill = ("import asyncio, json\nform = wb.forms['summary_criteria']\nform.fill(**json.loads({!r}))\nform.run()\n"
            "await asyncio.sleep(1.0)  # the learner stops typing; feedback follows\n"
            "form.save_button.click()\nprint(form.results.value)\nprint(form.feedback.value)")
    with_hint = bar(*WORKED_EXAMPLE["criteria"], row("No placeholder left in", "no_placeholders", must=True))
    nb = run_notebook(lesson, tmp_path, [fill.format(json.dumps(WORKED_EXAMPLE)), fill.format(json.dumps(with_hint))],
                      keep_extra=True)
    first, second = (cell_text(cell) for cell in nb.cells[-2:])
    assert "lets through 1 of 10 critical failures" in first and "ms1-17" in first
    assert "Not ready yet" in first
    assert "lets through 0 of 10 critical failures" in second and "Ready to use" in second
    saved = json.loads((tmp_path / "your answers - 03_acceptance_criteria.json").read_text("utf-8"))
    assert len(saved["answers"]["summary_criteria"]["value"]["criteria"]) == 6
