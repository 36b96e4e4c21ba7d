"""A note in a learner's feedback beside every score the course corrected, saying which score counts and why.

``verify`` recomputes each autograded score from the learner's saved answers and, where the notebook reported
something else, writes the recomputed score as the cell's manual score. The feedback page would then show the
corrected score under an output that says another number. This preprocessor (run by nbgrader's
GenerateFeedback after GetGrades) adds one plain sentence to such a cell's output.
"""

from __future__ import annotations

import html
import math
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


def note(reported: float | None, counted: float, points: float) -> str:
    """The sentence a learner reads under a corrected score."""
    said = "no score" if reported is None or math.isnan(reported) else f"{reported:g} of {points:g}"
    return (f"Score that counts: {counted:g} of {points:g}, checked again after grading. When your notebook ran "
            f"it reported {said}. The course works every score out again from your saved answers, because code in "
            "a notebook can change what the notebook reports.")


class CorrectionNote(Preprocessor):
    """Add ``note`` to every autograded cell whose score the course corrected."""

    enabled = Bool(True, config=True, help="Add the notes (nbconvert runs a preprocessor only when enabled).")

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as book:
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                    continue
                try:
                    grade = book.find_grade(meta["grade_id"], info["notebook"], info["assignment"], info["student"])
                except MissingEntry:
                    continue
                if grade.manual_score is None or grade.auto_score == grade.manual_score:
                    continue
                text = note(grade.auto_score, grade.manual_score, grade.max_score)
                cell.setdefault("outputs", []).append({
                    "output_type": "display_data", "metadata": {},
                    "data": {"text/plain": text, "text/html": f"<p><strong>{html.escape(text)}</strong></p>"}})
        return nb, resources
