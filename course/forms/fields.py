"""Forms made of named fields only: the decision rule, the 60-30-10 split, the metric cards (module 05).

Each kind of form lists its fields (name, label, placeholder, and a choice of options for a field picked from a
few); the answer is the fields' values by name. A form may show more below (the rule applied to the pilot).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks.metric_card import FIELD_LABELS
from .base import Form, as_field_text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()   # (label, value): picked with buttons, never a drop-down list
    long: bool = False

    def widget(self) -> widgets.ValueWidget:
        style = {"description_width": "150px"}
        if self.options:
            return widgets.ToggleButtons(options=[("Not picked", ""), *self.options], value="",
                                         description=self.label, style={**style, "button_width": "auto"})
        kind = widgets.Textarea if self.long else widgets.Text
        return kind(description=self.label, placeholder=self.placeholder, continuous_update=True, style=style,
                    layout=widgets.Layout(width="100%", margin="2px 0"))


class FieldsForm(Form):
    """A form of named fields; ``FIELDS`` says which."""

    kind = "fields"
    FIELDS: tuple[Field, ...] = ()

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        return {f.name: f.widget() for f in self.FIELDS}

    def value(self) -> dict[str, Any]:
        return {name: field.value for name, field in self.fields.items()}

    def first_field(self) -> widgets.DOMWidget:
        """The first field to type into (a choice made with buttons is left to the learner)."""
        return next(f for f in self.fields.values() if isinstance(f, widgets.Text | widgets.Textarea))

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        for name, field in self.fields.items():
            text = as_field_text(saved.get(name))
            if isinstance(field, widgets.ToggleButtons):
                text = text if text in [v for _label, v in field.options] else ""
            field.value = text


class DecisionRuleForm(FieldsForm):
    """The rule for scaling or stopping a use case, and what it decides on this pilot's figures."""

    kind = "decision rule"
    FIELDS = (
        Field("measure", "Minutes that count", options=(("Net: review and rework included", "net"),
                                                         ("Before review and rework", "gross"))),
        Field("min_minutes", "Scale when it saves more than (minutes a task)", "e.g. 0.5"),
        Field("max_error_rise", "…and errors rise by at most (percentage points)", "e.g. 1"),
    )

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.decisions = widgets.HTML()
        self.on_values_changed()
        return [self.decisions]

    def on_values_changed(self) -> None:
        if not hasattr(self, "decisions"):
            return
        from ..checks.decision_rule import USE_CASE_NAMES, read_rule

        figures = self.task.spec(self.task.shown_cases[0])
        rule, _problems = read_rule(self.value())
        rows = "".join(
            f"<tr><td>{render.escape(USE_CASE_NAMES.get(f.use_case, f.use_case))}</td>"
            f"<td>{f.gross_minutes:.1f}</td><td>{f.net_minutes:.1f}</td><td>{f.error_rise:+.1f}</td>"
            f"<td><strong>{render.escape(f.decide(rule)) if rule else '—'}</strong></td></tr>" for f in figures)
        self.decisions.value = (
            '<table class="course-results" style="border-collapse:collapse"><caption>Your rule on this pilot\'s '
            'figures (team level)</caption><thead><tr><th scope="col">Use case</th><th scope="col">Minutes saved '
            'a task before review</th><th scope="col">Net minutes saved</th><th scope="col">Error rate change '
            f'(percentage points)</th><th scope="col">Your rule says</th></tr></thead><tbody>{rows}</tbody></table>')


class AllocationForm(FieldsForm):
    """The team's split of saved time across customer or project work, process fixes and learning, with the plan
    shown as the team would read it."""

    kind = "time split"

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.plan = widgets.HTML()
        self.on_values_changed()
        return [self.plan]

    def on_values_changed(self) -> None:
        if not hasattr(self, "plan"):
            return
        from ..checks.allocation import BUCKETS, read_split

        shares, _fractions = read_split(self.value())
        items = "".join(
            f"<li><strong>{'?' if shares[b] is None else f'{shares[b]:g}'}% {render.escape(label.lower())}:</strong> "
            f"{render.escape(self.fields[f'{b}_activities'].value.strip() or '(no activity yet)', 2000)}</li>"
            for b, label in BUCKETS.items())
        self.plan.value = f"<p><strong>Your plan, as your team will read it</strong></p><ul>{items}</ul>"

    FIELDS = (
        Field("customer_project", "Customer or project work %", "e.g. 60"),
        Field("customer_project_activities", "Which activities", "e.g. call back customers waiting over a week",
              long=True),
        Field("process", "Process fixes %", "e.g. 30"),
        Field("process_activities", "Which activities", "e.g. rewrite the three most-used templates", long=True),
        Field("learning", "Learning %", "e.g. 10"),
        Field("learning_activities", "Which activities", "e.g. a monthly show-and-tell of prompts", long=True),
    )


CARD_FIELDS = ("name", "question", "formula", "data_source", "baseline", "target", "owner", "cadence", "guardrail")
LONG_CARD_FIELDS = ("formula", "guardrail")  # often a sentence: a box that shows all of it
CARD_HINTS = {"name": "e.g. Net minutes saved per ticket", "question": "Which decision will it inform?",
              "formula": "In words or symbols", "data_source": "Where the numbers come from",
              "baseline": "The value before the pilot, and the weeks", "target": "A number, and by when",
              "owner": "A role or a person", "cadence": "e.g. weekly in the pilot, monthly after",
              "guardrail": "A quality metric that must not get worse"}


def card_fields(count: int) -> tuple[Field, ...]:
    """The fields of ``count`` metric cards, one card after another."""
    return tuple(
        field for n in range(1, count + 1) for field in (
            *(Field(f"card{n}_{name}", f"Card {n}: {FIELD_LABELS[name]}" if name == "name" and count > 1
                    else FIELD_LABELS[name], CARD_HINTS[name], long=name in LONG_CARD_FIELDS) for name in CARD_FIELDS),
            Field(f"card{n}_kind", FIELD_LABELS["kind"], options=(("Leading", "leading"), ("Lagging", "lagging"))))
    )


class MetricCardsForm(FieldsForm):
    """Metric cards, one after another (as many as the task asks for); the answer is ``{"cards": [card, ...]}``."""

    kind = "metric cards"

    @property
    def count(self) -> int:
        return int(self.task.spec or 3)

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        return {f.name: f.widget() for f in card_fields(self.count)}

    def value(self) -> dict[str, Any]:
        flat = super().value()
        return {"cards": [{name: flat[f"card{n}_{name}"] for name in (*CARD_FIELDS, "kind")}
                          for n in range(1, self.count + 1)]}

    def set_value(self, value: Any) -> None:
        cards = value.get("cards") if isinstance(value, dict) else None
        cards = cards if isinstance(cards, list) else []
        flat = {f"card{n}_{name}": card.get(name) for n, card in enumerate(cards[:self.count], start=1)
                if isinstance(card, dict) for name in (*CARD_FIELDS, "kind")}
        super().set_value(flat)

    def fill(self, cards: list[dict[str, str]] | None = None, **values: str) -> None:
        """Type the cards in as a learner would."""
        for n, card in enumerate((cards or [])[:self.count], start=1):
            for name, text in card.items():
                if f"card{n}_{name}" in self.fields:
                    self.fields[f"card{n}_{name}"].value = text
        super().fill(**values)
