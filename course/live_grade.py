"""The graded cell as a learner sees it: the points their saved answer earns now, kept up to date on every Save.

When nbgrader runs a notebook, a graded cell prints the answer it graded and returns the points (``grade.py``).
A learner running the same cell sees one short block instead: the points their saved answer earns with the same
rule, and whether it is ready; the block changes each time the form above it saves, so the cell never says "not
answered" under a form that says "Saved". Its plain-text value stays the number of points, as nbgrader reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from .answers import AnswerStore, is_blank
from .grade import NO_ANSWER, points_earned, quiet
from .render import escape, points_text

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def points_now(store: AnswerStore, task_name: str, points: float,
               cases: Sequence[int] | None = None) -> tuple[float, Any]:
    """The points the saved answer for ``task_name`` earns now, with the engine's feedback (None: no answer)."""
    from .tasks import get_task

    with quiet():
        answer = store.get(task_name)
        if answer is None or is_blank(answer.value):
            return 0.0, None
        feedback = get_task(task_name).check(answer.value, cases)
    return points_earned(feedback, points), feedback


def block_html(earned: float, points: float, feedback: Any, problem: str = "", unseen: float = 0) -> str:
    """The graded cell's one block: the points that count now, and what to do if there are none yet. ``unseen``:
    the points of the same exercise that grading adds on data the learner has not seen."""
    note = f" {escape(problem)}" if problem else ""
    if feedback is None:
        return (f'<p class="course-graded course-not-answered">ℹ Not answered yet. {escape(NO_ANSWER)} '
                f"<em>({points_text(0, points, unseen)} until then.)</em>{note}</p>")
    verdict = "✔ Ready to use" if feedback.passed else "✘ Not ready yet"
    return (f'<p class="course-graded"><strong>Points from your saved answer: {points_text(earned, points, unseen)}'
            f"</strong> · {verdict}. This updates each time you save; grading uses the same rules.{note}</p>")


class SavedAnswerView:
    """A saved answer shown for a person to read (``Workbook.show_saved``), following each Save. In the notebook
    file it is the plain text printed when the cell ran, as a grader reads it."""

    def __init__(self, text: str) -> None:
        self.widget = widgets.HTML()
        self.widget.add_class("course-saved-answer")
        self.text = ""
        self.show(text)

    def show(self, text: str) -> None:
        self.text = text
        self.widget.value = f'<div style="white-space: pre-wrap">{escape(text, 40_000)}</div>'

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle.update({"text/plain": self.text, "text/html": self.widget.value})
        return {key: value for key, value in bundle.items() if key in ("text/plain", "text/html", WIDGET_VIEW)}


class LivePoints(float):
    """The points of a graded cell (what nbgrader would read) shown as a block that follows the saved answer."""

    def __new__(cls, store: AnswerStore, task_name: str, points: float,
                cases: Sequence[int] | None = None, unseen: float = 0) -> LivePoints:
        earned, feedback = points_now(store, task_name, points, cases)
        shown = super().__new__(cls, earned)
        shown.store, shown.task_name, shown.points, shown.cases, shown.unseen = store, task_name, points, cases, unseen
        shown.widget = widgets.HTML(block_html(earned, points, feedback, store.problem or "", unseen))
        return shown

    def refresh(self) -> None:
        """Show the points of the answer saved now."""
        earned, feedback = points_now(self.store, self.task_name, self.points, self.cases)
        self.widget.value = block_html(earned, self.points, feedback, self.store.problem or "", self.unseen)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle.update({"text/plain": repr(float(self)), "text/html": self.widget.value})
        return {key: value for key, value in bundle.items() if key in ("text/plain", "text/html", WIDGET_VIEW)}
