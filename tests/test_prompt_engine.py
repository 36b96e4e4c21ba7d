"""The prompt coach on structured prompts: the right findings, the right points, never a crash."""

import math

import pytest

from course.checks.personal_data import find_personal_data
from course.checks.prompt import CANNOT_READ, assemble, check_prompt
from course.checks.prompt_reading import vague_without_measure
from course.checks.prompt_text import check_prompt_text
from course.data import meeting_notes
from course.tasks import get_task
from tests.answers_for_tests import GAMING, GOOD, TRIAGE_GOOD, WEAK_ANSWERS, weak

SUMMARY = get_task("meeting_summary").spec
WEEKS_SHOWN = [meeting_notes(1), meeting_notes(2)]
WEEK_UNSEEN = [meeting_notes(7)]


def test_a_good_prompt_earns_every_point_and_passes():
    result = check_prompt(GOOD, SUMMARY, cases=WEEKS_SHOWN)
    assert (result.earned, result.total, result.passed) == (10, 10, True)
    assert result.problems == ()
    assert result.kinds() == {"no_examples"}  # a suggestion, costs nothing
    assert "covers everything" in result.summary


@pytest.mark.parametrize("name", list(WEAK_ANSWERS))
def test_each_weak_prompt_gets_its_named_findings_and_points(name):
    answer, visible_points, _hidden, kinds = WEAK_ANSWERS[name]
    result = check_prompt(answer, SUMMARY, cases=WEEKS_SHOWN)
    assert {f.kind for f in result.problems} == kinds
    assert result.earned == visible_points
    assert not result.passed or visible_points >= 8
    for finding in result.problems:
        assert finding.message and finding.why and len(finding.hints) == 2, finding


def test_personal_data_fails_the_bar_even_with_high_points():
    answer = WEAK_ANSWERS["email address in the context"][0]
    result = check_prompt(answer, SUMMARY, cases=WEEKS_SHOWN)
    assert result.earned == 9 and not result.passed
    assert "email address" in result.problems[0].message and "context" in result.problems[0].message


def test_the_input_rule_is_the_same_on_unseen_data():
    pasted = weak(input=meeting_notes(1) + "\n" + meeting_notes(2))
    assert "missing_input" not in check_prompt(pasted, SUMMARY, cases=WEEKS_SHOWN).kinds()
    assert "missing_input" in check_prompt(pasted, SUMMARY, cases=WEEK_UNSEEN).kinds()
    assert "missing_input" not in check_prompt(GOOD, SUMMARY, cases=WEEK_UNSEEN).kinds()


def test_the_slot_may_be_written_in_brackets_and_any_case():
    for slot in ("{notes}", "{ NOTES }", "[notes]", "[Notes]"):
        assert "XYZ" in assemble(weak(input=f"Notes: {slot}"), SUMMARY, case="XYZ")
    assert "XYZ" not in assemble(weak(input="Notes: {note}"), SUMMARY, case="XYZ")


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
    # the organisation's own number, which the reader is told to ring, is no one's contact detail
    ("End with: Text STOP or call 01632 960871 to rebook.", []),
])
def test_personal_data_patterns(text, kinds):
    assert [p.kind for p in find_personal_data(text)] == kinds


@pytest.mark.parametrize(("text", "kinds"), [
    ("Write the rota note. Porter Lena Marsh broke her wrist on Friday and is off until March.", ["health details"]),
    ("Draft the handover for the ward at Elmfield Community Hospital, where patients with no medical training read "
     "it.", []),
    ("The drop-in is in Meeting Room 2, Hollins Park Library, Thursdays 2-4pm.", []),
    ("Send it to 14 Larch Close.", ["home address"]),
    ("Make next week's rota. Priya is having chemotherapy on Tuesdays.", ["health details"]),
    ("Remind the team that the flu clinic opens on Monday.", []),
    ("Make the allergy list.\nOla Berg, 4C - peanut allergy, adrenaline pen in office", ["health details"]),
    # a school's name beside the allergens its kitchen lists, and a team's name at a line's end: no person
    ("Act as the allergen checker for Oakfield Primary's kitchen. Mark milk, eggs and sesame.", []),
    ("- Sign off as 'Larkfield Customer Operations'\nTicket: [paste]", []),
])
def test_names_with_health_details_and_home_addresses_are_personal_data(text, kinds):
    assert [p.kind for p in find_personal_data(text, names=True)] == kinds


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
    result = check_prompt(answer, SUMMARY, cases=WEEKS_SHOWN)
    assert 0 <= result.score <= 1
    assert result.summary.endswith((".", ")")) and len(result.summary) < 600
    assert all(f.message for f in result.findings)


def test_empty_and_unreadable_answers_say_so():
    assert check_prompt(None, SUMMARY).kinds() == {"unreadable_answer"}
    assert check_prompt({"task": " "}, SUMMARY).kinds() == {"empty"}
    assert check_prompt({}, SUMMARY).summary.startswith("The prompt is empty.")


def test_a_huge_field_is_flagged_as_long_and_still_scored():
    result = check_prompt(weak(context="The team reads this on Monday. " * 3_000), SUMMARY, cases=WEEKS_SHOWN)
    assert "very_long" in result.kinds()
    assert result.earned == 10


def test_a_triage_prompt_must_name_every_category():
    triage = get_task("ticket_triage")
    assert triage.check(TRIAGE_GOOD).earned == 10
    missing = triage.check({**TRIAGE_GOOD, "constraints": "Use only Delivery, Refund or Other."})
    finding = next(f for f in missing.problems if f.kind == "missing_categories")
    assert "Product fault, Account" in finding.message and missing.earned == 8


def test_contradictory_constraints_and_names_are_found_in_structured_prompts():
    both = check_prompt(weak(constraints="At most 50 words. At least 200 words."), SUMMARY, cases=WEEKS_SHOWN)
    assert "contradiction" in both.kinds() and both.earned == 9 and not both.passed
    named = check_prompt(weak(context="The summary is for our agent Tobiah Marsh, who reads it on Monday."),
                         SUMMARY, cases=WEEKS_SHOWN)
    assert "personal_data" in named.kinds() and "person's name" in named.problems[0].message


@pytest.mark.parametrize("name", list(GAMING))
def test_keywords_and_placeholders_earn_no_element_points(name):
    """A field earns its points only when it says something a reader could act on."""
    task_name, answer, at_most = GAMING[name]
    result = get_task(task_name).check(answer)
    assert not result.passed, name
    assert result.earned <= at_most, (name, result.earned, result.kinds())


# --- one scoring truth: the builder and the free-text coach read the same words the same way -----------------

SAME_WORDS = {
    "task": ["Summarize this.", "Summarise the notes below for colleagues who missed the meeting.",
             "How should I reply to a customer whose parcel is late?", "Provide three options for the rota.",
             "x y z", "Meeting notes.", "Use 2-3 sentences to explain the refund rule."],
    "format": ["A table with two columns, Ticket and Category.", "Three bullet points.", "table",
               "Wrap the answer in <summary></summary> tags.", "Make it look nice."],
    "constraints": ["At most 150 words.", "Use only what is in the notes.", "100 words", "Keep it short.",
                    "If a ticket fits two categories, choose the one the customer asks us to act on."],
}


@pytest.mark.parametrize("element", list(SAME_WORDS))
def test_the_builder_and_the_free_text_coach_agree_on_the_same_words(element):
    """The same words in a builder field and in a free-text prompt earn, or miss, that element alike."""
    base = {"task": "Summarise the notes below for the team.", "format": "Three bullet points.",
            "constraints": "At most 100 words."}
    for text in SAME_WORDS[element]:
        builder = check_prompt({**GOOD, element: text}, SUMMARY, cases=WEEKS_SHOWN)
        free = check_prompt_text("\n".join(text if e == element else t for e, t in base.items()))
        assert _misses(builder, element) == _misses(free, element), (element, text, builder.kinds(), free.kinds())


def _misses(result, element):
    return bool(result.kinds() & ({f"missing_{element}"} | CANNOT_READ))


def test_where_the_builder_asks_for_more_the_feedback_says_why():
    thin = {"task": "Summarise the meeting notes below for the team.", "format": "Three bullet points.",
            "examples": "- Kofi books the training room by Tuesday.", "input": "{notes}"}
    builder = check_prompt(thin, SUMMARY, cases=WEEKS_SHOWN)
    free = check_prompt_text("Summarise the meeting notes below for the team. Three bullet points. "
                             "Example: '- Kofi books the training room by Tuesday.'\n\n{notes}")
    assert free.passed and not builder.passed
    note = next(f for f in builder.findings if f.kind == "builder_differs")
    assert "role" in note.message and "context" in note.message and note.cost == 0


@pytest.mark.parametrize("text", ["Use the attached export and pull out the five biggest themes as a table.",
                                  "Using the notes below, then list every action with its owner."])
def test_a_task_after_what_to_use_is_still_the_task(text):
    assert "missing_task" not in check_prompt_text(text).kinds()


@pytest.mark.parametrize("text", [
    "Context: site safety walk no. 6, north car park. Readers are the facilities manager.\n"
    "Rules: at most 150 words; actions as Owner | Action | Due.\nNotes: {walk_notes}",
    "<role>Assistant to the bakery manager</role>\n<context>We open a second shop in May.</context>\n"
    "<rules>At most 100 words. Give the opening date as 4 May exactly.</rules>",
    "ok so shift 3 ended 22:10, line 2 down 40 min, day 14 of the trial. my usual columns: Stop | Cause | Minutes",
])
def test_context_rules_and_notes_with_no_request_have_no_task(text):
    assert "missing_task" in check_prompt_text(text).kinds()


@pytest.mark.parametrize("text", [
    "Write a 30-word notice for the staff room about the new rota. Keep every change from all five teams in full.",
    "Summarise the inspection file for the head of estates in at most 3 lines, with the complete timeline of every "
    "visit and repair. [paste inspection file]",
    "Post the ferry timetable change in at most 200 characters and list every one of the 17 sailings with its new "
    "time.",
    # instructions that cannot both be kept, whatever their length
    "Answer the tenant in German. Write the whole answer in English only so the landlord can read it.",
    "Reply to the guest in no more than four sentences. In the first sentence apologise for the noise. Don't "
    "apologise anywhere, the owner does not want it.",
    "Give the verdict as PASS or FAIL only, nothing else. Then explain in a paragraph which readings decided it.",
    "Write the notice as one paragraph with no lists. Use exactly four bullet points for the dates.",
    "Simplify the leaflet below for a reading age of 9. Do not change a single word of it. {leaflet}",
    "Answer the tenant in exactly two sentences, covering every point in their letter in full. {letter}",
    # round H and I: a postcard limit beside 'in full, all 14 points'; one short line per bus beside each bus's full
    # history; only the data given beside made-up or outside figures; a table asked for and refused
    "Write the visit letter. It has to fit on a postcard: 80 words maximum. It must also cover, in full, all 14 "
    "points on our checklist.",
    "Give no more than three bullet points in total, and make sure every exclusion and condition is set out in full.",
    "One line per bus and no more than 12 words per line. For each bus give the full history of every defect. {x}",
    "Use only the readings in the file; we must not add any data. Fill the gaps with plausible temperatures. {log}",
    "Use only the values in the brew log, nothing from outside; for every stage also add the typical industry range.",
    "Produce the checklist as a table with the columns Room | Session. Reply in plain sentences only, with no tables "
    "or lists.",
    "From my shift log below, write the handover. Keep it to three bullet points maximum. List every fault, every "
    "test with its readings and every isolation, nothing left out. {log}",
])
def test_a_tight_limit_beside_a_demand_for_everything_is_a_contradiction(text):
    from course.checks.prompt_reading import contradictions

    assert contradictions(text), text


@pytest.mark.parametrize("text", [
    "As the office manager, write the supplier update from the figures I pasted above: three bullets, under 80 words.",
    "Turn the landlord's repair email thread into a checklist for the caretaker, one line per job, at most 12 lines.",
    "Check the delivery sheet I've copied in and list every short line in a table: line | SKU | missing.",
    "Sort the feedback forms in the shared folder on the drive into praise, complaints and ideas; one table.",
    "summarise this",
    "Using yesterday's delivery schedule, list the late vans as a table: Van | Due | Arrived. Max 8 rows.",
    # round H and I: an export someone ran, notices someone forwarded, 'below' with nothing below it
    "Using the SCADA alarm list I exported at the end of my shift, write the alarm table, at most 30 rows.",
    "Father Tom forwarded me the notices. Tidy the ones from his email into bulletin style, 2 sentences max each.",
    "Using the lift status log below, write the snow report: Lifts open X/Y, then a 60-word paragraph. Skip open ones.",
    "Turn the voice memo from Tuesday's meeting into minutes. Sections: Present, Decisions, Actions (who / what / by "
    "when), Next meeting. Max one page. Actions must each have one named person.",
    "Rewrite the customer concerns into notes for the technicians, under 60 words each. Use the write-ups I exported "
    "earlier.",
])
def test_a_prompt_that_points_at_material_it_never_includes_is_named(text):
    from course.checks.prompt_reading import missing_material

    assert missing_material(text), text


def test_the_finishing_touch_advice_names_the_touches_it_counted():
    from course.tasks import get_task

    feedback = get_task("free_prompt").check("You are a team lead. Summarise the meeting notes below for colleagues "
                                             "who missed it, in at most 120 words, as bullet points. "
                                             "Notes: ---{notes}---")
    advice = next(f.message for f in feedback.findings if f.kind == "no_safeguard")
    assert "(2 of 3 so far: material marked off, who it is for)" in advice


def test_the_summary_of_a_ready_prompt_names_the_next_step_in_a_whole_phrase():
    result = check_prompt_text("You are a shift lead. Summarise the notes below for the night team as 3 bullets, at "
                               "most 60 words. Notes: {notes}")
    assert result.passed and "finishing touch" in result.summary
    assert result.summary.count("(") == result.summary.count(")"), result.summary


def test_a_request_after_please_is_a_task_whatever_its_verb():
    assert "missing_task" not in check_prompt_text(
        "Please formulate from the inspection notes below a defect report for the landlord: at most 200 words, one "
        "bullet per defect. {notes}").kinds()


def test_a_question_about_fixing_a_problem_points_at_no_missing_material():
    from course.checks.prompt_reading import missing_material

    assert not missing_material("A colleague's printer cuts off the last column. How should they fix it? Give at most "
                                "6 numbered steps.")


@pytest.mark.parametrize("text", [
    "<role>You are a hydro engineer.</role>\n<question>Looking at the readings below, did we keep to the minimum flow "
    "all day?</question>\n<answer_format>Yes or No, then one sentence.</answer_format>\n<readings>{r}</readings>",
    "As the elections office trainer, I need a one-page opening checklist made from the handbook section below.\n"
    "Format: numbered steps. Limits: 20 steps max.\n[PASTE]",
])
def test_a_question_in_a_tag_and_a_need_after_who_is_asking_are_tasks(text):
    assert "missing_task" not in check_prompt_text(text).kinds()


@pytest.mark.parametrize("text", [
    "Turn these into bullet points:\n\nharvest started 12 Sept, Bacchus first. yields down about 15% on last year "
    "after wet June. press broke down Tuesday, fixed Wednesday.",  # the notes are material, not context
    "I own a plant nursery. We need care labels for the new perennials. Make them concise and professional.\n"
    "Plants: [list]",  # a product's name ('care labels') is no format
    "You are a consultant at a recruitment firm. Write a rejection email to [candidate] for the [job] role. Be kind "
    "but don't waffle, and sound human not corporate.",  # 'don't waffle' rules out nothing to point to
    "Make this into a numbered checklist:\n\n\"Please come wearing your lenses. Bring your case. The optometrist will "
    "check the fit.\"",  # quoted material is material: a task and a format, nothing more
    "You are a planning officer at a council. An application has come in without a site plan and the fee was "
    "underpaid. Write to the agent about it. Keep it clear and polite.",  # 'without' tells what happened: no rule
])
def test_pasted_notes_product_names_and_vague_rules_do_not_make_a_prompt_ready(text):
    assert not check_prompt_text(text).passed
