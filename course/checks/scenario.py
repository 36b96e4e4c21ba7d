"""Branching conversation scenarios: the files a course author writes, and the rule that scores a conversation.

A scenario is a short conversation with one team member (3 to 5 turns). At each turn the person says something and
the learner picks what to say back; each choice names its kind (asking before telling, a promise HR has not
approved, ...), whether it helps, and why. The conversation ends in one of several endings, each graded good, mixed
or poor. Scenarios live in data files (``course/scenarios/*.json``), so an author adds one without code;
``problems`` says what is wrong with a file in plain words before any learner sees it.

The rule a learner is told: half of a conversation's points are for where it ends (a good ending earns all of that
half, a mixed one half of it, a poor one none), half for the choices on the way (a choice that helps counts fully,
a mixed one half, one that hurts nothing). A conversation not finished earns nothing for its ending.

A conversation the learner has not seen is played by the same rule with the kinds of choice the learner made:
at each turn the choice whose kind they picked most often when it was offered (``replay``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 100_000  # a scenario is a few thousand characters; anything near this is not a scenario
TURNS = (3, 5)  # every path from the start to an ending takes this many choices
MOST_STEPS = 60
CHOICES_PER_TURN = (2, 4)
LONGEST = {"title": 120, "person": 120, "setting": 1200, "says": 600, "say": 400, "why": 400}

# The kinds of choice, in the words the lesson uses. A scenario's choices use only these, so that a conversation
# the learner has not seen can be played with the kinds they chose.
KINDS = {
    "ask_first": "ask before telling",
    "acknowledge": "acknowledge the concern",
    "name_the_task": "name the task, not the person",
    "small_step": "agree one small next step",
    "honest_unknown": "say what you do not know yet, and when they will hear",
    "explain_pilot": "say what the pilot is and is not",
    "safe_route": "offer the approved route",
    "protect_time": "make room in the workload",
    "promise": "promise what HR has not approved",
    "dismiss": "brush the concern aside",
    "blame": "blame the person",
    "order": "order it without listening",
    "allow_unsafe": "let customer data go into a personal tool",
    "overload": "add it on top of everything",
}
EFFECTS = {"helps": 1.0, "mixed": 0.5, "hurts": 0.0}
ENDINGS = {"good": 1.0, "mixed": 0.5, "poor": 0.0}


@dataclass(frozen=True)
class Choice:
    say: str
    kind: str
    effect: str
    why: str
    next: str


@dataclass(frozen=True)
class Step:
    """A turn (what the person says and the choices) or an ending (``ending`` is good, mixed or poor)."""

    says: str
    choices: tuple[Choice, ...] = ()
    ending: str = ""
    why: str = ""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    person: str
    setting: str
    start: str
    steps: dict[str, Step]


@dataclass
class Walk:
    """One conversation as played: the steps visited, the choices made, and the ending reached ('' if none)."""

    scenario: str
    visited: list[str] = field(default_factory=list)
    chosen: list[Choice] = field(default_factory=list)
    offered: list[tuple[Choice, ...]] = field(default_factory=list)
    ending: str = ""

    @property
    def finished(self) -> bool:
        return bool(self.ending)


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message lists every problem in plain words."""


# --- reading and checking a file ------------------------------------------------------------------------------

def load(text: str | bytes) -> Scenario:
    """A scenario from the text of its file; ScenarioError (every problem, one per line) when it cannot be used."""
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_BYTES:
        raise ScenarioError(f"The file is {size:,} bytes; a scenario file may be at most {MAX_BYTES:,} bytes.")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise ScenarioError(f"The file is not valid JSON ({error}).") from None
    found = problems(data)
    if found:
        raise ScenarioError("\n".join(found))
    return _build(data)


def problems(data: Any) -> list[str]:
    """Everything that stops ``data`` being a playable scenario, in plain words ([] when it is fine)."""
    if not isinstance(data, Mapping):
        return ["A scenario is a JSON object with id, title, person, setting, start and steps."]
    found = [f"'{name}' is missing or empty." for name in ("id", "title", "person", "setting", "start")
             if not isinstance(data.get(name), str) or not data[name].strip()]
    found += [f"'{name}' is longer than {most} characters." for name, most in LONGEST.items()
              if isinstance(data.get(name), str) and len(data[name]) > most]
    steps = data.get("steps")
    if not isinstance(steps, Mapping) or not steps:
        return found + ["'steps' is missing: a scenario needs its turns and endings."]
    if len(steps) > MOST_STEPS:
        return found + [f"There are {len(steps)} steps; a scenario may have at most {MOST_STEPS}."]
    for name, step in steps.items():
        found += _step_problems(str(name), step, steps)
    start = data.get("start")
    if isinstance(start, str) and start not in steps:
        found.append(f"The start step '{start}' does not exist.")
    if found:
        return found
    return _shape_problems(start, steps)


def _step_problems(name: str, step: Any, steps: Mapping[str, Any]) -> list[str]:
    if not isinstance(step, Mapping):
        return [f"Step '{name}' is not an object."]
    found = [f"Step '{name}': '{key}' is longer than {LONGEST[key]} characters." for key in ("says", "why")
             if isinstance(step.get(key), str) and len(step[key]) > LONGEST[key]]
    if not isinstance(step.get("says"), str) or not step["says"].strip():
        found.append(f"Step '{name}' has nothing the person says.")
    if "ending" in step:
        if step.get("ending") not in ENDINGS:
            found.append(f"Ending '{name}' is not graded: 'ending' must be one of {', '.join(ENDINGS)}.")
        if not isinstance(step.get("why"), str) or not step["why"].strip():
            found.append(f"Ending '{name}' does not say why it ended this way.")
        if step.get("choices"):
            found.append(f"Ending '{name}' also has choices: an ending ends the conversation.")
        return found
    choices = step.get("choices")
    if not isinstance(choices, list) or not choices:
        return found + [f"Step '{name}' is neither an ending nor a turn with choices: the conversation stops there."]
    low, high = CHOICES_PER_TURN
    if not low <= len(choices) <= high:
        found.append(f"Step '{name}' has {len(choices)} choices; a turn offers {low} to {high}.")
    for number, choice in enumerate(choices, start=1):
        where = f"Step '{name}', choice {number}"
        if not isinstance(choice, Mapping):
            found.append(f"{where} is not an object.")
            continue
        for key, missing in (("say", "has nothing to say"), ("why", "is not explained: say why it helps or hurts")):
            said = choice.get(key)
            if not isinstance(said, str) or not said.strip():
                found.append(f"{where} {missing}.")
            elif len(said) > LONGEST[key]:
                found.append(f"{where}: '{key}' is longer than {LONGEST[key]} characters.")
        if choice.get("kind") not in KINDS:
            found.append(f"{where}: the kind {choice.get('kind')!r} is not one of {', '.join(KINDS)}.")
        if choice.get("effect") not in EFFECTS:
            found.append(f"{where}: 'effect' must be one of {', '.join(EFFECTS)}.")
        if choice.get("next") not in steps:
            found.append(f"{where} leads to '{choice.get('next')}', which does not exist.")
    return found


def _shape_problems(start: str, steps: Mapping[str, Any]) -> list[str]:
    """Loops, steps nobody reaches, and paths that are too short or too long."""
    def after(name: str) -> list[str]:
        return [choice["next"] for choice in steps[name].get("choices") or ()]

    state: dict[str, str] = {}  # name -> "open" while on the path, "done" once every path from it is known
    loops: list[str] = []
    turns: dict[str, tuple[int, int]] = {}  # name -> fewest and most choices from it to an ending

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            loops.append(" -> ".join(path[path.index(name):] + [name]))
            return
        state[name] = "open"
        for following in after(name):
            visit(following, path + [name])
        state[name] = "done"
        below = [turns[following] for following in after(name) if following in turns]
        if "ending" in steps[name]:
            turns[name] = (0, 0)
        elif below and len(below) == len(after(name)):
            turns[name] = (1 + min(b[0] for b in below), 1 + max(b[1] for b in below))

    visit(start, [])
    if loops:
        return [f"The conversation can go round in a loop: {loop}. Every path must reach an ending."
                for loop in loops[:3]]
    found = [f"Step '{name}' cannot be reached from the start '{start}'." for name in steps if name not in state]
    low, high = TURNS
    fewest, most = turns[start]
    if fewest < low:
        found.append(f"A path from the start reaches an ending after {fewest} choice(s); every path takes {low} to "
                     f"{high}.")
    if most > high:
        found.append(f"A path from the start takes {most} choices; every path takes {low} to {high}.")
    endings = {steps[name]["ending"] for name in state if "ending" in steps[name]}
    if "good" not in endings or endings == {"good"}:
        found.append("A scenario needs a good ending and at least one that is not good.")
    return found


def _build(data: Mapping[str, Any]) -> Scenario:
    steps = {}
    for name, step in data["steps"].items():
        choices = tuple(Choice(c["say"].strip(), c["kind"], c["effect"], c["why"].strip(), c["next"])
                        for c in step.get("choices") or ())
        steps[name] = Step(step["says"].strip(), choices, step.get("ending", ""), (step.get("why") or "").strip())
    return Scenario(data["id"], data["title"].strip(), data["person"].strip(), data["setting"].strip(),
                    data["start"], steps)


# --- playing and scoring ---------------------------------------------------------------------------------------

def walk(scenario: Scenario, picks: Sequence[Any]) -> Walk:
    """The conversation the picks make (each pick: the number of a choice, from 0). A pick that is not a choice
    at that turn ends the walk there, unfinished; picks after an ending are ignored."""
    played = Walk(scenario.id)
    name = scenario.start
    for pick in [*picks, None]:
        step = scenario.steps[name]
        played.visited.append(name)
        if step.ending:
            played.ending = step.ending
            break
        if not isinstance(pick, int) or isinstance(pick, bool) or not 0 <= pick < len(step.choices):
            break
        played.offered.append(step.choices)
        played.chosen.append(step.choices[pick])
        name = step.choices[pick].next
    return played


def score(played: Walk) -> float:
    """The share of a conversation's points the walk earns (0 to 1), by the rule the learner is told."""
    if not played.chosen:
        return 0.0
    choices = sum(EFFECTS[c.effect] for c in played.chosen) / len(played.chosen)
    return round(0.5 * ENDINGS.get(played.ending, 0.0) + 0.5 * choices, 4)


def preferences(walks: Sequence[Walk]) -> dict[str, float]:
    """How often the learner picked each kind of choice when it was offered (picked / offered)."""
    offered: dict[str, int] = {}
    picked: dict[str, int] = {}
    for played in walks:
        for choices, chosen in zip(played.offered, played.chosen, strict=True):
            for choice in choices:
                offered[choice.kind] = offered.get(choice.kind, 0) + 1
            picked[chosen.kind] = picked.get(chosen.kind, 0) + 1
    return {kind: picked.get(kind, 0) / count for kind, count in offered.items()}


def replay(scenario: Scenario, preference: Mapping[str, float]) -> Walk:
    """A conversation the learner has not seen, played with their kinds of choice: at each turn the choice whose
    kind they picked most often (a kind never offered to them counts as never picked; a tie goes to the choice
    listed first)."""
    picks = []
    name = scenario.start
    while not scenario.steps[name].ending:
        choices = scenario.steps[name].choices
        best = max(range(len(choices)), key=lambda i: (preference.get(choices[i].kind, 0.0), -i))
        picks.append(best)
        name = choices[best].next
    return walk(scenario, picks)
