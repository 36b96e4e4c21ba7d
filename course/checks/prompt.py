"""The prompt coach: judges a prompt's elements and says what to improve, for the builder and for free text.

A prompt reaches the coach in one of two shapes:
- from the prompt builder form, as a mapping from element to text (role, task, context, input, format,
  constraints, examples): ``check_prompt``;
- typed as one text: ``check_prompt_text`` (in prompt_text.py) sorts its sentences into elements first.
Both then go through the same judgement here (``judge``), with the same sentences from the message catalogue,
so the same words get the same advice in either form. What differs is only what a task weighs: an exercise may
demand a role or an input slot that a prompt typed for everyday use does not need, and the feedback says so.

Scoring: each element a task weighs is worth its weight in points; a finding that costs points takes them away.
A prompt passes when it has no deal-breaker (no task, personal data, contradictory instructions, a missing
input slot or category, or text the coach cannot read), earns the task's pass mark, and has enough detail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import prompt_reading as reading
from .feedback import Feedback, Finding
from .messages import finding
from .personal_data import find_personal_data
from .prompt_reading import MAX_READ, READ_INSTRUCTIONS, as_text, vague_without_measure, words
from .task import Task

ENGINE = "prompt/2"
ELEMENTS = ("role", "task", "context", "input", "format", "constraints", "examples")
ELEMENT_LABELS = {"role": "Role", "task": "Task", "context": "Context", "input": "Input", "format": "Output format",
                  "constraints": "Constraints", "examples": "Examples"}
LONG_FIELD = 4000
# Findings that stop a pass whatever the points; each of them costs points too.
DEAL_BREAKERS = frozenset({"empty", "unreadable_answer", "unreadable", "other_language", "only_url", "only_code",
                           "missing_task", "personal_data", "contradiction", "missing_input", "missing_categories",
                           "missing_material"})
CANNOT_READ = frozenset({"empty", "unreadable_answer", "unreadable", "other_language", "only_url", "only_code"})


@dataclass(frozen=True)
class PromptTask:
    """What one prompt task asks for: the points each element is worth and what a pass needs.

    weights:        points per element: role, task, context, input, format, constraints, categories,
                    examples, touches (finishing touches) and data_safety.
    slot:           the input the prompt must carry, typed {slot} (e.g. "notes"); empty when none.
    required_terms: words the instructions must name (e.g. the categories of a triage task).
    """

    name: str
    title: str
    weights: Mapping[str, float]
    slot: str = ""
    required_terms: tuple[str, ...] = ()

    @property
    def total(self) -> float:
        return float(sum(self.weights.values()))

    @property
    def slot_marker(self) -> str:
        """What a learner types where the input should go, e.g. ``{notes}``."""
        return "{" + self.slot + "}"

    def weight(self, element: str) -> float:
        return float(self.weights.get(element, 0))

    @classmethod
    def declared(cls, name: str, declaration: Mapping[str, Any]) -> PromptTask:
        """A task from its declaration in a module's task file."""
        return cls(name=name, title=declaration["title"], weights=dict(declaration["weights"]),
                   slot=declaration.get("slot", ""),
                   required_terms=tuple(declaration.get("required_terms", ())))


# A prompt typed for everyday use: the task matters most, then the format and a limit you can check.
# Context counts towards "enough detail" but costs nothing: the coach cannot yet find it reliably enough in free
# text (6.5% false alarms on prompts it was not tuned on); the finishing touches include it. A missing role may
# cost half a point (4.0% false alarms there).
EVERYDAY = PromptTask(name="everyday", title="A prompt in your own words", weights={
    "task": 2, "format": 2.5, "constraints": 2.5, "role": 0.5, "touches": 1.5, "data_safety": 1})
# Finishing touches (who it is for, material marked off, reasoning asked for, a way out, an example) earn a third
# of their points each, up to three: the coach counts fewer than people do on under 5% of the labelled prompts.
TOUCHES_FOR_FULL_CREDIT = 3


@dataclass
class Evidence:
    """What the coach found in a prompt, whichever form it came from."""

    text: str                                    # everything the learner wrote, for data safety and touches
    instructions: str                            # the instructions without the material they carry
    present: dict[str, bool] = field(default_factory=dict)
    weak: set[str] = field(default_factory=set)  # elements written but saying too little
    task_text: str = ""
    constraint_text: str = ""
    touches: list[str] = field(default_factory=list)
    carries_input: bool = True
    missing_material: str = ""                   # words that point at material the prompt never includes
    where_data: Callable[[str], str] = lambda _text: "prompt"
    extra: list[Finding] = field(default_factory=list)

    def details(self) -> list[str]:
        """The elements that make the result predictable; a limit counts only when one of them has a measure."""
        measured = any(not vague_without_measure(s) or any(not vague_without_measure(s[rule.end():rule.end() + 25])
                                                           for rule in reading.STRONG_RULE.finditer(s))
                       for s in reading.sentences(self.constraint_text))  # 'friendly, and never mention prices';
        # "don't waffle" rules out nothing a reader could point to
        return [e for e in reading.DETAILS if self.present.get(e) and (e != "constraints" or measured)]


# --- the builder's answer ----------------------------------------------------------------------------------

def clean_answer(answer: Any) -> dict[str, str] | None:
    """The answer as element -> text, or None when it is not a mapping at all."""
    if not isinstance(answer, Mapping):
        return None
    return {element: as_text(answer.get(element))[:MAX_READ] for element in ELEMENTS}


def slot_pattern(slot: str) -> re.Pattern[str]:
    """Matches the input slot, written {notes} or [notes] in any case and spacing."""
    name = re.escape(slot)
    return re.compile(r"\{\s*" + name + r"\s*\}|\[\s*" + name + r"\s*\]", re.IGNORECASE)


def assemble(answer: Any, task: PromptTask, case: str = "") -> str:
    """The whole prompt as the AI would receive it, with the input put into the slot."""
    fields = clean_answer(answer) or {}
    if task.slot:
        fields["input"] = slot_pattern(task.slot).sub(lambda _: case, fields.get("input", ""))
    return "\n\n".join(part for part in (fields.get(e, "").strip() for e in ELEMENTS) if part)


def carries(text: str, slot: str, cases: Sequence[str]) -> bool:
    """True when every case reaches the AI through the slot in ``text`` (or the slot is there, with no cases)."""
    pattern = slot_pattern(slot)
    if not cases:
        return bool(pattern.search(text))
    return all(case in pattern.sub(lambda _m, c=case: c, text) for case in cases)


def check_prompt(answer: Any, task: PromptTask, cases: Sequence[str] = (), language: str = "en") -> Feedback:
    """Check a prompt built in the prompt builder (a mapping of element to text) for one task."""
    fields = clean_answer(answer)
    if fields is None:
        return verdict(task, [finding("unreadable_answer", cost=task.total, language=language)])
    if not any(text.strip() for text in fields.values()):
        return verdict(task, [finding("empty", cost=task.total, language=language)])
    instructions = "\n".join(fields[e] for e in ("role", "task", "context", "format", "constraints"))
    blocked = reading.unreadable(instructions, language)
    if blocked:
        return verdict(task, [cannot_read(blocked, task, language)])
    evidence = _builder_evidence(fields, task, cases, language)
    findings = judge(evidence, task, language)
    long_fields = [e for e in ELEMENTS if len(fields[e]) > LONG_FIELD]
    if long_fields:
        findings.append(finding("very_long", element=ELEMENT_LABELS[long_fields[0]].lower(),
                                count=f"{len(fields[long_fields[0]]):,}", language=language))
    return verdict(task, findings, evidence, builder=True, language=language)


def _builder_evidence(fields: dict[str, str], task: PromptTask, cases: Sequence[str], language: str) -> Evidence:
    read = {e: text.strip()[:READ_INSTRUCTIONS] for e, text in fields.items()}  # as much as free text is read
    role, task_text, context = read["role"], read["task"], read["context"]
    form, limits, examples = read["format"], read["constraints"], read["examples"]
    present = {
        "role": bool(role) and (reading.is_role(role, language) or bool(_role_noun(role, language))
                                or (len(words(role)) >= 3 and reading.unreadable(role, language) is None)),
        "task": any(reading.is_task(s, language) for s in reading.sentences(task_text)),
        "context": len(words(context)) >= 3 and (reading.has_context(context, language)
                                      or (len(words(context)) >= 6 and reading.unreadable(context, language) is None)),
        "format": bool(form) and reading.names_format(form, language) and (
            len(words(form)) >= 3 or bool(reading.PARTS.search(form))),
        "constraints": bool(limits) and len(words(limits)) >= 3 and any(
            reading.is_constraint(s, language) for s in reading.sentences(limits)),
        "examples": len(words(examples)) >= 2,
    }
    written = {"role": role, "task": task_text, "context": context, "format": form, "constraints": limits}
    weak = {e for e, text in written.items() if text and not present[e]}
    if fields["input"].strip():
        weak.add("input")
    labels = {e: ELEMENT_LABELS[e].lower() for e in ELEMENTS}
    return Evidence(
        text="\n".join(fields.values())[:MAX_READ], instructions="\n".join(written.values()), present=present,
        weak=weak,
        task_text=task_text + "\n" + form, constraint_text=limits,
        touches=reading.touches("\n".join(read.values()), reading.blocks(read["input"], language), language),
        carries_input=(not task.slot) or (bool(fields["input"].strip()) and carries(fields["input"], task.slot,
                                                                                     cases)),
        where_data=lambda text: next((labels[e] for e in ELEMENTS if text in fields[e]), "prompt"))


def _role_noun(text: str, language: str) -> bool:
    return bool(reading.phrases(language, "free_text", "role_nouns").search(text))


# --- the judgement both forms share -------------------------------------------------------------------------

def judge(evidence: Evidence, task: PromptTask, language: str = "en") -> list[Finding]:
    """The findings on a prompt's elements, each costing what the task weighs."""
    say = lambda kind, cost=0.0, **values: finding(kind, cost=cost, language=language, **values)  # noqa: E731
    found: list[Finding] = []
    if not evidence.present.get("task"):
        found.append(say("missing_task", task.weight("task"), weak="task" in evidence.weak))
    else:
        vague = vague_without_measure(evidence.task_text, language)
        if vague:
            found.append(say("vague_wording", word=vague[0]))
    if task.slot and not evidence.carries_input:
        found.append(say("missing_input", task.weight("input"), weak="input" in evidence.weak, slot=task.slot,
                         marker=task.slot_marker))
    elif evidence.missing_material:
        found.append(say("missing_material", task.weight("input") or 1.0, words=evidence.missing_material))
    hits = find_personal_data(evidence.text, names=True, language=language)
    if hits:
        where = evidence.where_data(evidence.text[hits[0].start:hits[0].end])
        found.append(say("personal_data", task.weight("data_safety") or 1.0, detail=hits[0].kind, element=where))
    clash = reading.contradictions(evidence.instructions, language)
    if clash:
        found.append(say("contradiction", min(1.0, task.weight("constraints")) or 1.0, detail=clash[0]))
    if not evidence.present.get("format"):
        found.append(say("missing_format", task.weight("format"), weak="format" in evidence.weak))
    missing_terms = [t for t in task.required_terms
                     if not re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", evidence.instructions, re.I)]
    if missing_terms:
        found.append(say("missing_categories", task.weight("categories"), missing=", ".join(missing_terms),
                         listed=", ".join(task.required_terms)))
    found += _constraint_findings(evidence, task, language)
    for element in ("context", "role"):
        if not evidence.present.get(element):
            found.append(say(f"missing_{element}", task.weight(element), weak=element in evidence.weak))
    if not evidence.present.get("examples"):
        found.append(say("no_examples", task.weight("examples")))
    used = touches_used(evidence)
    if task.weight("touches") and used < TOUCHES_FOR_FULL_CREDIT:
        missing = task.weight("touches") * (TOUCHES_FOR_FULL_CREDIT - used) / TOUCHES_FOR_FULL_CREDIT
        names = touches_named(evidence)
        found.append(say("no_safeguard", missing, count=used, counted=f": {', '.join(names)}" if names else ""))
    return found + evidence.extra


def touches_named(evidence: Evidence) -> list[str]:
    """The finishing touches a prompt uses, in words, saying who the result is for counted as one."""
    return sorted(set(evidence.touches) | ({"who it is for"} if evidence.present.get("context") else set()))


def touches_used(evidence: Evidence) -> int:
    """How many finishing touches a prompt uses."""
    return len(touches_named(evidence))


def _constraint_findings(evidence: Evidence, task: PromptTask, language: str) -> list[Finding]:
    if not evidence.present.get("constraints"):
        return [finding("missing_constraints", cost=task.weight("constraints"), weak="constraints" in evidence.weak,
                        language=language)]
    vague = vague_without_measure(evidence.constraint_text, language)
    if not vague:
        return []
    measured = [s for s in reading.sentences(evidence.constraint_text) if not vague_without_measure(s, language)]
    cost = 0.0 if measured else task.weight("constraints") / 2  # a vague limit costs only when it is the only one
    return [finding("vague_constraint", cost=cost, word=vague[0], language=language)]


def cannot_read(blocked: tuple[str, str], task: PromptTask, language: str = "en") -> Finding:
    """The finding for text that cannot be read as instructions (``prompt_reading.unreadable``): it costs all."""
    kind, detail = blocked
    return finding(kind, cost=task.total, detail=detail, language=language)


# A one-line prompt with a task and a single detail ('Summarise the story below as three bullets') leaves the rest to
# guess: it is not ready. Longer prompts are not held back for a second detail, which the coach cannot always find.
SHORT_PROMPT = 20  # words of instructions

# In a prompt typed in free text, these findings are advice that would earn more points, never a reason the prompt
# is not ready: a role, finishing touches, context and examples make a good prompt better.
ADVICE = frozenset({"missing_role", "no_safeguard", "missing_context", "no_examples", "vague_wording"})


def verdict(task: PromptTask, findings: list[Finding], evidence: Evidence | None = None, *, builder: bool = False,
             language: str = "en") -> Feedback:
    """The points and the one verdict: ready only when no finding that costs points remains.

    A free-text prompt is ready when it states a task, names a format or a limit you can check, carries no
    deal-breaker and, if it is a one-liner, gives a second detail; what else it lacks is advice that would earn
    more points. (People ask every prompt for a second detail, such as who the result is for; the coach cannot find
    context reliably enough in longer prompts to hold them back for it.)
    A prompt that is not ready has its points scaled down below the least a ready prompt earns (keeping their
    order), so the verdict and the points never point in opposite directions. The builder's named fields are each
    expected.
    """
    details = evidence.details() if evidence else []
    if evidence is not None and not builder:
        findings = _as_advice(findings, evidence, task)
        if len(details) < 2 and len(reading.words(evidence.instructions)) <= SHORT_PROMPT \
                and not any(f.cost for f in findings):
            findings.append(finding("few_details", cost=0.5, language=language))
    kinds = {f.kind for f in findings}
    earned = max(0.0, task.total - sum(f.cost + f.gain for f in findings))
    passed = not kinds & DEAL_BREAKERS and not any(f.cost for f in findings)
    if not passed and evidence is not None and not builder:
        earned = earned * not_ready_cap(task) / task.total  # below every ready prompt, in the same order as before
    if builder and not passed and evidence and not kinds & DEAL_BREAKERS and len(details) >= 2:
        missing = [f.where for f in findings if f.cost and f.kind.startswith("missing_")]
        findings.append(finding("builder_differs", detail="it also weighs " + ", ".join(dict.fromkeys(missing)),
                                language=language))
    return Feedback(engine=ENGINE, earned=earned, total=task.total, passed=passed, findings=tuple(findings),
                    summary=summary_sentence(findings, passed))


def _as_advice(findings: list[Finding], evidence: Evidence, task: PromptTask) -> list[Finding]:
    """A free-text prompt's findings with what cannot stop it being ready turned into advice that earns points: the
    advice kinds, and a missing format when a limit is there (or a missing limit when a format is there)."""
    has_format = bool(evidence.present.get("format"))
    has_limit = "constraints" in evidence.details()
    advice = set(ADVICE) | ({"missing_constraints", "vague_constraint"} if has_format else set()) \
        | ({"missing_format"} if has_limit else set())
    return [replace(f, cost=0.0, gain=f.cost) if f.kind in advice and f.cost else f for f in findings]


def not_ready_cap(task: PromptTask) -> float:
    """The most a free-text prompt that is not ready earns: half a point below the least a ready one earns."""
    advice = sum(task.weight(e) for e in ("role", "touches", "context", "examples"))
    least_ready = task.total - advice - max(task.weight("format"), task.weight("constraints"))
    return max(0.0, least_ready - 0.5)


def summary_sentence(findings: Sequence[Finding], passed: bool) -> str:
    """One plain sentence with the most useful next steps. Points are shown beside it, in the scale of the form
    or test cell that shows it (an exercise worth 8 points says "of 8"), never in the engine's own scale."""
    problems = sorted((f for f in findings if not f.is_suggestion), key=lambda f: -f.cost)
    if problems and problems[0].kind in CANNOT_READ:
        return f"{problems[0].message}. {problems[0].hints[0]}"
    steps = "; ".join(f.message[0].lower() + f.message[1:] for f in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    if passed:
        gains = sorted((f for f in findings if f.gain), key=lambda f: -f.gain)
        if gains:
            first = gains[0].message.split(":")[0]
            if first.count("(") > first.count(")"):  # 'Add a finishing touch (1 of 3 so far: ...)': cut before '('
                first = first[:first.rindex("(")].rstrip()
            more = f" (and {len(gains) - 1} more idea{'s' if len(gains) > 2 else ''} below)" if len(gains) > 1 else ""
            return f"Your prompt is ready to use. For the remaining points: {first[0].lower() + first[1:]}{more}."
        extra = " A suggestion below could still make it better." if findings else ""
        return f"Your prompt covers everything this task needs.{extra}"
    return f"Fix first: {steps}{more}."


# --- a task for the course's forms and grading ---------------------------------------------------------------

def builder_task(name: str, declaration: Mapping[str, Any], case_text: Callable[[int], str]) -> Task:
    """A prompt builder task declared in a module's task file."""
    spec = PromptTask.declared(name, declaration)
    shown = tuple(declaration.get("shown_cases", ()))
    return Task(name=name, engine=ENGINE, title=spec.title, shown_cases=shown, spec=spec,
                check_cases=lambda value, cases: check_prompt(value, spec, [case_text(c) for c in cases]),
                describe=lambda value: assemble(value, spec, case=f"<the {spec.slot} go here>"),
                sample=lambda: case_text(shown[0]) if shown else "")
