"""A single free-text answer, such as a reflection a person will grade."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..checks.prompt_reading import as_text
from .base import Form


class TextForm(Form):
    """One text box with a word count, autosave and the same Save and Check as every form."""

    kind = "text"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        return {"text": widgets.Textarea(description="Your answer", placeholder="Write a few sentences…",
                                         continuous_update=True, rows=8,
                                         layout=widgets.Layout(width="100%", margin="2px 0"),
                                         style={"description_width": "110px"})}

    def value(self) -> str:
        return self.fields["text"].value

    def set_value(self, value: Any) -> None:
        self.fields["text"].value = as_text(value) if not isinstance(value, dict | list) else ""
