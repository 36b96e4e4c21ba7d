"""The graded conversations of module 06: the learner's way through each scenario, scored by the rule they are told.

The saved answer is ``{"plays": {"<scenario id>": [pick, pick, ...]}}``: for each conversation, the number of the
choice picked at each turn (from 0). Each conversation is worth the same points: half for where it ends, half
for the choices on the way (``scenario.score``). A conversation the learner has not seen (the task's hidden case)
is played with the kinds of choice the learner made (``scenario.replay``) and scored by the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from . import scenario as sc
from .feedback import Feedback, Finding, fix_first
from .messages import finding
from .task import Task

ENGINE = "conversations/1"
POINTS_EACH = 2.0


@cache
def shipped(name: str) -> sc.Scenario:
    """A scenario the course ships (``course/scenarios/<name>.json``)."""
    return sc.load(files("course").joinpath("scenarios", f"{name}.json").read_text("utf-8"))


def plays(value: Any) -> dict[str, list[Any]]:
    """The picks saved for each conversation; anything odd reads as no picks."""
    saved = value.get("plays") if isinstance(value, Mapping) else None
    if not isinstance(saved, Mapping):
        return {}
    return {str(name): list(picks)[:sc.TURNS[1] + 1] for name, picks in saved.items() if isinstance(picks, list)}


def _findings(played: sc.Walk, title: str) -> list[Finding]:
    """What cost points in one conversation: the turns that hurt or half-helped, and where it ended."""
    if not played.chosen:
        return [finding("conversation_not_started", cost=POINTS_EACH, title=title)]
    share = 0.5 * POINTS_EACH / len(played.chosen)
    found = [finding("conversation_choice", cost=round(share * (1 - sc.EFFECTS[c.effect]), 4), title=title,
                     said=c.say, why=c.why, effect="hurt" if c.effect == "hurts" else "only partly helped")
             for c in played.chosen if c.effect != "helps"]
    if not played.finished:
        found.append(finding("conversation_unfinished", cost=0.5 * POINTS_EACH, title=title))
    elif played.ending != "good":
        found.append(finding("conversation_ending", cost=round(0.5 * POINTS_EACH * (1 - sc.ENDINGS[played.ending]), 4),
                             title=title, ending="with a mixed result" if played.ending == "mixed" else "badly"))
    return found


def check_conversations(value: Any, shown: Sequence[str], cases: Sequence[int], hidden: str = "") -> Feedback:
    """Feedback on the learner's conversations: ``cases`` are positions in ``shown``; ``len(shown)`` stands for the
    hidden conversation, played with the learner's kinds of choice."""
    saved = plays(value)
    total = POINTS_EACH * len(cases)
    if not any(saved.get(name) for name in shown):
        nothing = finding("conversations_empty", cost=total)
        return Feedback(ENGINE, 0.0, total, False, (nothing,), nothing.message + ".")
    walks = [sc.walk(shipped(name), saved.get(name, [])) for name in shown]
    earned = 0.0
    found: list[Finding] = []
    for case in cases:
        if 0 <= case < len(shown):
            played, title = walks[case], shipped(shown[case]).title
        elif case == len(shown) and hidden:
            played, title = sc.replay(shipped(hidden), sc.preferences(walks)), "a conversation you have not seen"
        else:
            continue
        earned += POINTS_EACH * sc.score(played)
        found += [f for f in _findings(played, title) if f.cost]
    earned = round(min(total, earned), 4)
    summary = fix_first(found, "Every conversation ends well, with choices that help on the way.")
    return Feedback(ENGINE, earned, total, not found, tuple(found), summary)


def conversations_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """The conversations declared in a module's task file: ``scenarios`` (shown) and ``hidden`` (graded only)."""
    shown, hidden = tuple(declaration["scenarios"]), declaration.get("hidden", "")
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, cases: check_conversations(value, shown, cases, hidden),
                describe=lambda value: describe_conversations(value, shown), shown_cases=tuple(range(len(shown))),
                spec=shown)


def describe_conversations(value: Any, shown: Sequence[str]) -> str:
    """Each conversation as the learner played it, in plain text for a grader."""
    saved = plays(value)
    blocks = []
    for name in shown:
        played = sc.walk(shipped(name), saved.get(name, []))
        lines = [f"{shipped(name).title}:"]
        lines += [f"  You said: {choice.say}" for choice in played.chosen]
        lines.append(f"  Ending: {played.ending or 'not reached'}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
