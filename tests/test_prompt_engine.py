"""The prompt coach on structured prompts: the right findings, the right points, never a crash."""

import math

import pytest

from course.checks.personal_data import find_personal_data
from course.checks.prompt import assemble, check_prompt, prompt_task, vague_without_measure
from course.data import meeting_notes
from tests.answers_for_tests import GOOD, WEAK_ANSWERS, weak

WEEKS_SHOWN = [meeting_notes(1), meeting_notes(2)]
WEEK_UNSEEN = [meeting_notes(7)]


def test_a_good_prompt_earns_every_point_and_passes():
    result = check_prompt(GOOD, "meeting_summary", cases=WEEKS_SHOWN)
    assert (result.earned, result.total, result.passed) == (10, 10, True)
    assert result.problems == ()
    assert result.kinds() == {"no_examples"}  # a suggestion, costs nothing
    assert "covers everything" in result.summary


@pytest.mark.parametrize("name", list(WEAK_ANSWERS))
def test_each_weak_prompt_gets_its_named_findings_and_points(name):
    answer, visible_points, _hidden, kinds = WEAK_ANSWERS[name]
    result = check_prompt(answer, "meeting_summary", cases=WEEKS_SHOWN)
    assert {f.kind for f in result.problems} == kinds
    assert result.earned == visible_points
    assert not result.passed or visible_points >= 8
    for finding in result.problems:
        assert finding.message and finding.why and len(finding.hints) == 2, finding


def test_personal_data_fails_the_bar_even_with_high_points():
    answer = WEAK_ANSWERS["email address in the context"][0]
    result = check_prompt(answer, cases=WEEKS_SHOWN)
    assert result.earned == 9 and not result.passed
    assert "email address" in result.problems[0].message


def test_the_input_rule_is_the_same_on_unseen_data():
    pasted = weak(input=meeting_notes(1) + "\n" + meeting_notes(2))
    assert "missing_input" not in check_prompt(pasted, cases=WEEKS_SHOWN).kinds()
    assert "missing_input" in check_prompt(pasted, cases=WEEK_UNSEEN).kinds()
    assert "missing_input" not in check_prompt(GOOD, cases=WEEK_UNSEEN).kinds()


def test_the_slot_may_be_written_in_brackets_and_any_case():
    spec = prompt_task("meeting_summary")
    for slot in ("{notes}", "{ NOTES }", "[notes]", "[Notes]"):
        assert "XYZ" in assemble(weak(input=f"Notes: {slot}"), spec, case="XYZ")
    assert "XYZ" not in assemble(weak(input="Notes: {note}"), spec, case="XYZ")


@pytest.mark.parametrize(("text", "vague"), [
    ("Keep it short.", ["short"]),
    ("Be clear and concise", ["clear", "concise"]),
    ("Keep it short: at most 120 words.", []),
    ("No more than five bullets, nothing vague.", []),
    ("Use plain words a new starter understands.", []),
])
def test_vague_words_count_only_without_a_measure(text, vague):
    assert vague_without_measure(text) == vague


@pytest.mark.parametrize(("text", "kinds"), [
    ("write to ana.b@example.org", ["email address"]),
    ("call +44 20 7946 0958 today", ["phone number"]),
    ("card 4111 1111 1111 1111", ["card number"]),
    ("card 4111 1111 1111 1112", []),  # fails the Luhn check: not a card number
    ("at most 150 words in 3 bullets by 2026-02-02", []),
])
def test_personal_data_patterns(text, kinds):
    assert [p.kind for p in find_personal_data(text)] == kinds


BAD_INPUTS = [
    None, 42, math.nan, [], ["role"], "a plain string", {"role": math.nan, "task": None},
    {"role": 7, "task": ["not", "text"]}, {},
    {"task": "   \n\t  "},
    {"task": "x" * 1_000_000}, {"task": "1" * 1_000_000}, {"task": "a@b." * 250_000},
    {"task": "Résumé 🙂 the notes, שלום עולם, e\u0301\u0301\u0301 combining marks"},
    {"task": "<script>alert(1)</script> summarise", "format": "<img src=x onerror=alert(1)> table"},
    {"task": "\x00\x1b[31m summarise the notes \ud83d"},
]


@pytest.mark.parametrize("answer", BAD_INPUTS, ids=lambda a: repr(a)[:40])
def test_bad_input_gives_a_sentence_not_an_exception(answer):
    result = check_prompt(answer, cases=WEEKS_SHOWN)
    assert 0 <= result.score <= 1
    assert result.summary.endswith((".", ")")) and len(result.summary) < 600
    assert all(f.message for f in result.findings)


def test_empty_and_unreadable_answers_say_so():
    assert check_prompt(None).kinds() == {"unreadable"}
    assert check_prompt({"task": " "}).kinds() == {"empty"}
    assert check_prompt({}).summary.startswith("The prompt is empty (0 of 10)")


def test_a_huge_field_is_checked_quickly_and_flagged_as_long():
    result = check_prompt(weak(context="The team reads this. " * 50_000), cases=WEEKS_SHOWN)
    assert "very_long" in result.kinds()
    assert result.earned == 10


def test_a_triage_prompt_must_name_every_category():
    from course.tasks import get_task
    from tests.answers_for_tests import TRIAGE_GOOD

    triage = get_task("ticket_triage")
    assert triage.check(TRIAGE_GOOD).earned == 10
    missing = triage.check({**TRIAGE_GOOD, "constraints": "Use only Delivery, Refund or Other."})
    finding = next(f for f in missing.problems if f.kind == "missing_categories")
    assert "Product fault, Account" in finding.message and missing.earned == 8


def test_contradictory_constraints_and_names_are_found_in_structured_prompts():
    both = check_prompt(weak(constraints="At most 50 words. At least 200 words."), cases=WEEKS_SHOWN)
    assert "contradiction" in both.kinds() and both.earned == 9
    named = check_prompt(weak(context="The summary is for our agent Tobiah Marsh, who reads it on Monday."),
                         cases=WEEKS_SHOWN)
    assert "personal_data" in named.kinds() and "person's name" in named.problems[0].message
