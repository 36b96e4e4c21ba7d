"""The prompt builder: one field per element of a prompt, an assembled preview and live coaching."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks import prompt
from .base import Form

PLACEHOLDERS = {
    "role": "Who should the AI be? e.g. an experienced team lead in customer operations",
    "task": "What should it do? Start with a verb.",
    "context": "Who is the result for, and why does it matter?",
    "input": "Where does the input go? Type {notes} where this week's notes belong.",
    "format": "What should the result look like? e.g. three headings with bullets",
    "constraints": "Limits and rules, with numbers: length, what to leave out",
    "examples": "Optional: one short example of a good result",
}


class PromptBuilderForm(Form):
    """Build a prompt element by element; the preview shows the prompt with this week's input in place."""

    kind = "prompt builder"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        fields = {}
        for element in prompt.ELEMENTS:
            fields[element] = widgets.Textarea(
                description=prompt.ELEMENT_LABELS[element],
                placeholder=PLACEHOLDERS[element],
                continuous_update=True,
                rows=2 if element not in ("input", "examples") else 3,
                layout=widgets.Layout(width="100%"),
                style={"description_width": "110px"},
            )
        return fields

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.preview = widgets.HTML()
        self.on_values_changed()
        box = widgets.Accordion(children=[self.preview], titles=("Preview: the prompt the AI receives",))
        return [box]

    def value(self) -> dict[str, str]:
        return {name: field.value for name, field in self.fields.items()}

    def set_value(self, value: Any) -> None:
        cleaned = prompt.clean_answer(value) or {}
        for name, field in self.fields.items():
            field.value = cleaned.get(name, "")

    def on_values_changed(self) -> None:
        if not hasattr(self, "preview"):
            return
        spec = prompt.prompt_task(self.key)
        case = self.task.shown_case_text()
        assembled = prompt.assemble(self.value(), spec, case=case)
        self.preview.value = render.text_block(assembled or "(empty: start with the task)")
