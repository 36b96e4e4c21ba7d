"""Module 00 headless: the first form, the data rule (written down, then tried on snippets) and the self-assessment,
as engines and as forms.

Typing gives feedback, Save stores, a new form restores; bad input (empty, 100,000 characters, emoji, markup, values
a hand-edited answers file could hold) keeps the form usable, is shown literally and loses nothing.
"""

from __future__ import annotations

import html
from collections import Counter

import pytest

from course import Workbook
from course.checks.data_rule import check_sorting, read_snippets, rule_key
from course.data_rules import PLACES, data_classes, place_of
from course.tasks import declarations, get_task
from tests.answers_for_00 import CONFIDENCE, FIRST, RIGHT, RULE

# text typed into both fields of the first form, and the points it earns (three words or more each, as words count)
BAD_TEXT = {"": 0, "   \n\t ": 0, "🙂 שלום עולם e\u0301\u0301 ﷽": 2, "<script>alert(1)</script>": 2,
            "<img src=x onerror=alert(1)>": 2, "[x](javascript:alert(1))": 2, "$x^2$": 0}


@pytest.fixture
def workbook(tmp_path):
    return Workbook("00_orientation", folder=tmp_path)


# --- the first form ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("changes, earned, kinds", [
    ({}, 2, set()),
    ({"task_for_help": ""}, 1, {"first_form_missing"}),
    ({"team_work": "Refunds"}, 1, {"first_form_short"}),
    ({"team_work": "We answer questions. " * 20}, 1, {"first_form_long"}),
    ({"task_for_help": "Reply to dana.whitlow@example.net about her refund"}, 1, {"first_form_personal_data"}),
    ({"task_for_help": "Call back on 0161 496 0734 before noon"}, 1, {"first_form_personal_data"}),
    ({"task_for_help": "Answer customer Dana Whitlow about her refund"}, 1, {"first_form_personal_data"}),
    ({"team_work": "Refunds", "task_for_help": "x" * 400}, 0, {"first_form_short", "first_form_long"}),
    ({"team_work": "", "task_for_help": ""}, 0, {"first_form_empty"}),
])
def test_each_short_answer_without_personal_data_earns_its_point(changes, earned, kinds):
    result = get_task("first_form").check({**FIRST, **changes})
    assert (result.earned, result.total, result.kinds()) == (earned, 2, kinds)
    assert result.passed == (earned == 2)


def test_the_first_form_gives_feedback_as_it_is_typed_and_warns_about_personal_data(workbook, tmp_path):
    form = workbook.form("first_form", title="T", points=2)
    assert "Nothing is filled in yet" in form.feedback.value
    form.fill(team_work=FIRST["team_work"], task_for_help="Reply to dana.whitlow@example.net about refunds")
    assert "This looks like a real email address" in form.feedback.value
    assert "Not ready yet · 1 of 2 points" in form.feedback.value
    line = form.field_lines["task_for_help"]
    assert line.layout.visibility == "visible" and "A task to get help with" in line.value  # beside the field
    form.fill(task_for_help=FIRST["task_for_help"])
    assert "Ready to use · 2 of 2 points" in form.feedback.value
    assert form.save() and "Saved" in form.status.value
    form.check_button.click()
    assert "Your saved answer: ✔ Ready to use · 2 of 2 points" in form.feedback.value
    again = Workbook("00_orientation", folder=tmp_path).form("first_form", title="T", points=2)
    assert again.value() == FIRST and "is back" in again.status.value


@pytest.mark.parametrize("text, points", BAD_TEXT.items(), ids=lambda t: repr(t)[:30])
def test_bad_text_in_the_first_form_is_kept_and_shown_literally(workbook, tmp_path, text, points, capsys):
    form = workbook.form("first_form", title="T", points=2)
    form.fill(team_work=text, task_for_help=text)
    assert form.save()
    shown = form.feedback.value + form.echo.value
    assert "<script>" not in shown and "<img" not in shown and "$x" not in shown
    if text.strip():  # the answer as it is kept, shown literally
        assert html.escape(text.strip(), quote=True).replace("$", "&#36;") in form.echo.value
    restored = Workbook("00_orientation", folder=tmp_path).form("first_form", title="T")
    assert restored.value() == {"team_work": text, "task_for_help": text}
    assert workbook.grade("first_form", points=2) == points
    out, err = capsys.readouterr()
    assert err == ""
    if text.strip():
        assert text in out and f"Points: {points:g} of 2." in out  # the echo shows the text literally
    else:
        assert out == ""  # guidance comes from the value the cell returns


def test_100000_characters_are_kept_or_refused_plainly_never_lost(workbook, tmp_path):
    form = workbook.form("first_form", title="T", points=2)
    form.fill(team_work="x" * 100_000, task_for_help=FIRST["task_for_help"])
    assert not form.save()
    assert "too long to save" in form.status.value and form.value()["team_work"] == "x" * 100_000
    form.fill(team_work="x" * 99_000)
    assert form.save()
    assert "Keep it short: 99,000 characters, at most 300" in form.feedback.value
    assert "1 of 2 points" in form.feedback.value
    restored = Workbook("00_orientation", folder=tmp_path).form("first_form", title="T")
    assert restored.value()["team_work"] == "x" * 99_000


# --- the data rule ----------------------------------------------------------------------------------------------
def test_every_snippet_takes_its_place_from_the_data_rule_table_and_no_one_choice_passes():
    snippets = read_snippets(declarations()["data_rule"]["snippets"])
    shown = [s for s in snippets if s.case == 1]
    unseen = [s for s in snippets if s.case == 2]
    assert len(shown) == 8 and len(unseen) == 4
    assert {s.data_class for s in shown} == {row.id for row in data_classes()}  # every row of the table practised
    assert all(s.answer == place_of(s.data_class) for s in snippets)
    assert {s.answer for s in shown} == set(PLACES)
    for group in (shown, unseen):
        assert max(Counter(s.answer for s in group).values()) <= len(group) / 2  # always one choice cannot pass


def test_a_snippet_of_no_class_of_the_table_is_an_authoring_error():
    declared = declarations()["data_rule"]["snippets"]
    with pytest.raises(ValueError, match="is not a class of the data rule"):
        read_snippets([*declared, {"id": "h9", "case": 2, "class": "gossip", "text": "t", "why": "w"}])


def test_the_rule_has_one_line_per_class_of_the_table_and_the_model_rule_is_the_table():
    assert set(RULE) == {rule_key(row) for row in data_classes()}
    assert all(RULE[rule_key(row)] == row.place for row in data_classes())


@pytest.mark.parametrize("picks, shown, unseen", [
    ({**RULE, **RIGHT}, 8, 4),
    ({**RULE, **RIGHT, "s3": "none"}, 7, 4),            # one snippet missorted: the rule still sorts h3 right
    ({**RULE, "rule_public": "none", **RIGHT}, 8, 3),   # a right sorting, but the rule makes public text risky
    ({**RULE, "rule_internal": "any", **RIGHT}, 8, 3),  # internal notes in a free account, by the rule
    ({**RULE, "rule_made_up": "none", **RIGHT}, 8, 4),  # no unseen snippet is made up
    (RIGHT, 8, 0),                                      # no rule written: grading cannot sort new snippets
    (RULE, 0, 4),                                       # the rule alone earns no sorting points
    (dict.fromkeys({**RULE, **RIGHT}, "any"), 4, 1),
    (dict.fromkeys({**RULE, **RIGHT}, "approved"), 2, 2),
    ({"s1": "any"}, 1, 0),
    ({}, 0, 0),
])
def test_one_point_per_snippet_and_the_unseen_ones_sorted_by_the_rule_written_down(picks, shown, unseen):
    task = get_task("data_rule")
    assert task.check(picks).earned == shown and task.check(picks).total == 8
    hidden = task.check(picks, [2])
    assert hidden.earned == unseen and hidden.total == 4
    assert task.check(picks).passed == (shown == 8)


def test_check_says_where_the_rule_and_the_sorting_disagree_or_the_rule_has_gaps_at_no_cost():
    task = get_task("data_rule")
    lax = task.check({**RULE, "rule_internal": "any", **RIGHT})
    assert lax.earned == 8 and lax.passed and lax.kinds() == {"data_rule_rule_disagrees"}
    note = lax.suggestions[0].message
    assert "internal work material in Any AI tool" in note and "snippet 6" in note
    gaps = task.check({"rule_personal": "approved", **RIGHT})
    assert gaps.earned == 8 and gaps.kinds() == {"data_rule_rule_missing"}
    assert "made-up examples" in gaps.suggestions[0].message and "personal data" not in gaps.suggestions[0].message
    assert task.check({**RULE, **RIGHT}).findings == ()


def test_the_grading_cell_names_each_unseen_snippet_its_kind_and_the_rule_that_sorted_it():
    hidden = get_task("data_rule").check({**RULE, "rule_personal": "any", **RIGHT}, [2])
    wrong = [f.message for f in hidden.problems]
    assert len(wrong) == 1 and "loyalty-card numbers" in wrong[0] and "is personal data" in wrong[0]
    assert "your rule puts it in Any AI tool, the data rule in Only the approved tool" in wrong[0]
    empty = get_task("data_rule").check(RIGHT, [2])
    assert empty.earned == 0 and "Your rule gives no place for personal data" in empty.problems[0].message


def test_a_wrong_pick_nudges_first_and_reveals_the_reason_only_on_request(workbook):
    form = workbook.form("data_rule", title="T", points=8)
    form.fill(**{**RULE, **RIGHT, "s2": "any"})
    feedback = html.unescape(form.feedback.value)
    assert "Snippet 2 is sorted as Any AI tool" in feedback and "7 of 8 points" in feedback
    assert "e-mail address" not in feedback  # the reason is the worked example: not shown yet
    form.hint_button.value = True
    assert ("Only the approved tool: it holds a real customer&#x27;s name, phone number and e-mail address"
            in form.feedback.value)


def test_the_snippets_are_shown_in_full_and_escaped(workbook):
    form = workbook.form("data_rule", title="T")
    shown = "".join(getattr(row, "value", None) or row.children[0].value for row in form.field_rows())
    for snippet in get_task("data_rule").spec:
        assert html.escape(snippet.text, quote=True) in shown
    assert "<strong>Snippet 1.</strong>" in shown and "'" not in shown.replace("class='", "")
    assert shown.index("<strong>Made-up examples.</strong>") < shown.index("<strong>Snippet 1.</strong>")


def test_sorting_is_saved_and_restored_and_a_hand_edited_file_cannot_break_it(workbook, tmp_path):
    form = workbook.form("data_rule", title="T", points=8)
    form.fill(**RULE, **RIGHT)
    assert form.save()
    assert Workbook("00_orientation", folder=tmp_path).form("data_rule", title="T").value() == {**RULE, **RIGHT}
    odd = {"s1": "<script>alert(1)</script>", "s2": 5, "s3": None, "s4": ["none"], "s5": "any", "zz": "none",
           "s6": "fine"}
    workbook.store.save("data_rule", odd, engine="data-rule/1")
    again = Workbook("00_orientation", folder=tmp_path).form("data_rule", title="T", points=8)
    assert again.value() == {**dict.fromkeys({**RULE, **RIGHT}, ""), "s5": "any"}
    assert "1 of 8 points" in again.feedback.value and "<script>" not in again.feedback.value
    assert check_sorting(odd, read_snippets(declarations()["data_rule"]["snippets"]), [1]).earned == 1


# --- the self-assessment ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, passed, words", [
    (CONFIDENCE, True, "All 10 answered (on average 3.0 of 5)"),
    ({**CONFIDENCE, "people": 5, "risk": 2}, True, "All 10 answered (on average 3.1 of 5)"),
    ({"use_cases": "2", "prompts": "4"}, False, "2 of 10 answered so far"),
    ({**CONFIDENCE, "people": "7", "risk": "3.5", "sops": True}, False, "7 of 10 answered so far"),
    ({}, False, "No number picked yet"),
    ("<script>3</script>", False, "No number picked yet"),
])
def test_the_self_assessment_is_complete_or_not_and_never_earns_points(value, passed, words):
    result = get_task("self_assessment").check(value)
    assert (result.passed, result.earned, result.total) == (passed, 0, 0)
    assert words in result.summary


def test_the_self_assessment_form_saves_as_you_pick_and_comes_back(workbook, tmp_path, capsys):
    form = workbook.form("self_assessment", title="T")
    assert len(form.fields) == 10 and all(f.value == "" for f in form.fields.values())
    assert form.fields["use_cases"].options[1:] == (("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"))
    form.fill(use_cases="2")
    assert workbook.store.value("self_assessment")["use_cases"] == "2"  # autosaved (at once outside a kernel)
    assert "9 of 10 lines have no number yet" in form.feedback.value and " of 0 points" not in form.feedback.value
    form.fill(**CONFIDENCE)
    assert "✔ Ready to use" in form.feedback.value
    assert Workbook("00_orientation", folder=tmp_path).form("self_assessment", title="T").value() \
        == CONFIDENCE
    assert workbook.grade("self_assessment", points=0) == 0
    out = capsys.readouterr().out
    assert "Pick 3 to 5 tasks where AI can reliably help my team" in out and "Points: 0 of 0." in out


def test_outcome_text_is_shown_escaped(workbook):
    form = workbook.form("self_assessment", title="T")
    shown = "".join(row.children[0].value for row in form.field_rows())
    assert shown.count("<strong>") == 10 and "60-30-10 rule of thumb" in shown
    assert "How confident are you that you could do this at work today?" in form.widget.children[1].value


def test_a_hand_edited_self_assessment_restores_only_the_numbers_it_can_use(workbook, tmp_path):
    odd = {"use_cases": "<b>5</b>", "prompts": 9, "sops": "4", "criteria": None, "metrics": ["3"], "risk": 2}
    workbook.store.save("self_assessment", odd, engine="self-assessment/1")
    form = Workbook("00_orientation", folder=tmp_path).form("self_assessment", title="T")
    assert {name: field.value for name, field in form.fields.items() if field.value} == {"sops": "4", "risk": "2"}
    assert "<b>" not in form.feedback.value and "8 of 10 lines have no number yet" in form.feedback.value
    assert "2 of 10 answered so far" in get_task("self_assessment").check(odd).summary  # 4 and 2 are numbers


# --- the quiz ---------------------------------------------------------------------------------------------------
def test_the_quiz_teaches_how_the_course_works_and_the_data_rule():
    from course.checks.personal_data import find_personal_data
    from course.checks.quiz import load_quiz, score_answers

    quiz = load_quiz("00_orientation")
    assert 4 <= len(quiz.questions) <= 6
    right = {q.id: list(q.correct) for q in quiz.questions}
    assert score_answers(quiz, right).all_correct
    wrong = {q.id: [next(c.id for c in q.choices if c.id not in q.correct)] for q in quiz.questions}
    assert score_answers(quiz, wrong).score == 0
    text = " ".join(f"{q.prompt} {c.text} {c.explanation}" for q in quiz.questions for c in q.choices)
    for fact in ("Assignments tab", "Check", "saved automatically", "not performance evaluation", "placeholder"):
        assert fact in text, fact
    assert find_personal_data(text) == []
