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

from .vocabulary import vocabulary

READ_AT_MOST = 2000  # characters of a criterion read; a criterion is a line, not an essay

FLAWS = ("vague_word", "no_threshold", "two_in_one", "about_worker", "uncheckable")


@dataclass(frozen=True)
class Wording:
    """What the reader found in one criterion: its flaws (kinds above) and the words that gave each away."""

    flaws: tuple[str, ...]
    words: dict[str, str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    lists: dict[str, Any] = vocabulary(language)["criteria"]
    word = {name: re.compile(r"(?<![\w])(?:" + _alternation(lists[name]) + r")(?![\w])", re.IGNORECASE)
            for name in ("measurable_things", "vague_amounts", "worker_subjects", "unknowable", "anchors",
                         "output_subjects", "predicates", "process_verbs", "future_people")}
    # "patient-friendly", "brief-ish" and "on-brand" are vague too; "the brief" (a document) is not.
    word["vague_words"] = re.compile(r"(?<![\w])(?<!the\s)(?:" + _alternation(lists["vague_words"])
                                     + r")(?![\w])", re.IGNORECASE)
    word["quoted"] = re.compile(r"[\"“”‘’']([^\"“”‘’']{1,80})[\"“”‘’']|`[^`]{1,80}`")
    word["number"] = re.compile(r"\d|(?<![\w-])(?:" + _alternation(lists["number_words"]) + r")(?![\w-])",
                                re.IGNORECASE)
    word["joiner"] = re.compile(r"\s(?:and|&|as well as|plus|also|and also|while|but)\s|;\s*|,\s+and\s+|"
                                r"\.\s+(?=[A-Z])", re.IGNORECASE)
    word["label"] = re.compile(r"^(?:\[.?\]\s*|[A-Z]{1,4}-?\d{1,3}[.:]?\s+|(?:must|should|nice to have|could)"
                               r"(?:-have)?\s*:\s*|\d{1,2}[.)]\s+)+|\s*[-–(]?\s*pass\s*/\s*fail\.?\)?\s*$",
                               re.IGNORECASE)
    word["verb_start"] = re.compile(r"^\s*[a-z]{2,}(?:s|es)\s+\S", re.IGNORECASE)
    word["future"] = re.compile(r"(?<![\w])(?:" + _alternation(lists["future_people"]) + r")(?![\w])[^.?!]{0,40}?"
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
    anchored = bool(p["number"].search(text) or p["quoted"].search(text) or p["anchors"].search(text))
    defined = bool(p["definition"].search(text)) and anchored
    flaws: dict[str, str] = {}

    worker = p["worker_subjects"].search(text) or _process_by_someone(text, p)
    if worker:
        flaws["about_worker"] = worker.group()

    unknowable = p["unknowable"].search(text) or p["future"].search(text)
    if unknowable and not defined:
        flaws["uncheckable"] = unknowable.group()

    vague = [m for m in p["vague_words"].finditer(text) if not (unknowable and unknowable.start() <= m.start()
                                                                < unknowable.end())]
    if vague and not anchored:
        flaws["vague_word"] = vague[0].group()

    amount = _amount_of_something(text, p)
    if amount and not p["number"].search(text):
        flaws["no_threshold"] = amount

    parts = [part.strip() for part in p["joiner"].split(text) if part and part.strip()]
    judged = [part for part in parts if _is_judgement(part, p)]
    separate_vague = {m.group().lower() for m in vague if not anchored}
    two = len(judged) >= 2 and not _defines(parts, p)
    if two or (len(separate_vague) >= 2 and re.search(r"[,&]|\band\b|\bbut\b", text)):
        flaws["two_in_one"] = (judged[1] if two else sorted(separate_vague)[1])[:40]

    return Wording(tuple(k for k in FLAWS if k in flaws), flaws)


def _process_by_someone(text: str, p: dict[str, re.Pattern[str]]) -> re.Match[str] | None:
    """A process verb ("checks", "reviews") whose subject is someone, not the output: "The dispatcher checks"."""
    for verb in p["process_verbs"].finditer(text):
        before = text[:verb.start()].split()
        subject = before[-1].lower() if before else ""
        if subject and subject not in ("it", "that", "which") and not p["output_subjects"].fullmatch(subject) \
                and subject.isalpha() and len(before) <= 4:
            return verb
    return None


def _amount_of_something(text: str, p: dict[str, re.Pattern[str]]) -> str:
    """A vague amount of something countable: "most of the actions", "too many bullets", "hardly any typos"."""
    for amount in p["vague_amounts"].finditer(text):
        after = text[amount.end():amount.end() + 40]
        if p["measurable_things"].search(text) or re.match(r"\s+(?:of\s+)?(?:the\s+|our\s+|\w+\s+)?[a-z]{3,}s\b",
                                                                after):
            return amount.group()
    return ""


def _is_judgement(part: str, p: dict[str, re.Pattern[str]]) -> bool:
    """A part of a line that could be a criterion of its own: it says something is so, or does something."""
    if len(part.split()) < 2 and not p["vague_words"].search(part):
        return False
    return bool(p["predicates"].search(part) or p["vague_words"].search(part) or p["verb_start"].match(part))


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

