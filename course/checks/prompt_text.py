"""The prompt coach for a prompt typed as free text.

It reads the prompt sentence by sentence (prompt_reading.py), sorts the sentences into elements, then judges
them exactly as the prompt builder's coach does (prompt.py), with the same messages. It also says what it
cannot read: only a link, only code, another language, or text that is not instructions at all. Such a
prompt earns no points.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import prompt_reading as reading
from .feedback import Feedback
from .messages import finding
from .prompt import EVERYDAY, Evidence, PromptTask, cannot_read, carries, judge, verdict
from .prompt_reading import MAX_READ, as_text
from .task import Task

ENGINE = "prompt-text/5"  # 4: one judgement with the builder; 5: finishing touches counted one by one


def check_prompt_text(text: Any, task: PromptTask = EVERYDAY, *, cases: Sequence[str] = (),
                      language: str = "en") -> Feedback:
    """Coach a free-text prompt: find its elements, then say what is missing or risky.

    A task with a slot (e.g. "tickets") needs each of ``cases`` to reach the AI through ``{tickets}``; its
    required terms (e.g. the categories of a triage task) must each be named in the instructions.
    """
    if isinstance(text, dict | list | tuple):
        return verdict(task, [finding("unreadable_answer", cost=task.total, language=language)])
    text = as_text(text)
    if not text.strip():
        return verdict(task, [finding("empty", cost=task.total, language=language)])
    extra = []
    if len(text) > MAX_READ:
        extra.append(finding("too_long", limit=f"{MAX_READ:,}", marker=task.slot_marker if task.slot else "{text}",
                             language=language))
        text = text[:MAX_READ]
    blocked = reading.unreadable(text, language)
    if blocked:
        return verdict(task, [cannot_read(blocked, task, language)])
    found = reading.read_prompt(text, language)
    evidence = Evidence(
        text=text, instructions=reading.instructions_only(text, language),
        present={element: found.has(element) for element in reading.ELEMENTS},
        task_text="\n".join(found.elements["task"]), constraint_text="\n".join(found.elements["constraints"]),
        weak={"input"}, touches=found.touches, extra=extra,
        carries_input=(not task.slot) or carries(text, task.slot, cases),
        missing_material="" if task.slot else reading.missing_material(text, language))
    return verdict(task, judge(evidence, task, language), evidence)


def free_text_task(name: str, declaration: Mapping[str, Any], case_text: Callable[[int], str] | None) -> Task:
    """A free-text prompt task declared in a module's task file (everyday weights unless it says others)."""
    spec = PromptTask.declared(name, {**_everyday(), **declaration})
    shown = tuple(declaration.get("shown_cases", ()))

    def check(value: Any, cases: Sequence[int]) -> Feedback:
        texts = [case_text(c) for c in cases] if case_text else []
        return check_prompt_text(value, spec, cases=texts)

    return Task(name=name, engine=ENGINE, title=spec.title, shown_cases=shown, spec=spec, check_cases=check,
                describe=as_text, sample=lambda: case_text(shown[0]) if case_text and shown else "")


def _everyday() -> dict[str, Any]:
    return {"weights": dict(EVERYDAY.weights)}
