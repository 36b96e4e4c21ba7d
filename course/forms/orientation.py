"""The forms of module 00: the first form, the data rule's sorting and the before-course self-assessment.

The first form is two short text fields. The other two are forms of choices: each line is a statement (a snippet,
an outcome of the course) shown in full above a row of buttons, and the answer is the button picked on each line.
"""

from __future__ import annotations

import ipywidgets as widgets

from .. import render
from ..checks.data_rule import CHOICES, rule_key
from ..checks.first_form import FIELD_LABELS, read_answers
from ..checks.self_assessment import SCALE
from ..data_rules import data_classes
from .fields import Field, FieldsForm


class FirstForm(FieldsForm):
    """Two short answers: what the team does, and one recurring task the learner would like help with."""

    kind = "first form"
    FIELDS = (
        Field("team_work", FIELD_LABELS["team_work"], "e.g. we answer customer questions about deliveries",
              long=True),
        Field("task_for_help", FIELD_LABELS["task_for_help"], "e.g. the weekly summary of open complaints",
              long=True),
    )

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.echo = widgets.HTML()
        self.on_values_changed()
        return [self.echo]

    def on_values_changed(self) -> None:
        """Show the answer as it is kept, the way a facilitator would read it."""
        if not hasattr(self, "echo"):
            return
        answers = read_answers(self.value())
        items = "".join(f"<li><strong>{render.escape(label)}:</strong> {render.escape(answers[name] or '…', 1000)}</li>"
                        for name, label in FIELD_LABELS.items())
        self.echo.value = f"<p><strong>Your answer, as it is kept</strong></p><ul>{items}</ul>"


class ChoicesForm(FieldsForm):
    """Lines of choices: a statement in full, then the buttons to pick from; ``lines`` says which."""

    OPTIONS: tuple[tuple[str, str], ...] = ()
    TOOLTIPS: tuple[str, ...] = ()

    def lines(self) -> list[tuple[str, str, str]]:
        """(name, short label, statement) for each line, in order."""
        raise NotImplementedError

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        fields = {}
        for name, _label, _statement in self.lines():
            fields[name] = widgets.ToggleButtons(  # the line's label is in bold in the statement above it
                options=[("Not picked", ""), *self.OPTIONS], value="",
                tooltips=["Not picked yet", *self.TOOLTIPS] if self.TOOLTIPS else [],
                style={"button_width": "auto"})
        return fields

    def field_rows(self) -> list[widgets.Widget]:
        rows = super().field_rows()
        return [widgets.VBox([widgets.HTML(f'<p class="course-choice-text" style="margin: 8px 0 0 0">'
                                           f"<strong>{render.escape(label)}.</strong> {render.escape(statement)}</p>"),
                              row], layout=widgets.Layout(width="100%"))
                for row, (_name, label, statement) in zip(rows, self.lines(), strict=True)]

    def first_field(self) -> widgets.DOMWidget:
        return next(iter(self.fields.values()))


class DataRuleForm(ChoicesForm):
    """The data rule in the learner's words (a place for each kind of data), then made-up snippets to sort by it:
    any AI tool, only the approved tool, or no AI tool."""

    kind = "data rule"
    OPTIONS = tuple((label, value) for value, label in CHOICES.items())

    def lines(self) -> list[tuple[str, str, str]]:
        rule = [(rule_key(row), row.name, f"For example {row.examples}.") for row in data_classes()]
        return rule + [(s.id, f"Snippet {n}", s.text) for n, s in enumerate(self.task.spec, start=1)]

    def field_rows(self) -> list[widgets.Widget]:
        rows = super().field_rows()
        kinds = len(data_classes())
        return [widgets.HTML("<p><strong>Your rule: where may each kind of data go?</strong> Grading sorts four "
                             "snippets you have not seen by this rule.</p>"), *rows[:kinds],
                widgets.HTML("<p><strong>Eight snippets: where may each one go?</strong> One point for each "
                             "snippet sorted the right way.</p>"), *rows[kinds:]]


class SelfAssessmentForm(ChoicesForm):
    """Confidence from 1 to 5 on each outcome of the course, before it starts."""

    kind = "self-assessment"
    OPTIONS = tuple((value, value) for value in SCALE)
    TOOLTIPS = tuple(SCALE.values())

    def extra_widgets_before(self) -> list[widgets.Widget]:
        scale = "; ".join(SCALE[n] for n in ("1", "3", "5"))
        return [widgets.HTML(f"<p><strong>How confident are you that you could do this at work today?</strong> "
                             f"{render.escape(scale)}.</p>")]

    def lines(self) -> list[tuple[str, str, str]]:
        return [(o["id"], o["name"], o["text"]) for o in self.task.spec]
