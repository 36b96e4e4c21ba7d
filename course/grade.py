"""The one helper every graded test cell calls.

It reads the saved answer, runs the same engine the form's Check button runs, prints a plain sentence and
returns a number of points that nbgrader reads as the cell's score. Warnings never reach stderr (nbgrader
would score the cell 0), and a missing answer gives a friendly sentence, never a traceback.

A missing answer scores 0 everywhere. When nbgrader runs the notebook (autograde or validate) the sentence goes
to stderr, so that `nbgrader validate` names it; a learner running the notebook sees it as guidance instead.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .answers import AnswerStore, is_blank
from .render import escape, feedback_text, shorten

if TYPE_CHECKING:
    from .checks.feedback import Feedback

NO_ANSWER = "Fill in the form above and press Save."
NOT_ANSWERED_YET = "Not answered yet. " + NO_ANSWER + " Check then shows the points your answer earns."


def in_kernel() -> bool:
    """True inside a running IPython kernel (a notebook or the app view), where a widget can be shown. Checked
    without importing anything: a plain Python process that never loaded IPython is not a kernel."""
    shell = sys.modules.get("IPython")
    return bool(shell is not None and shell.get_ipython() is not None)


def run_by_nbgrader() -> bool:
    """True while nbgrader runs the notebook (autograde or validate): nbgrader sets NBGRADER_EXECUTION."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


class NotAnsweredYet(float):
    """The 0 points of a question with no saved answer, shown to a learner as a sentence rather than ``0.0``.

    nbgrader reads a cell's plain-text value, which stays ``0.0``: the cell scores 0. Notebooks and the app show
    the HTML: what to do, and the points at stake.
    """

    def __new__(cls, out_of: float) -> NotAnsweredYet:
        points = super().__new__(cls, 0.0)
        points.out_of = out_of
        return points

    def _repr_html_(self) -> str:
        return (f'<p class="course-not-answered">ℹ {escape(NOT_ANSWERED_YET)} '
                f"<em>(0 of {self.out_of:g} points until then.)</em></p>")
ECHO_LIMIT = 3000


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Keep warnings and stray stderr output away from the cell's output."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


def points_for(score: float, max_points: float) -> float:
    """A 0-1 score turned into points: rounded to the nearest half point, never above the cell's maximum."""
    if math.isnan(score):
        return 0.0
    return max(0.0, min(float(max_points), round(score * max_points * 2) / 2))


def points_earned(feedback: Feedback, max_points: float) -> float:
    """The points an answer's feedback earns, in half points: an answer that is not ready never shows full marks,
    so the points and the verdict beside them never disagree."""
    earned = points_for(feedback.score, max_points)
    if not feedback.passed and earned >= max_points and max_points >= 0.5:
        return float(max_points) - 0.5
    return earned


def grade(store: AnswerStore, task_name: str, *, points: float, cases: Sequence[int] | None = None,
          echo: bool = True) -> float:
    """Grade the saved answer for ``task_name`` and return the points earned (0 to ``points``)."""
    with quiet():
        try:
            from .tasks import get_task  # imported here so any import-time warning is kept quiet too

            task = get_task(task_name)
            answer = store.get(task_name)
            if answer is not None and not is_blank(answer.value):
                feedback = task.check(answer.value, cases)
                described = task.describe(answer.value)
        except Exception as error:  # a fault in the course itself must not look like the learner's
            print("The course could not check this answer because of a problem in the course itself "
                  f"({type(error).__name__}). Your saved answer is safe; your instructor will look at it.")
            return 0.0
    if answer is None or is_blank(answer.value):
        if not run_by_nbgrader():
            return NotAnsweredYet(points)  # guidance for the learner, and still 0 points
        # On stderr on purpose: nbgrader scores the cell 0 and `nbgrader validate` shows this very sentence.
        print(NO_ANSWER, file=sys.stderr)
        return 0.0
    earned = points_earned(feedback, points)
    if store.problem:
        print(store.problem)
    if echo:
        print("The answer that was graded:")
        print(shorten(described, ECHO_LIMIT))
        print()
    print(feedback_text(feedback))
    print(f"Points: {earned:g} of {points:g}.")
    return earned
