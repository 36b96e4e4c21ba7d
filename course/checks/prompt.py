"""The prompt coach: checks a prompt built from its elements and says what to improve.

A prompt answer is a mapping from element to text, the way the prompt builder form collects it:
role, task, context, input, format (the output format), constraints and examples. The engine scores the
elements a task needs with rules that are reliable on structured fields, and adds suggestions (which cost
nothing) where the judgement is softer. It never raises on a learner's answer: odd input is reported.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from .feedback import Feedback, Finding
from .personal_data import find_personal_data
from .vocabulary import vocabulary

ENGINE = "prompt/1"
ELEMENTS = ("role", "task", "context", "input", "format", "constraints", "examples")
ELEMENT_LABELS = {
    "role": "Role",
    "task": "Task",
    "context": "Context",
    "input": "Input",
    "format": "Output format",
    "constraints": "Constraints",
    "examples": "Examples",
}
LONG_FIELD = 4000


@dataclass(frozen=True)
class PromptTask:
    """What one prompt exercise asks for: the elements it weighs and where the input goes."""

    name: str
    title: str
    slot: str
    weights: Mapping[str, float]
    pass_mark: float
    needs_examples: bool
    required_terms: tuple[str, ...] = ()
    cases_from: str = ""

    @property
    def total(self) -> float:
        return float(sum(self.weights.values()))

    @property
    def slot_marker(self) -> str:
        """What a learner types where the input should go, e.g. ``{notes}``."""
        return "{" + self.slot + "}"


@cache
def _task_specs() -> dict[str, Any]:
    return json.loads(files("course.checks").joinpath("prompt_tasks.json").read_text("utf-8"))


def prompt_task_names() -> set[str]:
    return set(_task_specs())


@cache
def prompt_task(name: str) -> PromptTask:
    """Look up a prompt exercise by name (see prompt_tasks.json)."""
    spec = _task_specs()[name]
    return PromptTask(name=name, title=spec["title"], slot=spec["slot"], weights=spec["weights"],
                      pass_mark=spec["pass_mark"], needs_examples=spec["needs_examples"],
                      required_terms=tuple(spec.get("required_terms", ())), cases_from=spec.get("cases_from", ""))


def as_text(value: Any) -> str:
    """Turn whatever a field holds into text: None and NaN become empty, numbers become digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else str(value)


def clean_answer(answer: Any) -> dict[str, str] | None:
    """The answer as element -> text, or None when it is not a mapping at all."""
    if not isinstance(answer, Mapping):
        return None
    return {element: as_text(answer.get(element)) for element in ELEMENTS}


def slot_pattern(task: PromptTask) -> re.Pattern[str]:
    """Matches the input slot, written {notes} or [notes] in any case and spacing."""
    name = re.escape(task.slot)
    return re.compile(r"\{\s*" + name + r"\s*\}|\[\s*" + name + r"\s*\]", re.IGNORECASE)


def assemble(answer: Any, task: PromptTask, case: str = "") -> str:
    """The whole prompt as the AI would receive it, with the input put into the slot."""
    fields = clean_answer(answer) or {}
    fields["input"] = slot_pattern(task).sub(lambda _: case, fields.get("input", ""))
    parts = [fields.get(element, "").strip() for element in ELEMENTS]
    return "\n\n".join(part for part in parts if part)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@cache
def _phrases(language: str, list_name: str) -> re.Pattern[str]:
    """One pattern that finds any phrase of a word list as whole words, longest phrases first."""
    phrases = sorted(vocabulary(language)[list_name], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


SENTENCE_END = re.compile(r"[.;\n!?]")


def vague_without_measure(text: str, language: str = "en") -> list[str]:
    """Vague words used in a sentence that gives no measure (no number, no count of words or lines)."""
    found: list[str] = []
    measure = _phrases(language, "measure_words")
    for hit in _phrases(language, "vague_words").finditer(text):
        word = hit.group().lower()
        if word in found:
            continue
        before = [m.end() for m in SENTENCE_END.finditer(text, max(0, hit.start() - 2000), hit.start())]
        start = before[-1] if before else max(0, hit.start() - 2000)
        after = SENTENCE_END.search(text, hit.end())
        sentence = text[start: after.start() if after else len(text)]
        if not re.search(r"\d", sentence) and not measure.search(sentence):
            found.append(word)
    return found


def names_a_format(text: str, language: str = "en") -> bool:
    return _phrases(language, "format_cues").search(text) is not None


def check_prompt(answer: Any, task: str | PromptTask = "meeting_summary",
                 cases: Sequence[str] = (), language: str = "en") -> Feedback:
    """Check a structured prompt for one task and return the feedback a manager sees.

    ``cases`` are inputs (for example two weeks of meeting notes) the prompt must carry to the AI: the
    input rule passes only when each of them ends up inside the assembled prompt.
    """
    spec = task if isinstance(task, PromptTask) else prompt_task(task)
    fields = clean_answer(answer)
    if fields is None:
        unreadable = Finding("unreadable", "answer", "This answer could not be read as a prompt",
                             hints=("Fill in the prompt builder form and press Save.",), cost=spec.total)
        return _feedback(spec, [unreadable])
    if not any(text.strip() for text in fields.values()):
        empty = Finding("empty", "answer", "The prompt is empty",
                        hints=("Start with the task: one sentence that says what the AI should do.",),
                        cost=spec.total)
        return _feedback(spec, [empty])
    findings = [f for rule in RULES for f in rule(fields, spec, list(cases), language)]
    return _feedback(spec, findings)


def _feedback(spec: PromptTask, findings: list[Finding]) -> Feedback:
    earned = max(0.0, spec.total - sum(f.cost for f in findings))
    data_safe = "personal_data" not in {f.kind for f in findings}
    passed = data_safe and earned / spec.total >= spec.pass_mark
    return Feedback(engine=ENGINE, earned=earned, total=spec.total, passed=passed,
                    findings=tuple(findings), summary=summary_sentence(earned, spec.total, findings))


def summary_sentence(earned: float, total: float, findings: Sequence[Finding]) -> str:
    """One plain sentence: the points and the most useful next steps."""
    points = f"{earned:g} of {total:g}"
    problems = [f for f in findings if not f.is_suggestion]
    if not problems:
        extra = " A suggestion below could still make it better." if findings else ""
        return f"Your prompt covers everything this task needs ({points}).{extra}"
    if problems[0].kind in ("empty", "unreadable"):
        return f"{problems[0].message} ({points}). {problems[0].hints[0]}"
    steps = "; ".join(f.message[0].lower() + f.message[1:] for f in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return f"Your prompt earns {points}. To improve it: {steps}{more}."


# --- the rules: each looks at the cleaned fields and returns findings ------------------------------

def _role(fields, spec, cases, language):
    text = fields["role"].strip()
    if len(words(text)) >= 2:
        return []
    return [Finding(
        "missing_role", "role", "Give the AI a role" if not text else "Say a little more about the role",
        why="A role sets the expertise and tone, so the answer sounds like it came from the right person.",
        hints=("Who would you ask to do this task if it were a person?",
               "For example: 'You are an experienced team lead in a customer-operations team.'"),
        cost=spec.weights.get("role", 0))]


def _task(fields, spec, cases, language):
    text = fields["task"].strip()
    if len(words(text)) >= 3:
        return []
    return [Finding(
        "missing_task", "task", "State the task in one full sentence" if text else "Say what the AI should do",
        why="Without a clear task the AI guesses, and every teammate gets a different result.",
        hints=("Start with a verb: what should come back to you?",
               "For example: 'Summarise the meeting notes below for team members who missed the meeting.'"),
        cost=spec.weights.get("task", 0))]


def _context(fields, spec, cases, language):
    if len(words(fields["context"])) >= 5:
        return []
    return [Finding(
        "missing_context", "context", "Add context: who the result is for and why",
        why="Context tells the AI what matters, so it keeps the right details and drops the rest.",
        hints=("Who will read the result, and what will they do with it?",
               "For example: 'The summary goes to the whole team on Monday; people read it on their phones.'"),
        cost=spec.weights.get("context", 0))]


def _input(fields, spec, cases, language):
    text = fields["input"]
    if not text.strip():
        message = f"Add the input: type {spec.slot_marker} where the {spec.slot} should go"
    elif any(case not in assemble(fields, spec, case) for case in cases) or (
            not cases and not slot_pattern(spec).search(text)):
        message = f"Type {spec.slot_marker} in the input so the prompt works for any week's {spec.slot}"
    else:
        return []
    return [Finding(
        "missing_input", "input", message,
        why="A prompt you can reuse every week keeps the instructions fixed and only swaps the input.",
        hints=(f"Where in your prompt do this week's {spec.slot} go?",
               f"For example: 'The {spec.slot} are between the lines below. --- {spec.slot_marker} ---'"),
        cost=spec.weights.get("input", 0))]


def _format(fields, spec, cases, language):
    text = fields["format"].strip()
    if text and names_a_format(text, language):
        return []
    message = "Name the output format" if not text else "Say which format you want (bullets, table, sections…)"
    return [Finding(
        "missing_format" if not text else "unclear_format", "format", message,
        why="A set format makes results comparable week to week and easy to check.",
        hints=("Picture the finished result: is it a list, a table, a short email?",
               "For example: 'Three headings: Decisions, Actions (owner and date), Open questions.'"),
        cost=spec.weights.get("format", 0))]


def _required_terms(fields, spec, cases, language):
    if not spec.required_terms:
        return []
    instructions = "\n".join(fields[e] for e in ("task", "format", "constraints", "examples"))
    missing = [term for term in spec.required_terms if not _phrases_of([term]).search(instructions)]
    if not missing:
        return []
    listed = ", ".join(spec.required_terms)
    return [Finding(
        "missing_categories", "format", f"Name every category the AI may use; missing: {', '.join(missing)}",
        why="With a fixed list, every teammate's results can be counted and compared; without it the AI invents "
            "its own labels.",
        hints=("Which labels does your team's report use?", f"For example: 'Use exactly one of: {listed}.'"),
        cost=spec.weights.get("categories", 0))]


def _phrases_of(phrases: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)", re.IGNORECASE)


def _constraints(fields, spec, cases, language):
    text = fields["constraints"].strip()
    if not text:
        return [Finding(
            "missing_constraints", "constraints", "Add at least one constraint, such as a length limit",
            why="Constraints keep the result inside what your team can use and check.",
            hints=("What must the result never do, and how long may it be?",
                   "For example: 'At most 150 words. Do not add anything that is not in the notes.'"),
            cost=spec.weights.get("constraints", 0))]
    vague = vague_without_measure(text, language)
    if not vague:
        return []
    return [Finding(
        "vague_constraint", "constraints",
        f"Give a measure for '{vague[0]}' (a number of words, bullets or lines)",
        why="'Short' or 'clear' means something different to everyone; a number can be checked.",
        hints=("How would a teammate check this constraint in five seconds?",
               f"For example: replace '{vague[0]}' with 'at most 120 words' or 'no more than 5 bullets'."),
        cost=spec.weights.get("constraints", 0))]


def _contradiction(fields, spec, cases, language):
    from .prompt_text import contradictions  # the same rule the free-text coach uses

    found = contradictions("\n".join(fields[e] for e in ("task", "format", "constraints")))
    if not found:
        return []
    return [Finding(
        "contradiction", "constraints", f"These instructions pull against each other: {found[0]}",
        why="The AI can only satisfy one of them, and you cannot predict which.",
        hints=("Which of the two matters more for this task?", "Keep that one and delete the other."),
        cost=spec.weights.get("constraints", 0))]


def _data_safety(fields, spec, cases, language):
    hits = [(element, hit) for element in ELEMENTS for hit in find_personal_data(fields[element], names=True)]
    if not hits:
        return []
    element, hit = hits[0]
    return [Finding(
        "personal_data", ELEMENT_LABELS[element].lower(),
        f"Remove the {hit.kind} from the {ELEMENT_LABELS[element].lower()}",
        why="Personal or customer data must never go into a prompt unless your company's rules allow that tool.",
        hints=("Would you be comfortable if this prompt were shown to another company?",
               "Replace it with a placeholder such as [customer email]."),
        cost=spec.weights.get("data_safety", 0))]


def _examples(fields, spec, cases, language):
    if fields["examples"].strip():
        return []
    return [Finding(
        "no_examples", "examples", "Consider adding one short example of a good result",
        why="One example shows the AI the tone and level of detail faster than any description.",
        hints=("Is there a summary from last month the team liked?",),
        cost=spec.weights.get("examples", 0) if spec.needs_examples else 0)]


def _suggestions(fields, spec, cases, language):
    found = []
    vague_task = vague_without_measure(fields["task"] + "\n" + fields["format"], language)
    if vague_task:
        found.append(Finding(
            "vague_wording", "task", f"'{vague_task[0]}' is open to interpretation; say what it means here",
            why="Specific words give the same result for everyone who runs the prompt.",
            hints=("What would 'good' look like to the person who reads the result?",)))
    long_fields = [e for e in ELEMENTS if len(fields[e]) > LONG_FIELD]
    if long_fields:
        label = ELEMENT_LABELS[long_fields[0]].lower()
        found.append(Finding(
            "very_long", label,
            f"The {label} is very long ({len(fields[long_fields[0]]):,} characters); keep instructions short",
            why="Long prompts are hard for a team to review and keep up to date.",
            hints=("Move background material into the input and keep the instructions short.",)))
    return found


RULES = (_role, _task, _context, _input, _format, _required_terms, _constraints, _contradiction, _data_safety,
         _examples, _suggestions)
