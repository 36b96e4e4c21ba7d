"""The metric card checker: does a card measure an AI pilot honestly, and can a team act on it?

A metric card says what is measured and why: name, the question it answers, formula, data source, baseline,
target, owner, cadence, guardrail (a metric watched so that improving this one does not damage another), and
whether it is leading or lagging. The checker flags what makes a card misleading or unusable: no baseline to
compare with, a target with no number, a vanity metric (activity, not outcome), a time or speed metric with no
quality guardrail, nobody owning it, a cadence that cannot steer a short pilot, and tracking individuals, which
undermines trust. Word lists live in ``vocab/<language>.json`` under ``"cards"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from .feedback import Feedback, Finding, fix_first
from .messages import finding
from .prompt_reading import reads_as_nothing
from .vocabulary import alternation, vocabulary, word_pattern

ENGINE = "metric-card/1"
FIELDS = ("name", "question", "formula", "data_source", "baseline", "target", "owner", "cadence", "guardrail",
          "kind")
FIELD_LABELS = {"name": "Name", "question": "Question it answers", "formula": "Formula", "data_source": "Data source",
                "baseline": "Baseline", "target": "Target", "owner": "Owner", "cadence": "Cadence",
                "guardrail": "Guardrail", "kind": "Leading or lagging"}
REQUIRED = ("name", "question", "formula", "data_source")
READ_AT_MOST = 3000
COSTS = {"missing_field": 1.0, "no_baseline": 2.0, "target_no_number": 2.0, "vanity_metric": 2.0,
         "no_quality_guardrail": 2.0, "no_owner": 1.0, "cadence_unfit": 1.0, "per_person_tracking": 2.0}
TOTAL = COSTS["missing_field"] * len(REQUIRED) + sum(v for k, v in COSTS.items() if k != "missing_field")
# A card is ready only when nothing that costs points remains ("A card a team can steer by").
DEAL_BREAKERS = frozenset({"card_per_person_tracking", "card_vanity_metric"})
NO_FORMULA = 4.0  # a formula that computes nothing leaves a card nobody can check: it costs a quarter
OFF_QUESTION = 2.0  # a formula that answers another question: its number will be read as the wrong answer


@cache
def _words(language: str) -> dict[str, re.Pattern[str]]:
    lists = vocabulary(language)["cards"]
    patterns = {name: word_pattern(words) for name, words in lists.items() if isinstance(words, list)}
    patterns.update({f"family_{name}": word_pattern(words) for name, words in lists.get("families", {}).items()})
    return patterns


def _text(value: Any) -> str:
    return value[:READ_AT_MOST].strip() if isinstance(value, str) else ""


def read_card(value: Any) -> dict[str, str]:
    """A card from a saved answer: every field as text ('' when missing or not text); never raises."""
    data = value if isinstance(value, Mapping) else {}
    return {name: _text(data.get(name)) for name in FIELDS}


def _words_of(text: str) -> str:
    """Spreadsheet names read as words: 'picks_per_hr_by_picker' -> 'picks per hr by picker'."""
    return text.replace("_", " ")


_NUMBER = re.compile(r"\d|%|≤|≥|<|>")
_PER_NAMED = re.compile(r"\b(?:per|by|for each)\s+\w+\s+name\b", re.IGNORECASE)


def _has_number(text: str, language: str) -> bool:
    return bool(_NUMBER.search(text) or _words(language)["number_words"].search(text))


def _empty(text: str, language: str) -> bool:
    if re.fullmatch(r"\s*[\[{<]+[^\]}>]*[\]}>]+\s*", text):
        return True  # a template's placeholder left in: '[metric name]'
    bare = text.strip(" .!-–—:;,?…")
    return not bare or bool(_words(language)["placeholders"].fullmatch(bare))


def card_flaws(card: Mapping[str, str], language: str = "en") -> dict[str, str]:
    """The flaws of one card (kind -> the words that gave it away)."""
    w = _words(language)
    card = {k: _words_of(v) for k, v in card.items()}
    what = " ".join(card[k] for k in ("name", "question", "formula"))
    flaws: dict[str, str] = {}
    if _empty(card["baseline"], language) or not _has_number(card["baseline"], language):
        flaws["no_baseline"] = _quote(card["baseline"]) or "empty"
    if _empty(card["target"], language) or not _has_number(card["target"], language):
        flaws["target_no_number"] = _quote(card["target"]) or "empty"
    counted = " ".join(card[k] for k in ("name", "formula"))  # what is counted, not what the question wonders
    activity = w["activity"].search(counted) or (w["ai_named"].search(counted)
                                                  and w["activity_needs_ai"].search(counted))
    if activity and not w["outcomes"].search(counted) and not w["quality"].search(counted):
        flaws["vanity_metric"] = activity.group()
    elif _ai_output_count(card, language):
        flaws["vanity_metric"] = _ai_output_count(card, language)
    speed = w["speed"].search(what)
    # A quality metric guards itself: quality in its name, or in its formula when its name is not about speed.
    own_quality = (w["quality"].search(card["name"]) or w["quality"].search(card["formula"])) \
        and not w["speed"].search(card["name"])
    asked = " ".join(card[k] for k in ("name", "question"))
    exempt = w["exempt_guardrail"].search(asked) or (  # redeployment, adoption; 'where the saved time goes'
        w["family_redeployment"].search(asked) and re.search(r"\bsav(?:e|es|ed|ing)\b", asked, re.IGNORECASE))
    own_quality = own_quality or _ABSOLUTE_ERROR.search(card["formula"])  # '|actual - estimated|': how close
    if speed and not own_quality and not exempt and not _guards_quality(card["guardrail"], language):
        flaws["no_quality_guardrail"] = speed.group()
    owner = re.sub(r"\([^)]*\)", "", card["owner"]).strip(" .!")  # 'Billing team (shared)' -> 'Billing team'
    if _empty(owner, language) or w["nobody"].match(owner) or w["nobody_alone"].fullmatch(owner) \
            or w["shared_owner"].search(card["owner"]) \
            or re.search(r"^(?:the\s+)?(?:whole|entire)\b|\b(?:team|staff|department|office|unit|group|crew|squad|"
                         r"everyone|all)$", re.split(r"[,;/–—]| - ", owner)[0].strip(),
                         re.IGNORECASE):  # a whole group first ('Billing team'), not 'Practice manager, X team'
        flaws["no_owner"] = _quote(card["owner"]) or "empty"
    cadence = card["cadence"]
    unfit = w["unfit_cadence"].search(cadence)
    if _empty(cadence, language) or (unfit and not w["fit_cadence"].search(cadence)):
        flaws["cadence_unfit"] = unfit.group() if unfit else "empty"
    people_text = " ".join(card[k] for k in ("name", "question", "formula", "target", "data_source"))
    person = next((m.group() for m in [*w["per_person"].finditer(people_text), *_PER_NAMED.finditer(people_text)]
                   if not _NEGATED.search(people_text[max(0, m.start() - 12):m.start()])), "")
    reported = " ".join(card[k] for k in ("name", "question", "formula", "target"))  # not how raw data is kept
    person = person or _breakdown_by_person(reported, language)
    if person:
        flaws["per_person_tracking"] = person
    if card["formula"] and not _empty(card["formula"], language) and not _computes(card["formula"], language):
        flaws["formula_not_computation"] = _quote(card["formula"])
    off = _answers_another_question(card, language)
    if off:
        flaws["formula_off_question"] = off
    return flaws


def _guards_quality(guardrail: str, language: str) -> bool:
    """A guardrail watches quality when it sets a limit (a number) on quality words (errors, complaints,
    reviewers' rejections) or on anything that is not time, money, volume or use: 'adjusting journals raised after
    the pack is issued: no more than 3 a month' guards quality; 'overtime under 10 hours' does not."""
    w = _words(language)
    if not _has_number(guardrail, language):
        return False
    return bool(w["quality"].search(guardrail) or not w["guardrail_not_quality"].search(guardrail))


def _breakdown_by_person(text: str, language: str) -> str:
    """Figures broken down by people at work ('one row per dispenser', 'broken down by fee earner', 'for each
    caseworker', 'errors by clerk') or ranked ('sorted worst first', 'who lags'). A team average per person
    ('hours saved per agent') or work done by people ('checked by a nurse') is no breakdown."""
    w = _words(language)
    ranked = w["ranking"].search(text)
    if ranked:
        return ranked.group()
    lists = vocabulary(language)["cards"]
    roles, breakdown = f"(?:{alternation(lists['staff_roles'])})", f"(?:{alternation(lists['breakdown'])})"
    for found in re.finditer(rf"(?<![\w]){breakdown}\s+(?:(?:the|each|every|individual|named)\s+)?{roles}(?![\w])"
                             rf"|(?<![\w])by\s+{roles}(?![\w])(?!\s+(?:average|with|using|in|on|at|of|who|and))",
                             text, re.IGNORECASE):
        if not _NEGATED.search(text[max(0, found.start() - 12):found.start()]):  # 'not per named agent'
            return found.group()
    return ""


def _quote(text: str, most: int = 40) -> str:
    """A field's words for a message: whole words, with '…' where it was cut."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


_ABSOLUTE_ERROR = re.compile(r"\|[^|]{2,60}[-−–][^|]{2,60}\|")
_NEGATED = re.compile(r"\b(?:not|no|never|without)\s+$", re.IGNORECASE)
_ARITHMETIC = re.compile(r"[÷/%×*=+]|\d\s*[-–]\s*\d|\bx\s*100\b", re.IGNORECASE)


def _computes(formula: str, language: str) -> bool:
    """The formula names a computation: a division, a count, a sum, an average or median, a difference or a
    duration, in symbols or in words ('tickets reopened within 7 days / tickets closed', 'median minutes from
    receipt to first reply'), or things to count ('licences assigned'). 'The officer looks over the log and gives a
    rating' or 'see the dashboard' computes nothing."""
    w = _words(language)
    loose = re.sub(r"\bfrom\b(?![^.;]{1,80}?\b(?:to|until|till)\b)|\bbetween\b(?![^.;]{1,80}?\band\b)|"
                   r"\btimes\b(?!\s+(?:the\s+)?"
                   r"(?:number|count|\d))|\bless\b(?!\s+(?:the\s+)?\w+\s+(?:minutes|hours|days|time))", " ", formula,
                   flags=re.IGNORECASE)  # 'feedback from the teachers', 'the times and venues': no arithmetic
    return bool(_ARITHMETIC.search(formula) or w["computation"].search(loose)
                or not w["judgement_formula"].search(formula))


def _ai_output_count(card: Mapping[str, str], language: str) -> str:
    """A count of things the AI turned out (recaps, drafts, worksheets), with no rate or outcome: activity."""
    w = _words(language)
    counted = " ".join(card[k] for k in ("name", "formula"))
    made = w["ai_outputs"].search(counted) or _MADE_BY_AI.search(counted)  # what is counted: the question may name
    # the AI's drafts as the means
    is_count = re.search(r"\b(?:count|number|how many|total)\b", card["formula"] + " " + card["question"], re.I)
    outcome = w["outcomes"].search(card["name"]) or any(
        not _DOCUMENT.match(counted, m.end()) for m in w["defects"].finditer(counted))  # not 'defect summaries'
    per_time = re.sub(r"(?:÷|/|divided by)\s*(?:\d+\s*)?(?:working\s+)?(?:days?|weeks?|shifts?|sites?|months?)\b", " ",
                      card["formula"], flags=re.I)  # 'summaries generated per week ÷ 5 working days': still a count
    is_count = is_count or per_time != card["formula"] or re.search(r"\b(?:per|a|each)\s+(?:day|week|shift|site)\b",
                                                                     card["formula"], re.I)
    if made and is_count and not outcome and not re.search(r"[÷/%×]|divided by|x\s*100", per_time, re.I):
        return made.group()
    return ""


_DOCUMENT = re.compile(r"[\s-]+(?:summar(?:y|ies)|reports?|logs?|notes?|letters?|repl(?:y|ies)|responses?|forms?|"
                       r"write-?ups?|descriptions?)\b", re.IGNORECASE)
_MADE_BY_AI = re.compile(r"\b(?:ai|copilot|chatgpt|assistant|bot)\b(?:[\s-]+[\w-]+){0,3}?\s+(?:sent|generated|produced|"
                         r"created|drafted|written|made|issued)\b|\b(?:sent|generated|produced|created|drafted|issued)\s+"
                         r"(?:from|by|with|through|via)\s+(?:the\s+)?(?:ai|copilot|chatgpt|assistant|bot)\b",
                         re.IGNORECASE)


def _family(text: str, language: str) -> set[str]:
    w = _words(language)
    found = {name for name in ("quality", "adoption", "redeployment", "backlog_age", "throughput")
             if w[f"family_{name}"].search(text)}
    timed = re.sub(r"\b(?:right\s+)?first[\s-]+time\b|\bon[\s-]+time\b|\bwithin\s+\d+\s+\w+", " ", text,
                   flags=re.IGNORECASE)
    if w["family_time"].search(timed):
        found.add("time")  # 'right first time', 'on-time deliveries' and 'amended within 30 days' count no time
    staff_with_tool = re.search(r"\b(?:agents|staff|people|colleagues|advisers|employees|members of staff)\s+who\b"
                                r".{0,60}\b(?:ai|copilot|assistant|chatgpt)\b", text, re.IGNORECASE)
    if "adoption" in found and not _USE.search(text) and not staff_with_tool:
        found.discard("adoption")  # 'members who ask for a reply' are not adopting anything: adoption is use
    if _USE.search(text) and _SHARE_OF_PEOPLE.search(text):
        found.add("adoption")  # 'what % of the Customer Ops team used the assistant'
    if "redeployment" in found and not re.search(r"\b(?:sav\w*|freed|released|redeploy\w*|reinvest\w*)\b", text,
                                                 re.IGNORECASE):
        found.discard("redeployment")  # 'the agreement going to the borrower': nothing saved is being moved
    if _MONEY.search(text):
        found.add("money")
    return found


_SHARE_OF_PEOPLE = re.compile(r"(?:%|\bpercent|\bshare|\bproportion|\bhow many)\s+of\s+(?:the\s+|our\s+)?"
                              r"(?:[\w-]+\s+){0,3}?(?:team|staff|agents|people|colleagues|advisers|employees)\b",
                              re.IGNORECASE)
_MONEY = re.compile(r"[£$€]|\b(?:revenue|income|sales value|total value|value of|price|prices|spend|turnover)\b",
                    re.IGNORECASE)


_USE = re.compile(r"\b(?:us(?:e|es|ed|ing)|adopt\w*|uptake|tr(?:y|ies|ied|ying)|users?)\b", re.IGNORECASE)


_TOOL_USED = re.compile(r"\b(?:ai|copilot|chatgpt|assistant|tool)\s+(?:\w+\s+){0,2}?(?:being\s+|getting\s+)?used\b",
                        re.IGNORECASE)
_RATIO = re.compile(r"(?:÷|/|\bdivided\s+by\b|\bout\s+of\b|\bshare\s+of\b|\bproportion\s+of\b)\s*(?!\s*\d)",
                    re.IGNORECASE)


def _answers_another_question(card: Mapping[str, str], language: str) -> str:
    """The formula measures a different thing from the one the question asks about (the question asks about
    errors, the formula counts minutes): both belong to one family each, and not the same one."""
    asked, measured = _family(card["question"], language), _family(card["formula"], language)
    if _TOOL_USED.search(card["question"]):
        asked = {"adoption"}  # 'how much is Copilot being used for customer work': use of the tool
    for leading in ("redeployment", "backlog_age", "adoption"):  # what the question is about, above the hours it names
        if leading in asked:
            asked = {leading}
            break
    if asked == {"redeployment"} and measured == {"time"} and _RATIO.search(card["formula"]):
        return ""  # hours on other work over hours saved: the share redeployed
    if len(asked) == 1 and len(measured) == 1 and asked != measured:
        return f"{next(iter(asked))} asked, {next(iter(measured))} measured"
    return ""


def check_card(value: Any, language: str = "en") -> Feedback:
    """Feedback on one metric card: what each flaw costs, and what to write instead."""
    card = read_card(value)
    if not any(card.values()):
        nothing = finding("card_empty", cost=TOTAL, language=language)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    if reads_as_nothing(" . ".join(card.values()), language):
        nothing = finding("card_unreadable", cost=TOTAL, language=language)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    problems: list[Finding] = []
    for name in REQUIRED:
        if _empty(card[name], language):
            problems.append(finding("card_missing_field", cost=COSTS["missing_field"], field=FIELD_LABELS[name],
                                    language=language))
    for kind, words in card_flaws(card, language).items():
        # A vanity metric or a ranking of people makes the whole card unusable: it earns nothing. A formula that
        # computes nothing costs a quarter of the card; one that answers another question, as much as a baseline.
        cost = TOTAL if f"card_{kind}" in DEAL_BREAKERS else OFF_QUESTION if kind == "formula_off_question" else \
            COSTS.get(kind, NO_FORMULA)
        problems.append(finding(f"card_{kind}", cost=cost, word=words, language=language))
    earned = max(0.0, TOTAL - sum(f.cost for f in problems))
    summary = fix_first(problems, "A card a team can steer by.")
    return Feedback(ENGINE, round(earned, 4), TOTAL, not any(f.cost for f in problems), tuple(problems), summary)


def check_cards(value: Any, count: int = 3, language: str = "en") -> Feedback:
    """Feedback on a set of ``count`` cards (the exercise asks for three): each card's points, added up."""
    cards = value.get("cards") if isinstance(value, Mapping) else None
    cards = cards if isinstance(cards, list) else []
    if not any(any(read_card(c).values()) for c in cards):
        nothing = finding("cards_empty", cost=TOTAL * count, count=count, language=language)
        return Feedback(ENGINE, 0.0, TOTAL * count, False, (nothing,), nothing.message + ".")
    results = [check_card(cards[i] if i < len(cards) else {}, language) for i in range(count)]
    findings = []
    for number, result in enumerate(results, start=1):
        for f in result.findings:
            findings.append(Finding(f.kind, f"card {number}: {f.where}", f.message, f.why, f.hints, f.cost))
    earned = sum(r.earned for r in results)
    total = sum(r.total for r in results)
    passed = all(r.passed for r in results)
    summary = f"{sum(r.passed for r in results)} of {count} cards a team can steer by."
    if count == 1:
        summary = "A card a team can steer by." if passed else "Not yet a card a team can steer by."
    return Feedback(ENGINE, round(earned, 4), total, passed, tuple(findings), summary)


def metric_cards_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Any:
    """A task of ``count`` metric cards declared in a module's task file."""
    from .task import Task

    count = int(declaration.get("count", 3))
    return Task(name=name, engine=ENGINE, title=declaration["title"], spec=count,
                check_cases=lambda value, _cases: check_cards(value, count), describe=describe_cards)


def describe_cards(value: Any) -> str:
    """The cards as plain text, one block per card, for a grader and the graded cell's echo."""
    cards = value.get("cards") if isinstance(value, Mapping) else None
    blocks = []
    for number, raw in enumerate(cards if isinstance(cards, list) else [], start=1):
        card = read_card(raw)
        lines = [f"Card {number}: {card['name'] or '(no name)'}"]
        lines += [f"  {FIELD_LABELS[k]}: {card[k]}" for k in FIELDS[1:] if card[k]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) or "(no cards)"
