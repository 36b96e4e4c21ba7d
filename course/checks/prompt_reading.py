"""Reading a prompt: what it asks for, which elements it has, and whether it can be read at all.

Pure text analysis shared by both prompt coaches (the builder's fields and a prompt typed as free text), so
the same words always get the same judgement. Word lists live in vocab/<language>.json. Every function here
takes any text and answers in time that grows in step with its length: no pattern can backtrack without end,
and a text is read up to ``MAX_READ`` characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from .vocabulary import vocabulary

MAX_READ = 100_000  # characters read; the answer store refuses longer answers
READ_INSTRUCTIONS = 20_000  # characters of instructions sorted into elements (a long prompt is about 2,000)
ELEMENTS = ("role", "task", "context", "format", "constraints", "examples")
DETAILS = ("format", "constraints", "context", "role", "examples")  # what makes a task's result predictable

SLOT = re.compile(r"\{\s*\w{1,40}\s*\}|\[\s*\w[\w ]{0,40}\]")
ONLY_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*")
FENCE = re.compile(r'```|"""|\'\'\'|(?<![-\w])-{3,}(?![-\w])|(?<![#\w])#{3,}(?:[ \t]+[\w ]{1,30}[ \t]*(?=\n|$)'
                   r'|(?![#\w])(?![ \t]+[A-Za-z]))|(?<![=\w])={3,}(?![=\w])')
RULES = ("---", "###", "===")  # also used as section rules: a block only when it holds material
MATERIAL_CUE = re.compile(r"\b(?:text|notes|email|emails|tickets?|article|document|input|message|transcript|data|below|"
                          r"between|here|paste|following|feedback|report|policy|letter|comments?|review|content|"
                          r"material|list|log|minutes)\b|:\s*$", re.I)
TAG = re.compile(r"<([A-Za-z][\w-]{0,30})>")
OUTPUT_SECTION = re.compile(r"(?:<output(?:_format)?>|^\s*(?:output|deliverable)\s*:)\s*([^<\n]{5,})",
                            re.IGNORECASE | re.MULTILINE)
# A tagged section that names another element than the task ('<rules>State the ABV as 4.6% exactly.</rules>'): what
# it holds is that element, however it is phrased.
NOT_TASK_SECTION = re.compile(r"<(?:role|persona|context|background|audience|format|output_format|answer_format|"
                              r"response_format|style|tone|rules|"
                              r"constraints|requirements|guidelines|limits|length|criteria)>(.*?)</",
                              re.IGNORECASE | re.DOTALL)
# Tags that hold instructions rather than material (the sectioned style of vendor prompt guides): read as text.
INSTRUCTION_TAG = re.compile(r"</?(?:role|persona|task|goal|objective|context|background|audience|format|output|"
                             r"output_format|answer_format|response_format|question|questions|ask|request|query|"
                             r"style|tone|rules|constraints|instructions|requirements|guidelines|steps|"
                             r"limits|length|criteria|definition_of_done|done)>", re.IGNORECASE)
CODE_LINE = re.compile(r"^\s*(?:import |from \S+ import|def |class |print\(|return |select |insert |update |delete |"
                       r"from \w+\s*$|where |group by |order by |having |join |left join |limit \d|=[A-Z]+\(|"
                       r"[\w.\[\]'\"]{1,80}\s*=\s*\S|.*;\s*$|[\w.]+\(.*\)\s*;?\s*$|[{}]\s*$)", re.I)
LABEL = re.compile(r"^\s*[-*•]?\s*([A-Za-z][A-Za-z' ]{1,20}):\s*(.*)$", re.S)
NUMBER = (r"(?<![\w])(\d{1,6}(?:\s*(?:-|–|to)\s*\d{1,6})?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
          r"fifteen|twenty|a single|single)")
UNITS = (r"(?:words|bullets|bullet points|points|lines|sentences|characters|rows|items|paragraphs|pages|minutes|"
         r"examples)")
LIMIT = re.compile(NUMBER + r"\s+(?:words|characters|minutes|pages|items|examples)\b|"
                   r"(?:at most|no more than|not more than|up to|under|maximum(?: of)?|max\.?|fewer than|less than|"
                   r"at least|within|exactly)\s+" + NUMBER + r"\s+" + UNITS + r"\b|"
                   r"(?:within|under|over|above|below|less than|more than)\s+\d{1,6}\s*"
                   r"(?:hours?|days?|weeks?|km/h|km|kg|%|percent|mm|cm|metres|meters|seconds|minutes)|"
                   r"(?<!\w)(?:one|a single|exactly one|1)\s+[a-z]+\s+per\s+[a-z]+|"
                   + NUMBER + r"\s+" + UNITS + r"\s+(?:max(?:imum)?|at most|tops|or (?:less|fewer))\b", re.I)
PARTS = re.compile(NUMBER + r"[ -](?:parts|sections|columns|headings|sentences?|bullets?|bullet points|paragraphs?|"
                   r"items|options|steps|rows)\b", re.I)
OPTIONS = re.compile(r"(?m)^\s*(?:\(?[A-Ea-e][).:]|[1-5][).])\s+\S")
INLINE_OPTIONS = re.compile(r"(?<!\w)\(?[A-E]\)\s+\w[^()\n]{0,60}?\s\(?[B-E]\)\s+\w")
NO_FIT = re.compile(r"\bif (?:a|an|the|any|it|one|no|nothing|none)\b[^.,]{0,40}?\b(?:does not|doesn't|do not|don't|"
                    r"cannot|can't|is not|isn't)?\s*(?:clearly )?(?:fits?|matches|match|applies|apply|stated|given|"
                    r"known|found|clear)\b", re.I)
WAY_OUT = re.compile(
    r"\b(?:if|when|where|unless)\b[^.]{0,80}?\b(?:no|not|none|nothing|missing|unclear|without|neither|doesn't|"
    r"isn't|can't|cannot|don't|never|absent|empty|blank|only)\b[^.]{0,80}?[,:]|"
    r"\b(?:write|reply|answer|output|use|put|say|return|mark|enter|give)\s+(?:it as\s+|that as\s+)?['\"“‘]?"
    r"(?:n/?a|none|null|unknown|not stated|not recorded|not given|not known|none stated|tbc|none fits|no \w+)\b|"
    r"\b(?:null|none|n/a|unknown|blank|empty)\s+(?:if|when|where)\b|"
    r"\brather than (?:guess|guessing|assume|assuming|invent|inventing|making)|\bleave (?:it|them|that|the \w+|\w+) "
    r"(?:blank|empty)\b|\bblank rather than\b", re.I)
LIKE_THIS = re.compile(r"\b(?:like|such as|e\.g\.|for example|in this spirit|along these lines|something like)\s*[:,]?"
                       r"\s*['\"“‘][^'\"”’\n]{3,200}['\"”’]", re.I)
FENCE_MENTION = re.compile(r"\s*(?:lines?|marks|signs|tags|quotes|fences|separators|dashes)\b", re.I)
TABLE_HEADER = re.compile(r"(?m)^\s*\|(?:[^|\n]+\|){2,}\s*$|\b(?:this|the|a) (?:column )?headers?\b", re.I)
NUMBERED_PARTS = re.compile(r"\b1\)\s[^.]{2,80}?\b2\)\s[^.]{2,80}?\b3\)\s")
ASKED_FOR = re.compile(r"^\W*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a few|some)\s+[\w-]+"
                       r"(?:\s+[\w-]+)?\s+(?:for|about|on|to)\b", re.I)  # "3 subject lines for a rota email"
QUOTED_ANSWERS = re.compile(r"\b(?:answer|reply|respond|output)(?: with)?\s*:?\s*['\"“‘][^'\"”’]{1,40}['\"”’],?\s+"
                            r"(?:or\s+)?['\"“‘]", re.I)
LETTERED_PARTS = re.compile(r"\(A\)[^\n]{2,240}?\(B\)")
CLOSED_LIST = re.compile(r"(?:\b(?:one of|choose from|pick from|either|only these|from this list|from the list|"
                         r"exactly one|label (?:it|each|them) (?:as|with))\b|"
                         # 'categories: billing, delivery', 'a label from …'; 'care labels for the new plants' names a
                         r"\b(?:categor(?:y|ies)|labels?|tags?)\b\s*(?::|\(|such as|like|are|is|=|[—–]|-\s|from|out of|"
                         r"(?:\w+\s+){0,3}(?:from|among|of these|of the following)))"  # product, not a list to use
                         r".{0,80}(?:,|\bor\b)", re.I)
ONLY_OUTPUT = re.compile(r"\b(?:only|just)\s+(?:output|return|reply with|respond with|answer with|give|write|print)\b|"
                         r"\b(?:output|return|reply with|respond with|answer with)\s+(?:only|just|nothing but)\b|"
                         r"\bnothing else\b|\bno other text\b", re.I)
NOTHING_ASKED = re.compile(r"^(?:please\s+)?help\s+(?:me|us)\s+(?:out\s+)?(?:with\s+)?(?:something|anything|a thing|"
                           r"some stuff|stuff|a few things|this|that|it)\b(?!\s+(?:by|to)\b)", re.I)
SHAPE_ONLY = re.compile(r"^(?:put|format|present|lay out|set out|give|show|write|make|return|send|display)\s+"
                        r"(?:it|this|that|them|these|those|the result|the answer|your answer|the output)\s+"
                        r"(?:as|in|into|like|on)\b", re.I)  # "Put it as a table": a format, not a task
IMPERATIVE = re.compile(r"^[A-Za-z]{3,20}\s+(?:the|a|an|this|these|those|that|my|our|your|each|every|all|me|us|"
                        r"them|it|some|any|two|three|four|five|\d+)\b", re.I)
CASE_RULE = re.compile(r"^\W*(?:if|when|whenever|unless|where|in case)\b[^.]{3,200}?[,:]\s*(?:then\s+)?"
                       r"(?!(?:the|a|an|it|this|that|these|they|we|i|you|he|she|there|our|my|your|its|their|"
                       r"his|her|thanks|thank)\b)[a-z]{2,}", re.I)  # "If two grew the same, name both": a rule
ROUNDING = re.compile(r"\b\d{1,2} decimal places?\b|\bround(?:ed)?\b.{0,40}?\b(?:to|up|down)\b", re.I)
STRONG_RULE = re.compile(r"(?<!\w)(?:only|never|exactly|at most|at least|no more than|up to|do not|don't|"
                         r"(?:you|it|this|each \w+|every \w+|the (?:answer|reply|result|output|summary|text|email|"
                         r"list|table|message|draft|note|post|letter))\s+(?:must|should)|"
                         r"avoid|without|leave out|stick to|keep to|stay (?:under|within|below)|based only|"
                         r"in plain|plain (?:english|language|words)|reading level|tone of voice|even if|even when|"
                         r"\d{1,2}-year-olds?|based (?:only )?on (?:the|this)|"
                         r"(?:formal|friendly|warm|polite|neutral|calm|plain|professional|upbeat|serious|informal|"
                         r"casual) tone)(?!\w)", re.I)
LEADING_PHRASE = re.compile(r"^\W*(?:from|using|based on|with|for|in|on|after|before|looking at)\b", re.I)
WE_STATEMENT = re.compile(r"^\W*(?:we|our|i|my|i'm|we're|we've|i've)\s+[a-z']{2,}", re.I)
USE_TO = re.compile(r"^\s*use\b.{1,60}?\bto\s+[a-z]", re.I)
DIGITS = re.compile(r"\d")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)\s+(?=[A-Z\"'(<])")
LOWER_CASE_BREAK = re.compile(r"(?<=[\w)'\"’”][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bapprox\.)"
                              r"(?<!\bno\.)\s+(?=[A-Za-z\"'(<])")
WORD = re.compile(r"\w+")
NUMBERS = {"one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}


def as_text(value: Any) -> str:
    """Whatever a field holds, as text: None and NaN become empty, numbers become digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except (ValueError, RecursionError):  # a 5,000-digit number, or lists nested thousands deep
        return ""


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _alternatives(language: str, path: tuple[str, ...]) -> str:
    """The phrases of one word list as a regex alternation, longest first (so 'bullet points' beats 'bullet')."""
    entry: Any = vocabulary(language)
    for key in path:
        entry = entry[key]
    return "|".join(re.escape(p) for p in sorted(set(entry), key=len, reverse=True))


@cache
def phrases(language: str, *path: str) -> re.Pattern[str]:
    """One pattern that finds any phrase of a word list as whole words, case-insensitive."""
    return re.compile(r"(?<!\w)(?:" + _alternatives(language, path) + r")(?!\w)", re.IGNORECASE)


@cache
def _starts(language: str, *path: str) -> re.Pattern[str]:
    """Matches a text that begins with a phrase of the list (after bullets and spaces)."""
    return re.compile(r"^[\s\-*•>]*(?:" + _alternatives(language, path) + r")(?!\w)", re.IGNORECASE)


# --- material the prompt carries: delimited blocks and {slots} -----------------------------------------

@dataclass(frozen=True)
class Block:
    """Text between a pair of delimiters (```, \"\"\", ---, ###, <tag>…</tag>) and what the prompt says it is."""

    start: int
    end: int
    kind: str  # "example", "template" or "material"


@lru_cache(maxsize=8)
def blocks(text: str, language: str = "en") -> tuple[Block, ...]:
    """The delimited blocks of ``text``, found in one pass (a fence pairs with the next fence of its kind)."""
    found: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for match in FENCE.finditer(text):
        if FENCE_MENTION.match(text, match.end()) or text[max(0, match.start() - 4):match.start()].lower() == "the ":
            continue  # "between the --- lines" names the fence; it is not one
        token = match.group()[0] * 3
        if token not in open_at:
            open_at[token] = match.start()
            continue
        start = open_at.pop(token)
        inside = text[start:match.end()]
        if token in RULES and not SLOT.search(inside) and not MATERIAL_CUE.search(text[max(0, start - 60):start]):
            continue  # a rule between sections of instructions, not a block of material
        found.append((start, match.end()))
    for tries, match in enumerate(TAG.finditer(text)):
        if tries >= 200:
            break
        if INSTRUCTION_TAG.fullmatch(match.group()):
            continue  # <rules>…</rules> holds instructions, not material
        close = text.find(f"</{match.group(1)}>", match.end(), match.end() + 20_000)
        if close != -1 and text.find(match.group(), match.end(), close) != -1:
            continue  # "the text inside the <notes> tags … <notes>…</notes>": the later opening is the block
        if close != -1 and close > match.end() + 1 and not any(s <= match.start() < e for s, e in found):
            found.append((match.start(), close + len(match.group(1)) + 3))
    result = []
    for start, end in sorted(found):
        before = text[max(0, start - 120):start].lower()
        if phrases(language, "free_text", "example_cues").search(before[-60:]):
            kind = "example"
        elif re.search(r"\b(?:template|format|structure|layout|shape|form|like this|as follows|fill in)\b",
                       before[-60:]):
            kind = "template"
        else:
            kind = "material"
        result.append(Block(start, end, kind))
    return tuple(result)


@lru_cache(maxsize=8)  # the same prompt is read several times in one check
def instructions_only(text: str, language: str = "en") -> str:
    """The prompt without the material, examples and templates it carries (delimited blocks and {slots}).

    At most READ_INSTRUCTIONS characters of it: nobody writes longer instructions, and the coach stays quick.
    """
    pieces, last = [], 0
    tail = _material_tail(text)
    for block in blocks(text, language):
        if last <= block.start < tail:
            pieces.append(text[last:block.start])
            pieces.append("\n")
            last = block.end
    pieces.append(text[last:max(last, tail)])
    return INSTRUCTION_TAG.sub("\n", SLOT.sub(" ", "".join(pieces)))[:READ_INSTRUCTIONS]


_INTRODUCES = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]*)?([^\n]{2,200}?):[ \t]*$")
_INSTRUCTION_LABEL = re.compile(r"\s*[-*•]?\s*(?:format|output|rules|constraints|limits|tone|style|length|audience|"
                                r"context|role|task|instructions?|steps|example|examples|columns|headings|sections|"
                                r"structure|layout|include|do not|don't|requirements|guidelines)\b[^:\n]{0,30}:",
                                re.IGNORECASE)


def _material_tail(text: str) -> int:
    """Where pasted material starts at the end of a prompt ('Turn these into bullet points:' and the notes under it;
    'Notes:' and what follows), or len(text). Material says what the task works on; it holds no instructions, and
    the writer's own words about the situation are not in it."""
    last = None
    for line in _INTRODUCES.finditer(text[:READ_INSTRUCTIONS]):
        said = line.group(1)
        if _INSTRUCTION_LABEL.match(said + ":"):
            continue
        if re.search(r"\b(?:these|this|the following|below|it|them)\b", said, re.IGNORECASE) or (
                len(said.split()) <= 4 and re.search(_MATERIAL_NOUN, said, re.IGNORECASE)):
            last = line
    if last is None:
        return len(text)
    rest = text[last.end():]
    lines = [line for line in rest.splitlines() if line.strip()]
    if lines and lines[0].lstrip()[:1] in "\"“'‘«" and rest.rstrip()[-1:] in "\"”'’»":
        return last.end()  # the material in quotes, whatever it says
    if not lines or any(_INSTRUCTION_LABEL.match(line) or is_task(line) or names_format(line) or LIMIT.search(line)
                        or _INTRODUCES.match(line) for line in lines[:40]):
        return len(text)  # instructions go on after it
    return last.end()


def sentences(text: str) -> list[str]:
    """The text cut into sentences and lines. A line typed all in lower case ('ok so night shift here. need the
    handover done …') has its sentences cut where a full stop is followed by a lower-case word, too."""
    parts = []
    for line in text.splitlines():
        cut = LOWER_CASE_BREAK if line.lstrip()[:1].islower() else SENTENCE_BREAK
        parts += [s.strip()[:1000] for s in cut.split(line) if s.strip()]
    return parts


# --- can it be read at all? -------------------------------------------------------------------------

def looks_like_code(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(bool(CODE_LINE.match(line[:500])) for line in lines) / len(lines) >= 0.6


def unreadable(text: str, language: str = "en") -> tuple[str, str] | None:
    """Why a prompt cannot be read as plain-language instructions, as (kind, detail), or None when it can.

    kinds: "only_url", "only_code", "other_language", "unreadable" (random letters, keywords only, filler).
    """
    if ONLY_URL.fullmatch(text):
        return "only_url", "only a link"
    if looks_like_code(text):
        return "only_code", "it looks like code"
    tokens = [w.lower() for w in words(instructions_only(text, language)) if not w.isdigit()]
    if not tokens:
        return "unreadable", "there are no instructions in it" + (", only a placeholder" if SLOT.search(text) else "")
    vocab = vocabulary(language)
    markers = set(vocab["free_text"]["english_markers"]) - set(vocab["foreign_markers"])  # "in" is German too
    known = _known_words(language)
    english = sum(t in markers for t in tokens)
    if len(tokens) < 5:
        if english or any(t in known for t in tokens):
            return None
        return "unreadable", "it does not read as a sentence"
    filler = sum(t in vocab["filler_words"] for t in tokens)
    if filler / len(tokens) >= 0.3:
        return "unreadable", "it is filler text or random letters"
    if english / len(tokens) >= 0.12:
        return None
    foreign = sum(t in vocab["foreign_markers"] for t in tokens)
    if foreign / len(tokens) >= 0.08 or sum(not t.isascii() for t in tokens) / len(tokens) >= 0.2:
        return "other_language", "it is not in English"
    if any(is_task(s, language) for s in sentences(instructions_only(text, language))[:50]):
        return None
    if sum(t in known for t in tokens) / len(tokens) >= 0.4:
        return "unreadable", "it is a list of keywords, not sentences"
    return "unreadable", "it reads like random letters"


def reads_as_nothing(text: str, language: str = "en") -> bool:
    """True when a whole answer (every field of a card or an SOP, put together) does not read as words: fewer than
    four different words of three letters or more (a form filled with 'x', or one word typed into every field), or
    random letters."""
    if len({w.lower() for w in re.findall(r"[^\W\d_]{3,}", text)}) < 4:
        return True
    reading = unreadable(text, language)
    return reading is not None and reading[1] == "it reads like random letters"


@cache
def _known_words(language: str) -> frozenset[str]:
    """Every single word of the vocabulary's lists: enough to tell keywords from random letters."""
    found: set[str] = set()

    def walk(entry: Any) -> None:
        if isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for item in entry:
                if isinstance(item, str):
                    found.update(w.lower() for w in words(item))

    vocab = vocabulary(language)
    walk({k: v for k, v in vocab.items() if k not in ("foreign_markers", "filler_words")})
    return frozenset(found)


# --- what each sentence speaks to --------------------------------------------------------------------

@dataclass
class Reading:
    """What a prompt holds: the sentences found for each element, and the finishing touches it uses."""

    elements: dict[str, list[str]] = field(default_factory=lambda: {e: [] for e in ELEMENTS})
    touches: list[str] = field(default_factory=list)

    def has(self, element: str) -> bool:
        return bool(self.elements[element])

    def details(self) -> list[str]:
        """The elements present that make the result predictable."""
        return [e for e in DETAILS if self.has(e)]


FILLER = re.compile(r"^\W*(?:(?:ok|okay|so|hi|hey|hello|right|well|um|please|pls|plz)\b[\s,.!]*)+", re.IGNORECASE)
# A deliverable asked for by its count ('three subject-line options for the email ...', 'Two headline ideas'):
DELIVERABLE = re.compile(NUMBER + r"\s+(?:[\w-]+\s+){0,2}?(?:options|ideas|versions|drafts|headlines|titles|"
                         r"subject lines|subject-lines|questions|tips|names|taglines|slogans|captions|replies|"
                         r"suggestions|alternatives|examples)\b", re.IGNORECASE)


def is_task(sentence: str, language: str = "en") -> bool:
    """True when the sentence asks the AI to do something: a command, a request, a question or a goal."""
    label = LABEL.match(sentence[:200])
    if label and _label_names(language).get(label.group(1).strip().lower(), "task") not in ("task", "format"):
        return False  # 'Context: design team meeting no. 14': what follows a label is what the label names
    asked = re.match(r"\W*(?:please|kindly)\s+([a-z]{3,})\b", sentence, re.IGNORECASE)
    if asked and asked.group(1).lower() not in _not_verbs(language):
        return True  # 'Please formulate from the protocol a report': a request, whatever its verb
    body = FILLER.sub("", _strip_label(sentence, language))
    if DELIVERABLE.match(re.sub(r"^[^:]{0,60}:\s*", "", body)) or DELIVERABLE.match(body):
        return True
    starts = _starts(language, "free_text", "request_starts")
    verbs = _starts(language, "free_text", "task_verbs")
    request = starts.match(body)
    rest = body[request.end():].lstrip(" ,:") if request else body
    if NOTHING_ASKED.match(rest) or SHAPE_ONLY.match(rest) and not (
            rest.rstrip().endswith(":") and re.match(r"\w+\s+(?:this|these)\b", rest, re.IGNORECASE)):
        return False  # 'Put it as a table' shapes an answer; 'Make this into a checklist:' works on what follows
    if verbs.match(rest) or (request and len(words(rest)) >= 2):
        return True
    if USE_TO.match(body) or ASKED_FOR.match(body):
        return True
    questions = _starts(language, "free_text", "question_starts")
    if body.rstrip().endswith("?") and len(words(body)) >= 3 and (questions.match(body) or any(
            questions.match(body[m.end():]) for m in re.finditer(r"[,;:]\s+", body[:200]))):
        return True  # 'Looking at yesterday's readings below, did we keep to the minimum flow?'
    if IMPERATIVE.match(rest) and rest.split(None, 1)[0].lower() not in _not_verbs(language) \
            and not re.match(r"[A-Za-z]+\s+\d", rest):  # 'day 14 wrapped at 19:10': a noun and its number
        return True  # a verb we do not list, used as a command: "Tabulate the results", "Sketch a plan"
    lead = LEADING_PHRASE.match(body)
    if lead and any(verbs.match(body[m.start():]) for m in WORD.finditer(body, lead.end(), lead.end() + 80)):
        return True  # "From the ticket below write …", "Using the notes create …"
    pauses = r"[,;:)]\s+(?:(?:but|and|so|then|please)\s+)?"
    if re.match(r"\W*(?:use|using|take|taking|with|from|based on|given|look at|looking at|read|open)\b", body, re.I):
        pauses += r"|\s(?:and then|and|then)\s+"  # 'Use the export and pull out the themes'
    for pause in re.finditer(pauses, body[:300]):
        after = body[pause.end():]
        if verbs.match(after) and not SHAPE_ONLY.match(after):
            return True  # "From the notes below, list …", "As a trainer, write …"
        asking = starts.match(after)
        if asking and asking.group().lower().startswith(("i ", "we ", "i'", "can", "could", "would", "please")) \
                and len(words(after[asking.end():])) >= 3:
            return True  # 'As the elections office trainer, I need a one-page checklist …'
    head, colon, after = body.partition(":")
    if colon and len(head.split()) <= 5 and after.strip() and not after.lstrip().startswith(":"):
        return is_task(after, language)  # 'fm helpdesk monthly: pls turn the export below into …'
    return False


def _strip_label(sentence: str, language: str) -> str:
    greeting = _starts(language, "free_text", "greetings").match(sentence)
    if greeting:
        sentence = sentence[greeting.end():].lstrip(" ,!.") or sentence
    label = LABEL.match(sentence[:200])
    if label and label.group(1).strip().lower() in _label_names(language):
        return label.group(2)
    return sentence


@cache
def _not_verbs(language: str) -> frozenset[str]:
    """First words that do not start a command: determiners, pronouns, linking words and rule words."""
    vocab = vocabulary(language)["free_text"]
    listed = {phrase for phrase in vocab["constraint_cues"] + vocab["english_markers"] if " " not in phrase}
    return frozenset(listed | set(vocab["not_verbs"]))


@cache
def _label_names(language: str) -> dict[str, str]:
    names = {}
    for element, listed in vocabulary(language)["free_text"]["labels"].items():
        for name in listed:
            names[name] = element
    return names


def names_format(sentence: str, language: str = "en") -> bool:
    """True when the sentence says what the result should look like ("a nice format" and "a template letter" do
    not)."""
    sentence = re.sub(r"\btemplate\s+(?=(?:letter|email|e-mail|reply|message|note|response)s?\b)", "", sentence,
                      flags=re.IGNORECASE)
    if sentence.count(" | ") >= 2:
        return True  # 'Date | Weather | Crew on site': the fields of the result
    cues = {m.group().lower() for m in phrases(language, "free_text", "format_cues_free_text").finditer(sentence)}
    if cues and cues <= {"format", "layout", "structure", "formatted"} and vague_without_measure(sentence, language):
        cues = set()
    return bool(cues or PARTS.search(sentence) or ONLY_OUTPUT.search(sentence)
                or re.search(r"</?[A-Za-z][\w-]{0,30}>", sentence))


def is_constraint(sentence: str, language: str = "en") -> bool:
    """True when the sentence sets a limit or a rule the result must keep (said positively or negatively)."""
    body = _strip_label(sentence, language)
    if LIMIT.search(body) or ROUNDING.search(body):
        return True
    if re.match(r"^\W*(?:only|just)\b", body, re.I) and ONLY_OUTPUT.search(body):
        return False  # "Only output the date" says what the result looks like: a format
    if _starts(language, "free_text", "constraint_cues").match(body):
        return True
    if _TELLS_WHAT_HAPPENED.match(body) and not _ASKS_OF_THE_RESULT.search(body):
        return False  # 'An application has come in without a site plan', 'They have never done this': the situation
    return bool(STRONG_RULE.search(body) or CASE_RULE.match(body))


_TELLS_WHAT_HAPPENED = re.compile(r"^\W*(?:they|he|she|it|the [\w-]+|an? [\w-]+(?: for an? [\w-]+(?: [\w-]+)?)?|"
                                  r"our [\w-]+|his [\w-]+|her [\w-]+|their [\w-]+)(?:'re|'s|’re|’s| are| is| was| were|"
                                  r" has| have| had)\b", re.IGNORECASE)
_ASKS_OF_THE_RESULT = re.compile(r"\b(?:must|should|need to|needs to|has to|have to|make sure|do not|don't|never use|"
                                 r"avoid|only use|use only|keep|stick to|include|mention|say|write|leave out|no more "
                                 r"than|at most|at least)\b", re.IGNORECASE)


AUDIENCE = (r"(?:meeting|report|review|newsletter|board|team|managers|customers|staff|readers|audience|residents|"
            r"parents|students|pupils|class|patients|clients|website|page|site|intranet|handbook|induction|"
            r"onboarding|leads?|directors?|colleagues|volunteers|donors?|partners?|members)")
FOR_WHOM = re.compile(r"\bfor\s+(?:\w+'s\s+)?(?:[\w-]+\s+){0,5}" + AUDIENCE + r"\b|\bour\s+(?:[\w-]+\s+){0,2}"
                      + AUDIENCE + r"\b", re.I)
TO_WHOM = re.compile(r"\b(?:to|for) (?:a|an|the|our|my|each|every) (?:[\w-]+ ){0,2}(?:customer|client|patient|parent|"
                     r"resident|member|donor|tenant|supplier|colleague|manager|pupil|student|reader|caller|guest|"
                     r"visitor|user)s?\b(?: (?:who|whose|that|with)\b)?", re.I)
YOU_DO = re.compile(r"^[\s\-*•]*you\s+(?!will\b|should\b|must\b|need\b|can\b|could\b|may\b|might\b|are\b|have\b|"
                    r"would\b|shall\b|'ll\b|do\b|don't\b)\w+.{0,80}?\b(?:for|at|in|on)\s+\S", re.I)


def has_context(sentence: str, language: str = "en") -> bool:
    """True when the sentence says who the result is for, why, or the situation."""
    return bool(phrases(language, "free_text", "context_cues").search(sentence) or FOR_WHOM.search(sentence)
                or TO_WHOM.search(sentence))


def is_role(sentence: str, language: str = "en") -> bool:
    """True when the sentence says who the AI should be ("You are…", "Act as…", "You answer emails for…")."""
    body = _strip_label(sentence, language)
    return bool(_starts(language, "free_text", "role_starts").match(body) or YOU_DO.match(body))


def read_prompt(text: str, language: str = "en") -> Reading:
    """Sort each sentence of a free-text prompt under the element(s) it speaks to; note finishing touches."""
    reading = Reading()
    labels = _label_names(language)
    output = OUTPUT_SECTION.search(text)
    if output:  # '<output>Site diary entry with: Date | Weather ...</output>': the deliverable, so the task
        reading.elements["task"].append(output.group(1)[:200])
        reading.elements["format"].append(output.group(1)[:200])
    not_tasks = {said for section in NOT_TASK_SECTION.finditer(text[:READ_INSTRUCTIONS])
                 for said in sentences(section.group(1))}
    for line in instructions_only(text, language).splitlines():  # 'Context: I run a lab. Our PI wants a record.'
        label = LABEL.match(line[:200])
        if label and labels.get(label.group(1).strip().lower(), "task") not in ("task", "format"):
            not_tasks.update(sentences(line))
    for sentence in sentences(instructions_only(text, language)):
        label = LABEL.match(sentence[:200])
        labelled = labels.get(label.group(1).strip().lower()) if label else None
        if labelled and label.group(2).strip():
            reading.elements[labelled].append(label.group(2))
        if is_role(sentence, language):
            reading.elements["role"].append(sentence)
        if is_task(sentence, language) and sentence not in not_tasks:
            reading.elements["task"].append(sentence)
        if names_format(sentence, language) and (len(words(sentence)) >= 3 or PARTS.search(sentence)):
            reading.elements["format"].append(sentence)
        if is_constraint(sentence, language) and len(words(sentence)) >= 3:
            reading.elements["constraints"].append(sentence)
        if has_context(sentence, language) or _describes_situation(sentence, reading, language):
            reading.elements["context"].append(sentence)
        cue = phrases(language, "free_text", "example_cues").search(sentence)
        if cue and (":" in sentence or "'" in sentence or '"' in sentence or "“" in sentence
                    or cue.group().lower() in ("something like", "the kind of", "here is one", "here's one")):
            reading.elements["examples"].append(sentence)
    found = blocks(text, language)
    if any(b.kind == "example" for b in found):
        reading.elements["examples"].append("(an example in a delimited block)")
    if any(b.kind == "template" for b in found) or len(OPTIONS.findall(text)) >= 2 or INLINE_OPTIONS.search(text):
        reading.elements["format"].append("(a template or options to choose from)")
    if TABLE_HEADER.search(text[:READ_INSTRUCTIONS]) or NUMBERED_PARTS.search(instructions_only(text, language)) \
            or QUOTED_ANSWERS.search(text[:READ_INSTRUCTIONS]) or LETTERED_PARTS.search(text[:READ_INSTRUCTIONS]):
        reading.elements["format"].append("(a table header or numbered parts)")
    if CLOSED_LIST.search(instructions_only(text, language)):
        reading.elements["format"].append("(a closed list of labels)")
    reading.touches = touches(text, found, language)
    if LIKE_THIS.search(text[:READ_INSTRUCTIONS]):
        reading.elements["examples"].append("(an example in quotes)")
    if reading.elements["examples"] and "an example" not in reading.touches:
        reading.touches.append("an example")
    return reading


def _describes_situation(sentence: str, reading: Reading, language: str) -> bool:
    """A plain statement (not a request, format, limit or bare role) of five words or more tells the situation."""
    if WE_STATEMENT.match(sentence) and not is_task(sentence, language) and len(words(sentence)) >= 5:
        return True  # "We ship a 14 kg parcel from Leeds …": the situation, even with a rule in it
    said = [sentence in reading.elements[e] for e in ("task", "format", "constraints")]
    bare_role = is_role(sentence, language) and not re.search(r"\b(?:for|at|in)\s+[A-Z0-9]", sentence)
    return not any(said) and not bare_role and not sentence.rstrip().endswith("?") and len(words(sentence)) >= 5


def touches(text: str, found: Iterable[Block] = (), language: str = "en") -> list[str]:
    """The finishing touches a prompt uses: material marked off, reasoning asked for, a way out when unsure."""
    result = []
    text = text[:READ_INSTRUCTIONS]
    if any(b.kind == "material" for b in found) or re.search(r"(?:---|\"\"\"|```|###|<\w+>)\s*\{\w+\}", text) or \
            re.search(r"(?m)^#{2,}[ \t]*\w[\w ]{0,30}\n\s*\{\w+\}", text):
        result.append("material marked off")
    if phrases(language, "free_text", "reasoning_cues").search(text):
        result.append("reasoning asked for")
    if phrases(language, "free_text", "way_out_cues").search(text) or NO_FIT.search(text) or WAY_OUT.search(text):
        result.append("a way out when unsure")
    if any(b.kind == "example" for b in found) or re.search(r"(?i)\bexamples?\s*:", text):
        result.append("an example")
    return result


# --- judgements shared by both coaches ----------------------------------------------------------------

def vague_without_measure(text: str, language: str = "en") -> list[str]:
    """Vague words used in a sentence that gives no measure (no number, no count of words or lines)."""
    found: list[str] = []
    for hit in phrases(language, "vague_words").finditer(text):
        word = hit.group().lower()
        if word in found:
            continue
        start = max(text.rfind(c, max(0, hit.start() - 2000), hit.start()) for c in ".;\n!?") + 1
        ends = [i for i in (text.find(c, hit.end(), hit.end() + 2000) for c in ".;\n!?") if i != -1]
        sentence = text[start: min(ends) if ends else min(len(text), hit.end() + 2000)]
        if not DIGITS.search(sentence) and not _COUNTED.search(sentence):
            found.append(word)
    return found


# A measure in words: a number word with what it counts ('two sentences', 'one line each', 'a single paragraph');
# 'the one about the kitchen' counts nothing.
_COUNTED = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                      r"fifty|hundred|single|half|a|an)\s+(?!few\b|couple\b|number\b|lot\b)(?:[\w-]+\s+)?"
                      r"(?:words?|sentences?|bullets?|bullet points|lines?|characters|paragraphs?|minutes?|pages?|"
                      r"screens?|items?|points?|rows?)\b", re.I)


def _count(token: str) -> int:
    token = token.lower()
    return int(token[:6]) if token[:1].isdigit() else NUMBERS.get(token, 0)


_PLACE = re.compile(r"\{[^{}\n]{1,60}\}|\[(?![A-Z][A-Z _-]{1,30}\])[^\[\]\n]{1,60}\]|<<[^<>\n]{1,40}>>")
# 'the voice memo Dale sent', 'the notes Sam forwarded': material someone else has, not in the prompt
_SENT_BY = re.compile(r"\b(?:memo|notes|file|email|recording|document|report|spreadsheet|list|minutes|thread|photos?)"
                      r"\s+(?:[\w'’]+\s+){0,2}(?:sent|shared|forwarded|emailed|uploaded|recorded)\b", re.IGNORECASE)
_POINTS_AT = re.compile(r"\b(?:the|this|these|my|our)\s+(?:attached|enclosed|uploaded|shared)\b|\battached\b|"
                        r"\battachment\b|\b(?:i|we)(?:'ve| have)?\s+(?:just\s+)?(?:sent|shared|uploaded|forwarded|"
                        r"emailed|attached|pasted|gave you|put)\s+(?:\w+\s+)?(?:above|earlier|before|yesterday)\b|"
                        r"\b(?:i|we)(?:'ve| have)?\s+(?:just\s+)?(?:sent|shared|uploaded|forwarded|emailed|attached)\b|"
                        r"\bthe (?:doc|document|file|sheet|spreadsheet|deck) i\b|"
                        r"\b(?:i|we)(?:'ve| have)?\s+(?:just\s+)?copied\s+in\b|"
                        # 'the alarm list I exported at the end of my shift', 'the notices he forwarded me'
                        r"\b(?:the|my|our|these|those)\s+(?:[\w'’-]+\s+){0,3}?[\w-]+\s+"
                        r"(?:i|we|he|she|they)(?:'ve| have)?\s+(?:just\s+)?(?:exported|downloaded|saved|pulled|ran|"
                        r"printed|took)\b|\b(?:forwarded|sent|emailed|passed)\s+(?:me|us)\s+(?:the|his|her|their|"
                        r"some)\s+[\w-]+|\bfrom (?:his|her|their) (?:email|e-mail|inbox|message|notes|file|list)\b|"
                        r"\b(?:i|we)\s+(?:send|sent|gave|give)\s+you\s+(?:before|earlier|yesterday|this morning)\b|"
                        r"\b(?:in|on|from) (?:the |our |my )?(?:[\w'’]+ )?"
                        r"(?:shared )?(?:folder|drive|sharepoint|teams channel)\b", re.IGNORECASE)
_MATERIAL_NOUN = (r"(?:notes|email|emails|document|report|reports|essays?|transcript|minutes|letter|letters|file|"
                  r"memo|memos|voice memo|voice note|voicemail|audio|write-ups?|"
                  r"spreadsheet|export|log|thread|draft|drafts|contract|lease|cv|cvs|recording|call|feedback|"
                  r"survey results|responses|tickets?|complaints?|table|inbox|data|figures|records|requests|"
                  r"messages|invoices?|statements?|slides|deck|agenda|bids?|applications?|returns|guidance|policy|"
                  r"procedure|article|key results|results|label|protocol|schedule|rota|log|sheet)")
_WORKS_ON = re.compile(r"(?:^|[.!?:]\s+|\n\s*|\b(?:please|can you|could you|and)\s+)(?:summari[sz]e|read|review|check|"
                       r"analy[sz]e|proofread|translate|rewrite|edit|mark|shorten|simplify|use|using|go through|"
                       r"look over|"
                       r"look at|"
                       r"compare|from|extract \w+ from|turn|convert|sort|triage|classify|tag|organi[sz]e|"
                       r"categori[sz]e|score|rank)\s+(?:this|these|the|my|our|yesterday's|today's|last week's|"
                       r"this week's)\s+(?:[\w'’-]+\s+){0,3}?"
                       + _MATERIAL_NOUN + r"\b|\bbased on (?:this|these|the|my|our)\s+(?:[\w'’-]+\s+){0,3}?"
                       + _MATERIAL_NOUN + r"\b|\b" + _MATERIAL_NOUN + r"\s+(?:from|of)\s+(?:yesterday|today|this "
                       r"morning|this afternoon|last \w+|earlier)\b", re.IGNORECASE)
_PASTED = re.compile(r":[ \t]*(?:\n\s*)?(?:[^\s{}\[\]]+\s+){14,}")
_BARE_THIS = re.compile(r"\b(?:summari[sz]e|translate|rewrite|shorten|proofread|tidy up|improve|edit|"
                        r"reword|simplify)\s+(?:this|these)(?:\s+(?:up|for me|please))?\s*([.!?:]|$)",
                        re.IGNORECASE)
_BELOW = re.compile(r"\b(?:below|the following|as follows|underneath)\b", re.IGNORECASE)


def _word_before(text: str, at: int) -> str:
    """The words just before a colon at ``at`` ('Sections' in '... into minutes. Sections: Present, ...')."""
    found = re.search(r"([A-Za-z][A-Za-z' ]{0,30})$", text[max(0, at - 40):at])
    return found.group(1).strip() if found else ""


def missing_material(text: str, language: str = "en") -> str:
    """The words with which a prompt points at material it never includes ('the attached export', 'the notes I sent
    you this morning', 'the letter below' with nothing below, 'Transcript:' with nothing after), or ''. A
    placeholder, a block of material or pasted text is material."""
    if _PLACE.search(text) or any(b.kind == "material" for b in blocks(text, language)) or any(
            not re.fullmatch(r"\[[A-Z][A-Z _-]{1,30}\]", m.group()) for m in SLOT.finditer(text)):
        return ""
    instructions = instructions_only(text, language)
    said_pasted = re.search(r"\b(?:i|we)(?:'ve| have)?\s+(?:just\s+)?pasted\b", text, re.IGNORECASE)
    if said_pasted and re.search(r"\n\s*\S", text[said_pasted.end():]):
        said_pasted = None  # 'the export I pasted' with lines after it: the material is there
    bare = _BARE_THIS.search(instructions)  # 'summarise this' with nothing after it
    if bare and bare.group(1) == ":" and text[bare.end():].strip():
        bare = None  # 'make this nicer: thanks for waiting' carries its material
    pasted = _material_tail(text) < len(text) or any(  # material under a line that introduces it, or after a colon
        not _INSTRUCTION_LABEL.match(_word_before(text, m.start()) + ":")  # ('Notes: ...'), not the rules after
        for m in _PASTED.finditer(text))  # 'Sections:'
    pointed = _POINTS_AT.search(text) or _SENT_BY.search(text) or said_pasted or (not pasted and (
        _WORKS_ON.search(instructions) or bare))
    if pointed and not (pointed.string is instructions and _BELOW.match(instructions, pointed.end() + 1)):
        return pointed.group(0)  # ('the report below' is read below: is there anything below it?)
    below = next(reversed(list(_BELOW.finditer(text))), None)  # the last 'below': is anything under it?
    if below:
        line_end = text.find("\n", below.end())
        sentence_end = re.search(r"[.!?](?:\s|$)", text[below.end():])
        end = min(x for x in (line_end if line_end >= 0 else len(text),
                              below.end() + sentence_end.end() if sentence_end else len(text)))
        after = text[end:]
        lines_after = [line for line in after.splitlines()[1:] if line.strip()]
        if len(re.findall(r"[^\W_]+", after)) < 25 and len(re.findall(r"[^\W_]+", " ".join(lines_after))) < 8:
            return below.group(0)  # nothing below but a line or two more of instructions
        if below.group(0).lower() in ("below", "underneath") and "\n" not in text[below.end():].strip() \
                and not re.match(r"\s*(?:is|are)?\s*:", text[below.end():]):
            return below.group(0)  # one paragraph of instructions: nothing is below it
    label = re.search(r"\n\s*([A-Za-z][\w ]{1,30}):\s*$", text)
    if label:
        return f"{label.group(1)}:"
    return ""


def _tight_total(low: str, generous: bool = False) -> str:
    """A limit on the whole answer that leaves room for very little ('whole briefing under 50 words', 'keep the reply
    to two sentences at most', 'fit in a single SMS'), or ''. A limit on a part ('headline under 8 words', 'one line
    each') is not one."""
    part = re.compile(r"\b(?:headline|title|subject|slogan|tagline|label|reason|caption|name|each|per|line|bullet|"
                      r"sentence|item|row|option|question|answer to each)s?\b")
    most_words, most_sentences = (100, 5) if generous else (60, 2)  # a long list of everything needs more room
    for match in re.finditer(r"(?:at most|no more than|not more than|max(?:imum)?\.?|under|fewer than|less than|"
                             r"up to|within|in)\s+(\d{1,3})\s+words\b|(?<![\w-])(\d{1,3})\s+words\s+(?:max(?:imum)?|"
                             r"at most|or (?:less|fewer)|tops)\b", low):
        before = low[max(0, match.start() - 15):match.start()]
        after = low[match.end():match.end() + 15]
        whole = re.match(r"\s*(?:total|overall|in all|in total)\b", after)
        if int(match.group(1) or match.group(2)) <= most_words and (whole or not part.search(before)) \
                and not re.match(r"\s*(?:each|per|a\b|for)", after):
            return match.group(0)
    if generous:
        counted = re.search(r"\b(?:max(?:imum)?\.?|at most|no more than|in)\s+([1-5]|one|two|three|four|five) "
                            r"(?:sentences|bullet points|bullets)\b(?!\s+(?:each|per))|\b(?:[1-5]|one|two|three|four|"
                            r"five) (?:sentences|bullet points|bullets) (?:max(?:imum)?|at most|or fewer|tops)\b", low)
        if counted:
            return counted.group(0)
        line = re.search(r"\b(?:a single|one) line\b(?!\s+(?:each|per|for))|\b(\d{2,3})\s*characters\b", low)
        if line and (not line.group(1) or int(line.group(1)) <= 300):
            return line.group(0)
    sentence = re.search(r"\b(?:keep|limit) (?:it|the \w+|your \w+) to (?:at most )?(?:one|two|a single|1|2) "
                         r"sentences?\b|\b(?:at most|no more than|max\.?) (?:one|two|1|2) sentences?\b|"
                         r"\b(?:one|two|1|2) sentences? (?:at most|max(?:imum)?)\b|"
                         r"\bin exactly (?:one|two|1|2) sentences?\b", low)
    if sentence and not re.match(r"\s*(?:each|per|for each)", low[sentence.end():sentence.end() + 12]):
        return sentence.group(0)
    hyphened = re.search(r"\b(\d{1,3})-word\s+(?!each\b|per\b)[a-z]+", low)
    if hyphened and int(hyphened.group(1)) <= most_words and not part.search(hyphened.group(0).split("-word", 1)[1]):
        return hyphened.group(0)  # 'a 40-word web brief'
    rows = re.search(r"\b(?:max(?:imum)?\.?|at most|no more than|fit in(?:to)?|within|in)\s+([1-5]|one|two|three|"
                     r"four|five)\s+(?:lines|rows)\b(?!\s+(?:each|per|for each))", low)
    if rows:
        return rows.group(0)
    sms = re.search(r"\b(?:fit|fits) (?:in|into|on) (?:a |one )?single (?:sms|text(?: message)?)\b|"
                    r"\b(?:a |one )?single sms\b", low)
    return sms.group(0) if sms else ""


_EXHAUSTIVE = re.compile(r"\bevery (?:step|option|clause|detail|stage|date|collection date|category|condition|"
                         r"requirement|exception|rule|document|form)\b|\ball (?:the |of the )(?:relevant |\w+ )?"
                         r"(?:clauses|steps|options|details|dates|categories|stages|requirements|conditions|exceptions)"
                         r"\b|\beach of the \d+\b|\bthe complete \w+|\bcomplete \w+ (?:process|history|list)\b|"
                         r"\bin full detail\b|\bfull detail\b|\bcomprehensive\b|\bexhaustive\b|"
                         r"\b(?:every|each|all(?: the)?) \w+ (?:\w+ )?in full\b|\bword (?:by|for) word\b|"
                         r"\bcomplete (?:chronology|record|timeline|transcript|account|breakdown)\b|"
                         r"\bevery one of the\b|\ball (?:\d+|[a-z]+teen|twenty|thirty) of the\b|"
                         r"\b(?:set out|covered?|given|listed|explained|described) in full\b|"
                         r"\bin full,? (?:all|every)\b|"
                         r"\bthe full (?:history|list|details?|record|account|breakdown|text|wording|schedule)\b")


def contradictions(text: str, language: str = "en") -> list[str]:
    """Plain descriptions of instructions that cannot all be followed."""
    found = []
    low = instructions_only(text, language).lower()
    most = [int(n) for n in re.findall(r"(?:at most|no more than|not more than|maximum(?: of)?|max\.?|under|"
                                       r"fewer than|less than|in at most|up to|no longer than|not longer than|"
                                       r"not exceed(?:ing)?)\s+(\d{1,6})\s+words", low)]
    least = [int(n) for n in re.findall(r"(?:at least|minimum(?: of)?|(?<!no )(?<!not )more than|over)\s+(\d{1,6})"
                                        r"\s+words", low)]
    if most and least and max(least) > min(most):
        found.append(f"at least {max(least)} words but at most {min(most)} words")
    said = [s.lower() for s in sentences(instructions_only(text, language))]
    unconditional = " ".join(s for s in said if not s.startswith("if "))
    one_sentence = re.search(r"\b(?:in|as|into|keep it to|answer in|reply in|write it as|write it in) (?:one|a single|"
                             r"single|1)\s+sentence\b", unconditional)
    bullets = re.search(NUMBER + r"\s+(?:bullet points|bullets|headings|paragraphs)", low)
    if one_sentence and bullets and _count(bullets.group(1).split()[0].split("-")[0]) > 1:
        found.append(f"one sentence but also {bullets.group(0)}")
    strength = len(_EXHAUSTIVE.findall(low)) + len(re.findall(r"\bevery \w+|\ball (?:the |of the )?\w+ \w+|"
                                                             r"\bword for word\b|\bwhole \w+", low))
    counted = re.search(r"\b(?:every one|each|all) of the (\d{1,4})\b|\ball (\d{1,4}) (?:of the\b|[a-z]+)", low)
    many = bool(counted and int(counted.group(1) or counted.group(2)) >= 5)  # 'every one of the 23 stops'
    many = many or bool(re.search(r"\b(?:set out|covered?|listed|explained|given|described) in full\b|"
                                  r"\bin full,? (?:all|every)\b", low))  # 'every exclusion ... set out in full'
    tight = _tight_total(low, generous=strength >= 3 or many)
    exhaustive = _EXHAUSTIVE.search(low) or (strength >= 3 and re.search(r"\bevery \w+|\bword for word", low))
    if tight and exhaustive:
        found.append(f"{tight}, but also {exhaustive.group(0)}")
        return found
    per_item = re.search(r"\b(?:no more than|at most|max(?:imum)?\.?|under|up to)\s+(\d{1,2})\s+words\s+(?:per|each|a|"
                         r"in each)\s+(?:line|bullet|row|item|entry)\b", low)
    if per_item and int(per_item.group(1)) <= 15 and exhaustive and re.search(
            r"\b(?:one|a single) (?:line|bullet|row) (?:per|for each|for every|each)\b", low):
        found.append(f"{per_item.group(0)}, but also {exhaustive.group(0)}")  # one short line per bus, and the full
        return found  # history of every defect on each
    everything = re.search(r"\bevery detail|\ball (?:the )?details|do not leave anything out|don't leave anything "
                           r"out|nothing left out|leave nothing out|cover(?:s|ing)? every point|"
                           r"everything in the original|every step in detail|"
                           r"in (?:full|great) detail|all (?:the )?exceptions", low)
    if everything and one_sentence:
        found.append("every detail in a single sentence")
    elif everything and most and min(most) < 150:
        found.append(f"every detail in at most {min(most)} words")
    elif everything and tight:
        found.append(f"{tight}, but also {everything.group(0)}")
    own_knowledge = re.search(r"your own (?:knowledge|recommendations?|opinions?|ideas|view|figures|numbers|"
                              r"estimates)|(?:figures|numbers|estimates|facts|data) of your own|from memory|"
                              r"from what you know", low)
    only_given = re.search(r"\bonly (?:use )?(?:information|facts|what is|what's)\b|"
                           r"\b(?:use|using|based on|from) only\b|\bnothing from outside\b|\bno outside (?:information|"
                           r"data|sources|facts)\b|\b(?:must not|mustn't|do not|don't|never) add (?:any )?(?:data|"
                           r"information|facts|figures|numbers|readings)\b", low)
    own_knowledge = own_knowledge or re.search(r"\balso (?:add|include|mention|give)\b[^.]{0,60}\b(?:usually|typically|"
                                               r"normally|generally|most \w+)\b", low)
    outside = re.search(r"\b(?:add|include|give|fill(?: in)?\b[^.;]{0,40}?\bwith|use)\s+(?:in\s+)?(?:the\s+|a\s+|an\s+|"
                        r"some\s+)?(?:typical|usual|normal|industry|benchmark|market|national|sector|plausible|likely|"
                        r"estimated|realistic|made-up|invented|sample)\b(?:\s+(?!so\b|to\b|and\b|for\b|that\b|which\b|if\b)[\w-]+){0,2}",
                        low)  # 'fill the gaps with
    if outside and not re.search(r"\b(?:never|not|don't|do not|no)\s+(?:\w+\s+){0,2}$",  # plausible temperatures'
                                 low[max(0, outside.start() - 25):outside.start()]):
        own_knowledge = own_knowledge or outside
    if own_knowledge and only_given:  # "use only the contract below, and also add what most employers allow"
        found.append(f"only the information given, but also {own_knowledge.group(0)}")
    if any(re.search(r"\b(?:one|a single|single|1)\s+paragraph\b", s) and re.search(r"\bbullet(?:s|ed)?\b", s)
           and not re.search(r"\b(?:then|followed by|after (?:it|that)|below it)\b", s) for s in said):
        found.append("a single paragraph but also bullet points")
    if re.search(r"\bbullet(?: point)?s only\b|\bonly (?:as )?bullet(?: point)?s\b", low) and re.search(
            r"\b(?:flowing|continuous|running) (?:prose|text|paragraph)\b|\bas prose\b|\bfull paragraphs\b", low):
        found.append("bullet points only, but also flowing prose")
    if re.search(r"\b(?:in|into|under|to) both\b", low) and re.search(
            r"\bexactly one (?:category|label|group|team)\b|\bone (?:category|label) (?:per|for each)\b", low):
        found.append("exactly one category, but also both of two categories")
    each = re.search(NUMBER + r"\b[^.]{0,150}?\beach\b[^.]{0,80}?\bat least\s+(\d{1,6})\s+words", low)
    if each and most and "-" not in each.group(1) and _count(each.group(1)) * int(each.group(2)) > min(most):
        found.append(f"at most {min(most)} words, but {each.group(1)} parts of at least {each.group(2)} words each")
    for shape in re.finditer(r"(?:\b(?:don't|do not|never) use (?:a |an |any )?|\b(?:with )?no |\bwithout (?:any )?)"
                             r"(tables?|bullets?|bullet points|lists?|headings|json)\b", low):
        noun = shape.group(1).rstrip("s")
        if re.search(r"\b(?:as|in|into) (?:a |an )?" + re.escape(noun) + r"s?\b|\b" + re.escape(noun) + r"s? with\b",
                     low[:shape.start()] + " " + low[shape.end():]):
            found.append(f"a {noun}, but also do not use a {noun}")
            break
    only_this = re.search(r"\b(?:only|just) (?:the |a |one )?(?:label|name|number|answer|category|date|word|letter|"
                          r"score|json)\b|\b[a-z]+ or [a-z]+ only\b|"
                          r"\b(?:reply|answer|respond|output|return|say|give)\b[^.]{0,50}\bnothing else\b"
                          r"(?! on (?:that|the|this|each|its) line)", low)
    if only_this and re.search(r"\b(?:then|after (?:the|that|it)|also)\b[^.]{0,40}\b(?:explain|add|write|give|"
                               r"justify)\b", low[only_this.end():]):
        found.append("only the answer and nothing else, but also an explanation")
    if re.search(r"\bformal\b(?<!\binformal)", low) and not re.search(r"\b(?:not too|not|less|over-?) ?formal", low) \
            and re.search(r"\b(?:full of slang|use slang|with slang|slangy|in slang|lots of slang)\b", low):
        found.append("formal, but also full of slang")
    if re.search(r"\bno (?:lists|bullets|bullet points)\b", low) and re.search(
            r"\b(?:as|in) (?:a )?(?:separate )?bullet|\bbullet(?:ed)? list\b|"
            r"\beach (?:one )?as a (?:separate )?bullet|\b(?:its|their) own bullet|"
            + NUMBER + r"\s+bullet(?: point)?s\b", low):
        found.append("no lists, but also bullet points")
    languages = r"(english|german|french|spanish|italian|portuguese|dutch|polish|welsh|arabic|chinese|japanese)"
    only_in = re.search(r"\bin " + languages + r" only\b|\bonly in " + languages + r"\b", low)
    must_in = re.search(r"\b(?:must be|should be|reply|answer|respond|write (?:it|the \w+))\b[^.]{0,40}?\bin "
                        + languages + r"\b", low)
    if only_in and must_in and must_in.group(1) not in only_in.groups():
        only = only_in.group(1) or only_in.group(2)
        found.append(f"in {must_in.group(1).title()}, but also in {only.title()} only")
    if re.search(r"\btranslat\w*\b[^.]{0,40}\b(?:literally|word for word)\b", low) and re.search(
            r"\b(?:rewrite|adapt|replace)\b[^.]{0,60}\b(?:natural|locally|local|idioms?)\b", low):
        found.append("a word-for-word translation, but also a free one")
    for refused in re.finditer(r"\b(?:don't|do not|never) ([a-z]{4,})(?=\s+(?:or|and|anywhere|at all|ever)\b|\s*[.,;])",
                               low):  # 'apologise in the first sentence' ... 'don't apologise anywhere'
        asked = re.search(r"(?:^|[.;:!]\s+|\n\s*)(?:(?:in|at|for) the [a-z ]{1,25}?,?\s)?(?:please\s+)?"
                          + re.escape(refused.group(1)) + r"\b", low)
        if asked and not re.search(r"\b(?:don't|do not|never|not)\s+$", low[max(0, asked.end() - 30):asked.end()
                                                                            - len(refused.group(1))]):
            found.append(f"{refused.group(1)}, but also {refused.group(0)}")
            break
    if re.search(r"\b(?:rewrite|simplify|shorten|reword|adapt)\b", low) and re.search(
            r"\b(?:do not|don't|never) change (?:a single word|any word|anything|a word)\b|"
            r"\bkeep every sentence exactly as\b", low):
        found.append("a rewrite, but also not a word changed")
    counts: dict[str, set[int]] = {}
    asked_count = r"\b(?:top|exactly|give(?: me)?|list|name|pick|choose|find)\s+" + NUMBER + r"\s+(\w+)"
    for match in re.finditer(asked_count, low):
        number = _count(match.group(1).split()[0].split("-")[0])
        if number and "-" not in match.group(1) and " " not in match.group(1):
            counts.setdefault(match.group(2).rstrip("s"), set()).add(number)
    for match in re.finditer(NUMBER + r"\s+(?:rows|lines|bullets|items),?\s+(?:one|1)\s+(?:per|for each)\s+(\w+)", low):
        number = _count(match.group(1).split()[0].split("-")[0])
        if number and "-" not in match.group(1):
            counts.setdefault(match.group(2).rstrip("s"), set()).add(number)
    clashing = next((noun for noun, numbers in counts.items() if len(numbers) > 1 and len(noun) > 2), None)
    if clashing:
        numbers = sorted(counts[clashing])
        found.append(f"{numbers[0]} {clashing}s but also {numbers[-1]} {clashing}s")
    listed_at: dict[str, int] = {}
    for match in re.finditer(r"\b(?:list|include|name|show|mention) (?:all |the |any )*((?:\w+ ){0,2}\w+)", low):
        for topic in match.group(1).split():
            listed_at[topic.rstrip("s")] = match.start()
    for left_out in re.finditer(r"\b(?:do not|don't|never) mention (?:any )?(\w+)", low):
        topic = left_out.group(1).rstrip("s")
        if len(topic) > 3 and listed_at.get(topic, -1) > left_out.end():
            found.append(f"do not mention {left_out.group(1)}, but also list them")
            break
    closed = re.search(r"\bonly these\b|\bno other (?:categor|label)", low)
    new_label = re.search(r"\b(?:make up|invent)\s+(?:a |an )?(?:\w+ ){0,2}(?:category|label)\b|"
                          r"\b(?:create|add)\s+(?:a |an )?(?:\w+ )?new (?:category|label)\b", low)
    negated = new_label and re.search(r"\b(?:never|not|don't|do not|no need to)\s+(?:\w+\s+)?$",
                                      low[max(0, new_label.start() - 20):new_label.start()])
    if closed and new_label and not negated:
        found.append(f"only the categories given, but also '{new_label.group(0)}'")
    return found
