"""The checks a manager can pick for an acceptance criterion, and how each one reads an AI output.

Each check has a plain label (shown in the form's drop-down), a hint for its one value field, and a function
that looks at one output and answers passed or not, with a reason a manager can read. A check never raises on
what a learner typed: a value it cannot use gives a plain message instead (``CheckSetup.problem``).

Checks that compare with the source (the input the AI was given) use the batch's source: its text and the items
every good output must carry (``SourceItem``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .personal_data import find_personal_data

PATTERN_TIME_LIMIT = 0.05      # seconds one pattern may spend on one output
MAX_PATTERN = 2000             # characters in a pattern
MAX_VALUE = 5000               # characters of a value read for any other check
MAX_OUTPUT = 100_000           # characters of an output read


@dataclass(frozen=True)
class SourceItem:
    """Something every good output must carry from the source: it is covered when every term appears (case
    ignored); a term ``"a|b"`` is met by either ``a`` or ``b``."""

    item: str
    match: tuple[str, ...]

    def covered_by(self, text_lower: str) -> bool:
        return all(any(option.strip().lower() in text_lower for option in term.split("|") if option.strip())
                   for term in self.match)


@dataclass(frozen=True)
class Source:
    """The input the AI was given, and the items a good output carries from it."""

    text: str = ""
    items: tuple[SourceItem, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """One check on one output: passed (True/False, or None when a person must look) and why."""

    passed: bool | None
    reason: str


@dataclass(frozen=True)
class CheckSetup:
    """A criterion's check, ready to run: ``run(output_text, source) -> Outcome``, or the problem that stops it."""

    kind: str
    run: Callable[[str, Source], Outcome] | None = None
    problem: str = ""


@dataclass(frozen=True)
class CheckKind:
    label: str
    value_hint: str
    needs_value: bool
    setup: Callable[[str, bool], CheckSetup | Callable[[str, Source], Outcome]] = field(repr=False)


# --- reading what a manager typed ------------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d{1,15}(?:[,.]\d{3})*(?:[.,]\d{1,6})?(?![\w])")
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}


def split_list(value: str) -> list[str]:
    """A list typed in one field: separated by semicolons or new lines, or by commas when there are neither."""
    parts = re.split(r"[;\n]", value) if re.search(r"[;\n]", value) else value.split(",")
    return [p.strip().strip("\"'‘’“”") for p in parts if p.strip().strip("\"'‘’“”")]


def _to_number(text: str) -> float | None:
    text = text.strip().replace("−", "-")
    if text.lower() in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text.lower()])
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    try:
        number = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


_RANGE_WORDS = [
    (re.compile(r"^(?:between|from)?\s*(\S+)\s*(?:-|–|to|and)\s*(\S+)$"), "range"),
    (re.compile(r"^(?:at most|max(?:imum)?|no more than|not more than|up to|under|below|less than|fewer than|"
                r"<=|≤|<)\s*(\S+)$"), "max"),
    (re.compile(r"^(?:at least|min(?:imum)?|no fewer than|no less than|over|above|more than|>=|≥|>)\s*(\S+)$"),
     "min"),
    (re.compile(r"^(?:exactly|=|==)\s*(\S+)$"), "exact"),
]
_STRICT = ("under", "below", "less than", "fewer than", "<", "over", "above", "more than", ">")


def count_range(value: str) -> tuple[float, float] | str:
    """``"at most 150"``, ``"3 to 5"``, ``"at least 2"``, ``"exactly 12"`` as (low, high); else a message."""
    text = re.sub(r"\b(words?|characters?|chars?|bullets?|bullet points?|rows?|lines?|points?)\b", "",
                  value.strip().lower()).strip().rstrip(".")
    for pattern, how in _RANGE_WORDS:
        found = pattern.match(text)
        if not found:
            continue
        numbers = [_to_number(g) for g in found.groups()]
        if any(n is None or n < 0 for n in numbers):
            break
        strict = 1 if text.startswith(tuple(w for w in _STRICT)) and not text.startswith(("<=", ">=")) else 0
        if how == "range":
            low, high = sorted(numbers)  # type: ignore[type-var]
            return float(low), float(high)
        number = float(numbers[0])  # type: ignore[arg-type]
        if how == "max":
            return 0.0, number - strict
        if how == "min":
            return number + strict, math.inf
        return number, number
    if _to_number(text) is not None:
        return "Say which way the limit goes: 'at most 150', 'at least 3', '3 to 5' or 'exactly 12'"
    return "Type a limit with a number, such as 'at most 150', 'at least 3' or '3 to 5'"


def _range_words(low: float, high: float) -> str:
    if low == high:
        return f"exactly {low:g}"
    if high == math.inf:
        return f"at least {low:g}"
    if low == 0:
        return f"at most {high:g}"
    return f"{low:g} to {high:g}"


# --- what an output looks like ---------------------------------------------------------------------------------
_BULLET = re.compile(r"^\s{0,8}(?:[-*•▪‣–]|\d{1,3}[.)])\s+\S", re.MULTILINE)
_FENCE = re.compile(r"^\s*```[\w-]*\s*$", re.MULTILINE)


def count_bullets(text: str) -> int:
    return sum(1 for _ in _BULLET.finditer(text))


def count_words(text: str) -> int:
    return len(re.findall(r"[^\W_](?:[\w'’-]*[^\W_])?", text))


def _unfenced(text: str) -> str:
    return _FENCE.sub("", text).strip()


def heading_lines(text: str) -> set[str]:
    """The lines that could be headings, reduced to their words: '## Actions', '**Actions:**', 'ACTIONS'."""
    found = set()
    for line in text.splitlines():
        bare = re.sub(r"^[#\s*_>]+|[\s*_:#]+$", "", line).strip().lower()
        if bare and len(bare) <= 80:
            found.add(bare)
    return found


def table_rows(text: str, columns: Sequence[str] = ()) -> list[dict[str, str]] | str:
    """The rows of a CSV table in an output, or a message saying why it cannot be read.

    The table starts at the first line naming every one of ``columns`` (or, without them, the first line with a
    comma whose next line has as many fields), so a sentence before it or a code fence around it is skipped; it
    ends at the first blank line after it.
    """
    lines = _unfenced(text).splitlines()
    fields = [_fields_of(line) for line in lines]
    wanted = [c.lower() for c in columns]
    start = None
    for i, found in enumerate(fields):
        if wanted and all(w in found for w in wanted):
            start = i
            break
        if not wanted and len(found) > 1 and i + 1 < len(lines) and len(fields[i + 1]) == len(found):
            start = i
            break
    if start is None:
        return ("no header line with the columns " + _quoted(wanted)) if wanted else "no CSV table found"
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line)
    try:
        rows = list(csv.reader(io.StringIO("\n".join(block))))
    except csv.Error as error:
        return f"the CSV cannot be read ({error})"
    header = [h.strip().lower() for h in rows[0]]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            return f"line {number} of the table has {len(row)} fields where the header has {len(header)}"
    return [{h: v.strip() for h, v in zip(header, row, strict=True)} for row in rows[1:]]


def _fields_of(line: str) -> list[str]:
    if "," not in line:
        return []
    try:
        return [f.strip().lower() for f in next(csv.reader([line]), [])]
    except csv.Error:
        return []


def json_records(text: str) -> list[dict[str, Any]] | str:
    """The objects in a JSON output (one object, or a list of them), or a message saying why not."""
    body = _unfenced(text)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        return f"it is not valid JSON ({str(error).split(':')[0]})"
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(r, dict) for r in records):
        return "it is valid JSON but not an object or a list of objects"
    return records


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The numbers in a text as written and as values; list numbering ('1.' at a line's start) is left out."""
    found = []
    for match in _NUMBER.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start()]
        if not before.strip(" \t*#>") and text[match.end():match.end() + 1] in (".", ")"):
            continue  # "1." or "2)" numbering a list
        value = _to_number(match.group())
        if value is not None:
            found.append((match.group(), value))
    return found


def _number_key(value: float) -> str:
    return f"{abs(value):.6f}"


@lru_cache(maxsize=8)
def _source_numbers(text: str) -> frozenset[str]:
    """The numbers of a source, read once per batch rather than once per output."""
    return frozenset(_number_key(v) for _, v in numbers_in(text))


# --- the checks --------------------------------------------------------------------------------------------------
def _fold(text: str, case: bool) -> str:
    return text if case else text.casefold()


def _phrases(value: str, case: bool) -> list[str] | CheckSetup:
    phrases = split_list(value[:MAX_VALUE])
    return phrases or CheckSetup("", problem="Type the words to look for")


def _contains_all(value: str, case: bool) -> Any:
    phrases = _phrases(value, case)
    if isinstance(phrases, CheckSetup):
        return phrases

    def run(output: str, _source: Source) -> Outcome:
        text = _fold(output, case)
        missing = [p for p in phrases if _fold(p, case) not in text]
        return Outcome(not missing, "contains " + _quoted(phrases) if not missing else "lacks " + _quoted(missing))
    return run


def _contains_one(value: str, case: bool) -> Any:
    phrase = value[:MAX_VALUE].strip().strip("\"'‘’“”")
    if not phrase:
        return CheckSetup("", problem="Type the words to look for")

    def run(output: str, _source: Source) -> Outcome:
        found = _fold(phrase, case) in _fold(output, case)
        return Outcome(found, ("contains " if found else "lacks ") + _quoted([phrase]))
    return run


def _contains_any(value: str, case: bool) -> Any:
    phrases = _phrases(value, case)
    if isinstance(phrases, CheckSetup):
        return phrases

    def run(output: str, _source: Source) -> Outcome:
        text = _fold(output, case)
        hit = next((p for p in phrases if _fold(p, case) in text), None)
        return Outcome(hit is not None, f"contains {_quoted([hit])}" if hit else "has none of " + _quoted(phrases))
    return run


def _contains_none(value: str, case: bool) -> Any:
    phrases = _phrases(value, case)
    if isinstance(phrases, CheckSetup):
        return phrases

    def run(output: str, _source: Source) -> Outcome:
        text = _fold(output, case)
        hits = [p for p in phrases if _fold(p, case) in text]
        return Outcome(not hits, "contains " + _quoted(hits) if hits else "has none of the forbidden words")
    return run


def _starts_with(value: str, case: bool) -> Any:
    start = value[:MAX_VALUE].strip().strip("\"'‘’“”")
    if not start:
        return CheckSetup("", problem="Type how the output should start")

    def run(output: str, _source: Source) -> Outcome:
        ok = _fold(output.lstrip(), case).startswith(_fold(start, case))
        return Outcome(ok, f"starts with {_quoted([start])}" if ok else f"starts with {_quoted([output.strip()[:30]])}")
    return run


def _ends_with(value: str, case: bool) -> Any:
    end = value[:MAX_VALUE].strip().strip("\"'‘’“”")
    if not end:
        return CheckSetup("", problem="Type how the output should end")

    def run(output: str, _source: Source) -> Outcome:
        ok = _fold(output.rstrip(), case).endswith(_fold(end, case))
        return Outcome(ok, f"ends with {_quoted([end])}" if ok else f"ends with {_quoted([output.strip()[-30:]])}")
    return run


def _pattern(value: str, case: bool) -> Any:
    if not value.strip():
        return CheckSetup("", problem="Type the pattern to look for")
    if len(value) > MAX_PATTERN:
        return CheckSetup("", problem=f"The pattern is longer than {MAX_PATTERN:,} characters; use a shorter one")
    import regex  # loaded only when a pattern is used: it can stop a search that runs too long

    try:
        compiled = regex.compile(value, 0 if case else regex.IGNORECASE)
    except (regex.error, OverflowError, RecursionError, ValueError) as error:
        return CheckSetup("", problem=f"The pattern cannot be read ({str(error)[:120]}); check its brackets and "
                                      "special characters, or use 'Contains' instead")

    def run(output: str, _source: Source) -> Outcome:
        try:
            found = compiled.search(output, timeout=PATTERN_TIME_LIMIT)
        except TimeoutError:
            return Outcome(None, "the pattern took too long on this output, so it was stopped; simplify it "
                                 "(patterns such as (a+)+ can take forever)")
        return Outcome(found is not None, f"matches at {_quoted([found.group()[:40]])}" if found
                       else "does not match the pattern")
    return run


def _not_pattern(value: str, case: bool) -> Any:
    made = _pattern(value, case)
    if isinstance(made, CheckSetup):
        return made

    def run(output: str, source: Source) -> Outcome:
        outcome = made(output, source)
        if outcome.passed is None:
            return outcome
        return Outcome(not outcome.passed, "does not match the pattern" if not outcome.passed
                       else outcome.reason.replace("matches at", "matches the pattern at"))
    return run


def _length(counter: Callable[[str], int], unit: str) -> Callable[[str, bool], Any]:
    def setup(value: str, _case: bool) -> Any:
        limits = count_range(value[:200])
        if isinstance(limits, str):
            return CheckSetup("", problem=limits)
        low, high = limits

        def run(output: str, _source: Source) -> Outcome:
            n = counter(output)
            return Outcome(low <= n <= high, f"{n:,} {unit} (wanted {_range_words(low, high)})")
        return run
    return setup


def _rows(output: str) -> int:
    rows = table_rows(output)
    if isinstance(rows, list):
        return len(rows)
    markdown = [line for line in output.splitlines() if line.strip().startswith("|")]
    return max(0, len([line for line in markdown if not re.fullmatch(r"[\s|:-]+", line)]) - 1)


def _headings(value: str, _case: bool) -> Any:
    wanted = split_list(value[:MAX_VALUE])
    if not wanted:
        return CheckSetup("", problem="Type the headings, separated by semicolons: Key points; Actions")

    def run(output: str, _source: Source) -> Outcome:
        lines = heading_lines(output)
        missing = [h for h in wanted if not any(_heading_is(line, h.lower().rstrip(":").strip()) for line in lines)]
        return Outcome(not missing, "has every heading" if not missing else "no heading " + _quoted(missing))
    return run


def _heading_is(line: str, heading: str) -> bool:
    """'Actions', 'Actions and owners' and 'Actions (owner in brackets)' all open the section 'Actions'."""
    return line == heading or (line.startswith(heading) and not line[len(heading)].isalnum())


def _fields_from(value: str) -> list[str] | CheckSetup:
    names = [n.lower() for n in split_list(value[:MAX_VALUE])]
    return names or CheckSetup("", problem="Type the names of the columns or fields, separated by commas")


def _csv_columns(value: str, _case: bool) -> Any:
    names = _fields_from(value)
    if isinstance(names, CheckSetup):
        return names

    def run(output: str, _source: Source) -> Outcome:
        rows = table_rows(output, names)
        if isinstance(rows, str):
            return Outcome(False, rows)
        return Outcome(True, f"valid CSV, {len(rows)} rows, every column there")
    return run


def _json_fields(value: str, _case: bool) -> Any:
    names = _fields_from(value)
    if isinstance(names, CheckSetup):
        return names

    def run(output: str, _source: Source) -> Outcome:
        records = json_records(output)
        if isinstance(records, str):
            return Outcome(False, records)
        for number, record in enumerate(records, start=1):
            keys = {str(k).lower() for k in record}
            missing = [n for n in names if n not in keys]
            if missing:
                return Outcome(False, f"item {number} has no field " + _quoted(missing))
        return Outcome(True, f"valid JSON, {len(records)} item(s), every field there")
    return run


def _column_values(value: str, case: bool) -> Any:
    column, colon, allowed_text = value[:MAX_VALUE].partition(":")
    allowed = split_list(allowed_text)
    if not colon or not column.strip() or not allowed:
        return CheckSetup("", problem="Type the column, a colon, then the values allowed: "
                                      "category: Delivery; Refund; Other")
    name = column.strip().strip("\"'").lower()
    allowed_set = {_fold(a, case) for a in allowed}

    def run(output: str, _source: Source) -> Outcome:
        rows = table_rows(output, [name])
        if isinstance(rows, str):
            records = json_records(output)
            if isinstance(records, str):
                return Outcome(False, rows)
            rows = [{str(k).lower(): str(v) for k, v in r.items()} for r in records]
        odd = [r.get(name, "") for r in rows if _fold(r.get(name, "").strip(), case) not in allowed_set]
        return Outcome(not odd, f"every {name} is allowed" if not odd else f"{name} {_quoted(odd[:3])} not allowed")
    return run


def _no_personal_data(_value: str, _case: bool) -> Any:
    def run(output: str, _source: Source) -> Outcome:
        hits = find_personal_data(output, limit=3)
        return Outcome(not hits, "no personal data found" if not hits else f"contains a {hits[0].kind}")
    return run


_BRACKETED = re.compile(r"[\[{<](?=\S)[^\[\]{}<>\n]{1,40}[\]}>]")      # [Customer name], {amount}, <date>
_FILLER_CODES = re.compile(r"\b(?:XX+|TBC|TBD)\b")                      # in capitals: 'xx' may be a word
_FILLER_WORDS = re.compile(r"\b(?:lorem ipsum|insert [a-z ]{1,30} here)\b", re.IGNORECASE)


def placeholders_in(text: str) -> list[str]:
    """Placeholders left in a text: a short bracketed slot such as [Customer name], {amount} or <date>, or a
    filler such as XXX, TBC or 'insert date here'."""
    text = text[:MAX_OUTPUT]
    return [m.group() for pattern in (_BRACKETED, _FILLER_CODES, _FILLER_WORDS) for m in pattern.finditer(text)]


def _no_placeholders(_value: str, _case: bool) -> Any:
    def run(output: str, _source: Source) -> Outcome:
        left = placeholders_in(output)
        return Outcome(not left, "no placeholder left in" if not left
                       else f"a placeholder is left in: {_quoted(left[:2])}")
    return run


def _covers_source(_value: str, _case: bool) -> Any:
    def run(output: str, source: Source) -> Outcome:
        if not source.items:
            return Outcome(None, "this batch lists no source items to cover")
        text = output.lower()
        missing = [i.item for i in source.items if not i.covered_by(text)]
        return Outcome(not missing, f"covers all {len(source.items)} items" if not missing
                       else f"misses {len(missing)} of {len(source.items)}: " + _quoted(missing[:2]))
    return run


def _numbers_from_source(_value: str, _case: bool) -> Any:
    def run(output: str, source: Source) -> Outcome:
        known = _source_numbers(source.text)
        invented = [w for w, v in numbers_in(output) if _number_key(v) not in known]
        return Outcome(not invented, "every number is in the source" if not invented
                       else "not in the source: " + _quoted(invented[:3]))
    return run


def _number_near(value: str, _case: bool) -> Any:
    label, colon, rest = value[:MAX_VALUE].rpartition(":")
    if not colon:
        label, rest = "", value[:MAX_VALUE]
    parts = re.split(r"±|\+/-|\+-|\bwithin\b|\bplus or minus\b", rest)
    target = _to_number(re.sub(r"[£$€%]", "", parts[0]))
    tolerance = _to_number(re.sub(r"[£$€%]", "", parts[1])) if len(parts) > 1 else 0.0
    if target is None or tolerance is None or tolerance < 0:
        return CheckSetup("", problem="Type the number and how far off it may be: 34.50 ± 0.01 "
                                      "(or 'refund: 34.50' to look just after a word)")
    label = label.strip().lower()

    def run(output: str, _source: Source) -> Outcome:
        text = output
        if label:
            at = output.lower().find(label)
            if at < 0:
                return Outcome(False, f"no {_quoted([label])} found")
            text = output[at + len(label):at + len(label) + 80]
        found = [v for _, v in numbers_in(text)]
        ok = any(abs(v - target) <= tolerance + 1e-9 for v in found)
        shown = ", ".join(f"{v:g}" for v in found[:3]) or "no number"
        return Outcome(ok, f"{shown} (wanted {target:g} ± {tolerance:g})")
    return run


def _reviewer(_value: str, _case: bool) -> Any:
    return lambda _output, _source: Outcome(None, "a reviewer checks this")


def _quoted(items: Sequence[str | None]) -> str:
    return ", ".join(f"“{str(i)[:60]}”" for i in items)


KINDS: dict[str, CheckKind] = {
    "contains": CheckKind("Contains the words", "e.g. Kind regards", True, _contains_one),
    "contains_all": CheckKind("Contains all of", "separate with ; e.g. order number; refund", True, _contains_all),
    "contains_any": CheckKind("Contains at least one of", "separate with ; e.g. sorry; apologise", True,
                              _contains_any),
    "not_contains": CheckKind("Does not contain any of", "separate with ; e.g. guarantee; voucher", True,
                              _contains_none),
    "starts_with": CheckKind("Starts with", "e.g. Hi", True, _starts_with),
    "ends_with": CheckKind("Ends with", "e.g. Larkfield Customer Care", True, _ends_with),
    "pattern": CheckKind("Matches a pattern (regular expression)", r"e.g. LHG-\d{5}", True, _pattern),
    "not_pattern": CheckKind("Does not match a pattern", r"e.g. \d{16} for a long card-like number", True,
                             _not_pattern),
    "words": CheckKind("Length in words", "e.g. at most 150", True, _length(count_words, "words")),
    "characters": CheckKind("Length in characters", "e.g. at most 600", True, _length(len, "characters")),
    "bullets": CheckKind("Number of bullets", "e.g. 3 to 5", True, _length(count_bullets, "bullets")),
    "rows": CheckKind("Number of table rows", "e.g. exactly 12", True, _length(_rows, "rows")),
    "headings": CheckKind("Has these headings", "separate with ; e.g. Key points; Actions", True, _headings),
    "csv_columns": CheckKind("Valid CSV with these columns", "e.g. ticket_id, category", True, _csv_columns),
    "json_fields": CheckKind("Valid JSON with these fields", "e.g. ticket_id, category", True, _json_fields),
    "column_values": CheckKind("A column holds only these values", "e.g. category: Delivery; Refund; Other",
                               True, _column_values),
    "no_placeholders": CheckKind("No placeholder left in, such as [Customer name] or XXX", "nothing to type", False,
                                 _no_placeholders),
    "no_personal_data": CheckKind("No personal data (emails, phone or card numbers)", "nothing to type", False,
                                  _no_personal_data),
    "covers_source": CheckKind("Covers every item of the source", "nothing to type", False, _covers_source),
    "numbers_from_source": CheckKind("Every number appears in the source", "nothing to type", False,
                                     _numbers_from_source),
    "number_near": CheckKind("A number within a tolerance", "e.g. refund: 34.50 ± 0.01", True, _number_near),
    "reviewer": CheckKind("A reviewer checks this (a person decides)", "nothing to type", False, _reviewer),
}


def setup_check(kind: str, value: Any = "", case: bool = False) -> CheckSetup:
    """The check ``kind`` with the value a manager typed, ready to run, or a plain message saying what is wrong."""
    if not isinstance(kind, str) or not kind:
        return CheckSetup("", problem="Pick a check from the list")
    known = KINDS.get(kind)
    if known is None:
        return CheckSetup(kind, problem=f"There is no check called {_quoted([kind])}; pick one from the list")
    text = value if isinstance(value, str) else "" if value is None else str(value)
    made = known.setup(text, bool(case) if isinstance(case, bool) else False)
    if isinstance(made, CheckSetup):
        return CheckSetup(kind, problem=made.problem)
    return CheckSetup(kind, run=_never_raises(made))


def _never_raises(run: Callable[[str, Source], Outcome]) -> Callable[[str, Source], Outcome]:
    def safe(output: str, source: Source) -> Outcome:
        try:
            return run(output[:MAX_OUTPUT], source)
        except (ValueError, TypeError, IndexError, KeyError, RecursionError, MemoryError) as error:
            return Outcome(False, f"this output could not be checked ({type(error).__name__})")
    return safe


# Checks for a table or structured data: a form whose outputs are prose (a reply, a summary) does not offer them.
TABLE_KINDS = frozenset({"rows", "csv_columns", "json_fields", "column_values"})


def offered(outputs_are_tables: bool) -> tuple[str, ...]:
    """The checks a form lists, in the list's order: every one for tables, the others for prose."""
    return tuple(key for key in KINDS if outputs_are_tables or key not in TABLE_KINDS)


def check_key(typed: str) -> str:
    """The key of the check a manager named (``"words"``): by its label, capitals ignored, or by the start of one
    label only (at least four letters, such as "No personal data" or "Length in"); otherwise what was typed."""
    name = " ".join(typed.split()).casefold()
    labels = {kind.label.casefold(): key for key, kind in KINDS.items()}
    if name in labels:
        return labels[name]
    starting = [key for label, key in labels.items() if len(name) >= 4 and label.startswith(name)]
    return starting[0] if len(starting) == 1 else typed.strip()
