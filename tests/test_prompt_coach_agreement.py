"""The free-text prompt coach measured against prompts labelled by hand.

Sets 1 to 9 were written without reading the coach (the first-run figures, before any tuning on a set, are kept in
each file's "about"); all are used for tuning now and held to the same bars. The set kept back for measuring only
is benchmarks/data/heldout_prompts_10.json (see benchmarks/prompt_coach_heldout.py).

Bars (DESIGN.md and the trustworthy-feedback issue): at least 90% pass/fail agreement, at most 5% of good prompts
failed, the better prompt of a pair strictly higher in at least 85% of pairs, and a kind of finding may cost points
only with under 5% false alarms on every set.
"""

import json
from pathlib import Path

import pytest

from course.checks.prompt_text import check_prompt_text
from tests.coach_figures import figures

DATA = Path(__file__).parent / "data"
SETS = {path.stem: figures(path) for path in sorted(DATA.glob("labelled_prompts*.json"))
        if "prompts" in json.loads(path.read_text("utf-8"))}  # round 2 sets: tests/verdict_figures.py


def test_the_sets_are_large_and_varied():
    assert sum(len(s.prompts) for s in SETS.values()) >= 240
    every = [p for s in SETS.values() for p in s.prompts]
    assert sum(p["passes"] for p in every) >= 100 and sum(not p["passes"] for p in every) >= 80
    for sort in ("other_language", "only_url", "only_code", "personal_data", "contradiction", "vague_constraint",
                 "unreadable", "missing_task"):
        assert any(sort in p["flaws"] for p in every), sort
    assert len(SETS["labelled_prompts_5"].pairs()) >= 15


@pytest.mark.parametrize("name", SETS)
def test_pass_fail_agreement_is_at_least_90_percent(capsys, name):
    found = SETS[name]
    with capsys.disabled():
        print("\n" + found.report())
    assert found.agreement >= 0.90, [p for p in found.prompts if p["id"] not in found.agreeing]


@pytest.mark.parametrize("name", SETS)
def test_at_most_5_percent_of_good_prompts_fail(name):
    found = SETS[name]
    assert len(found.good_failed) <= 0.05 * found.good, found.good_failed


def test_the_better_prompt_of_a_pair_scores_higher_in_85_percent_of_pairs():
    pairs = SETS["labelled_prompts_5"].pairs()
    higher = [pair for pair, (worse, better) in pairs.items() if better > worse]
    assert len(higher) >= 0.85 * len(pairs), sorted(set(pairs) - set(higher))


@pytest.mark.parametrize("name", SETS)
def test_only_findings_with_under_5_percent_false_alarms_cost_points(name):
    found = SETS[name]
    for kind in found.costing_kinds():
        if kind in found.kinds:  # a kind the set does not label (e.g. finishing touches in older sets) is skipped
            assert found.kinds[kind]["false_alarm_rate"] < 0.05, (kind, found.kinds[kind])
    assert set(found.costing_kinds()) - set(found.kinds) <= {"no_safeguard"}


def test_a_finding_that_blocks_a_pass_costs_points_and_a_free_one_never_blocks():
    for found in SETS.values():
        for prompt in found.prompts:
            result = found.results[prompt["id"]]
            if not result.passed:
                assert result.problems, prompt["id"]  # something that costs points says why it failed
            if not result.problems:
                assert result.passed, prompt["id"]


def test_what_the_coach_cannot_read_earns_nothing_and_says_why():
    cases = {
        "https://intranet.example.com/notes": "only_url",
        "SELECT * FROM tickets;": "only_code",
        "Fasse die Notizen für das Team in drei Stichpunkten zusammen, höchstens 80 Wörter.": "other_language",
        "asdf jkl qwer zxcv uiop hjkl asdfgh": "unreadable",
        "summary bullets table 100 words context role format": "unreadable",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.": "unreadable",
    }
    for text, kind in cases.items():
        result = check_prompt_text(text)
        assert result.kinds() == {kind} and result.earned == 0 and not result.passed, text
        assert "earns no points" in result.summary or "cannot" in result.summary, result.summary


# Round 2: the verdict a learner sees, on double-labelled sets written far from the coach (tests/verdict_figures.py).
# First run (the round-1 coach): set 11 68.9%, pairs 1 88.1% (better higher 92.9%); held-out set 12 66.7%, pairs 2
# 92.9% (88.1%). After tuning on set 11 and pairs 1: 95.6% and 96.4% (95.2%); held out, measured once: 82.2% and
# 95.2% (83.3%, 88.1% once a prompt that is not ready kept its order when scaled down). Set 13, by a third writer:
# first run 63.2%, 75.4% before tuning on it, 96.5% after; the held-out sets' second look: unchanged. Round D: set 12
# became a tuning set (82.2% -> 93.3% after tuning); the fresh held-out set 14 measured 83.1% before and after.
# Rounds E and F (sets 15, 16) became tuning sets in round G, round G (set 17) in round H, H and I (18, 19) in J.
ROUND_TWO = [(DATA / "labelled_prompts_11.json", 0.95), (DATA / "labelled_prompt_pairs_1.json", 0.95),
             (DATA / "labelled_prompts_13.json", 0.95),
             (DATA / "labelled_prompts_12.json", 0.93),
             (DATA / "labelled_prompts_14.json", 0.89),  # round D, tuned on: 83.1% -> 88.1% -> 89.8%
             (DATA / "labelled_prompts_15.json", 0.98),  # round E: held out at 82.4%, 83.8%; tuned on -> 98.5%
             (DATA / "labelled_prompts_16.json", 0.97),  # round F: held out at 77.6%; tuned on -> 98.0%
             (DATA / "labelled_prompts_17.json", 0.96),  # round G: held out at 86.7%; tuned on -> 96.7%
             (DATA / "labelled_prompts_18.json", 0.98),  # round H: held out at 87.9%; tuned on -> 100%
             (DATA / "labelled_prompts_19.json", 0.98),  # round I: held out at 84.2%; tuned on -> 100%
             (DATA / "labelled_prompts_20.json", 0.96),  # round J: held out at 89.5%; tuned on -> 98.2%
             (DATA.parent.parent / "benchmarks" / "data" / "heldout_prompt_pairs_2.json", 0.95)]


@pytest.mark.parametrize("path, least", ROUND_TWO, ids=[p.stem for p, _ in ROUND_TWO])
def test_the_verdict_a_learner_sees_agrees_with_people_on_prompts_written_elsewhere(path, least):
    from tests.verdict_figures import prompt_figures

    found = prompt_figures(path)
    print(found.report())
    assert found.agreement >= least, found.report()
    if path.parent == DATA:  # the bars the tuning sets are held to
        assert not found.ready_told_not_ready and all(found.false_alarm_rate(k) < 0.05 for k in found.kinds)
    if found.pairs:
        better, pairs = found.pairs
        assert better >= 0.85 * pairs, found.report()


def test_a_ready_prompt_always_scores_above_one_that_is_not_ready():
    texts = [item["text"] for path, _ in ROUND_TWO for item in json.loads(path.read_text("utf-8"))["items"]]
    results = [check_prompt_text(text) for text in texts]
    ready = [r.score for r in results if r.passed]
    not_ready = [r.score for r in results if not r.passed]
    assert ready and not_ready and min(ready) > max(not_ready)
    assert all(r.passed == (not r.problems) for r in results)  # ready exactly when nothing that costs points is left
