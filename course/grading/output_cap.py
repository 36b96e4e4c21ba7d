"""Keep a graded notebook small: nbgrader's LimitOutput counts lines, so a notebook that prints 50 MB on one line
(or shows a 50 MB picture) would still be saved whole, and released as feedback. This step cuts each code cell's
output to a size a person can read, and says so where it cut."""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer

CUT = "\n... Output cut: {size:,} characters here; grading keeps at most {kept:,} per cell. ..."


class CapOutput(Preprocessor):
    """Cut each code cell's outputs (printed text, results, pictures) to ``max_characters`` in all."""

    enabled = Bool(True, config=True, help="Cut outputs (nbconvert runs a preprocessor only when enabled).")
    max_characters = Integer(200_000, config=True, help="Characters of output kept per cell.")

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if cell.cell_type != "code":
            return cell, resources
        left = self.max_characters
        for output in cell.get("outputs", []):
            holder = output if output.get("output_type") == "stream" else output.get("data") or {}
            for key in ["text"] if holder is output else list(holder):
                value = holder.get(key)
                text = value if isinstance(value, str) else "".join(value) if isinstance(value, list) else str(value)
                if len(text) <= left:
                    left -= len(text)
                    continue
                note = CUT.format(size=len(text), kept=self.max_characters)
                if holder is output or key == "text/plain":
                    holder[key] = text[:left] + note
                else:  # a picture or markup cut in half is broken: it gives way to the note
                    del holder[key]
                    holder["text/plain"] = holder.get("text/plain", "") + note
                left = 0
        return cell, resources
