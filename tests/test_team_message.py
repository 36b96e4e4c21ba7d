"""Module 06's team message: what the team needs to hear about the pilot, and what no manager may promise."""

from __future__ import annotations

import pytest

from course.checks.team_message import TOTAL, check_message, read_message
from tests.hostile_answers import ODD_VALUES, TEXTS

GOOD = ("Hi all, from Monday four of us will pilot the approved AI assistant for three weeks on refund replies and "
        "the weekly meeting summary. It is not a judgement of anyone and not a decision to roll out. Time it saves "
        "goes to customer callbacks, fixing processes and learning (60-30-10). Customer details only go into the "
        "approved assistant, never into a personal account. Priya and Sam are our champions: ask them anything. "
        "Give feedback in the pilot channel or at Friday stand-up. HR has said there are no role changes planned "
        "during the pilot; if that changes, you will hear from HR first. Thanks, Jo")


def test_a_message_with_every_part_and_no_promise_is_ready():
    result = check_message(GOOD)
    assert result.passed and result.earned == result.total == TOTAL and not result.findings


@pytest.mark.parametrize("change, kind", [
    (lambda t: t.replace("HR has said there are no role changes planned during the pilot; if that changes, you "
                         "will hear from HR first.", "Nobody will lose their job over this, I promise."),
     "job_promise"),
    (lambda t: t.replace("Priya and Sam are our champions: ask them anything. ", ""), "no_champions"),
    (lambda t: t.replace("the approved AI assistant", "an LLM with RAG"), "jargon"),
    (lambda t: t + " Some of you have been slow to adapt, so no excuses this time.", "blame"),
    (lambda t: " ".join(t.split()[:60]), "wrong_length"),
])
def test_each_risk_is_named_in_a_plain_example(change, kind):
    assert kind in read_message(change(GOOD))


def test_what_hr_has_said_or_an_honest_i_do_not_know_is_no_promise():
    honest = GOOD.replace("HR has said there are no role changes planned during the pilot; if that changes, you "
                          "will hear from HR first.", "I don't know yet what this means for roles longer term; HR "
                          "will brief us on the 12th and I will tell you what I hear.")
    assert "job_promise" not in read_message(honest)


@pytest.mark.parametrize("value", [*ODD_VALUES.values(), *TEXTS.values()], ids=[*ODD_VALUES, *TEXTS])
def test_anything_a_form_can_send_gets_a_sentence_not_an_exception(value):
    result = check_message(value)
    assert 0.0 <= result.earned <= result.total and result.summary


def test_the_verdict_agrees_with_people_on_messages_written_elsewhere_and_no_kind_raises_five_percent_false_alarms():
    """Set 1 (60 messages, two labellers 100%, kappa 1.00) was written before the engine existed: its first run was
    70.0% (ready told 'not ready' 18 of 25); it is a tuning set now (88.3%). Fresh sets are held out."""
    from pathlib import Path

    from tests.verdict_figures import team_message_figures

    found = team_message_figures(Path(__file__).parent / "data" / "labelled_team_messages_1.json")
    print(found.report())
    assert found.agreement >= 0.88, found.report()
    assert all(found.false_alarm_rate(kind) < 0.05 for kind in found.kinds), found.report()


@pytest.mark.parametrize("text", ["asdf qwer zxcv " * 40, "pilot AI champions feedback data weeks " * 15,
                                  "Hallo zusammen, ab Montag testen wir vier Wochen lang den neuen Assistenten im "
                                  "Team.", "ok", "Nobody will lose their job."])
def test_gibberish_keywords_another_language_or_a_line_with_no_part_earn_nothing(text):
    result = check_message(text)
    assert result.earned == 0.0 and not result.passed and result.findings
