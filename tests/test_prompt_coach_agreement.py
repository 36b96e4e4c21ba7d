"""The free-text prompt coach measured against prompts labelled by hand.

The first set was labelled before the coach was written; the second and third were written later by someone
who never read the coach (their first-run figures, before any tuning on them, are kept in the files). All are
held to the same bars.

Prints pass/fail agreement and, per kind of finding, how often it was found where labelled (recall) and how
often it was raised where the label says it does not apply (false alarms). A kind may cost points only with
a false-alarm rate under 5% (DESIGN.md); the test holds the coach to that.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from course.checks.prompt_text import COSTS, check_prompt_text

DATA = Path(__file__).parent / "data"
SETS = {name: json.loads((DATA / f"{name}.json").read_text("utf-8"))["prompts"]
        for name in ("labelled_prompts", "labelled_prompts_2", "labelled_prompts_3")}
LABELLED = SETS["labelled_prompts"]
EVERY = [prompt for prompts in SETS.values() for prompt in prompts]
KINDS = sorted({kind for p in EVERY for kind in p["flaws"]} | set(COSTS))


@pytest.fixture(scope="module")
def results():
    return {p["id"]: check_prompt_text(p["text"]) for p in EVERY}


def rates(results, prompts):
    table = {}
    for kind in KINDS:
        counts = Counter()
        for prompt in prompts:
            labelled, found = kind in prompt["flaws"], kind in results[prompt["id"]].kinds()
            counts[(labelled, found)] += 1
        negatives = counts[(False, False)] + counts[(False, True)]
        positives = counts[(True, True)] + counts[(True, False)]
        table[kind] = {
            "labelled": positives,
            "found_where_labelled": counts[(True, True)],
            "false_alarms": counts[(False, True)],
            "false_alarm_rate": counts[(False, True)] / negatives if negatives else 0.0,
            "recall": counts[(True, True)] / positives if positives else 1.0,
        }
    return table


def test_at_least_sixty_labelled_prompts_of_every_sort():
    assert len(LABELLED) >= 60
    assert sum(p["passes"] for p in LABELLED) >= 20 and sum(not p["passes"] for p in LABELLED) >= 20
    for sort in ("other_language", "only_url", "only_code", "personal_data", "contradiction", "vague_constraint"):
        assert any(sort in p["flaws"] for p in LABELLED), sort


@pytest.mark.parametrize("name", SETS)
def test_pass_fail_agreement_is_at_least_90_percent(results, capsys, name):
    prompts = SETS[name]
    agree = [p["id"] for p in prompts if results[p["id"]].passed == p["passes"]]
    disagree = [p["id"] for p in prompts if p["id"] not in agree]
    table = rates(results, prompts)
    with capsys.disabled():
        share = len(agree) / len(prompts)
        print(f"\nprompt coach on {name}: pass/fail agreement {len(agree)}/{len(prompts)} = {share:.1%}"
              f"; disagreements: {', '.join(disagree) or 'none'}")
        print(f"{'kind':22} {'labelled':>8} {'found':>6} {'recall':>7} {'false alarms':>13} {'rate':>6} costs")
        for kind, row in table.items():
            print(f"{kind:22} {row['labelled']:8} {row['found_where_labelled']:6} {row['recall']:7.0%} "
                  f"{row['false_alarms']:13} {row['false_alarm_rate']:6.1%} {COSTS.get(kind, 0):g}")
    assert len(agree) / len(prompts) >= 0.90, disagree


@pytest.mark.parametrize("name", SETS)
def test_only_findings_with_under_5_percent_false_alarms_cost_points(results, name):
    table = rates(results, SETS[name])
    for kind, cost in COSTS.items():
        if cost:
            assert table[kind]["false_alarm_rate"] < 0.05, (kind, table[kind])


@pytest.mark.parametrize("prompt", EVERY, ids=lambda p: p["id"])
def test_every_labelled_prompt_gets_a_sentence(results, prompt):
    feedback = results[prompt["id"]]
    assert feedback.summary and 0 <= feedback.score <= 1


def test_a_repaired_triage_prompt_must_carry_the_tickets_and_name_the_categories():
    from course.tasks import get_task
    from tests.answers_for_tests import REPAIR_GOOD, WEAK_REPAIR

    repair = get_task("repair_prompt")
    assert repair.check(REPAIR_GOOD).earned == 10 and repair.check(REPAIR_GOOD, [8]).passed
    for answer, _visible, _hidden, kinds in WEAK_REPAIR.values():
        assert {f.kind for f in repair.check(answer).problems if f.cost} == kinds


HUNDRED_KB = ("You are a team lead. Summarise the notes below for the team as 3 bullets, at most 80 words.\n"
              + "Background: the queue grew again this week and refunds rose. " * 1700)
ODD = [None, 42, float("nan"), ["a list"], {"a": "dict"}, "", "   \n\t", "🙂" * 5000, "e\u0301" * 3000,
       "שלום עולם, סכם את ההערות", "<script>alert(1)</script>", "<img src=x onerror=alert(1)> as a table",
       "[x](javascript:alert(1))", "$x^2$ " * 100, "\x00\x1b[31m", "a@b." * 250_000, "1" * 1_000_000, HUNDRED_KB]


@pytest.mark.parametrize("text", ODD, ids=lambda t: repr(t)[:30])
def test_odd_input_gets_a_sentence_and_never_an_exception(text):
    feedback = check_prompt_text(text)
    assert feedback.summary and 0 <= feedback.score <= 1 and feedback.findings is not None


def test_what_the_coach_cannot_judge_it_says_so():
    assert check_prompt_text("https://intranet.example.com/notes").kinds() == {"only_url"}
    assert check_prompt_text("SELECT * FROM tickets;").kinds() == {"only_code"}
    other = check_prompt_text("Fasse die Notizen für das Team in drei Stichpunkten zusammen, höchstens 80 Wörter.")
    assert other.kinds() == {"other_language"} and "cannot judge" in other.summary
    assert len(HUNDRED_KB) > 100_000
    assert check_prompt_text(HUNDRED_KB).passed
