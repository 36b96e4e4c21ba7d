"""The SOP checker against people's labels, on spoiled versions of a good SOP, and on bad input.

Set 1 (tests/data) was used for tuning; set 2 was written by someone else who never read the checker and measured
only (95.0% after round 1), until round 2 read two of its SOPs to fix the special-category data rule: it is no
longer held out. Round 2 measures the verdict a learner sees ("Complete and safe" only when nothing that costs
points remains) on two double-labelled sets written far from the checker (tests/verdict_figures.py): set 3 (tuning)
first run 72.5%, after tuning 100%; set 4 (held out) first run 62.5%, first look after tuning 95.0%; set 5 (a third
writer) first run 57.5%, 92.5% before tuning on it, 97.5% after; set 4's second look 100%. The two labellers agreed
on 100% of every set. Round D: set 4 became a tuning set; a fresh held-out set 6 (benchmarks/data) by new writers in
other industries measured 75.0% at its first run (escalations naming a kind of case with no 'if' or 'when' read as
having no trigger: 24.3% false alarms) and 82.5% after the reading was made general on other material.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.checks.sop import MAX_STEPS, SopTask, check_sop, describe_sop, minutes, sop_markdown, time_saved
from course.data import meeting_notes
from tests.sop_examples import GOOD_SOP, spoiled
from tests.sop_figures import FLAWS, figures
from tests.verdict_figures import sop_figures

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "labelled_sops_1.json"
HELD_OUT = ROOT / "benchmarks" / "data" / "heldout_sops_2.json"
TASK = SopTask("The weekly meeting summary", slot="notes")
NOTES = [meeting_notes(1)]


@pytest.mark.parametrize("path, least", [(TUNING, 0.95), (HELD_OUT, 0.9)], ids=["set 1", "set 2"])
def test_the_checker_agrees_with_people_and_no_kind_of_flaw_raises_five_percent_false_alarms(path, least):
    found = figures(path)
    print(found.report())
    assert found.agreement >= least, found.report()
    assert found.clean_flagged == [], found.report()
    for kind in FLAWS:
        assert found.kinds[kind]["false_alarm_rate"] < 0.05, found.report()


@pytest.mark.parametrize("path, least", [(ROOT / "tests" / "data" / "labelled_sops_3.json", 0.97),
                                         (ROOT / "tests" / "data" / "labelled_sops_5.json", 0.97),
                                         (ROOT / "tests" / "data" / "labelled_sops_4.json", 0.97),
                                         (ROOT / "tests" / "data" / "labelled_sops_6.json", 0.92),
                                         (ROOT / "tests" / "data" / "labelled_sops_7.json", 0.95)],
                         ids=["set 3, tuning", "set 5, tuning", "set 4, tuning", "set 6 (round D), tuning",
                              "set 7 (round E), tuning"])
def test_the_verdict_a_learner_sees_agrees_with_people_on_sops_written_elsewhere(path, least):
    found = sop_figures(path)
    print(found.report())
    assert found.agreement >= least, found.report()
    ready = sum(people for people, _ in found.verdicts.values())
    assert len(found.ready_told_not_ready) <= 0.05 * ready, found.report()
    for kind in found.kinds:
        assert found.false_alarm_rate(kind) < 0.05, found.report()


def test_a_complete_safe_sop_meets_the_bar_with_no_finding():
    result = check_sop(GOOD_SOP, TASK, NOTES)
    assert result.passed and result.score == 1 and result.findings == ()


STEPS = GOOD_SOP["steps"]


@pytest.mark.parametrize("changes, kind", [
    ({"purpose": "tbc"}, "sop_missing_section"),
    ({"steps": []}, "sop_no_steps"),
    ({"steps": [{**STEPS[0], "actor": "someone"}, *STEPS[1:]]}, "sop_step_no_actor"),
    ({"steps": [{**STEPS[0], "result": "Done."}, *STEPS[1:]]}, "sop_step_no_result"),
    ({"steps": [*STEPS[:2], STEPS[3]]}, "sop_ai_step_unchecked"),
    ({"steps": [*STEPS[:2], {**STEPS[2], "actor": "Copilot"}, STEPS[3]]}, "sop_ai_step_unchecked"),
    ({"steps": [*STEPS[:2], STEPS[3], STEPS[2]]}, "sop_ai_step_unchecked"),  # checked after posting
    ({"review_who": "Whoever is free"}, "sop_no_review_person"),
    ({"review_who": "A colleague on the front desk"}, "sop_no_review_person"),
    ({"escalation": "The operations manager."}, "sop_no_escalation_trigger"),
    ({"escalation": "All queries go to Sam Reyes, ext. 2210."}, "sop_no_escalation_trigger"),
    ({"data_rules": "Paste the customer emails into the free version of ChatGPT on your own phone."},
     "sop_unsafe_data"),
    ({"data_rules": "Agents paste the notes, customer names included, into their personal ChatGPT account."},
     "sop_unsafe_data"),
    ({"data_rules": "Be careful with customer data."}, "sop_unsafe_data"),
    ({"prompt": GOOD_SOP["prompt"] + "\nCustomer: Ada Finch, ada.finch@example.com"}, "sop_unsafe_data"),
    ({"inputs": "The caller's sickness record and fit notes.", "data_rules": "Only the company Copilot."},
     "sop_unsafe_data"),
    ({"review_date": "When needed"}, "sop_no_owner_or_date"),
    ({"owner": "The whole support team"}, "sop_no_owner_or_date"),
    ({"prompt": "Summarise the meeting notes for colleagues in 3 to 5 bullets, at most 150 words."},
     "sop_prompt_no_input"),
])
def test_each_structural_rule_costs_points_and_any_of_them_means_not_ready_yet(changes, kind):
    result = check_sop(spoiled(**changes), TASK, NOTES)
    costing = {f.kind: f.cost for f in result.problems}
    assert costing.get(kind, 0) > 0, result.kinds()
    assert not result.passed and result.summary.startswith("Fix first: ")


@pytest.mark.parametrize("changes", [
    {"review_date": "Quarterly"}, {"review_date": "30 September"},
    {"review_date": "Every 6 months, and after the pilot"},
    {"escalation": "Orders over 500 euros or a legal threat: to the supervisor the same day."},
    {"escalation": "Anything involving a child goes straight to the duty safeguarding lead."},
    {"escalation": "Readings outside the agreed range are passed to the senior technician."},
    {"data_rules": "Only the company Copilot. Never paste names into the free chatbot or a personal account."},
])
def test_what_people_write_in_other_words_is_read_as_they_mean_it(changes):
    result = check_sop(spoiled(**changes), TASK, NOTES)
    assert result.passed and result.problems == (), result.kinds()


def test_wording_only_suggests():
    vague = spoiled(steps=[*STEPS[:3], {**STEPS[3], "action": "Tidy it up and make sure it is ok"}])
    result = check_sop(vague, TASK, NOTES)
    assert "sop_vague_step" in result.kinds() and result.problems == () and result.passed


@pytest.mark.parametrize("value", [None, "text", [], {}, {"steps": "nope"}, {"steps": [1, None, "x"]},
                                   {"title": {"nested": True}}])
def test_an_answer_with_nothing_in_it_earns_nothing_and_says_so(value):
    result = check_sop(value, TASK)
    assert result.earned == 0 and result.problems[0].kind == "sop_empty"


def test_an_sop_earns_only_for_the_parts_it_has():
    one_line = check_sop({"purpose": "Colleagues who missed the meeting know what was decided."}, TASK)
    assert one_line.earned == 1 and not one_line.passed  # the purpose, nothing else


def test_two_hundred_steps_of_fifty_kilobytes_each_duplicates_and_markup_are_read_without_an_exception():
    huge = "<script>alert(1)</script> " + "x" * 50_000
    steps = [{"actor": "Team lead", "kind": "person", "action": huge, "result": "Posted"}] * (MAX_STEPS + 5)
    result = check_sop(spoiled(steps=steps), TASK, NOTES)
    assert {"sop_too_many_steps", "sop_duplicate_steps"} <= result.kinds()
    markdown = sop_markdown(spoiled(title="<b>Title</b>", steps=steps[:2]))
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown and "&lt;b&gt;Title&lt;/b&gt;" in markdown
    assert "<b>Title</b>" in describe_sop(spoiled(title="<b>Title</b>"))  # plain text for the grader, as typed


def test_the_honest_time_saved_counts_review_and_rework():
    saved = time_saved(GOOD_SOP)
    assert (saved.before, saved.with_ai, saved.per_run, saved.per_week) == (42, 15, 27, 27)
    odd = time_saved(spoiled(steps=[{**STEPS[0], "minutes_before": "ten"}, *STEPS[1:]], runs_per_week="5"))
    assert odd.unreadable == (1,) and odd.runs_per_week == 5


@pytest.mark.parametrize("typed, expected", [("12", 12), ("1,5", 1.5), ("90 min", 90), ("", None), ("-3", None),
                                             ("NaN", None), ("99999999", None)])
def test_minutes_are_read_as_typed_or_not_at_all(typed, expected):
    assert minutes(typed) == expected


@pytest.mark.parametrize("rule, safe", [
    ("Handlers may paste the checklist into their own ChatGPT account to save time.", False),
    ("Staff upload the week's export to a free AI app on their phone.", False),
    ("Copy the summary into your personal chatbot to tidy it up.", False),
    ("Never paste anything into a personal ChatGPT account; the approved company AI tool only.", True),
    ("The approved company AI tool only; do not type work details into a free chatbot.", True),
])
def test_putting_the_teams_work_into_a_consumer_tool_is_never_complete_and_safe(rule, safe):
    """By the data rule, internal work material goes into the approved tool only, whatever the material is."""
    feedback = check_sop(spoiled(data_rules=rule), TASK, NOTES)
    assert ("sop_unsafe_data" not in feedback.kinds()) == safe, feedback.summary
    assert feedback.passed == safe


def test_the_sop_a_grader_reads_is_plain_text_and_the_handed_out_file_is_markdown():
    plain, markdown = describe_sop(GOOD_SOP), sop_markdown(GOOD_SOP)
    assert not any(mark in plain for mark in ("##", "**", "```", "~~~")) and "Steps:" in plain
    assert "(the AI)" in plain and "(the ai)" not in plain + markdown
    assert markdown.startswith("# ") and "## Steps" in markdown and "**" in markdown


@pytest.mark.parametrize("review_who, nobody", [
    ("A second reader from the team - whoever is free that afternoon", True),
    ("Anyone available on the day", True),
    ("Team lead, or whoever is free when she is off", False),
    ("Whoever is on duty at the front desk", False),
    ("Whoever is producing the morning bulletin that day", False),
])
def test_whoever_happens_to_be_free_names_nobody_and_whoever_holds_a_post_names_a_role(review_who, nobody):
    feedback = check_sop(spoiled(review_who=review_who), TASK, NOTES)
    assert ("sop_no_review_person" in feedback.kinds()) == nobody, feedback.summary


@pytest.mark.parametrize("rule, safe", [
    ("The approved company Copilot only. Keep it off personal ChatGPT accounts.", True),
    ("The approved company Copilot only; bank details and medical information stay in the claims system.", True),
    ("Treat customer details with care and follow the company privacy notice.", False),
])
def test_data_kept_off_a_tool_or_in_its_system_is_safe_and_a_rule_naming_no_tool_is_not(rule, safe):
    feedback = check_sop(spoiled(data_rules=rule), TASK, NOTES)
    assert ("sop_unsafe_data" not in feedback.kinds()) == safe, feedback.summary
