"""Spot personal or confidential data in text a learner wants to send to an AI tool.

The patterns are deliberately strict (a card number must pass the Luhn check, a phone number needs enough
digits) so that ordinary numbers such as "150 words" or "week 3" are never flagged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from .vocabulary import vocabulary

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?!\w)")
LONG_DIGITS = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
# A home address: a house number, a street name and a street word ('14 Larch Close', '22 Meadow Lane').
STREET = re.compile(r"(?<![\w£$€.,])\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z'’-]+\s+){1,3}(?:Street|St|Road|Rd|Lane|Ln|Close|"
                    r"Avenue|Ave|Drive|Dr|Way|Court|Ct|Crescent|Place|Pl|Gardens|Terrace|Grove|Walk|Row|Square|Mews|"
                    r"Park|Rise|View|Hill)\b\.?")
# A room, gate or platform number before a public place's name ('Meeting Room 2, Hollins Park Library'): a venue, not
# a home.
_VENUE_BEFORE = re.compile(r"\b(?:room|unit|gate|door|hall|ward|desk|zone|area|bay|floor|level|suite|stand|block|"
                           r"studio|screen|pitch|berth|platform|stage|court)\s*$", re.IGNORECASE)
_VENUE_AFTER = re.compile(r"\s+(?:Library|Hall|Centre|Center|School|Station|Hospital|Church|Museum|Office|Surgery|"
                          r"Clinic|Leisure|Sports|Community|Primary|Academy|College|Depot|Hotel|Stadium|Theatre)\b")


@dataclass(frozen=True)
class PersonalData:
    kind: str      # "email address", "phone number" or "card number"
    start: int
    end: int


def luhn_ok(digits: str) -> bool:
    """True when a string of digits passes the Luhn checksum that payment card numbers use."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


@cache
def _name_after_person_word(language: str) -> re.Pattern[str]:
    """A full name (two or more capitalised words) right after a word such as 'customer' or 'agent'."""
    people = "|".join(re.escape(w) for w in vocabulary(language)["free_text"]["sensitive_people_words"])
    name = r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)+"  # on one line: 'Customer Operations'\nTicket' is no name
    return re.compile(r"(?<!\w)(?i:" + people + r")[.:,]?\s+(" + name + r")")


# A shared mailbox named after a role or a service ('volunteers@…', 'info@…', 'support@…'): no one person's address.
_ROLE_MAILBOX = re.compile(r"(?:info|enquiries|inquiries|support|help|helpdesk|hello|contact|admin|office|team|"
                           r"sales|bookings?|reception|volunteers?|careers|jobs|hr|press|media|accounts|billing|"
                           r"service|customerservices?|noreply|no-reply|feedback|complaints|membership|events)@",
                           re.IGNORECASE)
# An organisation's own number, said as such ('our 24-hour number 0800 …', 'the council's helpline on …'): it is
# published for everyone to call, not a person's contact detail.
_OWN_NUMBER = re.compile(r"\b(?:our|the (?:council|company|team|office|practice|school|club|service|surgery)'s)\b"
                         r"[^.;,\n]{0,25}\b(?:number|line|helpline|phone|switchboard)\b[^.;\n\d]{0,12}$|"
                         r"\b(?:helpline|freephone|switchboard|main number|reception)\b[^.;\n\d]{0,12}$|"
                         # offered to the reader: 'Reply BOOK or call 01632 …', 'ring us on …'
                         r"\b(?:call|ring|phone|contact) us(?: on| at)?:?\s*$|"
                         r"\bor (?:call|ring|phone)(?: us)?(?: on| at)?:?\s*$",
                         re.IGNORECASE)


# A named person's health ('Dan Kowalski injured his shoulder', 'Aisha Bello is back after a stress-related absence').
_FULL_NAME = re.compile(r"(?<![\w.'’-])(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
                        r"([A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?[ \t]+[A-Z][a-z'’-]{2,})(?![\w'’-])")
_NOT_A_PERSON = re.compile(r"\s*(?:Road|Street|Lane|Avenue|Way|Close|Drive|Park|Hall|House|Centre|Center|Library|"
                           r"Station|Ltd|Limited|Group|Team|Services|Department|Hospital|Clinic|Surgery|Practice|Trust|"
                           r"School|College|University|Care|Home|Hospice|Health|Community|Medical|Unit|Ward|Council|Primary|Academy|"
                           r"Nursery|Kitchen|Infants?|Juniors?|High|Farm|Works|Studio|Depot|Office|Café|Cafe|Bakery)\b")
_HEALTH = re.compile(r"\b(?:injur(?:ed|y|ies)|surgery|operation on|diagnos\w+|illness|ill with|sick(?:ness)?|"
                     r"stress-related|mental health|medication|pregnan\w+|disabilit\w+|hospital(?:ised|ized)?|"
                     r"cancer|depression|anxiety|broke (?:his|her|their)|torn|fractured?|sick note|fit note|"
                     r"chemo(?:therapy)?|radiotherapy|therapy|treatment for|signed off|off sick|sick leave|"
                     r"burn-?out|breakdown|diabetes|diabetic|asthma|epilep\w+|migraines?|stroke|heart attack|"
                     r"miscarriage|ivf|rehab|addiction|panic attacks?|long covid|covid|flu|menopause|"
                     r"physio(?:therapy)?|counselling|counseling|allerg(?:y|ies|ic)|anaphyla\w+|coeliac|celiac|epipen|"
                     r"adrenaline pen|inhaler|insulin)\b", re.IGNORECASE)
# One first name with what someone is doing or has ('Priya is having chemo', 'Dave has been off sick'): a person.
_FIRST_NAME = re.compile(r"(?<![\w.'’-])([A-Z][a-z'’-]{2,})(?=\s+(?:is|was|has|had|will be|'s|’s|needs|went|got|"
                         r"broke|injured|started|goes|takes|told)\b)")
_NOT_A_NAME = {"The", "This", "That", "It", "There", "Our", "My", "Your", "Their", "His", "Her", "What", "Who",
               "Everyone", "Nobody", "Someone", "Anyone", "Each", "Every", "One", "Today", "Tomorrow", "Yesterday",
               "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
               "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
               "Team", "Staff", "Nothing", "Everything", "Here", "Which", "Where", "When", "Why", "How", "If",
               "Flu", "Covid", "Stress", "Sickness", "Absence", "Work", "Cover", "Payroll", "Policy", "Rota"}


def _named_health(text: str) -> list[re.Match[str]]:
    """Names (a full name, or a first name doing or having something) in a sentence that tells of someone's
    health."""
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text[:20_000]):
        if _HEALTH.search(sentence):
            found += [m for m in _FULL_NAME.finditer(sentence)
                      if (m.start() > 0 or re.match(r"\s+(?:is|was|has|had|injured|broke|needs)\b|\s*[,:(–-]",
                                                    sentence[m.end():]))
                      and not re.search(r"(?:\b(?:St|Saint)\.?|[A-Z][\w'’-]*)\s+$", sentence[:m.start()])
                      and not _NOT_A_PERSON.match(sentence, m.end())
                      and not _NOT_A_PERSON.fullmatch(m.group(1).split()[-1])]
            named = {m.group(1) for m in found}
            found += [m for m in _FIRST_NAME.finditer(sentence) if m.group(1) not in _NOT_A_NAME
                      and not any(m.group(1) in full for full in named)
                      and not _HEALTH.fullmatch(m.group(1))]
    return found


def find_personal_data(text: str, limit: int = 20, *, names: bool = False,
                       language: str = "en") -> list[PersonalData]:
    """Email addresses, phone numbers and card numbers found in ``text``, in order (at most ``limit``).

    With ``names``, also a person's full name right after a word such as 'customer' or 'agent'.
    """
    found: list[PersonalData] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str]) -> None:
        if len(found) < limit and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append(match.span())
            found.append(PersonalData(kind, match.start(), match.end()))

    for m in itertools.islice(EMAIL.finditer(text), limit):
        if not _ROLE_MAILBOX.match(m.group()):
            add("email address", m)
    for m in itertools.islice(LONG_DIGITS.finditer(text), limit * 10):
        digits = re.sub(r"\D", "", m.group())
        if luhn_ok(digits):
            add("card number", m)
    if names:
        not_names = set(vocabulary(language)["free_text"]["not_name_words"])
        for m in itertools.islice(_name_after_person_word(language).finditer(text), limit):
            if not not_names & set(m.group(1).split()):  # "agent, Customer Operations" names a team, not a person
                add("person's name", m)
        for m in _named_health(text)[:limit]:
            add("health details", m)
        for m in itertools.islice(STREET.finditer(text), limit):
            if not (_VENUE_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or _VENUE_AFTER.match(text, m.end())):
                add("home address", m)
    for m in itertools.islice(PHONE.finditer(text), limit * 10):
        digits = re.sub(r"\D", "", m.group())
        if 8 <= len(digits) <= 15 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.group()) \
                and not _OWN_NUMBER.search(text[max(0, m.start() - 40):m.start()]):
            add("phone number", m)
    return sorted(found, key=lambda p: p.start)
