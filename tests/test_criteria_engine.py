"""The criteria engine: each check on outputs that should pass and fail, a bar's verdict and score, the grading
rule, and bad input (broken or runaway patterns, odd weights, an empty batch, many or huge criteria)."""

from __future__ import annotations

import math

import pytest

from course.checks.criteria import (
    TOTAL,
    Batch,
    Output,
    check_criteria,
    describe_bar,
    read_bar,
    run_bar,
)
from course.checks.criteria_checks import KINDS, Source, SourceItem, count_range, setup_check
from tests.criteria_bars import bar, row

NOTES = "Order LHG-48213. Refund approved: £34.50. Arrives in 3 to 5 working days. Customer first name: Ada."
SOURCE = Source(NOTES, (SourceItem("order number", ("48213",)), SourceItem("amount", ("34.50",)),
                        SourceItem("timeframe", ("3 to 5|3-5",))))
GOOD = "Dear Ada,\n\nYour refund of £34.50 for order LHG-48213 arrives in 3-5 working days.\n\nKind regards,\nLarkfield"
CSV_OK = "ticket_id,category,reason\nT-1,Refund,\"Charged twice, wants money back\"\nT-2,Delivery,Late parcel"


def outcome(kind, value, output, case=False, source=SOURCE):
    check = setup_check(kind, value, case)
    assert not check.problem, check.problem
    return check.run(output, source)


@pytest.mark.parametrize("kind, value, passing, failing", [
    ("contains", "Kind regards", GOOD, "Best wishes"),
    ("contains_all", "refund; order", GOOD, "Your refund is on its way"),
    ("contains_any", "sorry; apologise", "So sorry for the wait", GOOD),
    ("not_contains", "voucher; guarantee", GOOD, "Here is a £5 VOUCHER for you"),
    ("starts_with", "Dear", GOOD, "Hi Ada"),
    ("ends_with", "Larkfield", GOOD + "\n", "Larkfield\nPS"),
    ("pattern", r"LHG-\d{5}", GOOD, "order 48213"),
    ("not_pattern", r"\[[^\]]*\]", GOOD, "Dear [Customer name],"),
    ("words", "at most 30", GOOD, "word " * 31),
    ("characters", "at least 20", GOOD, "Too short"),
    ("bullets", "3 to 5", "- a\n- b\n* c\n1. d", "- a\n- b"),
    ("rows", "exactly 2", CSV_OK, "ticket_id,category\nT-1,Refund"),
    ("headings", "Key points; Actions", "## Key points\n- a\n**Actions and owners:**\n- b", "Key points:\n- a"),
    ("csv_columns", "ticket_id, category", "Here you go:\n" + CSV_OK, "ticket_id;category\nT-1;Refund"),
    ("json_fields", "ticket_id, category", '```json\n[{"ticket_id": "T-1", "category": "Refund"}]\n```',
     '[{"ticket_id": "T-1"}]'),
    ("column_values", "category: Delivery; Refund", CSV_OK, "ticket_id,category\nT-1,Shipping"),
    ("no_personal_data", "", GOOD, "Call me on 07700 900123"),
    ("no_placeholders", "", GOOD + " Allow < 5 days, not > 3 weeks.", "Dear {first name}, ... XXX"),
    ("covers_source", "", GOOD, "Dear Ada, your refund of £34.50 is on its way."),
    ("numbers_from_source", "", GOOD, "Your refund of £43.50 for order LHG-48213"),
    ("number_near", "refund of: 34.50 ± 0.01", GOOD, "Your refund of £34.00 is approved"),
])
def test_each_check_passes_what_keeps_its_rule_and_fails_what_breaks_it(kind, value, passing, failing):
    assert outcome(kind, value, passing).passed is True, outcome(kind, value, passing).reason
    failed = outcome(kind, value, failing)
    assert failed.passed is False and failed.reason


def test_every_check_in_the_list_has_a_plain_label_and_is_tested():
    assert all(k.label and k.label[0].isupper() for k in KINDS.values())
    tested = {p[0] for p in test_each_check_passes_what_keeps_its_rule_and_fails_what_breaks_it.pytestmark[0].args[1]}
    assert set(KINDS) - tested == {"reviewer"}


def test_case_is_ignored_unless_asked_for():
    assert outcome("contains", "kind regards", GOOD).passed is True
    assert outcome("contains", "kind regards", GOOD, case=True).passed is False


def test_a_reviewer_check_never_passes_an_output_by_itself():
    assert outcome("reviewer", "", GOOD).passed is None


@pytest.mark.parametrize("typed, expected", [
    ("at most 150", (0, 150)), ("under 150 words", (0, 149)), ("3 to 5", (3, 5)), ("between 3 and 5", (3, 5)),
    ("at least two", (2, math.inf)), ("exactly 12", (12, 12)), ("≤ 120", (0, 120)),
])
def test_limits_are_read_the_way_a_manager_types_them(typed, expected):
    assert count_range(typed) == expected


@pytest.mark.parametrize("typed", ["150", "short", "", "at most -3", "at most lots"])
def test_a_limit_without_a_direction_or_a_number_gets_a_plain_message(typed):
    message = count_range(typed)
    assert isinstance(message, str) and "at most" in message


@pytest.mark.parametrize("kind, value, words", [
    ("pattern", "(unclosed", "cannot be read"),
    ("pattern", "x" * 3000, "longer than"),
    ("number_near", "about thirty-ish", "34.50"),
    ("column_values", "Delivery; Refund", "colon"),
    ("contains_all", " ; ; ", "words to look for"),
    ("no_such_check", "", "pick one"),
    ("", "", "Pick a check"),
])
def test_a_value_a_check_cannot_use_gets_a_plain_message(kind, value, words):
    check = setup_check(kind, value)
    assert check.run is None and words in check.problem


def test_a_runaway_pattern_is_stopped_and_left_out_for_the_rest_of_the_batch():
    runaway = "a" * 5000 + "b"
    batch = Batch(SOURCE, tuple(Output(f"o{i}", runaway, "accept") for i in range(30)))
    result = run_bar(read_bar(bar(row("runaway", "pattern", r"(a+)+$", must=True),
                                  row("length", "words", "at most 10"))), batch)
    assert [c.number for c in result.stopped] == [1]
    first = result.results[0].outcomes[0][1]
    assert first.passed is None and "too long" in first.reason
    assert all(r.outcomes[0][1].passed is None for r in result.results[1:])
    feedback = check_criteria(bar(row("runaway", "pattern", r"(a+)+$", must=True),
                                  row("length", "words", "at most 10")), batch)
    assert "pattern_too_slow" in feedback.kinds()


@pytest.mark.parametrize("weight, kind", [("0", "criterion_zero_weight"), ("-2", "criterion_bad_weight"),
                                          ("NaN", "criterion_bad_weight"), ("heavy", "criterion_bad_weight"),
                                          ("1e400", "criterion_bad_weight"), (True, "criterion_bad_weight")])
def test_odd_weights_get_a_note_and_a_safe_value(weight, kind):
    read = read_bar(bar(row("c", "contains", "x", weight=weight)))
    assert kind in {n.kind for n in read.notes}
    assert read.criteria[0].weight in (0.0, 1.0)


def test_weights_and_must_haves_decide_an_output():
    rows = bar(row("must", "contains", "refund", must=True), row("heavy", "contains", "Ada", weight="3"),
               row("light", "contains", "sorry", weight="1"), threshold="70")
    batch = Batch(SOURCE, (Output("all", "refund Ada sorry"), Output("no must", "Ada sorry"),
                           Output("heavy only", "refund Ada"), Output("light only", "refund sorry")))
    verdicts = {r.output.id: (r.passed, round(r.score, 2)) for r in run_bar(read_bar(rows), batch).results}
    assert verdicts == {"all": (True, 1.0), "no must": (False, 0.8), "heavy only": (True, 0.8),
                        "light only": (False, 0.4)}


def _labelled(*specs):
    return Batch(SOURCE, tuple(Output(f"o{i}", text, label, severity) for i, (text, label, severity)
                               in enumerate(specs)))


def test_the_grade_is_critical_failures_caught_times_agreement_above_what_a_trivial_bar_gets():
    batch = _labelled(*[("good refund", "accept", "none")] * 6, *[("bad voucher", "reject", "critical")] * 2,
                      ("bad other", "reject", "critical"), ("meh refund", "reject", "minor"))
    catches_two = bar(row("no voucher", "not_contains", "voucher", must=True))
    result = check_criteria(catches_two, batch)
    # 2 of 3 critical caught; agreement 8/10; floor 60% (everything passed); share 1
    assert math.isclose(result.earned, TOTAL * 2 / 3, rel_tol=1e-3) and not result.passed
    assert "missed_critical" in result.kinds() and "let_through_minor" in result.kinds()
    careful = bar(row("no voucher", "not_contains", "voucher; other", must=True),
                  row("no meh", "not_contains", "meh", must=True))
    assert check_criteria(careful, batch).passed and check_criteria(careful, batch).earned == TOTAL


def test_a_bar_the_reviewer_would_find_too_strict_loses_agreement_points_and_says_which_outputs():
    batch = _labelled(*[("good refund", "accept", "none")] * 6, *[("bad voucher", "reject", "critical")] * 4)
    strict = bar(row("no voucher", "not_contains", "voucher", must=True), row("says sorry", "contains", "sorry",
                                                                              must=True))
    result = check_criteria(strict, batch)
    assert result.earned == 0 and "sent_back_good" in result.kinds() and "low_agreement" in result.kinds()
    assert "o0" in next(f.message for f in result.findings if f.kind == "sent_back_good")


@pytest.mark.parametrize("answer, kind", [
    (None, "no_criteria"), ("just text", "no_criteria"), ({"criteria": []}, "no_criteria"),
    ({"criteria": [{"text": "", "check": "", "value": ""}]}, "no_criteria"),
    ({"criteria": "not a list"}, "no_criteria"), ({"criteria": [1, None, "x"]}, "no_criteria"),
    (bar(row("Tone is right", "reviewer")), "no_automatic_criteria"),
])
def test_answers_with_nothing_to_run_earn_nothing_and_say_why(answer, kind):
    result = check_criteria(answer, _labelled(("x", "accept", "none")))
    assert result.earned == 0 and not result.passed and result.problems[0].kind == kind


def test_an_empty_batch_is_reported_not_raised():
    result = check_criteria(bar(row("c", "contains", "x")), Batch(SOURCE, ()))
    assert result.earned == 0 and "empty_batch" in result.kinds()


def test_fifty_criteria_run_and_more_than_sixty_are_cut_with_a_note():
    batch = _labelled(("refund", "accept", "none"), ("voucher", "reject", "critical"))
    fifty = bar(*[row(f"No voucher {i}", "not_contains", "voucher", must=True) for i in range(50)])
    assert check_criteria(fifty, batch).passed
    many = read_bar(bar(*[row(f"c{i}", "contains", "x") for i in range(70)]))
    assert len(many.criteria) == 60 and "too_many_criteria" in {n.kind for n in many.notes}


def test_a_criterion_of_fifty_kilobytes_is_read_and_described_within_limits():
    huge = "Mentions the refund clearly " * 2000
    answer = bar(row(huge, "contains", huge[:50_000]))
    result = check_criteria(answer, _labelled(("refund", "accept", "none")))
    assert result.total == TOTAL
    assert len(describe_bar(answer)) < 6000


def test_markup_in_any_field_stays_text():
    answer = bar(row("<script>alert(1)</script>", "contains", "<b>x</b>", weight="<i>"))
    described = describe_bar(answer)
    assert "<script>alert(1)</script>" in described  # plain text; render.py escapes it wherever it is shown
    result = check_criteria(answer, _labelled(("<b>x</b>", "accept", "none")))
    assert result.passed


def test_wording_notes_are_suggestions_that_never_cost_points():
    answer = bar(row("Clear and professional", "contains", "refund", must=True),
                 row("The agent double-checks the amount", "number_near", "34.50"))
    result = check_criteria(answer, _labelled(("refund 34.50", "accept", "none"), ("voucher", "reject", "minor")))
    wording = [f for f in result.findings if f.kind.startswith("criterion_")]
    assert {f.kind for f in wording} >= {"criterion_vague_word", "criterion_about_worker"}
    assert all(f.cost == 0 for f in wording) and result.passed


def test_many_runaway_patterns_share_one_time_budget_so_a_batch_always_ends():
    outputs = tuple(Output(f"o{i}", "a" * 3000 + "b", "accept") for i in range(32))
    runaway = bar(*[row(f"runaway {i}", "pattern", rf"(a+)+{i}$", must=True) for i in range(60)])
    result = run_bar(read_bar(runaway), Batch(SOURCE, outputs))
    assert len(result.stopped) == 60
    # the budget stops patterns that never got a turn: most were never run at all
    never_run = [c for c in result.stopped
                 if "this batch" in next(o for crit, o in result.results[0].outcomes if crit is c).reason]
    assert len(never_run) > 40


@pytest.mark.parametrize("output, words", [
    ('{"ticket_id": "T-1", ', "not valid JSON"), ("[1, 2, 3]", "not an object"), ('"just text"', "not an object"),
    ("[" * 5000, "not valid JSON"),
])
def test_malformed_json_outputs_fail_with_a_reason_not_an_exception(output, words):
    result = outcome("json_fields", "ticket_id", output)
    assert result.passed is False and words in result.reason


@pytest.mark.parametrize("output", ['ticket_id,category\nT-1,"Refund', "ticket_id,category\nT-1,Refund,extra",
                                    "no table at all", "ticket_id,category\n\x00,\x00"])
def test_malformed_csv_outputs_fail_or_pass_with_a_reason_not_an_exception(output):
    result = outcome("csv_columns", "ticket_id, category, reason", output)
    assert result.passed is False and result.reason
