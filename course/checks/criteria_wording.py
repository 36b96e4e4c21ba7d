"""Read the plain text of one acceptance criterion and say what would make it hard to check.

Two reviewers reading the same AI output should reach the same yes or no from a criterion. This reader looks
for what gets in the way: a quality word with no measure ("clear", "professional"), something measurable with
no number ("not too many bullets"), two criteria in one line, a criterion about the worker rather than the
output, and one nobody could decide from the output at all ("the customer will be happy"). Each finding nudges
toward an observable rewrite. Word lists live in ``vocab/<language>.json`` under ``"criteria"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .vocabulary import alternation, vocabulary

READ_AT_MOST = 2000  # characters of a criterion read; a criterion is a line, not an essay

FLAWS = ("vague_word", "no_threshold", "two_in_one", "about_worker", "uncheckable")


@dataclass(frozen=True)
class Wording:
    """What the reader found in one criterion: its flaws (kinds above) and the words that gave each away."""

    flaws: tuple[str, ...]
    words: dict[str, str]



@cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    lists: dict[str, Any] = vocabulary(language)["criteria"]
    word = {name: re.compile(r"(?<![\w])(?:" + alternation(lists[name]) + r")(?![\w])", re.IGNORECASE)
            for name in ("measurable_things", "vague_amounts", "worker_subjects", "unknowable", "anchors",
                         "output_subjects", "predicates", "process_verbs", "future_people", "length_words",
                         "process_events", "tell_verbs", "vague_frequency")}
    # 'Driver names', 'staff initials': details of people the output shows or leaves out, not a person who does.
    word["person_does"] = re.compile(r"^\W*(?:the |a |an |our |each |every |any )?(?:[\w-]+ ){0,2}?(?:"
                                     + alternation(lists["people_nouns"]) + r")s?(?: on duty| in charge)?\s+"
                                     r"(?!(?:names?|initials|details|numbers?|addresses|e-?mails?|contact)\b)"
                                     r"(?:(?:must|should|will|always|never|personally|then|only|also|first|"
                                     r"carefully|still|each \w+|every \w+)\s+)*"
                                     r"(?:(?!is\b|are\b|was\b|were\b|has\b|have\b)([a-z-]{2,}(?:s|es|ed))|"
                                     r"(?:is|are)\s+[a-z-]{3,}ing|(?<=only |ways |ever |ally |till |irst |also )"
                                     r"(?!be\b|is\b|are\b)[a-z-]{2,})\b"
                                     r"|^\W*(?:whoever|someone|somebody|anyone|anybody)\b",
                                     re.IGNORECASE)
    people = lists["future_people"] + lists["audience_nouns"]
    word["audience"] = re.compile(r"(?<![\w])(?:" + alternation(people) + r")s?(?![\w])", re.IGNORECASE)
    word["person_feels"] = re.compile(r"(?<![\w])(?:" + alternation(people) + r")s?(?![\w])\s+(?:\w+\s+){0,2}?"
                                      r"(?:feel|feels|feeling|felt)\b", re.IGNORECASE)
    word["worker_modal"] = re.compile(r"(?:^|,\s*)\W*(?:the |a |an |our |each |every |any |no )?(?:[\w-]+ ){0,2}?(?:"
                                      + alternation(lists["people_nouns"]) + r")s?\s+(?:\([^)]{0,30}\)\s+)?"
                                      r"(?:must|should|shall|will|"
                                      r"needs? to|has to|have to|may|can)(?: not|n't)?\s+(?:always |never |only )?"
                                      r"(?!feel|trust|like|love|think|believe|agree|understand|find|know|appreciate|"
                                      r"enjoy|want|see\b)[a-z]{2,}\b|"
                                      r"\b(?:until|before|after|once) (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:"
                                      + alternation(lists["people_nouns"]) + r")s? (?:has|have|had)\s+\w+ed\b|"
                                      r"\b(?:is|are|be|been|gets?) \w+(?:ed|en)(?: [\w-]+){0,4}? by "
                                      r"(?:the |a |an |our |"
                                      r"another |two )?(?:[\w-]+ )?"
                                      r"(?:" + alternation(lists["people_nouns"]) + r")s?\b|"
                                      r"\b(?:out|sent|send|circulated|issued|published|publish|posted|delivered|"
                                      r"returned|filed|done|ready|completed)\s+(?:to (?:the |all )?[\w ]{1,30}?\s+)?"
                                      r"(?:(?:by|before|within|inside|(?:no|not) later than|"
                                      r"in (?:less than|under|no more than))\s+"
                                      r"(?:\d[\d.:]*(?:\s*(?:working\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?))?|"
                                      r"mon|tue|wed|thu|fri|sat|sun|noon|midday|end|close|the end|\w+day)|"
                                      r"(?:the same day|on the day|in good time|ahead of (?:the|time)|before the \w+|"
                                      r"straight away|immediately|promptly)|"
                                      r"(?:within|inside|(?:no|not) later than|in (?:less than|under|no more than))\s+"
                                      r"(?:one|two|three|a|an|"
                                      r"the same)\s)",
                                      re.IGNORECASE)
    # A line whose subject is someone at work ('Admissions officers take full responsibility ...').
    word["someone_first"] = re.compile(r"\W*(?:the |our |each |every |all )?(?:[\w-]+ )?(?:"
                                       + alternation(lists["people_nouns"]) + r")s?\b", re.IGNORECASE)
    # Staff who have done something ('every member of kitchen staff has done allergen training'): the people.
    word["have_done"] = re.compile(r"\b(?:" + alternation(lists["people_nouns"]) + r")s?\s+(?:\w+\s+)?(?:has|have)\s+"
                                   r"(?:all\s+)?(?:done|completed|attended|passed|received|taken|signed)\b",
                                   re.IGNORECASE)
    word["made_with"] = re.compile(r"\b(?:written|produced|drafted|generated|made|created) (?:in|with|using|by|"
                                   r"through|via|on) (?:[\w'’-]+ ){0,4}?(?:ai|copilot|chatgpt|gemini|claude|"
                                   r"assistant|ai tool|llm|model|bot)\b", re.IGNORECASE)
    word["person_modal"] = re.compile(r"(?<![\w])(?:" + alternation(people)
                                      + r")s?(?![\w])[^.?!]{0,40}?(?<![\w])(?:will|would|should|shouldn't|won't|"
                                      r"wouldn't|need to|needn't|can't|cannot)(?![\w])|(?<![\w])(?:"
                                      + alternation(lists["people_nouns"]) + r")s?(?![\w])\s+would\b",
                                      re.IGNORECASE)  # 'the kind an examiner would put in the top band
    word["defines"] = re.compile(r"\bi\.\s?e\.|\be\.\s?g\.|\bmeaning\b|\bmeans\b|\bto mean\b|\bdefined as\b|"
                                 r"\bthat is\b|\b(?:a\s+)?(?:total|score)\s+out\s+of\s+\d|"
                                 r"\bsuch that\b|\bin other words\b|\bwhere \d\b|\bscored?\b[^.]{0,20}\d|"
                                 r"\(\s*\d\s*[-–]\s*\d\s*\)|(?:^|[;:,(]\s*)\d\s*=\s*\S|"
                                 # 'Clear: someone reading only the first paragraph can say the date': a reader's test
                                 r"^[^:]{1,30}:\s*(?:someone|anyone|a reader|the reader|an? [\w-]+)\b[^.;]{0,80}?\b"
                                 r"(?:can|could) (?:say|tell|name|find|point to|answer|state|list|repeat)\b",
                                 re.IGNORECASE)
    # "patient-friendly", "brief-ish" and "on-brand" are vague too; "the brief" (a document) is not.
    word["vague_words"] = re.compile(r"(?<![\w])(?<!the\s)(?:" + alternation(lists["vague_words"])
                                     + r")(?![\w])", re.IGNORECASE)
    word["quoted"] = re.compile(r"[\"“”‘’']([^\"“”‘’']{1,80})[\"“”‘’']|`[^`]{1,80}`")
    word["number"] = re.compile(r"\d|(?<![\w-])(?:" + alternation(lists["number_words"]) + r")(?![\w-])",
                                re.IGNORECASE)
    word["joiner"] = re.compile(r"\s(?:and|&|as well as|plus|also|and also|while|but)\s|;\s*|,\s+and\s+|"
                                r"\.\s+(?=[A-Z])", re.IGNORECASE)
    # Labels around a criterion, not part of it: "QC-03", "[ ]", "Must:", "1.", "Pass / Fail", and the name of the
    # check or of who applies it ("Reviewer check:", "QA asks:"): the criterion is what follows.
    word["label"] = re.compile(r"^(?:\[.?\]\s*|[A-Z]{1,4}-?\d{1,3}[.:]?\s+|(?:must|should|nice to have|could)"
                               r"(?:-have)?\s*:\s*|\d{1,2}[.)]\s+|(?:[a-z]+\s+){0,2}(?:check|asks|question|test)\s*:\s*)+"
                               r"|\s*[-–(]?\s*pass\s*/\s*fail\.?\)?\s*$|\s*\byes\s*=\s*pass\.?\s*$", re.IGNORECASE)
    word["verb_start"] = re.compile(r"^\s*(?!(?:its|his|hers|ours|yours|theirs|this|thus|plus|less|unless|across|"
                                    r"always|perhaps|whereas|various|previous|serious|numerous)\s)[a-z]{2,}(?:s|es)\s+\S",
                                    re.IGNORECASE)
    word["future"] = re.compile(r"(?<![\w])(?:" + alternation(lists["future_people"]) + r")(?![\w])[^.?!]{0,40}?"
                                r"(?<![\w])(?:will|would|should|won't|can|could|must)(?![\w])", re.IGNORECASE)
    word["definition"] = re.compile(r"^[^:=]{1,40}[:=]\s*\S|\((?:e\.g\.|i\.e\.|=)", re.IGNORECASE)
    return word


def read_criterion(text: Any, language: str = "en") -> Wording:
    """The flaws in one criterion's wording. Never raises: anything that is not text reads as empty."""
    if not isinstance(text, str):
        return Wording((), {})
    text = " ".join(text[:READ_AT_MOST].split())
    if not text:
        return Wording((), {})
    p = _patterns(language)
    text = p["label"].sub("", text).strip() or text  # "QC-03 ... Pass / Fail", "[ ]", "Must:" are not the criterion
    as_written = text
    text = _names_listed(text, p)
    text = _QUOTE.sub("'words'", text)  # what the output must say is read as words to find, not as the criterion
    numbered = _has_number(text, p)
    anchored = bool(numbered or p["quoted"].search(text) or p["anchors"].search(text))
    defines = bool(p["defines"].search(text))  # 'formal, i.e. no slang ...', 'Empathy 0-2: 0 = ...': one criterion
    head, colon, rubric = (re.split(r"(:|\s[—–-]\s)", text, maxsplit=1) + ["", ""])[:3]  # 'Tone:', 'Plain — '
    rubric_defines = bool(colon and len(head.split()) <= 3 and _points_at_something(rubric, p)
                          and not p["vague_words"].search(rubric)  # a quality, not a part ('Summary line: ...')
                          and bool(p["vague_words"].search(head) or re.search(
                              r"\b(?:tone|style|register|voice|clarity|readability|plain|wording|language|format|"
                              r"layout|structure|length|accuracy|quality|spelling|grammar|clear|concise)\w*\b", head,
                              re.IGNORECASE)))  # a quality and its rubric; 'Synopses: ...' names the output
    if rubric_defines:
        defines = True  # 'Tone: no slang, no exclamation marks': a word and the rubric that pins it down
    meaning = re.search(r"\b(?:meaning|means|i\.\s?e\.|that is|in other words)\b[,:]?\s*(.*)$", text, re.IGNORECASE)
    if meaning and not _points_at_something(meaning.group(1), p) and p["vague_words"].search(meaning.group(1)):
        defines = False  # 'Clear, meaning easy for the homeowner to understand': the meaning is as vague
    defined = (bool(p["definition"].search(text)) and anchored) or defines
    if colon and len(head.split()) <= 3 and not p["vague_words"].search(head) and any(not _pinned(text, m, p) for m in
                                                            p["vague_words"].finditer(text, len(head))):
        defined = defines  # 'Blurb: appetising, under 40 words': the vague word is one more demand, not defined
    flaws: dict[str, str] = {}
    parts = _merged([part.strip() for part in p["joiner"].split(text) if part and part.strip()])

    worker = p["worker_subjects"].search(text) or _process_by_someone(text, p) or p["person_does"].search(text) \
        or p["process_events"].search(text) or p["worker_modal"].search(text) or p["made_with"].search(text) \
        or _unless_said(_USES_THE_TOOL.search(text), text)
    worker = worker or _INTO_THE_TOOL.search(text) or _FROM_THE_TOOL.search(text) or _HAS_BEEN_CHECKED.search(text) \
        or p["have_done"].search(text) or _ACCESS.search(text) or _BY_SOMEONE.search(text)
    worker = _unless_said(worker, text)  # 'states that it was checked by a person': what the text says
    if worker and re.search(r"\b(?:like|as if|as though)\s+(?:it|they)\s+(?:was|were)\s*$",
                            text[max(0, worker.start() - 25):worker.start()], re.IGNORECASE):
        worker = None  # 'reads like it was written by someone who has done the job': a quality appeal
    worker = worker or next((m for part in parts[1:] if (m := p["person_does"].search(part))), None)  # ', and the
    if worker:                                                                  # engineer checks the margin'
        flaws["about_worker"] = worker.group().strip()

    told = [m.end() for m in p["tell_verbs"].finditer(text)]  # 'telling the customer they can ...' is content
    modal = next((m for m in p["person_modal"].finditer(text) if not any(0 <= m.start() - t <= 20 for t in told)),
                 None)
    unknowable = p["unknowable"].search(text) or modal or p["person_feels"].search(text) or _OTHER_MINDS.search(text) \
        or _OUTCOME.search(text) \
        or _unless_said(_PROMISE.search(text), text)
    if unknowable and re.match(r"(?:better|worse) than\s+(?:last|the last|previous|the previous|our previous|the old|"
                               r"our old|the current|our current|yesterday|before|now)\b",
                               text[unknowable.start():], re.IGNORECASE):
        unknowable = None  # 'better than last week's report': an improvement with no rule, a quality appeal
    if unknowable and not defined:
        flaws["uncheckable"] = unknowable.group()

    vague = [m for m in p["vague_words"].finditer(text) if not (unknowable and unknowable.start() <= m.start()
                                                                < unknowable.end())]
    lengths = [m for m in p["length_words"].finditer(text) if not _names_not_measures(text, m)
               and not re.search(r"\b(?:the|a|our|this|your)\s+$", text[max(0, m.start() - 6):m.start()])]
    qualities = [m for m in vague if not p["length_words"].fullmatch(m.group()) and not _pinned(text, m, p)
                 and not (m.group()[:1].isupper() and m.start() > 0)  # 'the headings Key points, ...': a name
                 and not (m.group().lower() == "right" and re.match(r"\s+(?:to|of)\s+\w", text[m.end():]))
                 and not _pending(text, m) and not _a_term(text, m)]
    possible = _AS_MUCH_AS_POSSIBLE.search(text)  # 'as complete as possible': how complete is enough?
    amounts = [m for m in qualities if possible and possible.start() <= m.start() < possible.end()
               or re.fullmatch(r"reasonable|sensible|decent|adequate|sufficient|appropriate|acceptable|suitable|proper|"
                               r"right|fair", m.group(), re.IGNORECASE)
               and p["measurable_things"].match(text, m.end() + 1)]  # 'reasonable notice': a measure with no number
    qualities = [m for m in qualities if m not in amounts]
    lengths += amounts
    levels = re.findall(r"\d\s*=\s*([^,;.=]+?)(?=\s*(?:[,;.]|\d\s*=|$))", text)
    if len(levels) >= 2 and all(p["vague_words"].fullmatch(level.strip().removeprefix("very ").strip())
                                or level.strip().lower() == "average" for level in levels):
        defined = False  # '1 = poor, 2 = fair, 3 = good': levels that are themselves vague words
        qualities = qualities or [m for m in p["vague_words"].finditer(text)]
    if flaws:  # a criterion about the worker, or about what nobody can see, is that first: its adjectives go with it
        qualities = []
    if qualities and not defined:
        after_label = [m for m in qualities if colon and m.start() > len(head)]
        flaws["vague_word"] = (after_label or qualities)[0].group()  # 'Tone: warm, ...': 'warm' is the vague word
        pieces = parts if len(parts) >= 2 else [piece for piece in re.split(r",\s+", rubric if colon else text)
                                                 if piece.strip()]  # 'Blurb: appetising, under 40 words'
        if anchored and len(pieces) >= 2 and any(not p["vague_words"].search(piece) and (
                _has_number(piece, p) or p["quoted"].search(piece) or p["anchors"].search(piece)) for piece in pieces):
            flaws["two_in_one"] = qualities[0].group()  # a measure of something else beside it: two criteria
    verdict = _VERDICT_BY_SOMEONE.search(text) or (None if re.search(r"=|\bwhere\b|\bi\.\s?e\.|\bmeaning\b|\bdefined\b|"
                                                                  r"\brubric\b|\bscale\b", text, re.IGNORECASE)
                                                    else _SCORE_WITH_NO_SCALE.search(text))  # 'friendliness 4 of 5'
    # "judged 'complete' by the operator": whose idea of complete?
    if verdict and not defined and not flaws.keys() - {"two_in_one"}:
        flaws["vague_word"] = verdict.group()
    appeal = _UNNAMED_STANDARD.search(text) or _SUFFICIENT.search(text)
    if appeal and not flaws and not defined and not numbered:  # 'to the required standard', 'sufficient to …'
        flaws["vague_word"] = appeal.group()
    screen = _SCREEN.search(text)  # 'fits on one screen': whose screen? a phone's holds a tenth of a monitor's
    if screen and not _has_number(_SCREEN.sub("", text), p):
        flaws["no_threshold"] = screen.group()
    if lengths and not numbered:  # 'short', 'quick to read': measurable, but no number says how much
        flaws["no_threshold"] = lengths[0].group()

    frequency = next((m.group() for m in p["vague_frequency"].finditer(text) if not _names_not_measures(text, m)), "")
    degree = _DEGREE.search(text)  # 'big enough', 'much longer than': a degree with no measure
    amount = _amount_of_something(text, p) or frequency or (degree.group() if degree else "")
    if amount and not numbered:
        flaws["no_threshold"] = amount

    judged = [part for part in parts if _is_judgement(part, p) and not re.match(r"not\b", part, re.IGNORECASE)]
    separate_vague = {m.group().lower() for m in qualities
                      if not re.search(r"\bnot\s+(?:a |an |the |any )?$", text[max(0, m.start() - 12):m.start()])}
    plus = re.search(r",\s*(?:plus|and also)\b", text, re.IGNORECASE) and len(parts) >= 2 \
        and not re.search(r":[^:;.]*,[^:;.]*,[^:;.]*,\s*(?:plus|and also)\b", text, re.IGNORECASE) \
        and not re.search(r"\b(?:includes?|contains?|lists?|gives?|states?|names?|shows?)\b[^.;]*,\s*"
                          r"(?:plus|and also)\b", text, re.IGNORECASE)  # a list's last item: 'includes ..., plus ...'
    two = (len(judged) >= 2 or plus) and not _defines(parts, p) and not defines and (plus or not _one_list(parts, p))
    if not two and len(parts) >= 2 and not defines and _points_at_something(parts[0], p):
        two = any(_claim_of_its_own(part) for part in parts[1:])  # '..., and the total equals the sum of the lines'
        two = two or (not _defines(parts, p) and any(
            _LIMIT_OF_ITS_OWN.search(part) and len(part.split()) >= 4 for part in parts[1:]))  # 'New date given, and
        # the word 'sorry' used no more than once': a second check with its own limit
    if "about_worker" in flaws:  # 'the supervisor reads and acknowledges it': one worker doing two things is one
        two = _content_beside_worker(parts, flaws["about_worker"], p)  # line; 'prices match ..., and the engineer
    loose_measure = [m.group() for m in lengths] + ([amount] if amount else [])
    if qualities and loose_measure and not numbered and not defines and not flaws.keys() & {"about_worker",
                                                                                           "uncheckable"} \
            and re.search(r"[,&+]|\band\b|\bbut\b", text):  # 'keep it short + plain english': a length and a quality
        separate_vague |= {loose_measure[0].lower()}
    if two or (len(separate_vague) >= 2 and re.search(r"[,&+]|\band\b|\bbut\b", text) and not defines):
        second = judged[1] if two and len(judged) > 1 else parts[1] if two else sorted(separate_vague)[1]
        flaws["two_in_one"] = second[:40]

    defines_term = rubric_defines or defines and p["defines"].search(re.sub(r"\be\.\s?g\.", "", text,
                                                                             flags=re.IGNORECASE))
    beside = None if defines_term else _length_limit_beside_another(text)  # 'e.g.' gives an example, not a meaning
    if beside and "two_in_one" not in flaws:
        flaws["two_in_one"] = beside[:40]
    if not flaws and not defined and not _points_at_something(text, p):  # 'Poster is eye-catching': nothing to find
        flaws[_what_nothing_to_find_is(text, p)] = text.rstrip(".!?")[:60]

    return Wording(tuple(k for k in FLAWS if k in flaws), {k: _as_written(v, as_written) for k, v in flaws.items()})


def _as_written(found: str, text: str) -> str:
    """The words found, as the learner wrote them: quoted words and listed names are read as placeholders
    ("'words'", "'name 2'"), which a learner must never see."""
    if re.search(r"'(?:w|wo|wor|word|n|na|nam|name|name \d*)?$", re.sub(r"'words'|'name \d+'", "", found)):
        found = re.sub(r"\s*'[a-z \d]{0,6}$", "", found)  # a placeholder cut short at 40 characters
    if "'words'" not in found and "'name " not in found:
        return found
    pattern = "".join(r".{1,240}?" if piece in ("'words'",) or piece.startswith("'name ") else re.escape(piece)
                      for piece in re.split(r"('words'|'name \d+')", found) if piece)
    match = re.search(pattern, text, re.IGNORECASE | re.DOTALL)
    return match.group()[:60] if match else re.sub(r"'words'|'name \d+'", "…", found)


# An appeal to a standard that is not named ('commensurate with the practice's established standards', 'to the
# required standard'), and enough of something with no measure ('a level of description sufficient to identify'):
# a reviewer cannot tell from them what passes.
_UNNAMED_STANDARD = re.compile(r"\b(?:commensurate with|in (?:line|keeping) with|consistent with|according to|up to|"
                               r"to|meets?|meeting)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+'s\s+)?(?:established|required|"
                               r"expected|agreed|usual|normal|relevant|applicable|appropriate|accepted|professional|"
                               r"high|good)\s+(?:standards?|practice|norms|conventions|quality)\b", re.IGNORECASE)
# A person's verdict with no rubric ('judged complete by the incoming operator on 9 of 10 shifts'): the count is a
# number, but what makes it 'complete' is left to whoever judges.
_VERDICT_BY_SOMEONE = re.compile(r"\b(?:judged|rated|deemed|considered|found|assessed|graded|marked)\s+"
                                 r"(?:as\s+|to be\s+)?(?:'words'|[a-z-]{3,})\s+by\s+(?:the\s+|a\s+|an\s+|our\s+)?"
                                 r"[\w\s-]{0,30}?"
                                 r"(?:reviewer|manager|operator|reader|supervisor|customer|team|lead|editor|staff|"
                                 r"person|user|panel|officer|colleague|agent|judge|engineer|teacher|nurse|assessor)s?\b",
                                 re.IGNORECASE)
_SCORE_WITH_NO_SCALE = re.compile(r"\b[a-z]{4,}(?:ness|ity|ion|ing)?\s+(?:(?:score|rating)\s+)?(?:of\s+)?"
                                  r"(?:at least|min(?:imum)?|≥|>=|over|above)\s*\d\s*(?:/|out of|of)\s*\d+\b",
                                  re.IGNORECASE)
_AS_MUCH_AS_POSSIBLE = re.compile(r"\bas\s+[a-z-]{3,}\s+as\s+(?:possible|you can|we can|it can be)\b", re.IGNORECASE)
_SCREEN = re.compile(r"\b(?:one|a|single|1|the)\s+(?:phone\s+|mobile\s+|laptop\s+)?screen(?:ful)?s?\b", re.IGNORECASE)
_SUFFICIENT = re.compile(r"\b(?:sufficient|adequate)\s+(?:to|for)\s+\w+", re.IGNORECASE)  # "short enough": _DEGREE
# People using the tool ('Coaches never use the AI to message …'): how the work is done, not what the text is.
_USES_THE_TOOL = re.compile(r"\b(?:never|always|only|must|should|do not|don't)?\s*(?:uses?|using)\s+(?:the\s+|an?\s+|"
                            r"our\s+)?(?:AI|assistant|chatbot|tool|copilot|model)\b", re.IGNORECASE)
# Words the output must say, in quotes: an apostrophe inside a word ("client's") opens no quote.
_QUOTE = re.compile(r"(?<![\w])[\"“‘'`]([^\"“”‘’'`]{1,240})[\"”’'`](?![\w])")
# A length limit ('under 80 characters', '2-4 sentences', '<160 chars') and, joined to it, a demand of another kind
# ('and starting with the brand name', '+ has rebook link'): two checks a reviewer makes apart.
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty|a hundred)"
_UNIT = r"(?:words?|characters?|chars|pages?|lines?|sentences?|paragraphs?|minutes?)"
_LENGTH_LIMIT = re.compile(r"(?:\b(?:under|max|maximum|at most|no longer than|no more than|up to|fewer than|less than|"
                           r"within|fits? (?:in|into|on))\s*|[<≤]\s*)" + _COUNT + r"(?:\s+[\w-]+)?\s*" + _UNIT
                           + r"\b|\b" + _COUNT + r"\s*(?:[-–]|to)\s*" + _COUNT + r"\s*" + _UNIT
                           + r"\b|\b" + _COUNT + r"\s*" + _UNIT
                           + r"\s+(?:or (?:less|fewer)|max(?:imum)?|at most|tops)\b", re.IGNORECASE)
_LIMIT_JOINS = re.compile(r"\s(?:and|&|plus|followed by|with|while|then)\s|[;,]\s+|\.\s+|\s?\+\s*", re.IGNORECASE)
_OTHER_DEMAND = re.compile(r"'words'|\b(?:starts?|starting|opens?|opening|ends?|ending|begins?|beginning|closes?|"
                           r"contains?|has|have|gives?|states?|names?|named|lists?|links?|every|each|sets? out|"
                           r"written (?:in|as)|formatted|no (?!more|longer|fewer|later|less)\w+|"
                           r"shows?)\b",
                           re.IGNORECASE)


def _length_limit_beside_another(text: str) -> str:
    """The other demand, when a length limit shares the line with a demand of another kind; else ''. Items the
    limit counts in ('160 characters, the surgery name included') are part of the limit."""
    parts = [part.strip() for part in _LIMIT_JOINS.split(text) if part and part.strip()]
    limits = [(part, found) for part in parts if (found := _LENGTH_LIMIT.search(part))]
    if not limits:
        return ""
    units = {re.sub(r"s$", "", re.findall(_UNIT, found.group(), re.IGNORECASE)[-1].lower()) for _part, found in limits}
    if len(units) >= 2:  # 'max 42 chars per line, max 2 lines per sub': two limits, two checks
        return limits[1][0]
    return next((part for part in parts if not _LENGTH_LIMIT.search(part) and _OTHER_DEMAND.search(part)
                 and not re.search(r"\binclud(?:ed|ing)\b", part, re.IGNORECASE)), "")


# What goes into a tool or where a draft comes from ('case notes are pasted into the free ChatGPT', 'drafts come only
# from our Copilot'), and a check someone has done ('the PI has personally checked it'): the work, not the output.
_TOOLS = r"(?:ai|copilot|chatgpt|gemini|claude|assistant|chatbot|tool|model|bot|llm|gpt|account|app)"
_INTO_THE_TOOL = re.compile(r"\b(?:pasted|pastes?|entered|enters?|typed|types?|uploaded|uploads?|fed|feeds?|put|"
                            r"puts?|shared|shares?|copied|copies|dropped|sent)\s+(?:[\w'’-]+\s+){0,3}?(?:into|in|to)\s+"
                            r"(?:[\w'’-]+\s+){0,4}?" + _TOOLS + r"s?\b", re.IGNORECASE)
_FROM_THE_TOOL = re.compile(r"\b(?:comes?|came|drafted|taken|generated)\s+(?:only\s+|solely\s+)?(?:from|in|by)\s+"
                            r"(?:[\w'’-]+\s+){0,3}?" + _TOOLS + r"s?\b|\bnever\s+(?:from|in|by)\s+(?:[\w'’-]+\s+){0,3}?"
                            + _TOOLS + r"s?\b", re.IGNORECASE)
_HAS_BEEN_CHECKED = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?(?:\w+ly\s+)?(?:checked|reviewed|approved|verified|"
                               r"proofread|signed off|double-checked|read through|gone through)\b", re.IGNORECASE)
# What goes on in other people's minds ('every worker has genuinely understood the hazards'), and what the text will
# bring about ('drives ticket sales'): no reading of the text can show either.
# Who does the work ('needs writing by someone who knows plants') and the effort of the tool ('should try to keep
# the member'): the work, not what it produced.
_BY_SOMEONE = re.compile(r"\bby\s+(?:someone|somebody|a person|a human|a real person|an expert|people who)\b|"
                         r"\b(?:should|must|will|to)\s+try\s+(?:to|and|its|their|hard)\b|\btries\s+(?:to|its|hard)\b",
                         re.IGNORECASE)
# Who may open it ('No one except the exams officer can see results before 08:00'): access, set in systems, not text.
_ACCESS = re.compile(r"\b(?:no one|nobody|no-one)\s+(?:except|but|apart from|other than|outside)\b[^.;]{0,60}?\b(?:can|"
                     r"may|could|is allowed to)\s+(?:see|view|access|open|edit|download)\b|\bonly\s+(?:the\s+)?"
                     r"[\w\s-]{1,40}?\s+(?:can|may|are allowed to|is allowed to)\s+(?:see|view|access|open|edit|"
                     r"download)\b|\b(?:access|visible|viewable)\s+(?:is\s+)?(?:only\s+)?(?:restricted|limited)\s+to\b",
                     re.IGNORECASE)
_OTHER_MINDS = re.compile(r"\b(?:has|have|had)?\s*(?:genuinely|fully|really|properly|truly)?\s*(?:understood|"
                          r"learned|learnt|remembered|taken in|absorbed|grasped)\b", re.IGNORECASE)
_OUTCOME = re.compile(r"\b(?:drives?|boosts?|increases?|grows?|lifts?|brings? in|generates?|wins?)\s+(?:more\s+)?"
                      r"(?:[\w-]+\s+)?(?:sales|bookings|revenue|traffic|sign-?ups|donations|footfall|conversions|"
                      r"enquiries|leads|engagement)\b|\bhelps?\s+(?:us\s+|to\s+|them\s+)?(?:cut|reduce|lower|raise|"
                      r"increase|boost|avoid|prevent|win|keep down)\b|\bgets?\s+(?:the\s+)?[\w-]+\s+(?:up|down)\b|"
                      r"\bgets?\s+(?:the\s+|our\s+)?[\w-]+\s+(?:hyped|excited|talking|interested|engaged|motivated|"
                      r"buzzing|on board)\b",
                      re.IGNORECASE)
# A promise about later ('one we will actually meet', 'will save the team twenty minutes a week'): what happens
# after the text is used, which no reading of the text can show.
def _unless_said(found: re.Match[str] | None, text: str) -> re.Match[str] | None:
    """``found``, unless it is what the text is told to say ('states that it was drafted using the AI', 'says we
    will call back within 2 days'): then it is content, which a reader can check."""
    if not found:
        return None
    before = text[max(0, found.start() - 60):found.start()]
    before = re.split(r"[;.]\s", before)[-1]  # this sentence only
    if re.search(r"\s(?:and|but)\s+(?:(?:is|are|gets?|must|should|will|be)\s+)?$", before, re.IGNORECASE) \
            and re.match(r"(?:is|are|gets?|must|should|will|be)\b", found.group().strip(), re.IGNORECASE):
        return found  # 'states the holding period and is sent within a day': a clause of its own, about the process
    if re.search(r"\b(?:says?|states?|mentions?|discloses?|notes?|tells?|labels?|flags?|promises?|"
                 r"confirms?|explains?)\b(?!\s+(?:are|is|were|was|get|gets|must|should|will|need|needs|have|has|"
                 r"can|go|from|for|of|on)\b)",  # 'case notes are', 'Notes get published': a noun
                 before, re.IGNORECASE):
        return None
    return found


_PROMISE = re.compile(r"\bwe(?:\s+will|'ll|\s+can|\s+shall)\b|\b(?:will|would)\s+(?:save|cut|reduce|free up)\b",
                      re.IGNORECASE)


_COLON_LIST = re.compile(r":\s*(.+?)(?=\.\s|\.?$)")


def _names_listed(text: str, p: dict[str, re.Pattern[str]]) -> str:
    """A list of names after a colon ("six fields: sitrep number, location, …, prepared by"; "under its name:
    Reference Code; Title; Scope and Content") is one list of names, not claims: it is read as that many quoted
    names, so that a field called "prepared by" or "Scope and Content" says nothing about a worker or a second
    demand. Items that say something ('the date is shown') keep the text as it is."""
    found = _COLON_LIST.search(text)
    if not found:
        return text
    items = [item.strip() for item in re.split(r"\s*;\s*|,\s*", found.group(1)) if item.strip()]
    if len(items) < 3 or any(len(item.split()) > 7 or p["predicates"].search(item) or p["number"].search(item)
                             for item in items):
        return text
    return text[:found.start(1)] + ", ".join(f"'name {n}'" for n in range(1, len(items) + 1)) + text[found.end(1):]


_DEGREE = re.compile(r"\b[a-z]{3,}\s+enough\b(?!\s+to\s+(?:fit|hold|include|list|cover)\b)|"
                     r"\benough\s+(?!(?:time|room|space|detail|"
                     r"information|copies|people|staff)\b)[a-z]{4,}\b|\b(?:much|far|a lot|a bit|slightly|"
                     r"somewhat|a little|not very much|not much)\s+(?:longer|shorter|bigger|smaller|more|fewer|less|"
                     r"larger|wider|higher|lower)\b", re.IGNORECASE)


# What a reviewer can look for in an output: a part, a quantity over its items, or what it states or matches.
_SOMETHING_TO_FIND = re.compile(r"\b(?:every|each|all|no|none|never|only|without|any|both|either|neither)\b|"
                                r"\b(?:states?|stated|gives?|given|names?|named|shows?|shown|quotes?|quoted|cites?|"
                                r"spells? out|refers? to|links? to|asks?|tells?|says?|matches|match|matching|identical|"
                                r"same|appears?|printed|written out|labelled|labeled|titled|marked|tagged|format|"
                                r"formatted|layout|template|order|ordered|sorted|bold|italics?|capitals|"
                                r"date|dates|deadline|amount|total|price|address|signature|reference|"
                                r"phone|email address|url|link|line|title|subject|greeting|sign-off|footer|header|"
                                r"caption|nothing else)\b", re.IGNORECASE)


def _points_at_something(text: str, p: dict[str, re.Pattern[str]]) -> bool:
    """True when the criterion names something a reviewer can look for in the output: a number, quoted words, a
    part (a heading, a field, the first line), a rule over its items ('every action', 'no names') or what it states
    or matches. 'Poster is eye-catching' and 'Handover covers everything the engineer needs' point at nothing:
    two reviewers would each bring their own idea of it."""
    return bool(_has_number(text, p) or p["quoted"].search(text) or p["anchors"].search(text)
                or _SOMETHING_TO_FIND.search(text))


def _what_nothing_to_find_is(text: str, p: dict[str, re.Pattern[str]]) -> str:
    """The kind of a line that points at nothing in the output: a comparison, a change or what people will do is a
    prediction ('fewer tickets get reopened', 'bookings go up', 'masters will keep clear'); a line whose subject is
    someone at work is about the worker ('officers take full responsibility'); anything else is a quality appeal."""
    if re.search(r"\b(?:than|fewer|more|less|will|would|won't|nobody|no one|go(?:es)? (?:up|down)|rises?|falls?|"
                 r"drops?|increases?|decreases?|reduces?|improves?|grows?)\b", text, re.IGNORECASE):
        return "uncheckable"
    if p["someone_first"].match(text):
        return "about_worker"
    if p["audience"].search(text):  # 'keeps guests off the closed runs': what readers will do
        return "uncheckable"
    return "vague_word"


def _has_number(text: str, p: dict[str, re.Pattern[str]]) -> bool:
    """A number or a number word that counts something: 'one' in 'a shorter one' and 'once' in 'once it is
    confirmed' count nothing."""
    for m in p["number"].finditer(text):
        word = m.group().lower()
        before = text[max(0, m.start() - 12):m.start()].lower()
        after = text[m.end():m.end() + 12].lower()
        if word == "one" and (re.search(r"\b(?:a|an|the|any|each|this|that|no|shorter|longer|new|old|other|"
                                        r"another|which|every)\s+$", before) or re.match(r"\s+of\s+(?:us|them|you)\b",
                                                                                          after)):
            continue
        if word == "once" and not re.match(r"\s+(?:a|per|every|each)\b", after):
            continue
        if " " in word and not (p["number"].search(after + text[m.end() + 12:m.end() + 30]) or
                                re.match(r"\s+(?:a|one)\s+(?:page|line|sentence|paragraph|screen)\b", after)):
            continue  # a limit with no number after it ('no more than a handful') is no number
        return True
    return False


def _names_not_measures(text: str, m: re.Match[str]) -> bool:
    """'the short form', 'how often', 'how long it takes': the word names something or asks for content."""
    before = text[max(0, m.start() - 5):m.start()].lower()
    after = text[m.end():m.end() + 12].lower()
    return bool(re.search(r"\bhow\s+$", before) or re.match(r"\s+(?:form|name|code|version|list|title)\b", after))


def _a_term(text: str, m: re.Match[str]) -> bool:
    """A quality word inside the name of a thing: 'reasonable-adjustment requests', 'effective image resolution',
    'effective date'. The word then names something a reviewer can look for."""
    after = text[m.end():m.end() + 20].lower()
    return bool(re.match(r"-[a-z]", after) and m.group().lower() + after[:1] + after[1:].split()[0] not in (
        "well-written", "high-quality") or re.match(r"\s+(?:grades?|codes?|class|band)\b", after)
        or m.group().lower() == "effective" and re.match(
        r"\s+(?:\w+\s+)?(?:date|resolution|rate|from|dpi|immediately)\b", after))


def _pending(text: str, m: re.Match[str]) -> bool:
    """'Forms still outstanding', 'outstanding balance': outstanding as not yet done or paid, not as praise."""
    return m.group().lower() == "outstanding" and bool(
        re.search(r"\b(?:still|any|all|every|remains?|none (?:are|is))\s+$", text[max(0, m.start() - 10):m.start()],
                  re.IGNORECASE)
        or re.match(r"\s+(?:from|for|to|on|items?|forms?|balances?|amounts?|actions?|payments?|invoices?|tasks?|"
                    r"questions?|issues?|jobs?|orders?|repairs?|documents?|fees?|debts?)\b", text[m.end():],
                    re.IGNORECASE))


def _pinned(text: str, vague: re.Match[str], p: dict[str, re.Pattern[str]]) -> bool:
    """A vague word followed at once by its own measure: 'short (under 50 words)', 'readable: reading age 9'."""
    after = text[vague.end():vague.end() + 30]
    return bool(re.match(r"\s*(?:\(|:|—|–|-\s)", after) and p["number"].search(after + text[vague.end() + 30:][:40]))


def _merged(parts: list[str]) -> list[str]:
    """Parts put back together where the split fell inside a list of quoted words ("'will' and 'should'")."""
    merged: list[str] = []
    for part in parts:
        if merged and re.search(r"(?:^|\s)[A-Z][A-Za-z]{0,2}$", merged[-1]):
            merged[-1] = f"{merged[-1]}. {part}"  # 'EPA Reg. No.': an abbreviation, not a sentence's end
        elif merged and (merged[-1][-1:] in "'\"’”" and part[:1] in "'\"‘“" or _goes_with_the_last(part)):
            merged[-1] = f"{merged[-1]} and {part}"
        else:
            merged.append(part)
    return merged


def _goes_with_the_last(part: str) -> bool:
    """A part that finishes the one before rather than setting a criterion of its own: what to say when there is
    nothing to list ('if none are outstanding, says ...'), or a short sentence pointing back ('Every finding has
    one.')."""
    return bool(re.match(r"(?:if|where|when)\s+(?:there\s+(?:is|are)\s+)?(?:none|no|nothing|not)\b|otherwise\b|"
                         r"or else\b|(?:if|where|when)\b.*\b(?:as well|too|also)\W*$", part, re.IGNORECASE)
                or len(part.split()) <= 5 and re.search(r"\b(?:one|it|them|these|those)\W*$", part, re.IGNORECASE))


def _one_list(parts: list[str], p: dict[str, re.Pattern[str]]) -> bool:
    """The parts are one list of required items: an anchor verb in the first ('states the amount, the method and
    how long it takes'), and the others name things rather than say something of their own."""
    if len(parts) < 2 or not p["anchors"].search(parts[0]) and not re.search(
            r"\b(?:states|gives|names|shows|covers|has|have|with|(?:must|should|to) (?:list|include|show|give|state|"
            r"name|contain|mention))\b", parts[0], re.IGNORECASE):
        return False
    if re.search(r"\b(?:that|which|who|including)\s+\w+", parts[0], re.IGNORECASE):
        return True  # 'a statement that names the tool, lists the prompts and says how ...': what it holds
    return all((not p["verb_start"].match(part) or _CONTENT_VERB.match(part)) and not p["vague_words"].search(part)
               and not _own_subject_and_verb(part) and not re.match(r"(?:never|nor|not)\s+[a-z]+(?:ing|s)?\b", part,
                                                                     re.IGNORECASE) for part in parts[1:])


_CONTENT_VERB = re.compile(r"(?:tells|says|states|gives|names|mentions|explains|reminds|asks|advises|invites|"
                           r"points)\s+(?:the\s+)?(?:client|customer|reader|patient|tenant|member|guest|owner|"
                           r"parent|resident|caller|them|him|her)\b", re.IGNORECASE)  # 'and tells the client to ...'


def _own_subject_and_verb(part: str) -> bool:
    """A part that is a sentence of its own, with a subject and a finite verb ('the log reference number is given
    in the first line'), not one more item of a list ('the method and how long it takes')."""
    return bool(re.match(r"(?:the|each|every|all|its|their|any)\s+(?:[\w-]+\s+){0,3}?(?:is|are|must|should|shall|"
                         r"has|have|appears?|goes|go|comes?|sits?)\s+\w", part, re.IGNORECASE))


_LIMIT_OF_ITS_OWN = re.compile(r"\b(?:no more than|not more than|at most|at least|under|over|exactly|max(?:imum)?|"
                               r"min(?:imum)?|up to|fewer than|less than|more than)\s+(?:\d|once\b|twice\b|one\b|two\b|"
                               r"three\b|four\b|five\b|ten\b|half\b)", re.IGNORECASE)


def _claim_of_its_own(part: str) -> bool:
    """A part that checks another thing with its own subject: 'the total equals the sum of the lines', 'the
    best-before date exactly 6 months after it'."""
    return bool(re.match(r"(?:the|its|each|every|all|their)\s+(?:[\w-]+\s+){0,3}?(?:equals?|adds? up|totals?|"
                         r"matches|match|falls?|lands?)\b|(?:the|its|each|every|their)\s+(?:[\w-]+\s+){1,3}?"
                         r"(?:exactly|at least|at most|no later than|no earlier than|within|under|over)\s+\d",
                         part, re.IGNORECASE))


def _process_by_someone(text: str, p: dict[str, re.Pattern[str]]) -> re.Match[str] | None:
    """A process verb ("checks", "reviews") whose subject is someone, not the output: "The dispatcher checks"."""
    for verb in p["process_verbs"].finditer(text):
        before = text[:verb.start()].split()
        subject = before[-1].lower() if before else ""
        if subject and subject not in ("it", "that", "which", "and", "or", "but", "then", "also", "is", "are") \
                and not p["output_subjects"].fullmatch(subject) \
                and subject.isalpha() and len(before) <= 4:
            if not verb.group().lower().endswith("s") and not subject.lower().endswith("s") \
                    and subject.lower() not in ("i", "we", "you", "they"):
                continue  # 'ID check', 'spell check': a noun, not someone checking
            return verb
    return None


def _content_beside_worker(parts: list[str], worker: str, p: dict[str, re.Pattern[str]]) -> bool:
    """True when a line about the worker also holds a criterion about the output in a part of its own ('The text
    gives the priority and is sent within 4 hours'): a part that is not the worker's, nor the worker's next verb
    ('reads and acknowledges it'), and points at something in the output."""
    at = next((i for i, part in enumerate(parts) if worker.lower() in part.lower()), None)
    if at is None:
        return False
    return any(i != at and not (i > at and p["verb_start"].match(part)) and _is_judgement(part, p)
               and _points_at_something(part, p) and not p["person_does"].search(part)
               and not p["worker_subjects"].search(part) for i, part in enumerate(parts))


def _amount_of_something(text: str, p: dict[str, re.Pattern[str]]) -> str:
    """A vague amount of something countable: "most of the actions", "too many bullets", "hardly any typos"."""
    for amount in p["vague_amounts"].finditer(text):
        if re.search(r"\bhow\s+$|(?:→|->|\bto|\blow\s*[-–])\s*$", text[max(0, amount.start() - 5):amount.start()],
                     re.IGNORECASE) \
                or re.match(r"\s*(?:→|->|[-–]\s*high|[-–]\s*low|to high|to low)", text[amount.end():]):
            continue  # 'how many days it takes' asks for content; 'low→high' is an order
        after = text[amount.end():amount.end() + 40]
        if p["measurable_things"].search(text) or re.match(
                r"\s+(?:of\s+)?(?:the\s+|our\s+|[\w'’]+\s+){0,2}[a-z]{3,}s\b", after):
            return amount.group()
    return ""


def _is_judgement(part: str, p: dict[str, re.Pattern[str]]) -> bool:
    """A part of a line that could be a criterion of its own: it says something is so, or does something."""
    if len(part.split()) < 2 and not p["vague_words"].search(part):
        return False
    named = any(m.group()[:1].isupper() and m.start() > 0 for m in p["vague_words"].finditer(part))
    quality = any(not (m.group()[:1].isupper() and m.start() > 0) for m in p["vague_words"].finditer(part))
    if named and not quality and not p["predicates"].search(re.sub(r"\bis one of\b", "", part)):
        return False  # 'one severity from Minor, Major, Critical': names of levels, not a quality asked for
    return bool(p["predicates"].search(part) or quality or p["verb_start"].match(part)
                or re.search(r"\b(?:under|over|at most|at least|within|up to|fewer than|less than|more than|max|"
                             r"maximum|min|minimum|no more than|no longer than)\.?\s+\d|\b(?:grade|level|age|score)\s+"
                             r"\d+\s*(?:[-–]|to)\s*\d", part, re.IGNORECASE))  # 'alt text under 140 characters': a
    # measured limit of its own; 'Flesch-Kincaid grade 7–9': a range of its own


def _defines(parts: list[str], p: dict[str, re.Pattern[str]]) -> bool:
    """True when the parts are one criterion with its definition: a vague part and a measured part about the same
    thing ("Use short sentences. No sentence longer than 25 words.")."""
    if len(parts) < 2:
        return False
    measured = [part for part in parts if p["number"].search(part) or p["quoted"].search(part)]
    loose = [part for part in parts if part not in measured]
    if not measured or not loose:
        return False

    def stems(part: str) -> set[str]:
        return {w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", part)}
    return all(stems(part) & set().union(*(stems(m) for m in measured)) for part in loose)

