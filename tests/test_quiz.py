"""Self-check quizzes: the bank is sound, scoring never raises, the widget saves, restores and escapes."""

import copy
import json
import subprocess
import sys
from importlib.resources import files

import jsonschema
import pytest

from course.answers import AnswerStore, StoreError
from course.checks import quiz as quizzes
from course.checks.personal_data import find_personal_data
from course.checks.quiz import (
    BANK_SCHEMA,
    CORRECT,
    INCORRECT,
    PARTLY,
    UNANSWERED,
    QuizBankError,
    load_quiz,
    load_quiz_file,
    score_answers,
)
from course.forms.quiz import QuizForm

QUIZ_ID = "02_prompt_basics"
RIGHT = {"element": ["context"], "reusable": ["slot"], "measurable": ["measured"],
         "data_rules": ["card_number", "staff_details", "unannounced_prices"],
         "iterate": ["change_one"]}
WRONG = {"element": ["role"], "reusable": ["remember"], "measurable": ["short_clear"],
         "data_rules": ["public_policy", "placeholder_example"], "iterate": ["give_up"]}
NAN = float("nan")


@pytest.fixture
def quiz():
    return load_quiz(QUIZ_ID)


@pytest.fixture
def raw_bank():
    return json.loads(files("course.quizzes").joinpath(f"{QUIZ_ID}.json").read_text("utf-8"))


def all_text(bank):
    """Every piece of text in a bank, for content checks."""
    yield bank["title"]
    yield bank.get("intro", "")
    for q in bank["questions"]:
        yield q["prompt"]
        for c in q["choices"]:
            yield c["text"]
            yield c["explanation"]


def write_bank(folder, data, name=None):
    path = folder / f"{name or data['id']}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


def tiny_bank(**question_changes):
    question = {"id": "q1", "prompt": "Which one?", "multiple": False,
                "choices": [{"id": "a", "text": "Alpha", "explanation": "Right, alpha."},
                            {"id": "b", "text": "Beta", "explanation": "Not beta."}],
                "correct": ["a"]}
    question.update(question_changes)
    return {"schema": 1, "id": "tiny", "title": "Tiny quiz", "questions": [question]}


# --- the bank ---------------------------------------------------------------------------------------------
def test_the_prompt_basics_bank_validates(quiz, raw_bank):
    jsonschema.validate(raw_bank, BANK_SCHEMA)
    assert QUIZ_ID in quizzes.available_quizzes()
    assert quiz.id == QUIZ_ID and quiz.key == "quiz:02_prompt_basics"
    assert len(quiz.questions) == 5
    assert len({q.id for q in quiz.questions}) == 5
    assert any(q.multiple for q in quiz.questions) and any(not q.multiple for q in quiz.questions)


def test_every_question_has_exactly_its_declared_correct_choices_and_explains_every_choice(quiz, raw_bank):
    for raw, question in zip(raw_bank["questions"], quiz.questions, strict=True):
        ids = [c["id"] for c in raw["choices"]]
        assert len(set(ids)) == len(ids) >= 3, question.id
        assert set(raw["correct"]) <= set(ids) and len(raw["correct"]) == len(set(raw["correct"]))
        assert len(raw["correct"]) == 1 if not raw["multiple"] else len(raw["correct"]) >= 2
        for choice in raw["choices"]:
            assert len(choice["explanation"].split()) >= 12, (question.id, choice["id"])
            # Explanations say plainly whether the choice is right, and agree with the declared answers.
            assert choice["explanation"].startswith("Right") == (choice["id"] in raw["correct"]), choice["id"]
        # Scoring agrees: the declared set is correct, any single wrong choice is not.
        assert score_answers(quiz, {question.id: raw["correct"]}).question(question.id).status == CORRECT
        for wrong in set(ids) - set(raw["correct"]):
            assert not score_answers(quiz, {question.id: [wrong]}).question(question.id).correct


def test_the_bank_teaches_the_module_in_the_course_storyline(raw_bank):
    text = " ".join(all_text(raw_bank))
    for fact in ("Larkfield", "Context", "{notes}", "150 words", "card number", "performance", "confidential",
                 "Output format", "Constraints", "Role"):
        assert fact in text, fact
    assert find_personal_data(text) == []
    assert "$" not in text and "\\" not in text


def test_the_bank_and_the_scoring_need_no_widgets():
    code = ("import sys; from course.checks.quiz import load_quiz, score_answers; "
            "print(score_answers(load_quiz('02_prompt_basics'), {}).total, "
            "sorted({m.split('.')[0] for m in sys.modules} & {'ipywidgets', 'IPython', 'jsonschema', 'pandas'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["5", "[]"], result.stderr[-2000:]


# --- scoring ----------------------------------------------------------------------------------------------
def test_all_right_answers_score_full_marks(quiz):
    result = score_answers(quiz, RIGHT)
    assert (result.score, result.total, result.answered, result.all_correct) == (5, 5, 5, True)
    assert result.problems == ()
    assert "Well done" in result.summary
    for question in result.questions:
        assert question.status == CORRECT and question.symbol == "✔" and question.verdict == "Correct."
        assert [f.id for f in question.feedback] == list(question.chosen)
        assert all(f.right and f.chosen for f in question.feedback)


def test_wrong_answers_are_explained(quiz):
    result = score_answers(quiz, WRONG)
    assert (result.score, result.answered) == (0, 5)
    assert {q.status for q in result.questions} == {INCORRECT}
    element = result.question("element")
    assert element.verdict == "Not quite." and element.symbol == "✘"
    assert [f.id for f in element.feedback] == ["role"] and "who the AI should be" in element.feedback[0].explanation
    assert "not graded" in result.summary


def test_partly_right_answers_to_a_tick_all_question(quiz):
    some = score_answers(quiz, {"data_rules": ["card_number", "staff_details"]}).question("data_rules")
    assert some.status == PARTLY and some.symbol == "◐" and not some.correct
    assert some.note == "You found 2 of 3 right answers."
    mixed = score_answers(quiz, {"data_rules": ["card_number", "contact_details"]}).question("data_rules")
    assert mixed.status == PARTLY and mixed.note == "You found 1 of 3 right answers and ticked 1 that is not right."
    too_many = score_answers(quiz, {"data_rules": [c.id for c in quiz.question("data_rules").choices]})
    assert too_many.question("data_rules").status == PARTLY


def test_two_picks_on_a_pick_one_question_are_not_right(quiz):
    result = score_answers(quiz, {"element": ["context", "role"]}).question("element")
    assert result.status == INCORRECT and "Only one answer" in result.note


def test_unanswered_questions_are_counted_and_named(quiz):
    result = score_answers(quiz, {"element": ["context"]})
    assert (result.score, result.answered) == (1, 1)
    assert result.question("iterate").status == UNANSWERED
    assert "4 not answered yet" in result.summary
    assert score_answers(quiz, {}).summary.startswith("Pick your answers")


@pytest.mark.parametrize("answers", [
    None, 42, NAN, "context", ["context"], ("element", "context"), True, b"bytes",
    {"unknown": ["context"]}, {1: ["context"]}, {None: None}, {"element": ["nope"]}, {"element": [None, 3, NAN]},
    {"element": 3}, {"element": NAN}, {"element": {"context": True}}, {"element": [["context"]]},
    {"data_rules": [{"id": "card_number"}]}, {"element": "x" * 100_000},
], ids=repr)
def test_bad_input_gives_a_result_not_an_exception(quiz, answers):
    result = score_answers(quiz, answers)
    assert result.total == 5 and result.score == 0
    if answers is not None:
        assert result.problems, "odd input must be reported"
    for problem in result.problems:
        assert len(problem) < 300 and problem.endswith(".")


def test_usable_picks_survive_next_to_bad_ones(quiz):
    result = score_answers(quiz, {"element": "context", "nope": 1, "reusable": [3, "slot", "slot"],
                                  "iterate": NAN, "measurable": None})
    assert result.question("element").correct and result.question("reusable").correct
    assert result.question("reusable").chosen == ("slot",)
    assert result.question("measurable").status == UNANSWERED
    problems = " ".join(result.problems)
    assert "no question 'nope'" in problems and "the number 3 is not one of the choices" in problems
    assert "invalid number (NaN)" in problems


# --- malformed banks --------------------------------------------------------------------------------------
def _drop_explanation(b):
    del b["questions"][0]["choices"][1]["explanation"]


def _typo(b):
    b["questions"][0]["choices"][0]["explaination"] = b["questions"][0]["choices"][0].pop("explanation")


def _missing_correct(b):
    b["questions"][0]["correct"] = ["z"]


def _two_correct(b):
    b["questions"][0]["correct"] = ["a", "b"]


def _duplicate_question(b):
    b["questions"].append(copy.deepcopy(b["questions"][0]))


def _duplicate_choice(b):
    b["questions"][0]["choices"][1]["id"] = "a"


def _maths(b):
    b["questions"][0]["choices"][0]["text"] = "Costs $5 or $6"


def _one_choice(b):
    b["questions"][0]["choices"].pop()


def _long_choice(b):
    b["questions"][0]["choices"][1]["text"] = "x" * 300


def _bad_id(b):
    b["questions"][0]["id"] = "q 1/../"


def _blank_prompt(b):
    b["questions"][0]["prompt"] = "  \n "


def _multiple_not_bool(b):
    b["questions"][0]["multiple"] = "no"


@pytest.mark.parametrize(("break_it", "expected"), [
    (_drop_explanation, ["question 'q1' (number 1), choice 'b'", "the required field 'explanation' is missing"]),
    (_typo, ["choice 'a'", "the field 'explaination' is not part of the format"]),
    (_missing_correct, ["question 'q1'", "the correct answer 'z' is not one of its choices (a, b)"]),
    (_two_correct, ["question 'q1'", "exactly one correct choice"]),
    (_duplicate_question, ["question 'q1' (number 2)", "another question already has this id"]),
    (_duplicate_choice, ["question 'q1'", "two choices have the id 'a'"]),
    (_maths, ["choice 'a', field text", "without $ or a backslash"]),
    (_one_choice, ["question 'q1'", "field choices: it has 1 item(s); at least 2 are needed"]),
    (_long_choice, ["choice 'b', field text: it is 300 characters long; at most 110 fit on one line"]),
    (_bad_id, ["question 'q 1/../' (number 1), field id", "is not a usable id"]),
    (_blank_prompt, ["question 'q1' (number 1), field prompt: it is blank"]),
    (_multiple_not_bool, ["field multiple: it should be true or false, not \"no\""]),
], ids=lambda v: getattr(v, "__name__", ""))
def test_a_malformed_bank_names_the_quiz_the_question_and_the_problem(tmp_path, break_it, expected):
    bank = tiny_bank()
    break_it(bank)
    with pytest.raises(QuizBankError) as caught:
        load_quiz_file(write_bank(tmp_path, bank))
    message = str(caught.value)
    assert "Quiz bank 'tiny'" in message
    for part in expected:
        assert part in message


def test_a_bank_with_several_problems_lists_every_one(tmp_path):
    bank = tiny_bank()
    for break_it in (_drop_explanation, _maths, _multiple_not_bool, _blank_prompt):
        break_it(bank)
    bank["title"] = ""
    with pytest.raises(QuizBankError) as caught:
        load_quiz_file(write_bank(tmp_path, bank))
    lines = str(caught.value).splitlines()[1:]
    assert len(lines) == 5, lines
    for expected in ("- field title: it is blank", "choice 'b': the required field 'explanation' is missing",
                     "choice 'a', field text: a choice must be one line", "field multiple: it should be true or",
                     "field prompt: it is blank"):
        assert sum(expected in line for line in lines) == 1, expected


def test_a_bank_that_is_not_json_or_has_the_wrong_id_says_so(tmp_path):
    with pytest.raises(QuizBankError, match=r"'tiny.json' is not valid JSON: .* line 1"):
        load_quiz_file(write_bank(tmp_path, '{"schema": 1, "id": "tiny",', name="tiny"))
    with pytest.raises(QuizBankError, match="the file is for quiz 'other' but its id says 'tiny'"):
        load_quiz_file(write_bank(tmp_path, tiny_bank(), name="other"))
    with pytest.raises(QuizBankError, match="could not be read"):
        load_quiz_file(tmp_path / "missing.json")
    with pytest.raises(QuizBankError, match="the top level"):
        load_quiz_file(write_bank(tmp_path, "[]", name="list"))
    assert load_quiz_file(write_bank(tmp_path, tiny_bank())).questions[0].correct == ("a",)


@pytest.mark.parametrize("quiz_id", ["99_nothing", "../answers", "", None, "02_prompt_basics.json",
                                     "02_prompt_basics\n", ["02_prompt_basics"]])
def test_an_unknown_quiz_id_is_a_clear_error(quiz_id):
    with pytest.raises(QuizBankError, match="quiz"):
        load_quiz(quiz_id)


# --- the widget -------------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path, QUIZ_ID)


def answer(form, picks):
    """Pick answers as a learner clicks them: radio buttons by value, checkboxes ticked one by one."""
    for question in form.quiz.questions:
        field = form.inputs[question.id]
        chosen = picks.get(question.id, [])
        if question.multiple:
            for choice, box in zip(question.choices, field.children, strict=True):
                box.value = choice.id in chosen
        else:
            field.value = chosen[0] if chosen else None


def test_a_new_quiz_starts_with_nothing_picked_and_the_right_widgets(store, quiz):
    form = QuizForm(store, quiz)
    assert form.value() == {q.id: [] for q in quiz.questions}
    assert type(form.inputs["element"]).__name__ == "RadioButtons"
    assert [type(b).__name__ for b in form.inputs["data_rules"].children] == ["Checkbox"] * 6
    assert form.status.value == "" and store.get(quiz.key) is None
    assert "not graded" in form.header.value and "Question 1 of 5." in form.prompts["element"].value


def test_check_saves_and_gives_feedback_in_words_and_symbols(store, quiz):
    form = QuizForm(store, quiz)
    answer(form, {**RIGHT, "element": ["role"], "data_rules": ["card_number"], "iterate": []})
    form.check_button.click()
    saved = store.get(quiz.key)
    assert saved.engine == "quiz/1"
    assert saved.value == {**RIGHT, "element": ["role"], "data_rules": ["card_number"], "iterate": []}
    assert "✘ Not quite." in form.feedback["element"].value and "who the AI should be" in form.feedback["element"].value
    assert "✔ Correct." in form.feedback["reusable"].value and "✔ right answer" in form.feedback["reusable"].value
    assert "◐ Partly right." in form.feedback["data_rules"].value and "1 of 3" in form.feedback["data_rules"].value
    assert "… Not answered yet." in form.feedback["iterate"].value
    assert "2 of 5" in form.summary.value and "Saved" not in form.summary.value
    assert "✔ Your answers were saved at" in form.status.value
    assert "color" not in "".join(f.value for f in form.feedback.values())


def test_pick_answers_by_question_id_as_a_walkthrough_would(store, quiz):
    form = QuizForm(store, quiz)
    form.pick(element="context", data_rules=["card_number", "staff_details"], iterate=None)
    assert form.inputs["element"].value == "context"
    assert form.value()["data_rules"] == ["card_number", "staff_details"] and form.value()["iterate"] == []
    assert store.value(quiz.key) == form.value()
    assert form.check().question("element").correct


def test_changing_an_answer_after_checking_asks_for_a_new_check(store, quiz):
    form = QuizForm(store, quiz)
    answer(form, RIGHT)
    form.check_button.click()
    form.inputs["element"].value = "role"
    assert "Changed since you last checked" in form.feedback["element"].value
    assert "✔ Correct." in form.feedback["reusable"].value
    assert store.value(quiz.key)["element"] == ["role"]  # picks are saved as the learner goes
    form.check_button.click()
    assert "✘ Not quite." in form.feedback["element"].value


def test_show_all_explanations_explains_every_choice(store, quiz):
    form = QuizForm(store, quiz)
    answer(form, {"element": ["role"]})
    form.check_button.click()
    assert "Right. Context tells the AI" not in form.feedback["element"].value
    form.show_all_button.value = True
    shown = form.feedback["element"].value
    assert "Right. Context tells the AI" in shown and "✘ not right, you picked" in shown
    assert "✔ right answer, not picked" in shown


def test_a_new_quiz_form_on_the_same_folder_restores_the_picks(tmp_path, quiz):
    form = QuizForm(AnswerStore(tmp_path, QUIZ_ID), quiz)
    picks = {**RIGHT, "data_rules": ["public_policy", "card_number"], "iterate": []}  # in the bank's order
    answer(form, picks)
    form.check_button.click()
    again = QuizForm(AnswerStore(tmp_path, QUIZ_ID), quiz)
    assert again.value() == picks
    assert again.inputs["element"].value == "context"
    assert [b.value for b in again.inputs["data_rules"].children] == [False, True, True, False, False, False]
    assert "are back" in again.status.value
    assert store_file_has_only_this_key(tmp_path)


def store_file_has_only_this_key(folder):
    data = json.loads((folder / f"your answers - {QUIZ_ID}.json").read_text("utf-8"))
    return list(data["answers"]) == ["quiz:02_prompt_basics"]


def test_saved_picks_that_no_longer_fit_the_quiz_are_left_out_with_a_note(store, quiz):
    store.save(quiz.key, {"element": ["context"], "gone": ["a"], "reusable": ["old_choice"]}, engine="quiz/1")
    form = QuizForm(store, quiz)
    assert form.value()["element"] == ["context"] and form.value()["reusable"] == []
    assert "no longer match" in form.status.value


@pytest.mark.parametrize("saved", [None, "text", 3, [1, 2], {"element": NAN}])
def test_an_odd_saved_value_never_breaks_the_form(store, quiz, saved):
    store.save(quiz.key, saved, engine="quiz/1")
    form = QuizForm(store, quiz)
    assert form.value() == {q.id: [] for q in quiz.questions}
    form.check_button.click()
    assert "Pick your answers" in form.summary.value and "Not answered yet" in form.feedback["element"].value


def test_a_failed_save_is_shown_and_never_raised(store, quiz, monkeypatch):
    form = QuizForm(store, quiz)

    def refuse(*_args, **_kwargs):
        raise StoreError("The course cannot write to the folder <here>, so this answer was not saved.")

    monkeypatch.setattr(store, "save", refuse)
    answer(form, RIGHT)  # autosave fails quietly into the status line
    assert "Not saved" in form.status.value
    form.check_button.click()
    assert "⚠ Not saved." in form.status.value and "&lt;here&gt;" in form.status.value
    assert "5 of 5" in form.summary.value  # feedback still works


def test_a_damaged_answers_file_is_reported_in_the_status_line(tmp_path, quiz):
    (tmp_path / f"your answers - {QUIZ_ID}.json").write_text("{not json", "utf-8")
    form = QuizForm(AnswerStore(tmp_path, QUIZ_ID), quiz)
    assert "damaged" in form.status.value


def test_an_instructor_copy_keeps_picks_in_memory(tmp_path, quiz):
    form = QuizForm(AnswerStore(tmp_path, QUIZ_ID, persist=False), quiz)
    answer(form, RIGHT)
    form.check_button.click()
    assert "in memory only" in form.status.value and list(tmp_path.iterdir()) == []


def test_bank_text_is_shown_literally_never_run(tmp_path, store):
    attack = "<script>alert(1)</script> <img src=x onerror=alert(1)> $x^2$"
    bank = tiny_bank(prompt=f"Pick {attack}")
    bank["title"] = f"Title {attack}"
    bank["intro"] = attack
    bank["questions"][0]["choices"][0]["explanation"] = f"Right: {attack}"
    bank["questions"][0]["choices"][1]["explanation"] = f"No: {attack}"
    bank["questions"][0]["choices"][1]["text"] = "<b>Beta</b>"
    form = QuizForm(store, load_quiz_file(write_bank(tmp_path, bank)))
    form.inputs["q1"].value = "a"
    form.check_button.click()
    form.show_all_button.value = True
    shown = form.header.value + "".join(f.value for f in form.feedback.values()) + form.prompts["q1"].value
    assert "<script>" not in shown and "<img" not in shown and "<b>Beta" not in shown and "$x" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "&lt;b&gt;Beta&lt;/b&gt;" in shown
    assert shown.count("&lt;script&gt;") == 5  # title, intro, prompt and both explanations
