"""The conversations form, headless: play with the buttons, see why a choice helped or hurt, autosave, restore."""

from __future__ import annotations

import ipywidgets as widgets

from course.answers import AnswerStore
from course.checks import conversations as cv
from course.forms.conversation import ConversationForm
from tests.test_conversations import DECLARATION, SHOWN, path_by

TASK = cv.conversations_task("conversations", DECLARATION, None)


def form_in(folder) -> ConversationForm:
    return ConversationForm(AnswerStore(folder, "06_leading_people"), TASK, title="Four conversations", points=8)


def choice_buttons(form: ConversationForm, name: str) -> list[widgets.Button]:
    return [w for w in form.panels[name].children
            if isinstance(w, widgets.Button) and "course-choice" in w._dom_classes]


def test_clicking_through_a_conversation_shows_why_and_reaches_an_ending(tmp_path):
    form = form_in(tmp_path)
    name = SHOWN[0]
    for number in path_by(name, True):
        choice_buttons(form, name)[number].click()
    shown = " ".join(w.value for w in form.panels[name].children if isinstance(w, widgets.HTML))
    assert "✔ This helps" in shown and "Ending (good)" in shown and not choice_buttons(form, name)
    assert form.value()["plays"][name] == path_by(name, True)


def test_the_way_through_is_saved_and_comes_back_when_the_cell_runs_again(tmp_path):
    form = form_in(tmp_path)
    for name in SHOWN:
        for number in path_by(name, False):
            choice_buttons(form, name)[number].click()
    assert form.save()
    again = form_in(tmp_path)
    assert again.value() == form.value()
    assert all(not choice_buttons(again, name) for name in SHOWN)  # every conversation shows its ending
    assert TASK.check(again.value()).earned == 0.0


def test_start_again_clears_one_conversation_and_keeps_the_others(tmp_path):
    form = form_in(tmp_path)
    for name in SHOWN[:2]:
        choice_buttons(form, name)[0].click()
    again = next(w for w in form.panels[SHOWN[0]].children if isinstance(w, widgets.Button)
                 and w.description.startswith("Start this conversation again"))
    again.click()
    assert form.value()["plays"][SHOWN[0]] == [] and len(form.value()["plays"][SHOWN[1]]) == 1


def test_what_a_learner_could_type_is_escaped_and_odd_saved_picks_stop_at_the_first_bad_one(tmp_path):
    store = AnswerStore(tmp_path, "06_leading_people")
    store.save("conversations", {"plays": {SHOWN[0]: [0, "<script>", 1]}}, engine=TASK.engine)
    form = ConversationForm(store, TASK, title="<b>x</b>", points=8)
    assert form.value()["plays"][SHOWN[0]] == [0]
    assert "<b>x</b>" not in form.header.value


def test_module_06_declares_its_conversations_and_the_workbook_finds_the_form(tmp_path):
    from course.workbook import Workbook

    form = Workbook("06_leading_people", folder=tmp_path).form("conversations", title="T", points=8, unseen_points=2)
    assert isinstance(form, ConversationForm) and form.names == SHOWN
