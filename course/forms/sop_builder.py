"""The SOP builder: the sections of a simple SOP, numbered steps, live checking, the honest time saved, and an
export a manager can hand to the team (a Markdown file and a print-friendly page, written beside the notebook).

"Import my earlier answers" brings the prompt of module 02 and the criteria of module 03 into this SOP as text.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks.sop import MAX_STEPS, SECTION_LABELS, STEP_KINDS, sop_markdown, time_saved
from ..sop_page import sop_body
from .base import Form, as_field_text
from .rows import EditableRows, Row

_SMALL = {"description_width": "70px"}
LONG = {"purpose", "trigger", "inputs", "prompt", "expected_output", "quality_checks", "escalation", "data_rules"}
BEFORE_STEPS = ("title", "purpose", "trigger", "inputs", "prompt", "expected_output", "quality_checks")
PLACEHOLDERS = {
    "title": "e.g. Weekly meeting summary with the AI assistant",
    "purpose": "Why this procedure exists, for whom",
    "trigger": "When it starts, e.g. every Monday after the 9:00 team meeting",
    "inputs": "What goes in, and where it comes from",
    "prompt": "The prompt the team uses; type {notes} where the week's notes go",
    "expected_output": "What a good result looks like",
    "quality_checks": "One check per line, e.g. Lists every action with its owner",
    "review_who": "Who reviews and signs off (a role or a person)",
    "review_when": "At which point, how often",
    "escalation": "If … (the situation), then who, by when",
    "data_rules": "Which data may go into which tool, and which data never",
    "owner": "Who keeps this SOP up to date",
    "version": "e.g. 1.0",
    "review_date": "e.g. 2026-06-01",
    "runs_per_week": "How often it runs a week, e.g. 1",
}
CHART_COLOURS = ("#0072B2", "#E69F00")  # Okabe-Ito blue and orange; the bars also carry their words and minutes


class StepRow(Row):
    """One step: who, what kind of step, what they do, the observable result, and the minutes before and after."""

    noun = "step"

    def build(self) -> list[widgets.Box]:
        self.actor = widgets.Text(description="Who", placeholder="A role or a name", continuous_update=True,
                                  style=_SMALL, layout=widgets.Layout(width="auto", flex="0 1 260px"))
        self.kind = widgets.ToggleButtons(options=[(label, key) for key, label in STEP_KINDS.items()],
                                          value="person", description="Kind", style={"button_width": "auto",
                                                                                      "description_width": "40px"})
        self.action = widgets.Text(description="Does", placeholder="What exactly is done", continuous_update=True,
                                   style=_SMALL, layout=widgets.Layout(width="auto", flex="1 1 420px"))
        self.result = widgets.Text(description="Result", placeholder="What exists when it is done",
                                   continuous_update=True, style=_SMALL,
                                   layout=widgets.Layout(width="auto", flex="1 1 320px"))
        self.before = widgets.Text(description="Min. before", placeholder="0", continuous_update=True,
                                   style={"description_width": "80px"}, layout=widgets.Layout(width="140px"))
        self.with_ai = widgets.Text(description="Min. with AI", placeholder="0", continuous_update=True,
                                    style={"description_width": "85px"}, layout=widgets.Layout(width="145px"),
                                    tooltip="Include the time to review the AI's output and fix it")
        self.action.add_class("course-step-action")
        wrap = widgets.Layout(width="100%", flex_flow="row wrap", align_items="center")
        return [widgets.HBox([self.actor, self.kind], layout=wrap), widgets.HBox([self.action], layout=wrap),
                widgets.HBox([self.result, self.before, self.with_ai], layout=wrap)]

    @property
    def inputs(self) -> list[widgets.ValueWidget]:
        return [self.actor, self.kind, self.action, self.result, self.before, self.with_ai]

    def number(self, number: int) -> None:
        self.actor.description = f"Step {number}"
        self.box.add_class("course-step")

    def get(self) -> dict[str, Any]:
        return {"actor": self.actor.value, "kind": self.kind.value, "action": self.action.value,
                "result": self.result.value, "minutes_before": self.before.value,
                "minutes_with_ai": self.with_ai.value}

    def put(self, saved: Any) -> None:
        saved = saved if isinstance(saved, dict) else {}
        self.actor.value = as_field_text(saved.get("actor"))
        kind = saved.get("kind")
        self.kind.value = kind if isinstance(kind, str) and kind in STEP_KINDS else "person"
        self.action.value = as_field_text(saved.get("action"))
        self.result.value = as_field_text(saved.get("result"))
        self.before.value = as_field_text(saved.get("minutes_before"))
        self.with_ai.value = as_field_text(saved.get("minutes_with_ai"))

    @property
    def blank(self) -> bool:
        return not (self.actor.value.strip() or self.action.value.strip() or self.result.value.strip())


class SopBuilderForm(Form):
    """Write an SOP section by section and step by step; the checker says what is missing or unsafe."""

    kind = "SOP builder"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        self.steps = EditableRows(lambda: StepRow(self._on_row_edit, self.move_step), limit=MAX_STEPS,
                                  add_label="Add a step", on_changed=self._rows_changed, empty_rows=3)
        fields: dict[str, widgets.ValueWidget] = {}
        for name in (*SECTION_LABELS, "runs_per_week"):
            common = {"description": SECTION_LABELS.get(name, "Runs a week"), "placeholder": PLACEHOLDERS[name],
                      "continuous_update": True, "layout": widgets.Layout(width="100%", margin="2px 0"),
                      "style": {"description_width": "120px"}}
            fields[name] = (widgets.Textarea(rows=4 if name in ("prompt", "quality_checks") else 2, **common)
                            if name in LONG else widgets.Text(**common))
        return fields

    def field_rows(self) -> list[widgets.Widget]:
        rows = super().field_rows()
        at = len(BEFORE_STEPS)
        heading = widgets.HTML("<p><strong>Steps</strong> in order: who does each one, what they do, and what "
                               "exists when it is done. After every step the AI does, add one where a person checks "
                               "its output.</p>")
        return [*rows[:at], heading, self.steps.box, self.steps.controls, *rows[at:]]

    def first_field(self) -> widgets.DOMWidget:
        return self.fields["title"]

    # --- steps -------------------------------------------------------------------------------------------
    def move_step(self, row: Row, step: int) -> None:
        self.steps.move(row, step)


    # --- the answer ----------------------------------------------------------------------------------------
    def value(self) -> dict[str, Any]:
        return {**{name: field.value for name, field in self.fields.items()},
                "steps": [row.get() for row in self.steps.filled]}

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        for name, field in self.fields.items():
            field.value = as_field_text(saved.get(name))
        self.steps.restore(saved.get("steps") if isinstance(saved.get("steps"), list) else [])

    def fill(self, steps: list[dict[str, Any]] | None = None, **values: Any) -> None:
        """Type an SOP in the way a learner does: the sections, then the steps one after another."""
        for name, text in values.items():
            if name in self.fields:
                self.fields[name].value = as_field_text(text)
        self.steps.fill(steps or [])

    # --- extras: import, time saved, export ---------------------------------------------------------------
    def extra_widgets_before(self) -> list[widgets.Widget]:
        self.import_button = widgets.Button(description="Import my earlier answers", icon="download",
                                            tooltip="Bring your prompt (module 02) and criteria (module 03) in")
        self.import_button.on_click(lambda _b: self.import_earlier())
        self.import_note = widgets.HTML()
        return [widgets.HBox([self.import_button]), self.import_note]

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.saved_time = widgets.HTML()
        self.export_md = widgets.Button(description="Export as Markdown", icon="file-text-o",
                                        tooltip="Write the SOP as a Markdown file in this folder")
        self.export_html = widgets.Button(description="Export as a printable page", icon="print",
                                          tooltip="Write the SOP as a web page to print or share, in this folder")
        self.export_md.on_click(lambda _b: self.export("md"))
        self.export_html.on_click(lambda _b: self.export("html"))
        self.export_note = widgets.HTML()
        # A toggle button rather than an accordion: it can be reached and opened with the keyboard.
        self.preview = widgets.HTML(layout=widgets.Layout(display="none"))
        self.preview_button = widgets.ToggleButton(description="Show the SOP as your team will read it", icon="eye",
                                                   value=False, layout=widgets.Layout(width="auto"))
        self.preview_button.observe(self._toggle_preview, names="value")
        self.on_values_changed()
        return [self.saved_time, self.preview_button, self.preview,
                widgets.HBox([self.export_md, self.export_html]), self.export_note]

    def _toggle_preview(self, change: dict[str, Any]) -> None:
        self.preview.layout.display = None if change["new"] else "none"
        self.preview_button.description = ("Hide" if change["new"] else "Show") + " the SOP as your team will read it"

    def on_values_changed(self) -> None:
        if hasattr(self, "saved_time"):
            value = self.value()
            self.saved_time.value = time_saved_html(value)
            self.preview.value = f'<div class="course-sop-page">{sop_body(value)}</div>'  # as the team reads it

    def import_earlier(self) -> None:
        """Copy the prompt and the criteria of earlier modules into the SOP's fields; nothing typed is lost."""
        from ..earlier_answers import find_earlier_answers

        found = find_earlier_answers(self.store.folder)
        for target, text in found.texts.items():
            field = self.fields[target]
            field.value = text if not field.value.strip() else f"{field.value.rstrip()}\n\n{text}"
        lines = [f"<li>{render.escape(p)}</li>" for p in found.problems]
        if found.texts:
            what = ", ".join(found.found_in)
            graded = "practice here, as in the lesson" if self.in_lesson() else "this copy is what is graded"
            head = f"<p>✔ Imported {render.escape(what)}. Edit them here: {graded}.</p>"
        else:
            head = ("<p>ℹ There is nothing to import yet: no saved prompt from module 02 or criteria from module 03 "
                    "were found beside this assignment. Type them here instead.</p>")
        self.import_note.value = head + (f"<ul>{''.join(lines)}</ul>" if lines else "")

    def export(self, kind: str) -> None:
        """Write the SOP beside the notebook as Markdown or as a printable page, and say where."""
        from ..sop_page import sop_page

        if not self.store.persist:
            self.export_note.value = "<p>Instructor copy: nothing is written into the source folder.</p>"
            return
        title = re.sub(r"[^\w -]+", "", self.fields["title"].value).strip()[:60] or "untitled"
        path = self.store.folder / f"SOP - {title}.{kind}"
        text = sop_markdown(self.value()) if kind == "md" else sop_page(self.value())
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self.export_note.value = (f'<p role="alert">⚠ Not written: {render.escape(error.strerror or error)}. '
                                      "Your SOP is still in the form.</p>")
            return
        how = ("Open it from the file list (View › File Browser, then double-click it); print it from your "
               "browser's Print menu."
               if kind == "html" else "Open it from the file list (View › File Browser), or attach it to an e-mail to "
               "your team.")
        self.export_note.value = f"<p>✔ Written to “{render.escape(path.name)}” in this folder. {how}</p>"


def time_saved_html(value: Any) -> str:
    """Minutes a run takes before and with AI as two bars with their words and numbers, and the saving in words."""
    saved = time_saved(value)
    if not saved.before and not saved.with_ai:
        return ("<p><strong>Time saved:</strong> type the minutes of each step before and with AI (include the "
                "review and the fixing) to see the honest saving.</p>")
    most = max(saved.before, saved.with_ai) or 1
    bars = []
    for (label, minutes), colour in zip((("Before", saved.before), ("With AI, review and rework included",
                                                                    saved.with_ai)), CHART_COLOURS, strict=True):
        width = max(2, round(240 * minutes / most)) if minutes else 0
        bars.append(f'<div style="display:flex;align-items:center;gap:8px;margin:2px 0"><span style="flex:0 0 '
                    f'260px">{label}</span><span aria-hidden="true" style="display:inline-block;height:14px;'
                    f'width:{width}px;background:{colour};border:1px solid #333"></span><strong>{minutes:g} min'
                    f"</strong></div>")
    if saved.per_run >= 0:
        words = (f"Saves {saved.per_run:g} minutes a run"
                 + (f", {saved.per_week:g} minutes a week." if saved.runs_per_week else "; type how often it runs "
                    "a week to see the weekly saving."))
    else:
        words = f"Takes {-saved.per_run:g} minutes longer a run with AI: fix the process before adding AI to it."
    odd = (f" Steps {', '.join(map(str, saved.unreadable))}: the minutes are not numbers and were left out."
           if saved.unreadable else "")
    return (f'<figure class="course-chart" style="margin:6px 0"><figcaption><strong>Time per run</strong>'
            f"</figcaption>{''.join(bars)}<p class=\"course-chart-text\">In words: {render.escape(words + odd)}</p>"
            "</figure>")


class SopOutlineForm(SopBuilderForm):
    """A one-page SOP outline for a task of the learner's own team: the sections the task asks for and the steps,
    checked by the same SOP checker; the prompt and the quality checks are the learner's items of modules 02
    and 03, so they are not asked again."""

    kind = "SOP outline"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        fields = super().build_fields()
        asked = {"title", *self.task.spec.sections, "review_who", "review_when", "owner", "review_date",
                 "runs_per_week"}
        return {name: field for name, field in fields.items() if name in asked}

    def field_rows(self) -> list[widgets.Widget]:
        rows = dict(zip(self.fields, Form.field_rows(self), strict=True))
        before = [rows[name] for name in BEFORE_STEPS if name in rows]
        after = [row for name, row in rows.items() if name not in BEFORE_STEPS]
        heading = widgets.HTML("<p><strong>Steps</strong> in order: who does each one (a role), what they do, and "
                               "what exists when it is done. After every step the AI does, add one where a person "
                               "checks its output.</p>")
        return [*before, heading, self.steps.box, self.steps.controls, *after]

    def extra_widgets_before(self) -> list[widgets.Widget]:
        return []  # nothing to import: the outline is about the learner's own team
