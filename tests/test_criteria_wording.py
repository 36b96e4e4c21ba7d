"""The criterion-wording reader against people's labels, and on criteria of every shape a form can send.

Set 1 (tests/data) was used for tuning; set 2 (benchmarks/data) was written by someone else who never read the
reader, and is measured only. First-run figures, before any tuning: set 1 77.1% agreement, set 2 76.9%. Round 2
read five of set 2's criteria to fix 'will feel' and 'written in the ticket': it is no longer held out.

Round 2 measures the verdict a learner reads ("observable" or not) on double-labelled sets written far from the
reader (tests/verdict_figures.py): set 3 first run 61.7%, after tuning 100%; held-out set 4 first run 56.7%, first
look after tuning 66.7%; set 5 (a third writer) first run 68.8%, 80.0% before tuning on it, 97.5% after; set 4's
second look 68.3%. A word list does not carry far to criteria written elsewhere: the gap that is left. Round D:
set 4 became a tuning set (68.3% -> 88.3% with more general readings: a person as the subject with adverbs or in the
progressive, passives with words before 'by', 'big enough' and 'much longer than' as degrees with no measure,
'a total out of 6' as a scale); a
fresh held-out set 6 by new writers measured 70.1% at its first run and 70.1% after: the readings did not carry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course.checks.criteria_wording import FLAWS, read_criterion
from tests.criteria_figures import figures
from tests.verdict_figures import criteria_figures

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "labelled_criteria_1.json"
HELD_OUT = ROOT / "benchmarks" / "data" / "heldout_criteria_2.json"


TUNING_SETS = [("tests/data/labelled_criteria_3.json", 0.97),
               ("tests/data/labelled_criteria_5.json", 0.97),
               ("tests/data/labelled_criteria_4.json", 0.88),
               ("tests/data/labelled_criteria_6.json", 0.90),  # round D, tuned: 70% -> 87% -> 90.9%
               ("tests/data/labelled_criteria_7.json", 0.91),  # round E: held out at 74.4%, 75.6%; tuned -> 91.9%
               ("tests/data/labelled_criteria_8.json", 0.92),  # round F: held out at 78.9%; tuned -> 92.1%
               ("tests/data/labelled_criteria_9.json", 0.87),  # round G: held out at 77.3%; tuned -> 87.5%
               ("tests/data/labelled_criteria_10.json", 0.97),  # round H: held out at 84.3%; tuned -> 100%
               ("tests/data/labelled_criteria_11.json", 0.97),  # round I: held out at 85.0%; tuned -> 98.8%
               ("tests/data/labelled_criteria_12.json", 0.97)]  # round J: held out at 86.2%; tuned -> 98.8%


@pytest.mark.parametrize("name, least", TUNING_SETS)
def test_the_verdict_a_learner_reads_agrees_with_people_on_criteria_written_elsewhere(name, least):
    found = criteria_figures(ROOT / name)
    print(found.report())
    assert found.agreement >= least, found.report()


def test_every_kind_of_flaw_stays_under_five_percent_false_alarms_across_the_sets_written_elsewhere():
    """Pooled over the tuning sets: one set's labellers may read a list of qualities as one criterion where the
    others read it as several, so a kind is held to its rate over all of them."""
    pooled: dict[str, list[int]] = {}
    for name, _least in TUNING_SETS:
        for kind, (_labelled, _found, alarms, negatives) in criteria_figures(ROOT / name).kinds.items():
            pooled.setdefault(kind, [0, 0])
            pooled[kind][0] += alarms
            pooled[kind][1] += negatives
    rates = {kind: alarms / negatives for kind, (alarms, negatives) in pooled.items()}
    print(rates)
    assert rates and all(rate < 0.05 for rate in rates.values()), rates


@pytest.mark.parametrize("path, least_agreement", [(TUNING, 0.88), (HELD_OUT, 0.85)], ids=["set 1", "set 2"])
def test_the_reader_agrees_with_people_and_every_kind_of_flaw_stays_under_five_percent_false_alarms(
        path, least_agreement):
    found = figures(path)
    print(found.report())
    assert found.agreement >= least_agreement, found.report()
    for kind in FLAWS:
        assert found.kinds[kind]["false_alarm_rate"] < 0.05, found.report()


@pytest.mark.parametrize("text, flaw", [
    ("The reply is professional", "vague_word"),
    ("Not too many bullet points", "no_threshold"),
    ("Lists every action and stays under 150 words", "two_in_one"),
    ("Reviewed by the team lead before it goes out", "about_worker"),
    ("The customer will be happy with it", "uncheckable"),
    ("The supervisor is checking every draft each evening", "about_worker"),
    ("Whoever wrote the request reads the summary before it is filed", "about_worker"),
    ("Clerks only paste case numbers into the approved assistant", "about_worker"),
    ("The draft is checked word for word by a second clerk", "about_worker"),
    ("The letter is drafted in the firm's own Copilot, not a personal account", "about_worker"),
    # Nothing in the line points at something a reviewer could find in the output, whatever its words.
    ("The flyer looks inviting.", "vague_word"),
    ("Bookings go up once the new reminders are out.", "uncheckable"),
    # Tenancy notes going into a tool, and a check someone has done: the work, not the output.
    ("Tenancy notes are typed into the free chatbot without surnames", "about_worker"),
    ("The partner has personally read the draft", "about_worker"),
    # A length limit beside a demand of another kind: two checks.
    ("Subject line under 60 characters, opening with the booking reference", "two_in_one"),
    ("2-3 sentences, then a link to the timetable", "two_in_one"),
    ("Tone: polite, no slang", "vague_word"),  # a rubric that is itself a quality word pins nothing down
    ("Friendly, meaning nice to read", "vague_word"),  # a meaning as vague as the word
    ("Every driver has completed the route briefing", "about_worker"),
    ("Trainees have fully understood the new booking steps", "uncheckable"),
    ("The newsletter drives more sign-ups for the autumn open day", "uncheckable"),
    ("Keep photos to a minimum", "no_threshold"),
    ("Fits in 160 characters, with the pickup time written as 24-hour", "two_in_one"),
    # Round H's readings: when it is sent, who may open it, a second subject with its own check, a person's verdict
    # with no rubric, a quality listed beside a measure after the output's name, a screen as a measure.
    ("Reply states our 90-day holding period and is sent within one working day.", "about_worker"),
    ("Reply states our 90-day holding period and is sent within one working day.", "two_in_one"),
    ("Notice must be publish in less than 24 hours after the outage start", "about_worker"),
    ("No one except the duty manager can see the draft before 09:00", "about_worker"),
    ("Prices match the supplier quote, and the sales engineer sanity-checks the margin.", "about_worker"),
    ("Each fee on its own line with a £ amount, and the total equals the sum of the lines.", "two_in_one"),
    ("Roast date printed as DD.MM.YY, and the best-before date exactly 6 months after it.", "two_in_one"),
    ("Summaries judged 'complete' by the incoming operator on at least 9 of 10 shifts", "vague_word"),
    ("Blurb: tempting, under 40 words.", "vague_word"),
    ("Blurb: tempting, under 40 words.", "two_in_one"),
    ("Synopses: 60 words max, no spoilers.", "two_in_one"),
    ("The tenant is left in no doubt about what happens next", "uncheckable"),
    ("Fits on one screen in Teams", "no_threshold"),
    # Round I's: what readers will do, the effort of the tool, work by someone, a score on a scale never described,
    # two limits of different units, a length beside a quality, 'as complete as possible', 'reasonable notice'.
    ("Bulletin keeps guests off the closed runs.", "uncheckable"),
    ("Leaflet should get turnout up on the last election.", "uncheckable"),
    ("Reply should try to keep the member, without being pushy.", "about_worker"),
    ("Care tags need writing by someone who actually knows plants", "about_worker"),
    ("Agent (or the bot) must send the acknowledgement within 24 hours", "about_worker"),
    ("Notification must be issued no later than 30 minutes after departure", "about_worker"),
    ("Friendliness at least 4 out of 5.", "vague_word"),
    ("max 42 chars per line, max 2 lines per subtitle", "two_in_one"),
    ("Reading grade 7–9 and under 120 words.", "two_in_one"),
    ("keep it short + plain english pls", "two_in_one"),
    ("The record should be as complete as possible, please.", "no_threshold"),
    ("Entry date leaves the tenant reasonable notice.", "no_threshold"),
    ("Better than last week's report.", "vague_word"),
    # Round J's: a second check with its own limit after ', and'; when notes are published; what a trainee can do;
    # getting an audience hyped; 'plenty of the results'
    ("New delivery date given, and the word 'sorry' used no more than once.", "two_in_one"),
    ("One species per row, and mixed rows total no more than 20% of the area.", "two_in_one"),
    ("Notes get published the same day as the patch.", "about_worker"),
    ("Any trainee should be able to produce the certificate without asking a notary.", "about_worker"),
    ("Post gets the community hyped for the weekend match.", "uncheckable"),
    ("Round-up mentions plenty of the weekend's results.", "no_threshold"),
])
def test_each_kind_of_flaw_is_found_in_a_plain_example(text, flaw):
    assert flaw in read_criterion(text).flaws


@pytest.mark.parametrize("text", [
    "At most 120 words", "Contains the order number from the case notes", "No email addresses or phone numbers",
    "Has the headings Key points, Actions and Risks", "Ends with 'Kind regards, Larkfield Customer Care'",
    "Friendly: opens with 'Hi' and the customer's first name",
    "Plain, taken here to mean: no sentence over 20 words and no word of more than three syllables",
    # Words the output must say are read as words to find, not as the criterion ('most', 'checked by').
    "Closes with 'Most items were checked by the duty officer before dispatch'",
    "Clear: a visitor reading only the first line can say the opening time",
    "A text message of 160 characters or fewer, the branch name included",
    # a word and the rubric that pins it down, as lesson 03 teaches for a reviewer's row
    "Tone: no slang, no exclamation marks, no blame on a colleague",
    "Readable — no sentence over 25 words and every abbreviation spelled out once",
    "Self-contained: an agent who never saw the case can say from the note alone what was refunded",
    # a rule for the empty case, and a short sentence pointing back, finish the criterion before them
    "Names every form still outstanding: Form A, Form B, Form C; if none are outstanding, says 'All forms received'",
    "Uses the categories exactly: A = urgent, B = this week, C = monitor. Every finding has one.",
    # a quality word inside the name of a thing; a list's last item after 'plus'; a range low to high
    "Advert includes a named contact for reasonable-adjustment requests and an equal-opportunities statement.",
    "For each file the summary reports colour space, bleed in mm and lowest effective image resolution in dpi.",
    "Text includes the route and its departure time, plus both options: a later sailing or a full refund.",
    "Every lot gives maker, date or period, and an estimate written as a low–high range in £.",
    # an abbreviation inside a list, a condition that adds to the list, content told to the reader, level names
    "Notice must list product name, EPA Reg. No., active ingredient, and the Poison Control phone number.",
    "The letter shows the expiry date; where the next review falls on a different date, that date is shown as well.",
    "Sheet includes studio name, address and phone number, and tells the client to see a doctor if it gets infected.",
    "Each error is tagged with one category from Terminology, Accuracy, Style, and one severity from Minor, Major.",
    "Label text includes quality grade, weight grade, best-before date and number of eggs.",
])
def test_observable_criteria_get_no_flaw(text):
    assert read_criterion(text).flaws == ()


@pytest.mark.parametrize("value", [None, 3, ["a"], {"x": 1}, "", " \n ", "<script>x</script>", "a" * 100_000,
                                   "clear " * 20_000])
def test_anything_a_form_can_send_is_read_without_an_exception(value):
    result = read_criterion(value)
    assert set(result.flaws) <= set(FLAWS)


@pytest.mark.parametrize("text, about_worker", [("No driver names", False),
                                                ("No staff names or initials appear", False),
                                                ("Agents check every draft", True),
                                                ("No agent sends a draft unchecked", True)])
def test_details_of_people_the_output_leaves_out_are_not_a_person_at_work(text, about_worker):
    assert ("about_worker" in read_criterion(text).flaws) == about_worker


def test_a_quality_joined_to_another_by_and_is_not_a_person_at_work():
    assert read_criterion("Summary is faithful and reads fluently.").flaws == ("vague_word", "two_in_one")


def test_a_vague_rubric_is_named_by_its_own_word_not_the_label():
    assert read_criterion("Tone: warm").words.get("vague_word") == "warm"


@pytest.mark.parametrize("text, kind, shown", [
    ("Summaries judged 'complete' by the operator on 9 of 10 shifts", "vague_word", "judged 'complete' by"),
    ("Under 90 words and avoids praise words such as 'wonderful' or 'amazing'", "two_in_one", "'wonderful'"),
])
def test_the_words_a_learner_is_shown_are_the_words_they_wrote(text, kind, shown):
    """Quoted words and listed names are read as placeholders; the finding quotes the learner's own words."""
    words = read_criterion(text).words
    assert kind in words and shown in words[kind], words
    assert "'words'" not in " ".join(words.values()) and "'name " not in " ".join(words.values())
