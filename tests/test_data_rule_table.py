"""One data rule for the whole course: the table in course/data_rules.json, and every place that states a rule.

Each place that says which data may go into which tool is listed below with what it claims (data class, tool,
allowed?), and each claim is checked against the table. A reader of all lessons, exercises, quizzes, task files
and feedback messages finds every sentence that looks like a data rule; each must be one of the listed places, so
a new statement cannot slip in unchecked. The engines (the sorting of module 00, the use-case rules, the SOP
checker) and the quizzes are checked against the table directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from course.checks.quiz import load_quiz
from course.checks.sop import check_sop
from course.checks.use_cases import DATA_CLASS, LEVELS, Candidate, broken_rules
from course.data_rules import PLACES, TOOLS, allowed, data_classes, data_rule_table, place_of
from tests.sop_examples import spoiled

ROOT = Path(__file__).resolve().parent.parent
E, C, K = "enterprise", "consumer", "course"

SCENARIO = "course/scenarios/personal_account.json"
# (where, words that say it, [(data class, tool, allowed?), ...]); an empty claim list: not a data rule after all.
STATEMENTS: list[tuple[str, str, list[tuple[str, str, bool]]]] = [
    ("modules/01_lesson_use_cases.ipynb", "Internal, personal or confidential data never goes into a free consumer "
     "chatbot; the company-approved tool", [("internal", C, False), ("personal", C, False), ("restricted", C, False),
                                            ("personal", E, True)]),
    ("modules/01_lesson_use_cases.ipynb", "*never pilot this as described* (internal, personal or confidential data "
     "in a consumer AI tool", [("internal", C, False), ("personal", C, False), ("restricted", C, False)]),
    ("modules/04_lesson_sops.ipynb", "one has slipped back to pasting the notes into a personal account, although "
     "the team agreed to use only the approved assistant", [("internal", C, False), ("internal", E, True)]),
    ("modules/04_lesson_sops.ipynb", "only the approved enterprise assistant, never a personal account; customer "
     "names left out (the summary does not need them); health, HR and payment details in no AI tool",
     [("internal", E, True), ("internal", C, False), ("restricted", E, False)]),
    ("modules/04_lesson_sops.ipynb", "\"only the approved enterprise assistant; customer names stay out, because "
     "the summary does not need them\"", [("internal", E, True)]),
    ("solutions/00_orientation/00_orientation.ipynb", "**Any AI tool** (made-up, public, or how the work is done "
     "in general words), **Only the approved tool** (the company's enterprise AI tool with audit logs and admin "
     "controls: internal notes, and personal data when the task needs it), or **No AI tool** (health and HR "
     "matters, payment details, passwords, figures not yet announced)",
     [("made_up", C, True), ("public", C, True), ("general", C, True), ("internal", E, True),
      ("internal", C, False), ("personal", E, True), ("personal", C, False), ("restricted", E, False)]),
    ("modules/02_lesson_prompt_basics.ipynb", "- **Only the approved tool, and only when the task needs it:** "
     "customers' and colleagues' names, contact details, addresses, order or customer numbers; internal notes and "
     "documents.", [("personal", E, True), ("internal", E, True)]),
    ("solutions/05_metrics/05_metrics.ipynb", "Use roles, not names, and team-level figures only (this course "
     "counts as a consumer AI tool: the data rule of module 00).", [("personal", C, False)]),
    ("modules/02_lesson_prompt_basics.ipynb", "This course's forms count as a consumer AI tool (a personal or free "
     "account), so type only what may go into any AI tool.", [("personal", C, False), ("internal", C, False),
                                                            ("general", C, True)]),
    ("course/checks/messages/en", "This course's forms count like a personal or free AI tool, so real "
     "personal data never goes into them (the data rule of module 00).", [("personal", C, False)]),
    ("solutions/01_use_cases/01_use_cases.ipynb", "must never be piloted as described (internal, personal or "
     "confidential data in a consumer tool", [("internal", C, False), ("personal", C, False),
                                              ("restricted", C, False)]),
    ("solutions/02_prompt_basics/02_prompt_basics.ipynb", "Build a prompt that does this with the AI assistant, "
     "**every week**, with only the notes changing", []),
    ("solutions/02_prompt_basics/02_prompt_basics.ipynb", "Customer details stay out of the prompt because the "
     "summary does not need them, and nothing about a colleague's performance goes into any AI tool",
     [("restricted", E, False)]),
    ("solutions/04_sops/04_sops.ipynb", "Only the company's approved assistant (enterprise plan with audit logs) is "
     "used, never a personal or free AI account.", [("internal", E, True), ("internal", C, False),
                                                    ("personal", C, False)]),
    ("solutions/04_sops/04_sops.ipynb", "Health, HR and payment details never go into any AI tool.",
     [("restricted", E, False)]),
    ("course/checks/messages/en", "Only the company's approved assistant (enterprise plan with audit logs) is "
     "used, never a personal or free AI account.", [("internal", C, False), ("personal", C, False)]),
    ("course/checks/messages/en", "Customer names go in only where the task needs them; card numbers, health "
     "and HR details never go into any AI tool.", [("personal", E, True), ("restricted", E, False)]),
    ("course/checks/messages/en", "{task}: personal data goes into the AI tool", [("personal", E, True)]),
    ("course/checks/messages/en", "{task}: internal, personal or confidential data would go into a consumer AI "
     "tool", [("internal", C, False), ("personal", C, False), ("restricted", C, False)]),
    ("course/checks/messages/en", "is it made up, public or general words (any AI tool); internal or personal "
     "(only the approved tool); or confidential or special (no AI tool)?",
     [("made_up", C, True), ("public", C, True), ("general", C, True), ("internal", E, True),
      ("internal", C, False), ("personal", E, True), ("personal", C, False), ("restricted", E, False)]),
    ("course/checks/messages/en", "Never type real personal, customer or confidential data into this course: "
     "its forms count like a personal or free AI tool.", [("personal", K, False), ("restricted", K, False)]),
    ("course/quizzes/00_orientation.json", "Which of these may you type into this course's forms, which count like a "
     "personal or free AI tool?", []),
    ("course/quizzes/00_orientation.json", "Not here: a real customer's contact details are personal data, for the "
     "approved tool only and only when the task needs them.", [("personal", K, False), ("personal", E, True)]),
    ("course/quizzes/00_orientation.json", "Never: it is health data about a colleague, which goes into no AI tool "
     "at all.", [("restricted", E, False)]),
    ("course/quizzes/02_prompt_basics.json", "Not never: personal details like these may go into the approved "
     "assistant when the reply needs them, though never into a personal or free account.",
     [("personal", E, True), ("personal", C, False)]),
    ("course/quizzes/02_prompt_basics.json", "Payment data such as card numbers goes into no AI tool.",
     [("restricted", E, False)]),
    ("course/quizzes/04_sops.json", "Approved enterprise assistant only; customer names only if the reply needs "
     "them; card numbers in no AI tool.", [("personal", E, True), ("restricted", E, False)]),
    ("course/quizzes/04_sops.json", "A personal account sits outside the company's controls: whatever is pasted "
     "there may be kept and read elsewhere.", [("internal", C, False)]),
    ("course/quizzes/04_sops.json", "Notes may go into the approved assistant once customer names and order "
     "numbers are removed.", [("internal", E, True)]),
    ("course/tasks/00_orientation.json", "personal data, for the approved tool only, and only when the task needs "
     "it.", [("personal", E, True), ("personal", C, False)]),
    ("course/tasks/00_orientation.json", "it is health data about a colleague: it goes into no AI tool.",
     [("restricted", E, False)]),
    ("course/tasks/00_orientation.json", "they are internal notes: fine in the company's approved tool, never in a "
     "personal or free account.", [("internal", E, True), ("internal", C, False)]),
    ("course/tasks/00_orientation.json", "it is confidential: the company has not announced it, so it goes into no "
     "AI tool.", [("restricted", E, False)]),
    ("course/tasks/00_orientation.json", "it is a list of real customers' personal data: the approved tool only, and "
     "only if the task needs it.", [("personal", E, True)]),
    ("course/tasks/00_orientation.json", "it is internal work material with no personal details left: the approved "
     "tool only.", [("internal", E, True), ("internal", C, False)]),
    ("course/checks/messages/en", "Say it plainly: customer details only in the approved assistant, never in a "
     "personal or free account.", [("personal", E, True), ("personal", C, False)]),  # the team message's nudge
    # module 06's conversation with a keen advisor who wants a personal AI account for customer replies
    (SCENARIO, "The data rule is plain: customer details (names, emails, order numbers) go only into the approved "
     "enterprise assistant, never into a personal or free AI account.",
     [("personal", E, True), ("personal", C, False)]),
    (SCENARIO, "Customer names and order numbers only go into the work assistant; that's the line, because it's the "
     "one with audit logs and admin controls.", [("personal", E, True), ("personal", C, False)]),
    (SCENARIO, "Customer details only go into the work assistant.", [("personal", E, True), ("personal", C, False)]),
    (SCENARIO, "Customer details can only go into the work assistant, for you and for everyone else.",
     [("personal", E, True), ("personal", C, False)]),
    (SCENARIO, "Customer details only go into the work assistant, because it has the audit logs and admin controls.",
     [("personal", E, True), ("personal", C, False)]),
    (SCENARIO, "Looking away when you've just heard customer data may be leaving the approved tool makes it your "
     "decision too.", [("personal", E, True)]),
]

# What a sentence stating a data rule looks like: data, a tool and a word that allows or forbids.
_DATA = re.compile(r"\b(?:customer|personal|confidential|names?|e-?mails?|order numbers?|health|sick|card numbers?|"
                   r"internal|notes)\b", re.IGNORECASE)
_TOOL = re.compile(r"\b(?:AI tool|chatbot|assistant|consumer|enterprise|approved tool|personal account|"
                   r"free account|any tool|ChatGPT)\b", re.IGNORECASE)
_RULE = re.compile(r"\b(?:never|may|must not|do not|don't|only|not allowed|allowed|fine|stays? out|keep out|"
                   r"goes? into|go in)\b", re.IGNORECASE)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def course_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every lesson and exercise cell, quiz, task file, feedback message, example and
    conversation scenario."""
    for path in sorted([*ROOT.glob("modules/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb")]):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            yield path.relative_to(ROOT).as_posix(), "".join(cell["source"])
    for path in sorted([*ROOT.glob("course/quizzes/*.json"), *ROOT.glob("course/tasks/*.json"),
                        *ROOT.glob("course/checks/messages/en/*.json"), *ROOT.glob("course/examples/*.json"),
                        *ROOT.glob("course/scenarios/*.json")]):
        where = path.parent if path.parent.name == "en" else path  # the catalogue is one place, in several files
        for text in _strings(json.loads(path.read_text(encoding="utf-8"))):
            yield where.relative_to(ROOT).as_posix(), text


def rule_sentences() -> list[tuple[str, str]]:
    found = []
    for where, text in course_texts():
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            if _DATA.search(sentence) and _TOOL.search(sentence) and _RULE.search(sentence):
                found.append((where, sentence.strip()))
    return found


def test_the_table_has_a_place_for_every_class_and_the_course_counts_as_a_consumer_tool():
    rows = data_classes()
    assert len({row.id for row in rows}) == len(rows) >= 5
    assert {row.place for row in rows} == set(PLACES)
    for row in rows:
        assert allowed(row.id, "course") == allowed(row.id, "consumer") == (row.place == "any")
        assert allowed(row.id, "enterprise") == (row.place != "none")
    with pytest.raises(KeyError):
        allowed("personal", "a friend's laptop")


def test_module_00_shows_the_table_and_every_row_is_in_it():
    shown = data_rule_table()._repr_html_()
    assert all(row.name in shown for row in data_classes()) and "audit logs" in shown
    lesson = (ROOT / "modules/00_lesson_orientation.ipynb").read_text(encoding="utf-8")
    assert "data_rule_table()" in lesson


@pytest.mark.parametrize("where, words, claims", STATEMENTS, ids=[f"{w}: {s[:40]}" for w, s, _c in STATEMENTS])
def test_every_listed_statement_is_where_it_is_said_to_be_and_agrees_with_the_table(where, words, claims):
    texts = [text for place, text in course_texts() if place == where]
    assert any(words in " ".join(text.split()) for text in texts), f"{where} no longer says: {words}"
    for data_class, tool, says_allowed in claims:
        assert allowed(data_class, tool) == says_allowed, (
            f"{where} says {data_class} data {'may' if says_allowed else 'may not'} go into the {tool} tool; "
            f"the table says {place_of(data_class)}")


def test_every_sentence_that_states_a_data_rule_is_one_of_the_listed_statements():
    listed = {(where, " ".join(words.split())) for where, words, _claims in STATEMENTS}
    unlisted = [(where, sentence) for where, sentence in rule_sentences()
                if not any(place == where and (words in " ".join(sentence.split()) or
                                               " ".join(sentence.split()) in words) for place, words in listed)]
    assert unlisted == [], "Add these to STATEMENTS with what they claim: " + repr(unlisted)


@pytest.mark.parametrize("quiz_id, question, tool, correct_when_allowed, classes", [
    ("00_orientation", "data_rule", "course", True,
     {"made_up": "made_up", "customer_email": "personal", "public_policy": "public", "sick_leave": "restricted"}),
    ("02_prompt_basics", "data_rules", "enterprise", False,
     {"contact_details": "personal", "public_policy": "public", "card_number": "restricted",
      "staff_details": "restricted", "placeholder_example": "made_up", "unannounced_prices": "restricted"}),
])
def test_the_quizzes_right_answers_are_the_tables(quiz_id, question, tool, correct_when_allowed, classes):
    asked = load_quiz(quiz_id).question(question)
    assert {choice.id for choice in asked.choices} == set(classes)
    expected = {choice for choice, data_class in classes.items()
                if allowed(data_class, tool) == correct_when_allowed}
    assert set(asked.correct) == expected


@pytest.mark.parametrize("level", LEVELS["data"])
@pytest.mark.parametrize("tool", ["enterprise", "consumer"])
def test_a_use_case_is_ruled_out_exactly_when_the_table_keeps_its_data_out_of_its_tool(level, tool):
    task = Candidate("Draft replies to delivery questions", 50, 6, "low", level, "standard", tool, "yes")
    unsafe = "unsafe_tool" in broken_rules(task)
    # An inventory's approved tool is the one the company approved for that task's data.
    assert unsafe == (tool == "consumer" and not allowed(DATA_CLASS[level], "consumer"))


SOP_DATA = {"public": "Only the returns policy as published on our website goes into {tool}.",
            "internal": "The weekly meeting notes go into {tool}.",
            "personal": "Customer names and order numbers go into {tool} when the reply needs them.",
            "restricted": "Colleagues' sick notes go into {tool}."}
SOP_TOOLS = {"enterprise": "the company's approved assistant (enterprise plan with audit logs)",
             "consumer": "a personal ChatGPT account"}


@pytest.mark.parametrize("data_class", SOP_DATA)
@pytest.mark.parametrize("tool", SOP_TOOLS)
def test_the_sop_checker_calls_data_rules_unsafe_exactly_when_the_table_forbids_them(data_class, tool):
    rules = SOP_DATA[data_class].format(tool=SOP_TOOLS[tool])
    feedback = check_sop(spoiled(data_rules=rules))
    unsafe = "sop_unsafe_data" in feedback.kinds()
    assert unsafe == (not allowed(data_class, tool)), (rules, sorted(feedback.kinds()))


def test_the_tools_of_the_table_are_the_tools_the_course_names():
    assert set(TOOLS) == {"enterprise", "consumer", "course"}
    assert set(LEVELS["tool"]) - {"none"} <= set(TOOLS)


@pytest.mark.parametrize("quiz_file", sorted((ROOT / "course/quizzes").glob("*.json")), ids=lambda p: p.stem)
def test_every_quiz_bank_that_states_a_rule_still_loads(quiz_file):
    assert load_quiz(quiz_file.stem).questions  # a reworded choice must still fit its line
