"""The metric card checker against people's labels, on plain examples, and on bad input.

Set 1 (tests/data) was used for tuning; set 2 (benchmarks/data) was written by someone else who never read the
checker, and is measured only. First run on set 1, before tuning: 84.1% agreement (no_quality_guardrail 17.1% and
per_person_tracking 8.1% false alarms); held-out set 2 after tuning: 81.8% at the first look, 88.6% after
a fix the plain examples below called for; every kind under 5% false alarms.

Round 2 measures the verdict a learner sees (ready only when nothing that costs points remains) on double-labelled
sets written far from the checker (tests/verdict_figures.py), the two labellers agreeing on 100% of each. Set 3
(tuning) first run 52.3%, after tuning 97.7%; set 4 (held out) first run 45.5%, first look after tuning on set 3
79.5%; set 5 (a third writer) first run 50.0%, 72.9% before tuning on it, 100% after; set 4's second look 81.8%,
where 'the formula answers another question' raised 7.3% false alarms and became a suggestion: 84.1% (sets 3 and 5
93.2% and 93.8%, as they label that kind a flaw). The gap left on set 4: no_quality_guardrail 7.5% and
vanity_metric 5.0% false alarms. Round D: set 4 became a tuning set; general readings (a breakdown or ranking of
people at work, a guardrail that limits anything but time, money, volume or use, a formula that answers another
question costing points) took sets 3, 4 and 5 to 95.5%, 95.5% and 97.9%; a fresh held-out set 6 by new writers
measured 70.8% at its first run and 85.4% after.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.checks.metric_card import check_card, check_cards
from tests.card_figures import FLAWS, figures
from tests.verdict_figures import card_figures

ROOT = Path(__file__).resolve().parent.parent

GOOD_CARD = {"name": "Net minutes saved per ticket (triage)", "question": "Should we scale AI triage to the team?",
             "formula": "(baseline minutes - AI minutes - review - rework) / tickets triaged with AI",
             "data_source": "Helpdesk time log and the weekly review sheet", "baseline": "3.1 minutes, weeks 1-2",
             "target": "At least 1 minute saved per ticket by week 5", "owner": "Team lead, Customer Operations",
             "cadence": "Weekly in the pilot, monthly from day 61", "guardrail": "Error rate within 1 point of 5%",
             "kind": "lagging"}


@pytest.mark.parametrize("path, least", [(ROOT / "tests/data/labelled_cards_1.json", 0.95),
                                         (ROOT / "benchmarks/data/heldout_cards_2.json", 0.8)],
                         ids=["tuning", "held out"])
def test_the_checker_agrees_with_people_and_no_kind_raises_five_percent_false_alarms(path, least):
    found = figures(path)
    print(found.report())
    assert found.agreement >= least, found.report()
    for kind in FLAWS:
        assert found.kinds[kind]["false_alarm_rate"] < 0.05, found.report()


@pytest.mark.parametrize("name", ["labelled_cards_3.json", "labelled_cards_4.json", "labelled_cards_5.json",
                                  "labelled_cards_8.json",  # round F: held out at 90.8%, tuned on -> 98.5%
                                  "labelled_cards_9.json",  # round G: held out at 85.0%, tuned on -> 98.3%
                                  "labelled_cards_10.json"])  # round I: held out at 78.3%, tuned on -> 95.0%
def test_the_verdict_a_learner_sees_agrees_with_people_on_cards_written_elsewhere(name):
    found = card_figures(ROOT / "tests/data" / name)
    print(found.report())
    assert found.agreement >= 0.93 and not found.ready_told_not_ready, found.report()
    for kind in found.kinds:
        assert found.false_alarm_rate(kind) < 0.05, found.report()


def test_the_held_out_figure_stays_where_it_was_measured():
    held_out = card_figures(ROOT / "benchmarks/data/heldout_cards_6.json")
    print(held_out.report())
    assert held_out.agreement >= 0.85, held_out.report()  # round D: 70.8% before tuning on other sets, 85.4% after
    fresh = card_figures(ROOT / "benchmarks/data/heldout_cards_7.json")
    assert fresh.agreement >= 0.91, fresh.report()  # round E, measured once: 91.0%


def test_a_sound_card_meets_the_bar_with_no_finding():
    result = check_card(GOOD_CARD)
    assert result.passed and result.score == 1 and result.findings == ()


@pytest.mark.parametrize("changes, kind", [
    ({"baseline": "we'll see"}, "card_no_baseline"),
    ({"target": "as high as possible"}, "card_target_no_number"),
    ({"name": "Prompts sent per week", "formula": "count of prompts sent to the assistant"}, "card_vanity_metric"),
    ({"guardrail": "Adoption stays above 80%"}, "card_no_quality_guardrail"),
    ({"owner": "everyone"}, "card_no_owner"),
    ({"cadence": "quarterly"}, "card_cadence_unfit"),
    ({"formula": "minutes saved per agent, ranked, lowest three named"}, "card_per_person_tracking"),
    ({"formula": "We look at how it went in the team meeting."}, "card_formula_not_computation"),
    ({"name": "AI summaries", "question": "How many summaries is Copilot producing?",
      "formula": "Count of AI-generated summaries in the week"}, "card_vanity_metric"),
    ({"owner": "Billing team (shared)"}, "card_no_owner"),
])
def test_each_flaw_is_found_and_costs_points(changes, kind):
    result = check_card({**GOOD_CARD, **changes})
    assert kind in {f.kind for f in result.problems}
    assert not result.passed and result.summary.startswith("Fix first: ")


def test_a_formula_that_answers_another_question_costs_points():
    result = check_card({**GOOD_CARD, "question": "Are fewer errors reaching customers?",
                         "formula": "Median minutes from ticket to reply"})
    off = [f for f in result.problems if f.kind == "card_formula_off_question"]
    assert off and off[0].cost == 2 and not result.passed


@pytest.mark.parametrize("changes, kind", [
    ({"formula": "Errors found ÷ items checked × 100, one line per caseworker"}, "card_per_person_tracking"),
    ({"formula": "Errors ÷ policies checked × 100, results split by the underwriter"}, "card_per_person_tracking"),
    ({"formula": "Minutes per claim ÷ claims, listed slowest first"}, "card_per_person_tracking"),
    ({"guardrail": "Overtime stays under 10 hours a week"}, "card_no_quality_guardrail"),
    ({"guardrail": "Licence spend no more than £400 a month"}, "card_no_quality_guardrail"),
    ({"owner": "Whole office - we all look after it"}, "card_no_owner"),
    ({"name": "<<name of the measure>>"}, "card_missing_field"),
    ({"guardrail": "Lift availability for the morning shift stays at or above 95%"}, "card_no_quality_guardrail"),
    ({"name": "Tailored reminders", "formula": "Count of AI-personalised reminder letters sent per week",
      "target": "400 a week by week 3"}, "card_vanity_metric"),
    # rounds G and I: a floor on volume or morale guards no quality; outputs the tool turned out, even per day; the
    # tool as owner; a formula of impressions; a cadence for a quiet spell; people ranked to get the jobs
    ({"guardrail": "Items logged per shift must not drop below 55"}, "card_no_quality_guardrail"),
    ({"guardrail": "Recruiter wellbeing pulse stays at 3.5/5 or above"}, "card_no_quality_guardrail"),
    ({"name": "AI summaries", "formula": "AI summaries generated per week ÷ 5 working days",
      "target": "4 a day"}, "card_vanity_metric"),
    ({"name": "Drafts", "formula": "Number of emails sent from the AI draft queue each week"}, "card_vanity_metric"),
    ({"name": "Defect summaries produced", "formula": "Count of defect summaries generated by the tool per shift"},
     "card_vanity_metric"),
    ({"owner": "Copilot"}, "card_no_owner"),
    ({"formula": "Based on feedback from the teachers and the director's impression at the end of each block"},
     "card_formula_not_computation"),
    ({"cadence": "When the workshop has a quiet spell"}, "card_cadence_unfit"),
    ({"formula": "Minutes saved per report, shown per linguist with name so PMs give the jobs to the fastest ones"},
     "card_per_person_tracking"),
    ({"question": "Are the credit notes the AI drafts correct?",
      "formula": "Total value of credit notes raised ÷ credit notes raised"}, "card_formula_off_question"),
])
def test_general_readings_find_flaws_however_they_are_worded(changes, kind):
    assert kind in {f.kind for f in check_card({**GOOD_CARD, **changes}).problems}


@pytest.mark.parametrize("changes", [
    {"guardrail": "Invoices re-issued after posting: no more than 2 in 100"},  # a limit on redone work
    {"formula": "(baseline - AI minutes - review) / tickets, team total (not per named agent)"},
    {"formula": "(baseline minutes - AI minutes - review) / tickets triaged, checked by a team lead"},
    {"name": "Permit requests answered within 10 working days",
     "question": "Are more permit requests answered within the 10 working day limit?",
     "formula": "Requests answered within 10 working days ÷ requests due × 100",
     "guardrail": "Appeals upheld stay at or below 2 a month"},
    {"name": "Where the saved hours go", "question": "What share of the hours saved goes into customer call-backs?",
     "formula": "Hours booked to CALLBACK in the week ÷ hours saved in the week × 100"},
    {"name": "Where the saved time goes", "guardrail": "",  # redeployment guards itself, whatever its words
     "question": "Of the hours the pilot group saves, what share goes to callbacks, process fixes or learning?",
     "formula": "Hours logged to the callback, process fix and learning codes ÷ hours saved × 100"},
    {"name": "TBD estimate gap", "guardrail": "Quote turnaround stays under 1 working day",  # accuracy guards itself
     "question": "How close are the AI-assisted estimates to the hours the job took?",
     "formula": "Average of |actual hours − estimated hours| ÷ estimated hours × 100"},
])
def test_sound_cards_worded_in_other_ways_cost_nothing(changes):
    result = check_card({**GOOD_CARD, **changes})
    assert result.passed, [f.message for f in result.problems]


@pytest.mark.parametrize("changes", [
    {"guardrail": "Agreement with the senior reviewer stays at or above 90%"},
    {"guardrail": "Complaints do not rise above 3 a week"},
    {"name": "Change failure rate, AI-reviewed pull requests",
     "question": "Do fewer releases break with the AI reviewing pull requests?",
     "formula": "Deployments needing a rollback or hotfix / all deployments x 100"},
    {"owner": "Practice manager, Commercial team"},
    {"name": "Invoices right first time", "question": "Are more invoices correct first time with AI drafting?",
     "formula": "Invoices with no credit note raised within 30 days ÷ invoices issued × 100"},
    {"name": "Copilot use on the desk", "question": "How much is Copilot being used by the desk for customer work?",
     "formula": "Desk staff who used Copilot for a real customer reply in the week ÷ desk staff × 100",
     "guardrail": "Reopened tickets stay at or below 4%"},
    {"formula": "Tickets solved in the week / agent working days (team total, not per named agent)"},
])
def test_what_people_write_in_other_words_is_read_as_they_mean_it(changes):
    result = check_card({**GOOD_CARD, **changes})
    assert result.passed and not any(f.cost for f in result.findings), result.kinds()


@pytest.mark.parametrize("value", [None, "text", [], {}, {"name": 5}])
def test_an_empty_or_odd_card_earns_nothing_and_says_so(value):
    result = check_card(value)
    assert result.earned == 0 and result.problems[0].kind == "card_empty"


def test_three_cards_are_scored_together_and_missing_ones_count_as_empty():
    result = check_cards({"cards": [GOOD_CARD, {**GOOD_CARD, "owner": ""}]})
    assert result.total == 3 * check_card(GOOD_CARD).total
    assert any(f.where.startswith("card 3") and f.kind == "card_empty" for f in result.findings)
    assert any(f.where.startswith("card 2") and f.kind == "card_no_owner" for f in result.findings)
    assert not result.passed


def test_a_fifty_kilobyte_field_and_markup_are_read_without_an_exception():
    result = check_card({**GOOD_CARD, "formula": "<script>alert(1)</script> " * 2000})
    assert result.total > 0
