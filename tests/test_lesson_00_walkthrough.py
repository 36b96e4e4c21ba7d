"""Lesson 00 walked through in a real kernel, as a first-time learner: the first form warns about a phone number and
is ready to use once it is gone, the self-assessment counts what is missing, then is complete with no points, the quiz
explains a wrong pick, the course map shows which modules exist, and everything is in the lesson's answers file."""

from __future__ import annotations

import json

from tests.answers_for_00 import CONFIDENCE, FIRST
from tests.notebooks import ROOT, cell_by_id, cell_text, run_notebook

PAUSE = "import asyncio\nawait asyncio.sleep(1.0)  # the learner stops typing; feedback follows\n"


def test_a_first_time_learner_walks_through_the_orientation(tmp_path):
    lesson = ROOT / "modules" / "00_lesson_orientation.ipynb"
    phone = {**FIRST, "task_for_help": "Calling back the customer on 0161 496 0734 about a late parcel"}
    drive = [
        "form = wb.forms['first_form']\n"
        f"form.fill(**{json.dumps(phone)})\n" + PAUSE + "print(form.feedback.value)",
        f"form.fill(**{json.dumps(FIRST)})\n" + PAUSE + "form.save_button.click()\n"
        "print(form.feedback.value)\nprint(form.status.value)",
        "me = wb.forms['self_assessment']\nme.fill(use_cases='2', prompts='4')\n" + PAUSE + "print(me.feedback.value)",
        f"me.fill(**{json.dumps(CONFIDENCE)})\nme.save_button.click()\nprint(me.feedback.value)",
        "quiz = wb.forms['quiz:00_orientation']\n"
        "quiz.pick(autosave='lost', data_rule=['made_up', 'public_policy'], results='learning')\n"
        "quiz.check_button.click()\nprint(quiz.feedback['autosave'].value)\nprint(quiz.feedback['data_rule'].value)",
    ]
    nb = run_notebook(lesson, tmp_path, drive, keep_extra=True)
    warned, fixed, partly, complete, quiz = (cell_text(cell) for cell in nb.cells[-5:])
    assert "This looks like a real phone number" in warned and "Not ready yet · 1 of 2 points" in warned
    assert "Ready to use · 2 of 2 points" in fixed and "Both answers are there" in fixed and "Saved at" in fixed
    assert "2 of 10 answered so far" in partly and "8 of 10 lines have no number yet" in partly
    assert "✔ Ready to use" in complete and "All 10 answered (on average 3.0 of 5)" in complete
    assert " of 0 points" not in complete  # no points, said in words
    assert "✘ Not quite." in quiz and "forms also save by themselves" in quiz and "✔ Correct." in quiz

    shown_map = cell_text(cell_by_id(nb, "course-map"))
    assert shown_map.count("✔ Available") >= 5 and shown_map.count("Coming later") >= 3
    from course.course_map import lesson_minutes

    minutes = lesson_minutes(ROOT / "modules" / "00_lesson_orientation.ipynb")  # the lesson's own time line
    assert "00 Orientation</th>" in shown_map and f"about {minutes} minutes" in shown_map
    saved = json.loads((tmp_path / "your answers - 00_orientation.json").read_text("utf-8"))["answers"]
    assert saved["first_form"]["value"] == FIRST and saved["self_assessment"]["value"] == CONFIDENCE
    assert saved["quiz:00_orientation"]["value"]["autosave"] == ["lost"]
