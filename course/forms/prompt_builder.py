"""The prompt builder: one field per element of a prompt, an assembled preview and live coaching."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import llm, render
from ..checks import prompt
from ..examples import example_output
from .base import Form

PLACEHOLDERS = {
    "role": "Who should the AI be? e.g. an experienced team lead in customer operations",
    "task": "What should it do? Start with a verb.",
    "context": "Who is the result for, and why does it matter?",
    "input": "Where does the input go? Press “Mark where the notes go” below, or type {notes} yourself.",
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
                placeholder=self._placeholder(element),
                continuous_update=True,
                rows=2 if element not in ("input", "examples") else 3,
                layout=widgets.Layout(width="100%", margin="2px 0"),
                style={"description_width": "110px"},
            )
        return fields

    @property
    def slot(self) -> str:
        """The name of what changes every week (notes, tickets): the prompt marks its place with ``{notes}``."""
        return getattr(self.task.spec, "slot", "") or ""

    def _placeholder(self, element: str) -> str:
        """The hint in an empty field; the input's names this task's own marker ({tickets}, {notes})."""
        if element == "input" and self.slot and self.slot != "notes":
            return f"Where does the input go? Press “Mark where the {self.slot} go” below, or type {{{self.slot}}}."
        return PLACEHOLDERS[element]

    def field_rows(self) -> list[widgets.Widget]:
        """The fields; under the input, a button that marks where the week's material goes, so nobody has to
        type curly brackets."""
        rows = super().field_rows()
        if not self.slot or "input" not in self.fields:
            return rows
        self.slot_button = widgets.Button(description=f"Mark where the {self.slot} go", icon="plus",
                                          tooltip=f"Adds {{{self.slot}}} to the input: each week the {self.slot} "
                                                  "take its place",
                                          layout=widgets.Layout(width="auto", margin="0 0 6px 118px"))
        self.slot_button.on_click(lambda _b: self.mark_slot())
        at = list(self.fields).index("input") + 1
        return [*rows[:at], self.slot_button, *rows[at:]]

    def mark_slot(self) -> None:
        """Add the week's marker ({notes}) on a line of its own at the end of the input, once."""
        field, marker = self.fields["input"], f"{{{self.slot}}}"
        if marker not in field.value:
            field.value = f"{field.value.rstrip()}\n{marker}" if field.value.strip() else marker

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.preview = widgets.HTML()
        self.example = widgets.HTML()
        self.on_values_changed()
        self.refresh_feedback()
        # A toggle button rather than an accordion: it can be reached and opened with the keyboard.
        self.preview.layout.display = "none"
        self.preview_button = widgets.ToggleButton(description="Show the prompt the AI receives", icon="eye",
                                                   value=False, tooltip="The whole prompt, assembled from the fields",
                                                   layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.preview_button.observe(self._toggle_preview, names="value")
        extras: list[widgets.Widget] = [self.preview_button, self.preview, self.example]
        self.endpoint = llm.endpoint_from_env()
        if self.endpoint is not None:  # live runs only where an endpoint is set up; otherwise nothing shows
            self.run_button = widgets.Button(description="Run with the AI", icon="play",
                                             tooltip="Send the prompt to your organisation's AI service")
            self.run_output = widgets.HTML()
            self.run_button.on_click(lambda _b: self.run_live())
            extras += [self.run_button, self.run_output]
        return extras

    def _toggle_preview(self, change: dict[str, Any]) -> None:
        shown = bool(change["new"])
        self.preview.layout.display = None if shown else "none"
        self.preview_button.description = ("Hide" if shown else "Show") + " the prompt the AI receives"

    def refresh_feedback(self) -> None:
        super().refresh_feedback()
        if not hasattr(self, "example") or self.latest is None:
            return
        result = self.latest
        weak = {f.where.lower() for f in result.problems}
        present = {e for e in ("format", "constraints", "context") if prompt.ELEMENT_LABELS[e].lower() not in weak}
        if self.fields["examples"].value.strip():
            present.add("examples")
        if "empty" in result.kinds():
            present = set()
        shown = example_output(self.key, present)
        if shown is None:
            self.example.value = ""
            return
        self.example.value = (
            f"<p><strong>What an AI might return</strong> <em>({render.escape(shown.label)})</em></p>"
            f"{render.text_block(shown.text)}<p><em>What this shows:</em> {render.escape(shown.what_changed)}</p>")

    def run_live(self) -> None:
        """Send the assembled prompt to the configured AI service and show its answer as plain text."""
        prompt_text = prompt.assemble(self.value(), self.task.spec, case=self.task.shown_case_text())
        self.run_output.value = "<p>Sending… this can take up to 30 seconds.</p>"
        result = llm.run_prompt(prompt_text, self.endpoint)
        heading = "The AI's answer" if result.ok else "No answer this time"
        self.run_output.value = f"<p><strong>{heading}:</strong></p>{render.text_block(result.text)}"

    def value(self) -> dict[str, str]:
        return {name: field.value for name, field in self.fields.items()}

    def set_value(self, value: Any) -> None:
        cleaned = prompt.clean_answer(value) or {}
        for name, field in self.fields.items():
            field.value = cleaned.get(name, "")

    def on_values_changed(self) -> None:
        if not hasattr(self, "preview"):
            return
        spec = self.task.spec
        case = self.task.shown_case_text()
        assembled = prompt.assemble(self.value(), spec, case=case)
        self.preview.value = render.text_block(assembled or "(empty: start with the task)")
