"""Choosing the jobs AI should help with first: a team's task inventory, ranked, and a pilot's picks checked.

Each recurring task of a team is a *candidate*: how often it runs, how long it takes, what a mistake costs, the
most sensitive data in it, how alike its input is, the AI tool it would use and whether a person checks the
output. Two things come out of this module:

- A **ranking** by a documented formula the learner may weigh differently to explore:
  score = 100 x (w_time x time + w_routine x routine + w_safety x safety + w_data x data) / (sum of the weights),
  each factor between 0 and 1 (see ``factors``); a task no AI tool would do scores 0. Candidates that break a
  fixed rule are marked, never hidden.
- **Fixed rules** that do not depend on anyone's weights. Three say a task must not be piloted as described
  (data the course's data rule keeps out of consumer AI tools, such as internal, personal or confidential data,
  in a consumer AI tool; a critical-error task with no review step; ranking,
  scoring or watching individual people by their output); four say it is a weak first pick (no AI tool would do
  it, it runs less than weekly, it takes less than an hour a week, its input varies every time). Only these
  rules cost points: a pick that breaks none earns its share; one that must not be piloted costs a share more.

An answer is ``{"weights": {"time": ..., ...}, "picks": [task, ...], "rationale": text, "stop_sign": text}``
(the two texts are the learner's self-check and earn nothing). On the team's own inventory both the picks and
the weights' own top picks are checked; on another inventory (a hidden test) the weights' top picks are, with the
same rules: weights that ignore risk pick unsafe work on another team's list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data_rules import allowed as data_rule_allows
from .feedback import Feedback, Finding
from .messages import finding
from .task import Task
from .vocabulary import alternation, vocabulary

ENGINE = "use-cases/1"
LEVELS = {"error_cost": ("low", "medium", "high", "critical"),
          "data": ("public", "internal", "confidential", "personal"),
          "input": ("standard", "mixed", "varies"),
          "tool": ("enterprise", "consumer", "none"),
          "review_step": ("yes", "no")}
NUMBERS = ("runs_per_week", "minutes_per_run")
MAX_TASKS = 200
MAX_NAME = 120
FEWEST, MOST = 3, 5              # a first pilot: 3 to 5 use cases
FACTORS = ("time", "routine", "safety", "data")
DEFAULT_WEIGHTS = {"time": 4.0, "routine": 1.0, "safety": 2.0, "data": 1.0}  # tuned on labelled set 1
MUST_NOT = ("unsafe_tool", "critical_unreviewed", "ranks_people")  # rules that say: never pilot this as described
WEAK = ("no_tool", "too_rare", "too_small", "input_varies")          # rules that say: a weak first pick
# The inventory's data levels as classes of the course's data rule; an inventory's approved tool is the one the
# company approved for that task's data, so only the consumer column of the rule can rule a task out.
DATA_CLASS = {"public": "public", "internal": "internal", "confidential": "restricted", "personal": "personal"}
PICKS_SHARE = 0.6                # of the points on the team's own inventory; the weights' top picks earn the rest


@dataclass(frozen=True)
class Candidate:
    """One recurring task of a team's inventory."""

    task: str
    runs_per_week: float
    minutes_per_run: float
    error_cost: str
    data: str
    input: str
    tool: str
    review_step: str

    @property
    def minutes_per_week(self) -> float:
        return self.runs_per_week * self.minutes_per_run



@cache
def _ranks_people(language: str = "en") -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Three readings of a task that watches individuals: a telling phrase ('league table', 'the slowest'); a
    ranking word; a scope of one person ('each clerk', 'per adviser', "each officer's", 'of teachers')."""
    lists = vocabulary(language)["use_cases"]
    people = alternation(lists["person_nouns"])
    telling = re.compile(r"(?<!\w)(?:" + alternation(lists["ranks_people"]) + r")(?!\w)", re.IGNORECASE)
    ranking = re.compile(r"(?<!\w)(?:" + alternation(lists["ranking_words"]) + r")(?!\w)", re.IGNORECASE)
    scope = re.compile(r"\b(?:each|every|per|by|which|individual)[\s-]+(?:[\w-]+\s+)?(?:" + people + r")s?\b|"
                       r"\b(?:of|the)\s+(?:[\w-]+\s+)?(?:" + people + r")s\b", re.IGNORECASE)
    return telling, ranking, scope


def ranks_people(task: str) -> bool:
    """True when a task ranks, scores or watches individual people by their output."""
    telling, ranking, scope = _ranks_people()
    return bool(telling.search(task) or (ranking.search(task) and scope.search(task)))


def broken_rules(c: Candidate) -> list[str]:
    """The fixed rules ``c`` breaks, must-not rules first."""
    broken = []
    if c.tool == "consumer" and not data_rule_allows(DATA_CLASS[c.data], "consumer"):
        broken.append("unsafe_tool")
    if c.error_cost == "critical" and c.review_step == "no":
        broken.append("critical_unreviewed")
    if ranks_people(c.task):
        broken.append("ranks_people")
    if c.tool == "none":
        broken.append("no_tool")
    if c.runs_per_week < 1:
        broken.append("too_rare")
    if c.minutes_per_week < 60:
        broken.append("too_small")
    if c.input == "varies":
        broken.append("input_varies")
    return broken


def warnings_for(c: Candidate) -> list[str]:
    """Cautions that cost nothing: a high-stakes task without a review step, personal data in the approved tool
    (a task no AI tool would do puts no data anywhere, and a consumer tool is a rule broken, not a caution)."""
    found = []
    if c.error_cost == "high" and c.review_step == "no":
        found.append("high_unreviewed")
    if c.data == "personal" and c.tool == "enterprise":
        found.append("personal_in_tool")
    return found


def factors(c: Candidate, most_minutes: float) -> dict[str, float]:
    """Each factor of the score, 0 to 1: time at stake (on a log scale, against the inventory's biggest task),
    how routine the input is, how safe a mistake is (a review step halves the risk), how safe the data is."""
    time = math.log1p(c.minutes_per_week) / math.log1p(most_minutes) if most_minutes > 0 else 0.0
    routine = {"standard": 1.0, "mixed": 0.6, "varies": 0.1}[c.input]
    risk = {"low": 0.0, "medium": 0.2, "high": 0.5, "critical": 0.8}[c.error_cost]
    safety = 1.0 - (risk / 2 if c.review_step == "yes" else risk)
    data = {"public": 1.0, "internal": 0.9, "confidential": 0.6, "personal": 0.5}[c.data]
    if c.tool == "consumer" and not data_rule_allows(DATA_CLASS[c.data], "consumer"):
        data = 0.0
    return {"time": round(time, 4), "routine": routine, "safety": safety, "data": data}


def score(c: Candidate, weights: Mapping[str, float], most_minutes: float) -> float:
    """The candidate's score, 0 to 100, with ``weights`` (0 to 5 each; all 0 counts as all equal). A task no AI
    tool would do scores 0: there is nothing to pilot."""
    if c.tool == "none":
        return 0.0
    parts = factors(c, most_minutes)
    total = sum(weights.values())
    if total <= 0:
        weights, total = dict.fromkeys(FACTORS, 1.0), float(len(FACTORS))
    return round(100 * sum(weights[f] * parts[f] for f in FACTORS) / total, 1)


def rank(candidates: Sequence[Candidate], weights: Mapping[str, float]) -> list[tuple[Candidate, float]]:
    """Every candidate with its score, best first (ties keep the inventory's order)."""
    most = max((c.minutes_per_week for c in candidates), default=0.0)
    scored = [(c, score(c, weights, most)) for c in candidates]
    return sorted(scored, key=lambda pair: -pair[1])


def suggest(candidates: Sequence[Candidate], weights: Mapping[str, float] = DEFAULT_WEIGHTS,
            count: int = FEWEST) -> list[Candidate]:
    """The engine's own suggestion: the best ``count`` candidates that break no fixed rule."""
    return [c for c, _s in rank(candidates, weights) if not broken_rules(c)][:count]


# --- reading an inventory and an answer ------------------------------------------------------------------------

def _number(text: Any) -> float | None:
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if math.isfinite(text) else None
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_inventory(rows: Sequence[Mapping[str, Any]]) -> tuple[list[Candidate], list[Finding]]:
    """The usable candidates of an inventory, and a finding for every row that is not usable (by row number)."""
    candidates: list[Candidate] = []
    problems: list[Finding] = []
    if not rows:
        return [], [finding("inventory_empty")]
    if len(rows) > MAX_TASKS:
        problems.append(finding("inventory_too_long", count=str(len(rows)), most=str(MAX_TASKS)))
        rows = rows[:MAX_TASKS]
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        task = " ".join(str(row.get("task", "") or "").split())[:MAX_NAME]
        if not task:
            problems.append(finding("inventory_no_name", row=str(number)))
            continue
        if task.lower() in seen:
            problems.append(finding("inventory_twice", row=str(number), task=task, first=str(seen[task.lower()])))
            continue
        values: dict[str, Any] = {}
        for field in NUMBERS:
            value = _number(row.get(field))
            if value is None or value <= 0:
                problems.append(finding("inventory_bad_number", row=str(number), task=task,
                                        field=field.replace("_", " "), value=str(row.get(field, ""))[:20]))
                break
            values[field] = value
        else:
            for field, allowed in LEVELS.items():
                level = str(row.get(field, "") or "").strip().lower()
                if level not in allowed:
                    problems.append(finding("inventory_bad_level", row=str(number), task=task,
                                            field=field.replace("_", " "), value=level[:20],
                                            allowed=", ".join(allowed)))
                    break
                values[field] = level
            else:
                seen[task.lower()] = number
                candidates.append(Candidate(task=task, **values))
    return candidates, problems


def read_weights(value: Any) -> tuple[dict[str, float], list[Finding]]:
    """The learner's weights (0 to 5 each); a missing or unreadable weight counts as the default, with a note."""
    data = value.get("weights") if isinstance(value, Mapping) else None
    data = data if isinstance(data, Mapping) else {}
    weights, notes = {}, []
    for factor in FACTORS:
        raw = data.get(factor, "")
        number = _number(raw) if str(raw).strip() else DEFAULT_WEIGHTS[factor]
        if number is None or not 0 <= number <= 5:
            notes.append(finding("weight_unreadable", factor=factor, value=str(raw)[:20]))
            number = DEFAULT_WEIGHTS[factor]
        weights[factor] = number
    return weights, notes


def read_picks(value: Any) -> list[str]:
    data = value.get("picks") if isinstance(value, Mapping) else None
    if isinstance(data, str):
        data = data.splitlines()
    if not isinstance(data, Sequence):
        return []
    return [" ".join(str(p).split()) for p in data if str(p).strip()]


# --- checking ---------------------------------------------------------------------------------------------------

def how_often(runs_per_week: float) -> str:
    """How often a task runs, in words: 'about once a month', 'once every two weeks', '3 times a week'."""
    if runs_per_week <= 0:
        return "never"
    if runs_per_week < 0.4:
        return "about once a month" if runs_per_week >= 0.2 else "a few times a year"
    if runs_per_week < 0.75:
        return "about once every two weeks"
    if runs_per_week < 1.5:
        return "about once a week"
    return f"{round(runs_per_week):g} times a week"


def _keep_every_rule(good: int, picked: int) -> str:
    """'All 3 of your picks keep every rule', 'None of your 4 picks keeps every rule', '2 of your 3 picks ...'."""
    if picked and good == picked:
        return f"All {picked} of your picks keep every rule" if picked > 1 else "Your pick keeps every rule"
    if good == 0:
        return f"None of your {picked} picks keeps every rule" if picked > 1 else "Your pick breaks a rule"
    return f"{good} of your {picked} picks keep every rule"


def _judge(picked: Sequence[Candidate]) -> tuple[float, list[Finding]]:
    """The share of ``picked`` (at least 3 counted) that breaks no rule, a must-not pick costing a share more."""
    findings, good = [], 0.0
    share = 1.0 / max(FEWEST, len(picked))  # what one pick is worth; a must-not pick costs a share more
    for c in picked:
        broken = broken_rules(c)
        cost = 2 * share if any(k in MUST_NOT for k in broken) else share
        for kind in broken:  # every rule a pick breaks is listed with what it costs: its share of the pick's cost
            findings.append(finding(kind, cost=cost / len(broken), task=c.task,
                                    minutes=f"{c.minutes_per_week:g}", runs=how_often(c.runs_per_week)))
        good += -1.0 if any(k in MUST_NOT for k in broken) else (0.0 if broken else 1.0)
    return max(0.0, good / max(FEWEST, len(picked))), findings


def check_answer(value: Any, candidates: Sequence[Candidate], *, own_inventory: bool) -> Feedback:
    """The picks (on the team's own inventory) and the weights' own top picks, against the fixed rules."""
    weights, notes = read_weights(value)
    picks = read_picks(value)
    count = min(MOST, max(FEWEST, len(picks)))
    top = [c for c, _s in rank(candidates, weights)][:count]
    top_score, top_findings = _judge(top)
    top_findings = [Finding(f.kind, "your weights' top picks", f.message, f.why, f.hints, f.cost)
                    for f in top_findings]
    if not own_inventory:
        summary = (f"Your weights' top {count} on another team's list: "
                   + "; ".join(c.task for c in top) + ".")
        return Feedback(ENGINE, top_score, 1.0, top_score == 1.0, tuple([*notes, *top_findings]), summary)
    if not picks:
        nothing = finding("picks_empty", cost=1.0)
        return Feedback(ENGINE, 0.0, 1.0, False, (nothing,), nothing.message + ".")
    by_name = {c.task.lower(): c for c in candidates}
    unknown = [p for p in picks if p.lower() not in by_name]
    picked = [by_name[p.lower()] for p in dict.fromkeys(picks) if p.lower() in by_name][:MOST]
    findings: list[Finding] = [*notes]
    findings += [finding("pick_unknown", task=p[:MAX_NAME]) for p in unknown]
    if len(picked) < FEWEST:
        findings.append(finding("picks_too_few", count=str(len(picked))))
    if len(dict.fromkeys(picks)) > MOST:
        findings.append(finding("picks_too_many", count=str(len(dict.fromkeys(picks)))))
    picks_score, pick_findings = _judge(picked)
    earned = PICKS_SHARE * picks_score + (1 - PICKS_SHARE) * top_score
    summary = (_keep_every_rule(sum(not broken_rules(c) for c in picked), len(picked))
               + f"; your weights' own top {count}: " + "; ".join(c.task for c in top) + ".")
    weak_top = [c.task for c in top if broken_rules(c)]
    if weak_top and not pick_findings:
        summary += (f" Your picks are fine, but your weights put {weak_top[0]} in their top {count}: at grading your "
                    f"weights pick from another team's list, so change them until their top {count} keep every rule "
                    f"too.")
    return Feedback(ENGINE, round(earned, 4), 1.0, earned >= 0.999, tuple([*findings, *pick_findings,
                                                                          *top_findings]), summary)


def describe_answer(value: Any) -> str:
    """The answer in plain text, for a grader."""
    weights, _notes = read_weights(value)
    picks = read_picks(value)
    data = value if isinstance(value, Mapping) else {}
    lines = ["Weights: " + ", ".join(f"{f} {weights[f]:g}" for f in FACTORS), "Picks: " + "; ".join(picks)]
    for key, label in (("rationale", "Why these first"), ("stop_sign", "We stop one when")):
        text = str(data.get(key, "") or "").strip()
        if text:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


def use_case_task(name: str, declaration: Mapping[str, Any], case_data: Callable[[int], Any] | None) -> Task:
    """A use-case choice declared in a module's task file: inventory 1 is the team's own, others are hidden."""
    shown = tuple(declaration.get("shown_cases", (1,)))

    def inventory(case: int) -> list[Candidate]:
        rows = case_data(case) if case_data else []
        return read_inventory(rows)[0]

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        case = cases[0] if cases else shown[0]
        return check_answer(value, inventory(case), own_inventory=case in shown)

    return Task(name=name, engine=ENGINE, title=declaration["title"], shown_cases=shown, spec=inventory,
                check_cases=check, describe=describe_answer)
