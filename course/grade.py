"""The one helper every graded test cell calls.

It reads the saved answer, runs the same engine the form's Check button runs, prints a plain sentence and
returns a number of points that nbgrader reads as the cell's score. Warnings never reach stderr (nbgrader
would score the cell 0), and a missing answer gives a friendly sentence, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import math
import sys
import warnings
from collections.abc import Iterator, Sequence

from .answers import AnswerStore, is_blank
from .render import feedback_text, shorten

NO_ANSWER = "Fill in the form above and press Save."
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
        # On stderr on purpose: nbgrader scores the cell 0 and `nbgrader validate` shows this very sentence.
        print(NO_ANSWER, file=sys.stderr)
        return 0.0
    earned = points_for(feedback.score, points)
    if store.problem:
        print(store.problem)
    if echo:
        print("The answer that was graded:")
        print(shorten(described, ECHO_LIMIT))
        print()
    print(feedback_text(feedback))
    print(f"Points: {earned:g} of {points:g}.")
    return earned
