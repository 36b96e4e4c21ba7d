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
from .prompt_reading import unreadable
from .task import Task
from .vocabulary import vocabulary, word_pattern

ENGINE = "team-message/1"
WORDS = (80, 200)
READ_AT_MOST = 20_000
PARTS = ("scope_is", "scope_is_not", "time_use", "data_rule", "feedback_route", "champions")
# The five parts carry every point between them (a message with none earns nothing, whatever it avoids); a job
# promise, blame, jargon and the wrong length cost on top.
COSTS = {"no_scope": 1.8, "no_time_use": 1.8, "no_data_rule": 1.8, "no_feedback_route": 1.8, "no_champions": 1.8,
         "job_promise": 2.0, "blame": 1.0, "jargon": 0.5, "wrong_length": 0.5}
TOTAL = 9.0


@cache
def _words(language: str) -> dict[str, re.Pattern[str]]:
    return {name: word_pattern(words) for name, words in vocabulary(language)["team_message"].items()}


def _unexplained_jargon(text: str, w: dict[str, re.Pattern[str]]) -> str:
    for term in w["jargon"].finditer(text):
        after = text[term.end():term.end() + 80]
        if re.match(r"\s*(?:\(|[—–-]\s|,\s*(?:which|that|i\.e\.|meaning|or)\b|:\s)", after) \
                or re.search(r"\b(?:means|meaning|i\.e\.|that is|in plain (?:words|english)|which is)\b", after):
            continue  # 'an LLM (the kind of AI that writes text)': explained
        return term.group()
    return ""


# What the pilot is: how long it runs, and what it is for (a tool, tasks or who takes part).
_DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|eight|ten|twelve|a few|a couple of)[\s-]+(?:weeks?|"
                       r"days?|months?|working days)\b|\bfrom\s+(?:\d|mon|tue|wed|thu|fri|next|the \d)|\buntil\b|"
                       r"\bstarting\b|\bstarts?\b",
                       re.IGNORECASE)
# What it is not: a 'not' close before what people fear (being judged, tracked, replaced; a decision to roll out).
_IS_NOT = re.compile(r"(?:\b(?:not|no|nobody|no one|never|nothing|only a|just a)\b|n't\b|"
                     r"n’t\b)(?:\W+\w+){0,6}?\W+(?:judg\w*|assess\w*|mark\w*|test(?:ing)? (?:of|on) (?:you|anyone|"
                     r"people)|track\w*|monitor\w*|check\w* (?:on|who|how)|decision\w*|decid\w*|roll-?out|"
                     r"rolling out|replac\w*|mandatory|obligatory|compulsory|optional|performance|headcount|"
                     r"cuts?\b|cutting|measur\w* (?:you|anyone|people|individuals)|scor\w*|rank\w*|appraisal|"
                     r"permanent|forever|for good|everyone|the whole team|all of us|answer the phones)",
                     re.IGNORECASE)
_TIME_GOES = re.compile(r"\b(?:go|goes|going|put|spend|spent|use|used|using|into|on|for|towards?|back)\b|[=→]|->",
                        re.IGNORECASE)
# Where saved time goes, however it is put ('Saved time: faster callbacks', 'the time we win goes to phoning guests').
_TIME_SENT = re.compile(r"\bsaved (?:time|hours|minutes)\s*[:=→-]|\b(?:time|minutes|hours)\b[^.!?\n]{0,40}\b(?:goes|"
                        r"go|will go|will be used|is used|are used|spent|put|used)\b[^.!?\n]{0,12}\b(?:to|into|on|for|"
                        r"back)\b",
                        re.IGNORECASE)
_TOOL = re.compile(r"\b(?:assistant|copilot|tool|account|app|apps|ai|chatgpt|gemini|chatbot|system|platform)s?\b",
                   re.IGNORECASE)
_TOOL_OR_NAME = re.compile(_TOOL.pattern + r"|\b(?:in|into|inside)\s+[A-Z][\w-]+")  # 'only go in Larkfield Assist'
_LABELLED_ROUTE = re.compile(r"\b(?:feedback|questions|ideas)\s*(?:[:=→-]|->)\s*\S", re.IGNORECASE)  # 'Feedback: #ai'
_ONLY_OR_NEVER = re.compile(r"\b(?:only|never|not|no|must not|mustn't|don't|do not|keep|stays?|inside|outside)\b",
                            re.IGNORECASE)
_ROUTE = re.compile(r"\b(?:me|us)\b|\b(?:in|at|via|through|on|into|using|by|to)\s+(?:the\s+|our\s+|a\s+|my\s+|this\s+)?"
                    r"[\w#\"“'-]{2,}", re.IGNORECASE)
# A promise about jobs in the manager's own voice ('nobody in this team will lose their job', 'your jobs are safe').
_PROMISE = re.compile(r"\b(?:nobody|no one|no-one|none of (?:you|us))\b[^.!?\n]{0,40}?\b(?:will|is going to|"
                      r"are going to|'s going to|won't|can)\b[^.!?\n]{0,20}?\b(?:lose|be (?:replaced|let go|"
                      r"made redundant|affected|cut|worse off)|lose out)\b|\b(?:your|our|everyone's|all) (?:jobs?|"
                      r"roles?|positions?) (?:are|is|will be|stay|remain)\s+(?:\w+\s+)?(?:safe|secure|protected|"
                      r"guaranteed|fine)\b|\b(?:i|we) (?:can )?(?:guarantee|promise)\b[^.!?\n]{0,60}\b(?:jobs?|"
                      r"roles?|redundan\w+|lose|replaced|affected)\b|\bno (?:jobs?|roles?) (?:will|"
                      r"are going to) (?:go|be (?:lost|cut|affected))\b",
                      re.IGNORECASE)
# What HR has said, with HR saying it, or an honest 'I don't know yet': no promise of the manager's own.
_SOURCED = re.compile(r"\bhr\b(?:\s*\([^)]{0,30}\))?(?:\s+\w+){0,3}?\s+(?:has|have|had)?\s*(?:said|says|confirmed|"
                      r"told|announced|stated|written|put in writing)\b|\baccording to (?:hr|the people team)\b|"
                      r"\bi (?:don't|do not) know\b", re.IGNORECASE)
_BLAME = re.compile(r"\bsome of you\b[^.!?\n]{0,50}\b(?:slow|resist\w*|refus\w*|complain\w*|mistakes?|lazy|behind|"
                    r"excuses?|drag\w*|ignor\w*|careless|sloppy|moan\w*|negative)\b", re.IGNORECASE)


def _sentence_with(text: str, *patterns: re.Pattern[str]) -> str:
    """The first sentence (or line) in which every pattern is found ('' when none)."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if all(p.search(sentence) for p in patterns):
            return sentence
    return ""


def read_message(text: str, language: str = "en") -> dict[str, str]:
    """What one message lacks or risks: finding kind -> the words that gave it away ('' when nothing did)."""
    w = _words(language)
    found: dict[str, str] = {}
    count = len(text.split())
    if not WORDS[0] <= count <= WORDS[1]:
        found["wrong_length"] = f"{count} words"
    is_ = _DURATION.search(text) or _TOOL.search(text) or w["pilot_details"].search(text)  # tasks, tool, who or how
    # long: any of them says what the pilot is
    is_not = w["is_not"].search(text) or _IS_NOT.search(text)
    if not (is_ and is_not):
        found["no_scope"] = "what the pilot is" if not is_ else "what the pilot is not"
    if not (w["time_split"].search(text) or _sentence_with(text, w["saved_time"], _TIME_GOES)
            or _TIME_SENT.search(text)):
        found["no_time_use"] = ""
    if not _sentence_with(text, w["data_kinds"], _ONLY_OR_NEVER, _TOOL_OR_NAME):
        found["no_data_rule"] = ""
    if not (_sentence_with(text, w["feedback"], _ROUTE) or _LABELLED_ROUTE.search(text)):
        found["no_feedback_route"] = ""
    if not w["champions"].search(text):
        found["no_champions"] = ""
    promise = _PROMISE.search(text)
    sentence = _sentence_with(text, _PROMISE)
    if promise and not _SOURCED.search(sentence):
        found["job_promise"] = promise.group()
    blame = w["blame"].search(text) or _BLAME.search(text)
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
    cannot = unreadable(text, language) if len(text.split()) >= 8 else None
    if cannot:  # keyboard mash, a list of keywords, another language: nothing to grade
        nothing = finding("message_unreadable", cost=TOTAL, why=cannot[1], language=language)
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
