"""The SOP checker: is a simple SOP for AI-assisted work complete, followable and safe?

An SOP (standard operating procedure) says how a task is done so the whole team does it the same way and a new
person can follow it. The checker reads the SOP the builder form saves (sections, plus numbered steps each with
an actor, a kind and an observable result) and finds:

- structure and safety, which may cost points: empty sections, steps with no actor or no observable result, an
  AI step no person checks afterwards, a review nobody is named for, an escalation with no trigger, data rules
  that let internal, personal or confidential data into a consumer tool (or name no tool at all), a missing owner or
  review date, and a prompt that does not carry the task's input;
- wording, which only suggests: vague steps ("check it"), what the prompt coach (module 02) would add to the
  prompt, and quality checks the criteria reader (module 03) finds hard to check.
Word lists live in ``vocab/<language>.json`` under ``"sop"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .criteria_wording import read_criterion
from .feedback import Feedback, Finding, fix_first
from .messages import finding
from .personal_data import find_personal_data
from .prompt_reading import reads_as_nothing
from .vocabulary import vocabulary, word_pattern

ENGINE = "sop/1"
SECTIONS = ("purpose", "trigger", "inputs", "prompt", "expected_output", "quality_checks", "escalation",
            "data_rules")
SECTION_LABELS = {"title": "Title", "purpose": "Purpose", "trigger": "Trigger", "inputs": "Inputs",
                  "prompt": "The prompt", "expected_output": "Expected output", "quality_checks": "Quality checks",
                  "review_who": "Who reviews", "review_when": "When they review", "escalation": "Escalation",
                  "data_rules": "Data rules", "owner": "Owner", "version": "Version", "review_date": "Review date"}
FIELDS = tuple(SECTION_LABELS)
STEP_FIELDS = ("actor", "kind", "action", "result", "minutes_before", "minutes_with_ai")
STEP_KINDS = {"person": "A person", "ai": "The AI", "check": "A person checks the AI's output"}
MAX_STEPS = 200
READ_AT_MOST = 5000   # characters of one field or step read
# Points of the structural rules (engine scale); each costs its points when it applies.
# Points of the structural rules (engine scale): each rule's points are earned only by an SOP that has the part
# it is about, so an SOP with no steps earns none of the steps' points, and empty data rules are not safe ones.
COSTS = {"missing_section": 1.0, "step_no_actor": 2.0, "step_no_result": 1.0, "ai_step_unchecked": 5.0,
         "no_review_person": 4.0, "no_escalation_trigger": 1.0, "unsafe_data": 5.0, "no_owner_or_date": 1.0,
         "prompt_no_input": 2.0}
COSTS["no_steps"] = COSTS["step_no_actor"] + COSTS["step_no_result"] + COSTS["ai_step_unchecked"]
TOTAL = (COSTS["missing_section"] * (len(SECTIONS) + 2) + COSTS["no_steps"] + COSTS["no_review_person"]
         + COSTS["no_escalation_trigger"] + COSTS["unsafe_data"] + COSTS["no_owner_or_date"] + COSTS["prompt_no_input"])
# What makes an SOP unsafe to use at all: it earns at most half the points, however complete the rest is.
UNSAFE = frozenset({"sop_unsafe_data", "sop_ai_step_unchecked", "sop_no_review_person"})
# An SOP is ready only when nothing that costs points remains: the verdict a learner reads is "Complete and safe"
# or "Not ready yet", with the first thing to fix.


# --- reading the saved SOP ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    number: int
    actor: str
    kind: str
    action: str
    result: str
    minutes_before: str = ""
    minutes_with_ai: str = ""


@dataclass(frozen=True)
class Sop:
    fields: Mapping[str, str]
    steps: tuple[Step, ...]
    cut: int = 0   # steps beyond MAX_STEPS, left out

    def __getitem__(self, name: str) -> str:
        return self.fields.get(name, "")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value[:READ_AT_MOST]
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}"
    return ""


def read_sop(value: Any) -> Sop:
    """The SOP in a saved answer; anything odd reads as empty, never raises."""
    data = value if isinstance(value, Mapping) else {}
    fields = {name: _text(data.get(name)) for name in FIELDS}
    rows = data.get("steps") if isinstance(data.get("steps"), list) else []
    rows = [r for r in rows if isinstance(r, Mapping) and any(_text(r.get(k)).strip()
                                                               for k in ("actor", "action", "result"))]
    steps = tuple(Step(n, *(_text(r.get(k)) for k in STEP_FIELDS)) for n, r in enumerate(rows[:MAX_STEPS], 1))
    return Sop(fields, steps, max(0, len(rows) - MAX_STEPS))


# --- the rules ------------------------------------------------------------------------------------------------------
@cache
def _words(language: str) -> dict[str, re.Pattern[str]]:
    lists = vocabulary(language)["sop"]

    return {name: word_pattern(lists[name]) for name in lists if isinstance(lists[name], list)}


_CLAUSE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s*:\s+)?")


def _bare(text: str) -> str:
    """A field without a clause number or a label in front ('8.1 Sign-off authority: TBD' -> 'TBD')."""
    return _CLAUSE.sub("", text.strip(), count=1).strip().strip(".!-–—:;,").strip() or text.strip()


def says_nothing(text: str, language: str = "en") -> bool:
    """Empty, a placeholder ('tbc', 'n/a', '-', 'see above', 'see the Teams chat') or a single word."""
    bare = _bare(text)
    if not bare.strip(".!-–—:;,?… "):
        return True
    if _words(language)["placeholders"].fullmatch(bare) or (re.match(r"(?i)see\b", bare) and len(bare.split()) < 8):
        return True
    return len(re.findall(r"[^\W_]+", bare)) < 2 and not re.search(r"\d", bare)


# Whoever holds a post at the time names a role ('whoever is producing the show that day', 'whoever is on duty');
# whoever happens to be free names nobody.
_WHOEVER_HOLDS = re.compile(r"^(?:whoever|whoever's|anyone|the person)\s+(?:is\s+|'s\s+)?(?:\w+ing\b(?<!\bbeing\b)|"
                            r"on\s+(?:duty|shift|call|the\s+rota|rota)\b|rostered\b|assigned\b|allocated\b|"
                            r"in\s+charge\b|named\b)", re.IGNORECASE)
# Whoever happens to be free, named anywhere as the one who does it, and not as the cover for a named person
# ('Team lead, or whoever is free when she is off' names the team lead).
_AVAILABLE = re.compile(r"\b(?:whoever|whoever's|anyone|anybody|someone|somebody)\s+(?:is\s+|'s\s+|happens\s+to\s+"
                        r"be\s+)?(?:free|available|around|about|spare|has\s+(?:time|a\s+moment|capacity))\b",
                        re.IGNORECASE)
_COVER = re.compile(r"\b(?:or|if|when|otherwise|covers?|cover(?:ing|ed)|back-?up|absent|off|leave|away)\b",
                    re.IGNORECASE)


def _nobody(text: str, language: str) -> bool:
    """Nobody is named: empty, a placeholder, or words such as 'someone', 'whoever is free' or 'the AI' at the
    start (a single name or role, such as 'Ilse' or 'Supervisor', does name someone; so does 'whoever is on
    duty'), or whoever happens to be free named as the one who does it."""
    bare = _bare(text)
    w = _words(language)
    if not bare or w["placeholders"].fullmatch(bare):
        return True
    if _WHOEVER_HOLDS.match(bare):
        return False
    free = _AVAILABLE.search(bare)
    if free and not _COVER.search(bare[:free.start()]):
        return True
    return bool(w["nobody"].match(bare))


def _group(owner: str, language: str) -> bool:
    """An owner that is a whole group ('Depot team', 'All staff'): when everybody owns an SOP, nobody does."""
    words = re.findall(r"[^\W_]+", re.split(r"[,;/(]", _bare(owner))[0].lower())  # the first name or role given
    return bool(words) and bool(_words(language)["group_owners"].fullmatch(words[-1]))


def _no_review_date(text: str, language: str) -> bool:
    """No time is given for the next review: empty, a placeholder, or 'when needed'. A date with or without a year
    ('30 September'), a month, a quarter or a cadence ('Quarterly', 'every 6 months') is a time."""
    w = _words(language)
    bare = text.strip().strip(".!-–—:;,?… ")
    if not bare or w["placeholders"].fullmatch(bare) or w["never_dates"].match(_bare(text)):
        return True
    return not (re.search(r"\d", bare) or w["review_cadence"].search(bare))


def _actor_missing(actor: str, language: str) -> bool:
    """A step nobody could be identified for; the AI is a fine actor for a step the AI does, and whoever holds a post
    at the time ('whoever is on duty') is a role."""
    bare = _bare(actor)
    return not bare or (_nobody(bare, language) and not _is_ai(bare, language))


def _is_ai(actor: str, language: str) -> bool:
    return bool(_words(language)["ai_names"].search(actor))


def _result_missing(result: str, language: str) -> bool:
    bare = result.strip().strip(".!").strip()
    return not bare or bool(_words(language)["empty_results"].fullmatch(bare))


def unchecked_ai_steps(steps: Sequence[Step], language: str = "en") -> list[Step]:
    """AI steps whose output no person checks before it is used: a check step by a person (not by the AI) must
    follow, before any step that sends, posts or publishes the work. One pass from the last step back."""
    w = _words(language)
    unchecked = []
    next_event = ""  # what comes first after the step being looked at: "check", "send" or nothing
    for step in reversed(steps):
        sends_itself = step.kind == "ai" and bool(w["ai_sends"].search(step.action))  # out before anyone looks
        if step.kind == "ai" and (next_event != "check" or sends_itself):
            unchecked.append(step)
        if step.kind == "check" and not _is_ai(step.actor, language):
            next_event = "check"
        elif w["send_actions"].search(step.action):
            next_event = "send"
    return unchecked[::-1]


def _data_rules_unsafe(sop: Sop, language: str) -> str:
    """Why the SOP lets data go where it must not, or '' when its data rules are safe."""
    w = _words(language)
    rules = sop["data_rules"]
    if find_personal_data(sop["prompt"], limit=1, names=True, language=language):
        return "the prompt holds personal data"
    everything = "\n".join([rules, sop["inputs"], sop["prompt"], *(s.action for s in sop.steps)])
    anything = w["any_tool"].search(everything)
    if anything:
        return f"any tool is allowed (“{anything.group()}”)"
    for consumer in [*w["consumer_tools"].finditer(everything), *_CONSUMER.finditer(everything)]:
        if _DESCRIBES.match(everything, consumer.end()):
            continue  # 'a WhatsApp-style message', 'the WhatsApp Business account'
        clause = _clause(everything, consumer.start(), consumer.end())
        if w["never_words"].search(clause) or _PUBLIC_ONLY.search(clause):
            continue  # 'never paste names into the free chatbot', 'public reviews only'
        if w["personal_words"].search(clause) or (_PERMITTED.search(clause)
                                                   and w["personal_words"].search(sop["inputs"])):
            return f"personal or confidential data may go into {consumer.group()}"
        if w["material_nouns"].search(clause) or _PERMITTED.search(clause) or _PUTS_IN.search(clause):
            return f"the team's internal work may go into {consumer.group()}, which only public or made-up text may"
    special = _special_data(sop, language)
    if special:
        return f"{special} go into an AI tool, and no policy is named that approves that tool for such data"
    if says_nothing(rules, language):
        return "there are no data rules yet"
    if not w["tools"].search(rules):
        return "the data rules name no tool"
    return ""


def _clause(text: str, start: int, end: int) -> str:
    """The clause around text[start:end]: cut at line ends, full stops, semicolons and dashes."""
    cuts = re.compile(r"\n|[.;!?](?:\s|$)|\s[–—-]\s")
    before = [m.end() for m in cuts.finditer(text, 0, start)]
    after = cuts.search(text, end)
    begin = before[-1] if before else 0
    if len(before) > 1 and re.match(r"\s*(?:or|and|nor|neither)\b", text[begin:]):
        begin = before[-2]  # '... never go into it - or into any free AI tool': one rule
    return text[begin:after.start() if after else len(text)]


_PERMITTED = re.compile(r"\b(?:is|are) (?:fine|ok|okay|allowed|permitted)\b|\b(?:can|may) (?:be )?use[ds]?\b|"
                        r"\bfine for\b|\bis the fallback\b|\binstead\b", re.IGNORECASE)
# Putting something into a tool: in a clause that names a consumer tool and forbids nothing, the team's work goes in.
_PUTS_IN = re.compile(r"\b(?:paste[sd]?|pasting|upload(?:s|ed|ing)?|type[sd]?|typing|enter(?:s|ed|ing)?|"
                      r"cop(?:y|ies|ied|ying)|put(?:s|ting)?|feed(?:s|ing)?|drop(?:s|ped)?|shares?|shared|sharing|"
                      r"sends?|sent|run(?:s|ning)?)\b[^.;\n]{0,60}?\b(?:into|in|to|through)\b", re.IGNORECASE)
# Right after a consumer tool's name: how the output reads ('a WhatsApp-style message'), or the organisation's own
# tier of it ('the WhatsApp Business account'): neither is a personal tool data goes into.
_DESCRIBES = re.compile(r"\s?-?\s?(?:style|like|format|formatted|tone)\b|\s+(?:business|enterprise|for\s+business|"
                        r"for\s+work|team|work)\b", re.IGNORECASE)
_PUBLIC_ONLY = re.compile(r"\b(?:public|published)\b(?! chatbot| ai| tool)|\banonymi[sz]ed\b|\bno personal\b",
                          re.IGNORECASE)


# A consumer tool in other words: 'their personal ChatGPT account', 'the free AI app on your phone', 'a public chatbot'.
_CONSUMER = re.compile(r"\b(?:personal|own|private|free|home|consumer|public)\s+(?:[\w-]+\s+){0,2}?"
                       r"(?:account|accounts|app|apps|chatbot|chatbots|phone|phones|laptop|laptops|device|devices|"
                       r"version|tier|assistant|ai|chatgpt|gemini|tool|tools)\b", re.IGNORECASE)
_CLASS_APPROVED = re.compile(r"\b(?:patient|clinical|health|medical|hr|case|special[- ]category|employee|staff)"
                             r"\s+(?:data|information|records)\b[^.;\n]{0,60}?\b(?:may|can|is approved|are approved|"
                             r"is allowed|are allowed|is permitted|are permitted)\b", re.IGNORECASE)
_IDENTIFIABLE = re.compile(r"identifiable|identifying|identifiers|personal data|personal information|\bnames\b",
                           re.IGNORECASE)


def _special_data(sop: Sop, language: str) -> str:
    """Special-category data (health, HR cases, card numbers ...) the SOP puts into its AI tool, with no policy named
    that approves the tool for it: the words that say so, or ''. A line that keeps such data out says nothing."""
    w = _words(language)
    rules = sop["data_rules"]
    clauses = re.split(r"[\n;]|\.(?:\s|$)", rules)
    if (w["approved_for"].search(rules) or w["deidentified"].search(rules) or _CLASS_APPROVED.search(rules)
            or any(w["never_words"].search(c) and (w["special_data"].search(c) or _IDENTIFIABLE.search(c))
                   for c in clauses)):
        return ""  # the tool is approved for that data, the data goes in without identifiers, or it is kept out
    ai_inputs = [sop["inputs"], sop["prompt"], sop["data_rules"],
                 *(s.action for s in sop.steps if s.kind == "ai" or _is_ai(s.action, language))]
    for line in "\n".join(ai_inputs).splitlines():
        found = w["special_data"].search(line)
        if found and not w["never_words"].search(line):
            return found.group()
    return ""


_SITUATION_THEN_WHO = re.compile(r"^(?!\s*(?:escalat|contact|to\b|who\b|owner|person|name))[^:\n–—]{8,240}?"
                                r"(?::|\s[–—-]\s|\s?(?:->|→)\s?)\s*\S", re.I)
# 'Orders over 500 euros: ...', 'A gas smell – ring ...', 'A member asks about hardship - passed to the Secretary'
# (a hyphen typed for a dash), 'Customer in hardship -> transfer to ...'


# A kind of case marked out by what it involves: 'anything involving a child', 'calls mentioning self-harm', 'orders
# over 500 euros', 'any reading outside the range'. A situation, even with no 'if' or 'when'.
_QUALIFIED_CASE = re.compile(
    r"\b(?:any|anything|all|every|each|those|cases?|items?|tickets?|calls?|callers?|orders?|claims?|requests?|"
    r"reports?|records?|messages?|emails?|quer(?:y|ies)|letters?|entries|results?|samples?|readings?|customers?|"
    r"patients?|residents?|pupils?|guests?|clients?|jobs?|incidents?)\b[^.;\n]{0,60}?\b(?:involving|"
    r"involves|about|mentioning|mentions|showing|shows|containing|contains|flagged|marked|raising|raised|reporting|"
    r"reported|concerning|relating|related|outside|beyond|past|older|over|under|above|below|without|missing|"
    r"where|which|that|who|not)\b", re.IGNORECASE)


def _escalation_without_trigger(text: str, language: str) -> bool:
    """No situation is named that sends the work up: no 'if' or 'when', no trouble word, no 'situation: who', no
    kind of case marked out by what it involves ('anything involving a child goes to ...')."""
    if says_nothing(text, language):
        return True
    return not (_words(language)["conditions"].search(text) or _SITUATION_THEN_WHO.search(_bare(text))
                or _QUALIFIED_CASE.search(text))


def _vague_steps(steps: Sequence[Step], language: str) -> list[Step]:
    w = _words(language)
    quoted = re.compile(r"\d|(?<!\w)[\"“‘'][^\"”’']{2,}[\"”’'](?!\w)")
    return [s for s in steps if w["vague_actions"].search(s.action) and not quoted.search(s.action)
            and len(s.action.split()) < 12]


@dataclass(frozen=True)
class SopTask:
    """What an SOP task asks for: its title, the input its prompt must carry (``{notes}``), and the sections it
    asks for (all of them; a one-page outline asks for fewer and has no prompt)."""

    title: str
    slot: str = ""
    weights: Mapping[str, float] = field(default_factory=lambda: dict(COSTS))
    sections: tuple[str, ...] = SECTIONS

    @property
    def total(self) -> float:
        """The points of an SOP that asks for these sections (the engine's scale)."""
        no_prompt = 0.0 if "prompt" in self.sections else COSTS["prompt_no_input"]
        return TOTAL - COSTS["missing_section"] * (len(SECTIONS) - len(self.sections)) - no_prompt


def check_sop(value: Any, task: SopTask | None = None, cases: Sequence[str] = (), language: str = "en") -> Feedback:
    """Feedback on an SOP: what its structure and safety cost, and suggestions on its wording."""
    task = task or SopTask("An SOP")
    sop = read_sop(value)
    if all(not v.strip() for v in sop.fields.values()) and not sop.steps:
        nothing = finding("sop_empty", cost=task.total, language=language)
        return Feedback(ENGINE, 0.0, task.total, False, (nothing,), nothing.message + ".")
    written = [*sop.fields.values(), *(f"{s.actor} . {s.action} . {s.result}" for s in sop.steps)]
    if reads_as_nothing(" . ".join(written), language):
        nothing = finding("sop_unreadable", cost=task.total, language=language)
        return Feedback(ENGINE, 0.0, task.total, False, (nothing,), nothing.message + ".")
    problems: list[Finding] = []

    def cost(kind: str, **values: Any) -> None:
        problems.append(finding(f"sop_{kind}", cost=COSTS[kind], language=language, **values))

    for name in task.sections:
        if says_nothing(sop[name], language):
            cost("missing_section", section=SECTION_LABELS[name])
    for name in ("owner", "review_date"):  # one word is enough here: 'Ilse', '2026-06-01', 'Quarterly'
        if not sop[name].strip(".!-–—:;,?… ") or _words(language)["placeholders"].fullmatch(_bare(sop[name])):
            cost("missing_section", section=SECTION_LABELS[name])
    if not sop.steps:
        cost("no_steps")
    else:
        no_actor = [s.number for s in sop.steps if _actor_missing(s.actor, language)]
        if no_actor:
            cost("step_no_actor", steps=_numbers(no_actor))
        no_result = [s.number for s in sop.steps if _result_missing(s.result, language)]
        if no_result:
            cost("step_no_result", steps=_numbers(no_result))
        unchecked = unchecked_ai_steps(sop.steps, language)
        if unchecked:
            cost("ai_step_unchecked", steps=_numbers([s.number for s in unchecked]))
    if _nobody(sop["review_who"], language):
        cost("no_review_person")
    if _escalation_without_trigger(sop["escalation"], language):
        cost("no_escalation_trigger")
    unsafe = _data_rules_unsafe(sop, language)
    if unsafe:
        cost("unsafe_data", why=unsafe)
    no_owner = _nobody(sop["owner"], language) or _group(sop["owner"], language)
    no_date = _no_review_date(sop["review_date"], language)
    if no_owner or no_date:
        cost("no_owner_or_date", what=" and ".join(
            [*(["No one person or role owns the SOP (a whole team cannot)"] if no_owner else []),
             *(["it has no review date" if no_owner else "The SOP has no review date"] if no_date else [])]))
    if "prompt" not in task.sections:
        pass  # an outline without a prompt: the prompt is module 02's own item
    elif task.slot and not _carries(sop["prompt"], task.slot, cases):
        cost("prompt_no_input", slot=task.slot)
    elif not task.slot and sop["prompt"].strip() and not _names_its_input(sop["prompt"], language):
        problems.append(finding("sop_prompt_no_input_place", cost=COSTS["prompt_no_input"], language=language))

    suggestions = _suggestions(sop, language)
    if sop.cut:
        suggestions.insert(0, finding("sop_too_many_steps", count=sop.cut + MAX_STEPS, limit=MAX_STEPS,
                                      language=language))
    lost = sum(f.cost for f in problems)
    earned = max(0.0, task.total - lost)
    if any(f.kind in UNSAFE for f in problems):  # data in the wrong place, or nobody between the AI and the work
        earned = min(earned, task.total / 2)
    summary = fix_first(problems, "Complete and safe: a new person could follow it.")
    return Feedback(ENGINE, round(earned, 4), task.total, not problems, tuple(problems + suggestions), summary)


_PLACEHOLDER = re.compile(r"\{[^{}\n]{1,40}\}|\[[^\[\]\n]{1,60}\]|<<[^<>\n]{1,40}>>|<[a-z_ ]{2,30}>", re.I)


def _names_its_input(prompt: str, language: str) -> bool:
    """The prompt says where the material it works on goes: a placeholder ({notes}, [paste the ticket here]), plain
    words ('the notes below', 'the email after this line', 'the attached export') or the material itself."""
    w = _words(language)
    return bool(_PLACEHOLDER.search(prompt) or w["input_words"].search(prompt) or len(prompt.split()) > 250
                or re.search(r"\bbelow\b(?!\s*\d)", prompt, re.IGNORECASE)
                or _POINTED_AT(language).search(prompt))


@cache
def _POINTED_AT(language: str) -> re.Pattern[str]:  # noqa: N802
    """Material pointed at: 'this consultation recording', 'these notes', 'the attached report'."""
    nouns = "|".join(re.escape(n) for n in vocabulary(language)["sop"]["material_nouns"])
    return re.compile(r"\b(?:this(?!\s+(?:week|month|year|morning|afternoon|evening|quarter|term|season)\b)|these|"
                      r"the\s+(?:attached|pasted|uploaded|selected|following|enclosed))"
                      r"(?:\s+[\w'-]+){0,2}?\s+(?:" + nouns + r")\b", re.IGNORECASE)


def _carries(prompt: str, slot: str, cases: Sequence[str]) -> bool:
    from .prompt import carries  # the prompt coach's own rule: {slot} in the prompt, or each case pasted in

    return carries(prompt, slot, cases)


def _numbers(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")


def _suggestions(sop: Sop, language: str) -> list[Finding]:
    notes = []
    vague = _vague_steps(sop.steps, language)
    if vague:
        notes.append(finding("sop_vague_step", steps=_numbers([s.number for s in vague]),
                             example=vague[0].action.strip()[:60], language=language))
    duplicates = _duplicate_steps(sop.steps)
    if duplicates:
        notes.append(finding("sop_duplicate_steps", steps=_numbers(duplicates), language=language))
    for line in [line for line in sop["quality_checks"].splitlines() if line.strip()][:20]:
        flaws = read_criterion(line, language)
        if flaws.flaws:
            kind = flaws.flaws[0]
            notes.append(finding("sop_vague_check", check=line.strip()[:60], word=flaws.words[kind], language=language))
            break
    if sop["prompt"].strip():
        from .prompt_text import check_prompt_text  # the prompt coach of module 02, loaded only when needed

        coached = check_prompt_text(sop["prompt"])
        if coached.problems and not any(f.kind == "personal_data" for f in coached.problems):
            notes.append(finding("sop_prompt_advice", advice=coached.problems[0].message, language=language))
    return notes


def _duplicate_steps(steps: Sequence[Step]) -> list[int]:
    seen: dict[str, int] = {}
    repeated = []
    for s in steps:
        key = " ".join(s.action.lower().split())
        if key and key in seen:
            repeated.append(s.number)
        seen.setdefault(key, s.number)
    return repeated


# --- before and after: the honest time saved ------------------------------------------------------------------------
@dataclass(frozen=True)
class TimeSaved:
    """Minutes one run takes before and with AI (review and rework included), and the saving per run and week."""

    before: float
    with_ai: float
    runs_per_week: float
    unreadable: tuple[int, ...] = ()

    @property
    def per_run(self) -> float:
        return self.before - self.with_ai

    @property
    def per_week(self) -> float:
        return self.per_run * self.runs_per_week


def minutes(text: str) -> float | None:
    """Minutes typed as '12', '12.5', '1,5' or '90 min'; None when it is not a number from 0 to 10,000."""
    found = re.fullmatch(r"\s*(\d{1,5}(?:[.,]\d{1,2})?)\s*(?:m|min|mins|minutes?)?\s*", text or "")
    if not found:
        return None
    number = float(found.group(1).replace(",", "."))
    return number if number <= 10_000 else None


def time_saved(value: Any) -> TimeSaved:
    """The before/after minutes of every step added up; steps whose minutes cannot be read are named."""
    sop = read_sop(value)
    data = value if isinstance(value, Mapping) else {}
    before = with_ai = 0.0
    unreadable = []
    for s in sop.steps:
        b, a = minutes(s.minutes_before or "0"), minutes(s.minutes_with_ai or "0")
        if b is None or a is None:
            unreadable.append(s.number)
            continue
        before, with_ai = before + b, with_ai + a
    runs = minutes(_text(data.get("runs_per_week")) or "0")
    return TimeSaved(before, with_ai, runs or 0.0, tuple(unreadable))


# --- the task a module declares --------------------------------------------------------------------------------------
def sop_task(name: str, declaration: Mapping[str, Any], case_text: Callable[[int], str] | None) -> Any:
    """An SOP task declared in a module's task file: its prompt must carry ``slot`` for the shown cases."""
    from .task import Task

    spec = SopTask(declaration["title"], declaration.get("slot", ""),
                   sections=tuple(declaration.get("sections", SECTIONS)))
    if not set(spec.sections) <= set(SECTIONS):
        raise ValueError(f"SOP task {name}: sections must be among {SECTIONS}.")
    shown = tuple(declaration.get("shown_cases", ()))

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        return check_sop(value, spec, [case_text(c) for c in cases] if case_text else [])

    return Task(name=name, engine=ENGINE, title=spec.title, shown_cases=shown, spec=spec, check_cases=check,
                describe=describe_sop, sample=lambda: case_text(shown[0]) if case_text and shown else "")


def describe_sop(value: Any) -> str:
    """The SOP as plain text, every text as typed, with no formatting marks: for a grader, the answers sheet and
    the graded cell's echo (a person reads it as it is, without a Markdown viewer)."""
    sop = read_sop(value)
    lines = [sop["title"].strip() or "SOP"]
    meta = [f"{SECTION_LABELS[k]}: {sop[k].strip()}" for k in ("owner", "version", "review_date") if sop[k].strip()]
    if meta:
        lines.append(" · ".join(meta))
    for name in ("purpose", "trigger", "inputs", "prompt", "expected_output", "quality_checks"):
        lines += ["", f"{SECTION_LABELS[name]}:", sop[name].strip() or "(not filled in)"]
    lines += ["", "Steps:"]
    lines += [_step_line(s, str.strip, bold=False) for s in sop.steps] or ["(no steps yet)"]
    review = " · ".join(sop[k].strip() for k in ("review_who", "review_when") if sop[k].strip())
    lines += ["", f"{SECTION_LABELS['review_who']} and when:", review or "(not filled in)"]
    for name in ("escalation", "data_rules"):
        lines += ["", f"{SECTION_LABELS[name]}:", sop[name].strip() or "(not filled in)"]
    return "\n".join(lines) + "\n"


def sop_markdown(value: Any) -> str:
    """The SOP as a Markdown file a manager hands out, with ``<``, ``>`` and ``&`` written as entities, so a
    Markdown viewer shows tags literally instead of running them."""
    return _layout(read_sop(value), lambda text: text.strip().replace("&", "&amp;").replace("<", "&lt;")
                   .replace(">", "&gt;"))


def _step_line(step: Step, clean: Callable[[str], str], bold: bool = True) -> str:
    """One step in a line: who (and what kind of step), what they do, and what exists when it is done."""
    kind = STEP_KINDS.get(step.kind, "")
    kind = f" ({kind[:1].lower()}{kind[1:]})" if kind else ""  # 'the AI', never 'the ai'
    who = clean(step.actor) or "(nobody named)"
    result = f" → {clean(step.result)}" if step.result.strip() else ""
    return f"{step.number}. {f'**{who}**' if bold else who}{kind}: {clean(step.action)}{result}"


def _layout(sop: Sop, clean: Callable[[str], str]) -> str:
    lines = [f"# {clean(sop['title']) or 'SOP'}", ""]
    meta = [f"{SECTION_LABELS[k]}: {clean(sop[k])}" for k in ("owner", "version", "review_date") if sop[k].strip()]
    if meta:
        lines += ["*" + " · ".join(meta) + "*", ""]
    for name in ("purpose", "trigger", "inputs", "prompt", "expected_output", "quality_checks"):
        lines += [f"## {SECTION_LABELS[name]}", "", _block(clean(sop[name]), fenced=name == "prompt"), ""]
    lines += ["## Steps", ""]
    lines += [_step_line(s, clean) for s in sop.steps] or ["(no steps yet)"]
    lines += ["", f"## {SECTION_LABELS['review_who']} and when", "",
              _block(" · ".join(clean(sop[k]) for k in ("review_who", "review_when") if sop[k].strip())), ""]
    for name in ("escalation", "data_rules"):
        lines += [f"## {SECTION_LABELS[name]}", "", _block(clean(sop[name])), ""]
    return "\n".join(lines).rstrip() + "\n"


def _block(text: str, fenced: bool = False) -> str:
    if not text:
        return "(not filled in)"
    if fenced:
        fence = "~~~~" if "```" in text else "```"
        return f"{fence}text\n{text}\n{fence}"
    return text
