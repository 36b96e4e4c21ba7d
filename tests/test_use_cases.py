"""The use-case engine (module 01): the fixed rules, the documented score, bad inventories and answers, and its
agreement with an adoption lead's labels on inventories written by people who never saw the engine."""

from __future__ import annotations

import pytest

from course.checks.use_cases import (
    DEFAULT_WEIGHTS,
    MAX_TASKS,
    broken_rules,
    check_answer,
    factors,
    rank,
    read_inventory,
    score,
    suggest,
)
from course.data import task_inventory
from tests.answers_for_01 import COURIERS, DRAFTS, MEETINGS, RETURNS, TICKETS
from tests.use_case_figures import figures, labelled

ROW = {"task": "Weekly summary", "runs_per_week": "5", "minutes_per_run": "20", "error_cost": "low",
       "data": "internal", "input": "standard", "tool": "enterprise", "review_step": "yes"}


def candidate(**change):
    found, problems = read_inventory([{**ROW, **change}])
    assert not problems, problems
    return found[0]


@pytest.mark.parametrize("change, rules", [
    ({}, []),
    ({"data": "personal", "tool": "consumer"}, ["unsafe_tool"]),
    ({"data": "confidential", "tool": "consumer"}, ["unsafe_tool"]),
    ({"data": "public", "tool": "consumer"}, []),
    ({"error_cost": "critical", "review_step": "no"}, ["critical_unreviewed"]),
    ({"error_cost": "critical", "review_step": "yes"}, []),
    ({"runs_per_week": "0.5", "minutes_per_run": "200"}, ["too_rare"]),
    ({"runs_per_week": "2", "minutes_per_run": "20"}, ["too_small"]),
    ({"input": "varies"}, ["input_varies"]),
    ({"tool": "none"}, ["no_tool"]),
    ({"task": "Weekly leaderboard of agents by tickets closed"}, ["ranks_people"]),
    ({"task": "Flag the slowest pickers to their manager"}, ["ranks_people"]),
    ({"task": "Claims-closed-per-day scorecard for each handler"}, ["ranks_people"]),
    ({"task": "Summarise planning applications for the officer's report"}, []),
    ({"task": "Draft replies for each agent to send"}, []),
])
def test_the_fixed_rules(change, rules):
    assert broken_rules(candidate(**change)) == rules


def test_the_score_is_the_documented_weighted_average():
    c = candidate(error_cost="high", review_step="yes", data="personal", input="mixed")
    parts = factors(c, most_minutes=100)
    assert parts == {"time": 1.0, "routine": 0.6, "safety": 0.75, "data": 0.5}
    weights = {"time": 4, "routine": 1, "safety": 2, "data": 1}
    assert score(c, weights, 100) == round(100 * (4 * 1.0 + 0.6 + 2 * 0.75 + 0.5) / 8, 1)
    assert score(c, dict.fromkeys(weights, 0), 100) == round(100 * (1.0 + 0.6 + 0.75 + 0.5) / 4, 1)


def test_no_weight_makes_a_consumer_tool_with_personal_data_score_as_safe_data():
    unsafe = candidate(data="personal", tool="consumer")
    assert factors(unsafe, 100)["data"] == 0.0


@pytest.mark.parametrize("rows, words", [
    ([], "has no tasks"),
    ([{**ROW, "task": "  "}], "Row 1 has no task name"),
    ([ROW, {**ROW, "task": "weekly  SUMMARY"}], "Row 2: “weekly SUMMARY” is already on row 1"),
    ([{**ROW, "minutes_per_run": "0"}], "minutes per run “0” is not a number above 0"),
    ([{**ROW, "runs_per_week": "-3"}], "runs per week “-3” is not a number above 0"),
    ([{**ROW, "runs_per_week": "often"}], "runs per week “often” is not a number"),
    ([{**ROW, "runs_per_week": "nan"}], "is not a number"),
    ([{**ROW, "tool": "ChatGPT"}], "the tool “chatgpt” is not one of: enterprise, consumer, none"),
])
def test_an_unusable_row_is_named_by_its_number_and_left_out(rows, words):
    found, problems = read_inventory(rows)
    assert len(found) == max(0, len(rows) - 1) and any(words in p.message for p in problems), \
        [p.message for p in problems]


def test_five_hundred_rows_are_cut_to_the_limit_with_a_note():
    rows = [{**ROW, "task": f"Task {n}"} for n in range(500)]
    found, problems = read_inventory(rows)
    assert len(found) == MAX_TASKS and "500 tasks" in problems[0].message


def test_text_from_a_learner_is_kept_as_text():
    found, _ = read_inventory([{**ROW, "task": "<script>alert(1)</script> 🙂 Zoë's notes"}])
    assert found[0].task == "<script>alert(1)</script> 🙂 Zoë's notes"


TEAM = read_inventory(task_inventory(1))[0]


@pytest.mark.parametrize("value, words", [
    (None, "No tasks are picked"),
    ({"picks": []}, "No tasks are picked"),
    ({"picks": ["Make tea", TICKETS, DRAFTS, RETURNS]}, "“Make tea” is not a task of the inventory"),
    ({"picks": [TICKETS]}, "Only 1 task(s) are picked"),
    ({"picks": [TICKETS, DRAFTS, RETURNS, MEETINGS, COURIERS, "x", "y"]}, "7 tasks are picked"),
    ({"weights": {"time": "lots"}, "picks": [TICKETS, DRAFTS, RETURNS]}, "weight for time (“lots”)"),
    ({"weights": {"time": 9}, "picks": [TICKETS, DRAFTS, RETURNS]}, "weight for time (“9”)"),
])
def test_a_bad_answer_gets_a_plain_finding_and_never_raises(value, words):
    result = check_answer(value, TEAM, own_inventory=True)
    assert any(words in f.message for f in result.findings), [f.message for f in result.findings]


def test_a_pick_that_must_not_be_piloted_costs_a_share_more_than_nothing():
    safe = check_answer({"weights": DEFAULT_WEIGHTS, "picks": [TICKETS, DRAFTS, RETURNS]}, TEAM, own_inventory=True)
    unsafe = check_answer({"weights": DEFAULT_WEIGHTS, "picks": [TICKETS, DRAFTS, COURIERS]}, TEAM,
                          own_inventory=True)
    assert safe.score == 1.0 and unsafe.score == pytest.approx(0.6 * (1 / 3) + 0.4)
    assert [f.kind for f in unsafe.findings] == ["unsafe_tool"]


def test_the_ranking_keeps_the_inventorys_order_for_ties():
    twins = read_inventory([{**ROW, "task": "A"}, {**ROW, "task": "B"}])[0]
    assert [c.task for c, _ in rank(twins, DEFAULT_WEIGHTS)] == ["A", "B"]


def test_a_task_no_ai_tool_would_do_scores_nothing_and_is_never_suggested():
    tasks = [candidate(task="Rota", tool="none", runs_per_week="5", minutes_per_run="60"), candidate(task="Drafts")]
    assert score(tasks[0], DEFAULT_WEIGHTS, 300) == 0 and [c.task for c in suggest(tasks)] == ["Drafts"]


# --- agreement with labels written elsewhere (set 1 tuned the default weights; set 2 was held out; set 3, 40
# inventories from published use-case lists labelled twice (99.3% per task, kappa 0.99), tuned the ranking rule) ---

@pytest.mark.parametrize("number", [1, 2, 3])
def test_the_engines_suggestions_never_hold_a_must_not_task_or_one_without_a_tool(number):
    result = figures(labelled(number))
    assert result["with_must_not"] == 0
    for inventory in labelled(number):
        candidates, _ = read_inventory(inventory["tasks"])
        assert all(c.tool != "none" for c in suggest(candidates, count=len(inventory["good_picks"]) or 3))


def test_on_the_held_out_set_the_suggestions_mostly_agree_with_the_lead():
    assert figures(labelled(2))["overlap"] >= 0.85  # 94% when measured; 91% before the weights were tuned


@pytest.mark.parametrize("number", [1, 2, 3])
def test_every_rule_that_costs_points_false_alarms_on_under_5_percent_of_its_findings(number):
    for kind, counts in figures(labelled(number))["per_rule"].items():
        assert counts["good"] / sum(counts.values()) < 0.05, kind


@pytest.mark.parametrize("runs, words", [(0.25, "about once a month"), (0.5, "about once every two weeks"),
                                         (1, "about once a week"), (3, "3 times a week"), (0.1, "a few times a year")])
def test_how_often_a_task_runs_is_said_in_words(runs, words):
    from course.checks.use_cases import how_often

    assert how_often(runs) == words


def test_the_inventory_is_shown_with_plain_headings_and_no_row_numbers():
    from course.data import task_inventory_table

    page = task_inventory_table().to_html()
    assert ">How often<" in page and ">A person reviews it<" in page and "runs_per_week" not in page
    assert ">about once a month<" in page and "0.25" not in page  # how often in words, not in fractions of a week
    assert 'class="row_heading' not in page  # no index column of 0, 1, 2 …
    assert ">450<" in page and "450.0" not in page  # minutes without decimals nobody needs
    assert ">the approved tool<" in page and ">no AI tool<" in page and ">enterprise<" not in page  # module 00's words


@pytest.mark.parametrize("change, cautions", [
    ({"data": "personal"}, ["personal_in_tool"]),              # personal data in the approved tool: a caution
    ({"data": "personal", "tool": "none"}, []),                # no AI tool does it: no data goes anywhere
    ({"data": "personal", "tool": "consumer"}, []),            # a rule broken (unsafe_tool), not a caution
    ({"error_cost": "high", "review_step": "no"}, ["high_unreviewed"]),
])
def test_a_caution_is_only_said_where_it_can_happen(change, cautions):
    from course.checks.use_cases import warnings_for

    assert warnings_for(candidate(**change)) == cautions


def test_fine_picks_beside_weights_whose_top_picks_break_a_rule_are_told_why_in_plain_words():
    safe_data_ignored = {**DEFAULT_WEIGHTS, "data": 0, "safety": 0}  # the courier chase in a free chatbot climbs
    weights_top = [c.task for c, _s in rank(TEAM, safe_data_ignored)][:3]
    assert COURIERS in weights_top
    result = check_answer({"weights": safe_data_ignored, "picks": [TICKETS, DRAFTS, RETURNS]}, TEAM,
                          own_inventory=True)
    assert not result.passed and "Your picks are fine, but your weights put" in result.summary
    assert COURIERS in result.summary and "another team's list" in result.summary
    fine = check_answer({"weights": DEFAULT_WEIGHTS, "picks": [TICKETS, DRAFTS, RETURNS]}, TEAM, own_inventory=True)
    assert "Your picks are fine, but" not in fine.summary
