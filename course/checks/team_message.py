"""The team message of module 06: a manager's announcement of the AI pilot, read for what the team needs to hear.

The message (80 to 200 words) says what the pilot is and is not, how the time it saves will be used, the data
rule, how to give feedback and who the champions are; it promises nothing about jobs that HR has not approved,
blames no one, and explains any AI jargon it uses. This engine points out what is missing or risky as the
manager types; a person grades the message with a rubric whose first criterion is "makes no promise HR has not
approved", with these notes beside it. Word lists live in ``vocab/<language>.json`` under ``"team_message"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from .feedback import Feedback, Finding, fix_first
from .messages import finding
from .task import Task
from .vocabulary import vocabulary, word_pattern

ENGINE = "team-message/1"
WORDS = (80, 200)
READ_AT_MOST = 20_000
PARTS = ("scope_is", "scope_is_not", "time_use", "data_rule", "feedback_route", "champions")
COSTS = {"no_scope": 1.0, "no_time_use": 1.0, "no_data_rule": 1.0, "no_feedback_route": 1.0, "no_champions": 1.0,
         "job_promise": 2.0, "blame": 1.0, "jargon": 0.5, "wrong_length": 0.5}
TOTAL = sum(COSTS.values())


@cache
def _words(language: str) -> dict[str, re.Pattern[str]]:
    return {name: word_pattern(words) for name, words in vocabulary(language)["team_message"].items()}


def _near(text: str, first: re.Pattern[str], second: re.Pattern[str], within: int = 120) -> re.Match[str] | None:
    """A match of ``first`` with a match of ``second`` in the same sentence, at most ``within`` characters apart."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        for a in first.finditer(sentence):
            for b in second.finditer(sentence):
                if abs(a.start() - b.start()) <= within:
                    return a
    return None


def _unexplained_jargon(text: str, w: dict[str, re.Pattern[str]]) -> str:
    for term in w["jargon"].finditer(text):
        after = text[term.end():term.end() + 80]
        if re.match(r"\s*(?:\(|[—–-]\s|,\s*(?:which|that|i\.e\.|meaning|or)\b|:\s)", after) \
                or re.search(r"\b(?:means|meaning|i\.e\.|that is|in plain (?:words|english)|which is)\b", after):
            continue  # 'an LLM (the kind of AI that writes text)': explained
        return term.group()
    return ""


def read_message(text: str, language: str = "en") -> dict[str, str]:
    """What one message lacks or risks: finding kind -> the words that gave it away ('' when nothing did)."""
    w = _words(language)
    found: dict[str, str] = {}
    count = len(text.split())
    if not WORDS[0] <= count <= WORDS[1]:
        found["wrong_length"] = f"{count} words"
    is_ = _near(text, w["pilot"], w["pilot_details"], 200)
    is_not = w["is_not"].search(text)
    if not (is_ and is_not):
        found["no_scope"] = "what the pilot is" if not is_ else "what the pilot is not"
    if not (w["time_split"].search(text) or _near(text, w["saved_time"], w["time_goes"], 160)):
        found["no_time_use"] = ""
    if not _near(text, w["data_kinds"], w["data_places"], 160):
        found["no_data_rule"] = ""
    if not _near(text, w["feedback"], w["feedback_places"], 200):
        found["no_feedback_route"] = ""
    if not w["champions"].search(text):
        found["no_champions"] = ""
    promise = _near(text, w["jobs"], w["promise"], 100)
    if promise and not _near(text, w["sourced"], w["jobs"], 160):
        found["job_promise"] = promise.group()
    blame = w["blame"].search(text)
    if blame:
        found["blame"] = blame.group()
    jargon = _unexplained_jargon(text, w)
    if jargon:
        found["jargon"] = jargon
    return found


def check_message(value: Any, language: str = "en") -> Feedback:
    """Feedback on a team message: what is missing or risky, each with what it costs; ready when nothing is."""
    text = value[:READ_AT_MOST] if isinstance(value, str) else ""
    if not text.strip():
        nothing = finding("message_empty", cost=TOTAL, language=language)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    found: list[Finding] = [finding(f"message_{kind}", cost=COSTS[kind], words=words, language=language)
                            for kind, words in read_message(text, language).items()]
    earned = max(0.0, TOTAL - sum(f.cost for f in found))
    summary = fix_first(found, "A message your team can act on, with nothing HR has not approved.")
    return Feedback(ENGINE, round(earned, 4), TOTAL, not found, tuple(found), summary)


def team_message_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """A team message declared in a module's task file."""
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, _cases: check_message(value), describe=lambda value: str(value or ""))
