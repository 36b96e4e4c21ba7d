"""Forms headless: typing gives live feedback, Save stores, Check shows what grading uses, re-run restores."""

import asyncio
import html
import re

import pytest

from course import Workbook
from course.answers import StoreError
from course.place import NOT_RUNNING, VOILA_VARIABLES
from tests.answers_for_tests import GOOD
from tests.test_answer_store import read_only

BAD_TEXT = [
    # 90,000 x's: a huge paste still under the store's limit (a longer one is refused: see the test after these)
    "", "   \n\t ", "x" * 90_000, "🙂 שלום עולם e\u0301\u0301 ﷽", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "$x^2$",
]


@pytest.fixture
def workbook(tmp_path):
    return Workbook("02_prompt_basics", folder=tmp_path)


def builder(workbook):
    return workbook.form("meeting_summary", title="T", points=10)


def test_typing_updates_feedback_and_autosaves(workbook):
    form = builder(workbook)
    assert "The prompt is empty" in form.feedback.value
    form.fill(task="Summarise the notes for the team")
    assert "Give the AI a role" in form.feedback.value
    assert workbook.store.value("meeting_summary")["task"] == "Summarise the notes for the team"
    form.fill(**GOOD)
    assert "Ready to use" in form.feedback.value and "covers everything" in form.feedback.value


def test_in_a_kernel_feedback_waits_for_a_pause_but_save_brings_it_up_to_date(workbook):
    async def type_then_save_at_once():
        form = builder(workbook)
        form.fill(task="Summarise the notes for the team")
        assert "The prompt is empty" in form.feedback.value  # waiting for a pause in typing
        assert form.save()
        assert "Give the AI a role" in form.feedback.value  # about what was saved, not the old text

    asyncio.run(type_then_save_at_once())


def test_check_shows_the_saved_answer_and_warns_about_unsaved_changes(workbook):
    form = builder(workbook)
    form.check_button.click()
    assert "Nothing saved yet" in form.feedback.value
    form.fill(**GOOD)
    form.save_button.click()
    assert "Saved" in form.status.value
    form.check_button.click()
    assert "Ready to use · 10 of 10 points" in form.feedback.value
    assert "not saved yet" not in form.feedback.value
    form._restoring = True  # change the field without autosave, as while a pause is still running
    form.fields["role"].value = ""
    form._restoring = False
    form.check_button.click()
    assert "not saved yet" in form.feedback.value
    assert "Ready to use · 10 of 10 points" in form.feedback.value  # grading uses the saved answer


def test_running_the_cell_again_restores_the_saved_answer(workbook, tmp_path):
    form = builder(workbook)
    form.fill(**GOOD)
    form.save_button.click()
    again = builder(Workbook("02_prompt_basics", folder=tmp_path))
    assert again.value() == GOOD
    assert "is back" in again.status.value and "Ready to use" in again.feedback.value


def findings_shown(form) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", form.feedback.value)


def test_show_me_how_reveals_one_nudge_then_one_worked_example(workbook):
    form = builder(workbook)
    form.fill(task="Summarise the notes for the team")
    role = next(item for item in findings_shown(form) if item.startswith("<strong>Role:"))
    assert role.count("Hint:") == 1 and "Worked example" not in role and "You are an experienced" not in role
    form.hint_button.value = True
    shown = findings_shown(form)
    assert shown and all(item.count("Hint:") <= 1 for item in shown)
    assert all(item.count("Worked example:") == 1 for item in shown)  # every finding here has a worked example
    role = next(item for item in shown if item.startswith("<strong>Role:"))
    assert role.index("Hint:") < role.index("Worked example:")
    assert "Worked example:</em> You are an experienced" in role
    assert "For example" not in form.feedback.value  # said once, as "Worked example"


def test_show_me_how_on_an_empty_form_gives_a_worked_example(workbook):
    form = builder(workbook)
    assert "The prompt is empty" in form.feedback.value and "Worked example" not in form.feedback.value
    form.hint_button.value = True
    example = re.search(r"Worked example:</em> ([^<]+)", form.feedback.value)
    assert example and len(example.group(1).split()) >= 5
    # the nudge is in the summary sentence already: it is not said a second time
    assert form.feedback.value.count("Start with the task") == 1


@pytest.mark.parametrize("kind", ["prompt builder", "text"])
def test_the_feedback_summary_sits_beside_the_field_being_edited(workbook, kind):
    form = workbook.form("free_prompt", title="Coach", points=8) if kind == "text" else builder(workbook)
    lines = form.field_lines
    assert all(line.layout.visibility == "hidden" for line in lines.values())  # nothing typed yet: no summary line
    for name in form.fields:
        form.fill(**{name: "Summarise the notes for the team"})
        shown = [n for n, line in lines.items() if line.layout.visibility != "hidden"]
        assert shown == [name]
        line = lines[name].value
        assert "Not ready yet" in line and f"of {form.points:g} points" in line and "<li>" not in line
        column = form.widget.children
        row = next(child for child in column if getattr(child, "children", ()) and form.fields[name] in child.children)
        assert list(row.children) == [form.fields[name], lines[name]]  # right beside its field
    # the details follow the fields, before the buttons and before anything long such as a sample output
    order = list(form.widget.children)
    rows = [order.index(row) for row in order if set(form.fields.values()) & set(getattr(row, "children", ()))]
    buttons = next(order.index(row) for row in order if form.save_button in getattr(row, "children", ()))
    assert max(rows) < order.index(form.feedback) < buttons


def test_the_summary_line_names_the_problem_in_the_field_being_edited(workbook):
    form = builder(workbook)
    form.fill(task="Summarise the notes for the team", constraints="Keep it short.")
    line = form.field_lines["constraints"].value
    assert "Constraints: &#x27;short&#x27; means something different to each reader" in line
    form.fill(format=GOOD["format"])  # nothing wrong here: the line says what to do next elsewhere
    assert "Next: add the input" in form.field_lines["format"].value
    form.fill(**GOOD)
    assert "Ready to use" in form.field_lines["constraints"].value  # the last field that changed


def test_the_form_has_a_plain_stand_in_where_it_cannot_be_drawn(workbook, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append((obj, raw)))
    form = builder(workbook)
    form._ipython_display_()
    (bundle, raw), = shown
    assert raw and bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == form.widget.model_id
    assert bundle["text/plain"] == NOT_RUNNING and "Run All Cells" in bundle["text/plain"]
    assert NOT_RUNNING.replace("…", "") in html.unescape(bundle["text/html"])


def test_the_first_form_of_a_notebook_takes_the_cursor_once_it_is_shown(workbook, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: None)
    for name in VOILA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    focused = []
    first, second = builder(workbook), workbook.form("free_prompt", title="Coach")
    for form in (first, second):
        for field in form.fields.values():
            monkeypatch.setattr(field, "focus", lambda field=field: focused.append(field))
        form._ipython_display_()
    role = first.fields["role"]
    assert role._view_count == 0 and second.fields["text"]._view_count is None  # only the first form asks
    assert focused == []  # not before the browser has drawn it
    role._view_count = 1  # what the browser reports when it shows the field
    assert focused == [role]
    role._view_count = 2
    assert focused == [role]  # once
    first._ipython_display_()  # the same cell run again: the cursor stays where the learner is
    assert focused == [role]


def test_in_the_app_view_no_form_takes_the_cursor(workbook, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: None)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    form = builder(workbook)
    form._ipython_display_()
    assert form.fields["role"]._view_count is None


def test_the_assembled_prompt_is_shown_on_request_with_the_weeks_input_in_place(workbook):
    form = builder(workbook)
    form.fill(**GOOD)
    assert form.preview.layout.display == "none"
    form.preview_button.value = True
    assert form.preview.layout.display is None and form.preview_button.description.startswith("Hide")
    assert "{notes}" not in form.preview.value and GOOD["task"] in form.preview.value
    form.preview_button.value = False
    assert form.preview.layout.display == "none"


@pytest.mark.parametrize("text", BAD_TEXT, ids=lambda t: repr(t)[:30])
def test_bad_text_in_every_field_keeps_the_form_usable_and_literal(workbook, tmp_path, text, capsys):
    form = builder(workbook)
    huge = len(text) > 50_000
    form.fill(**({"task": text} if huge else {name: text for name in form.fields}))
    assert form.save()
    for shown in (form.feedback.value, form.preview.value):
        assert "<script>" not in shown and "<img" not in shown and "$x" not in shown
    if text.strip() and len(text) < 1000:
        assert html.escape(text, quote=True).replace("$", "&#36;") in form.preview.value
    restored = builder(Workbook("02_prompt_basics", folder=tmp_path))
    assert restored.value()["task"] == text
    workbook.grade("meeting_summary", points=10)
    out, err = capsys.readouterr()
    assert err == ""
    if text.strip():
        assert "Points:" in out
        if len(text) < 1000:
            assert text in out  # the echo shows the text literally
    else:
        assert out == ""  # shown as guidance by the value the cell returns (see test_grade_helper)


def test_an_answer_too_big_to_save_says_so_and_keeps_the_text(workbook):
    form = builder(workbook)
    form.fill(**{name: "z" * 1_000_000 for name in form.fields})
    assert not form.save()
    assert "too long to save" in form.status.value
    assert form.value()["examples"] == "z" * 1_000_000


def test_a_read_only_folder_keeps_the_text_in_the_form_and_says_why(workbook, tmp_path):
    form = builder(workbook)
    workbook.store._lock.timeout = 2
    with read_only(tmp_path):
        form.fill(task="Summarise the notes for the team")
        assert not form.save()
    assert "Not saved" in form.status.value and "cannot write to the folder" in form.status.value
    assert form.value()["task"] == "Summarise the notes for the team"


def test_a_reflection_form_and_its_echo_for_the_grader(workbook, tmp_path, capsys):
    form = workbook.form("first_use_reflection", title="Reflection")
    form.fill(text="<b>Ticket triage</b> first, with two people, checking every label.")
    form.save_button.click()
    workbook.show_saved("first_use_reflection")
    out = capsys.readouterr().out
    assert "<b>Ticket triage</b> first" in out  # plain text output shows the tags literally
    assert "aim for at least 80" in out


def test_the_saved_answer_shown_in_a_learners_notebook_follows_each_save_and_is_escaped(workbook, monkeypatch):
    from course import grade

    shown = []
    monkeypatch.setattr(grade, "in_kernel", lambda: True)
    monkeypatch.setattr("IPython.display.display", shown.append)
    form = workbook.form("first_use_reflection", title="Reflection")
    workbook.show_saved("first_use_reflection")
    view = shown[0].widget
    assert "Fill in the form above and press Save." in view.value
    form.fill(text="<b>Ticket triage</b> first, with two people, checking every label.")
    form.save_button.click()
    assert "&lt;b&gt;Ticket triage&lt;/b&gt; first" in view.value and "<b>Ticket" not in view.value
    assert "<b>Ticket triage</b> first" in shown[0]._repr_mimebundle_()["text/plain"]  # the file keeps plain text
    form.fill(text="The weekly summary first, because a person reads every one before it is posted.")
    form.save_button.click()
    assert "The weekly summary first" in view.value and "Ticket triage" not in view.value


def test_model_answers_in_a_solution_folder_stay_in_memory(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("")
    folder = tmp_path / "solutions" / "02_prompt_basics"
    folder.mkdir(parents=True)
    workbook = Workbook("02_prompt_basics", folder=folder)
    form = builder(workbook)
    workbook.model_answer("meeting_summary", GOOD)
    assert form.value() == GOOD
    form.save_button.click()
    assert workbook.grade("meeting_summary", points=10) == 10
    assert list(folder.iterdir()) == []
    with pytest.raises(StoreError):
        workbook.store.save("x", "y" * 3_000_000, engine="e")


@pytest.mark.parametrize("text", BAD_TEXT, ids=lambda t: repr(t)[:30])
def test_bad_text_in_the_free_text_coach_keeps_it_usable_and_literal(workbook, tmp_path, text):
    coach = workbook.form("free_prompt", title="Coach")
    coach.fill(text=text)
    assert coach.save()
    assert "<script>" not in coach.feedback.value and "<img" not in coach.feedback.value
    assert Workbook("02_prompt_basics", folder=tmp_path).form("free_prompt", title="C").value() == text


def test_the_run_button_appears_only_with_an_endpoint_and_shows_the_answer_as_text(workbook, monkeypatch):
    from tests.fake_openai_server import FakeOpenAIServer

    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert not hasattr(builder(workbook), "run_button")  # offline: nothing hints at a missing service
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        form = builder(workbook)
        form.fill(**{**GOOD, "role": "<b>You are</b> a team lead"})
        form.run_button.click()
        assert server.request_count == 1
        assert "The AI's answer" in form.run_output.value
        assert "&lt;B&gt;YOU ARE&lt;/B&gt;" in form.run_output.value and "<b>" not in form.run_output.value
        server.mode = "429"
        form.run_button.click()
        assert "No answer this time" in form.run_output.value and "Traceback" not in form.run_output.value


def test_the_illustrative_output_changes_with_each_main_element(workbook):
    form = builder(workbook)
    form.fill(**GOOD)
    shown = {"all": form.example.value}
    for element in ("format", "constraints", "context"):
        form.fill(**{element: ""})
        shown[f"no {element}"] = form.example.value
        form.fill(**{element: GOOD[element]})
    form.fill(examples="Actions:\n- Kofi: book the room, Tuesday.")
    shown["with example"] = form.example.value
    assert len(set(shown.values())) == len(shown)  # every change of element shows a different output
    assert all("Illustrative output recorded for this course" in html for html in shown.values())
    assert "Owner: action, day" in shown["with example"]


def test_a_button_marks_where_the_weeks_material_goes_so_nobody_types_curly_brackets(workbook):
    form = builder(workbook)
    assert form.slot_button.description == "Mark where the notes go"
    form.fill(**{**GOOD, "input": "The meeting notes are between the two lines."})
    assert "{notes}" not in form.value()["input"]
    form.slot_button.click()
    form.slot_button.click()  # a second press adds nothing
    assert form.value()["input"] == "The meeting notes are between the two lines.\n{notes}"
    assert workbook.store.value("meeting_summary")["input"].endswith("{notes}")  # saved like typing
    triage = workbook.form("ticket_triage", title="T", points=10)
    assert triage.slot_button.description == "Mark where the tickets go"
    triage.slot_button.click()
    assert triage.value()["input"] == "{tickets}"


def test_a_lesson_form_says_it_is_not_graded_and_what_the_exercise_would_give(tmp_path):
    lesson = Workbook("02_prompt_basics", folder=tmp_path / "lessons")
    practice = lesson.form("meeting_summary", title="Practice", points=10, unseen_points=2)
    practice.fill(**GOOD)
    shown = html.unescape(practice.feedback.value)
    assert "not graded here; in the exercise: 10 of 12 points" in shown and "given at grading" not in shown
    exercise = Workbook("02_prompt_basics", folder=tmp_path / "exercises" / "02_prompt_basics")
    form = exercise.form("meeting_summary", title="Part 1", points=10, unseen_points=2)
    form.fill(**GOOD)
    assert "10 of 12 points (2 of the 12 are given at grading" in html.unescape(form.feedback.value)
    assert "not graded" not in form.feedback.value


def test_an_exercise_offers_the_answer_from_the_lesson_and_grading_reads_only_the_copy(tmp_path):
    lesson = Workbook("02_prompt_basics", folder=tmp_path / "lessons")
    practice = lesson.form("meeting_summary", title="Practice")
    practice.fill(**GOOD)
    assert practice.save() and practice.lesson_button is None  # a lesson offers nothing of its own
    exercise = Workbook("02_prompt_basics", folder=tmp_path / "exercises" / "02_prompt_basics")
    form = exercise.form("meeting_summary", title="T", points=10)
    assert form.lesson_button.description == "Use my answer from the lesson"
    assert exercise.store.get("meeting_summary") is None  # nothing is copied until the learner asks
    form.lesson_button.click()
    assert form.value() == practice.value() and "Saved" in form.status.value  # as if typed: saved and checked
    assert exercise.store.value("meeting_summary") == practice.value()  # now the exercise's own answer
    assert exercise.form("ticket_triage", title="T", points=10).lesson_button is None  # not in the lesson


def test_a_form_comes_from_its_task_declaration_and_an_unknown_task_names_the_known_ones(tmp_path, monkeypatch):
    from course import tasks
    from course.forms import TextForm

    book = Workbook("02_prompt_basics", folder=tmp_path)
    assert isinstance(book.form("free_prompt", title="T"), TextForm)
    with pytest.raises(KeyError, match="known tasks: .*free_prompt"):
        book.form("no_such_task", title="T")
    declared = {name: dict(value) for name, value in tasks.declarations().items()}
    declared["free_prompt"].pop("form")
    monkeypatch.setattr("course.tasks.declarations", lambda: declared)
    with pytest.raises(ValueError, match="'free_prompt' declares no form"):
        book.form("free_prompt", title="T")
