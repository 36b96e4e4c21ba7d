"""The use-case picker (module 01): weigh what matters, see the team's tasks ranked, tick 3 to 5 for the pilot.

Four sliders weigh the factors of the ranking (time at stake, routine input, safety of a mistake, safety of the
data). Beside every task of the team's inventory the picker shows its rank and score with these weights and the
fixed rules it breaks, which no weight can change; the learner ticks the tasks to pilot and says why in their own
words (a self-check, not graded). The tasks stay in the inventory's order, so ticking never jumps around.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks.messages import finding
from ..checks.use_cases import DEFAULT_WEIGHTS, FACTORS, MOST, broken_rules, rank, read_picks, warnings_for
from .base import Form, as_field_text

FACTOR_LABELS = {"time": "Time at stake", "routine": "Routine input", "safety": "Safe if it goes wrong",
                 "data": "Safe data"}
SELF_CHECK = ("Before you save, read your reasons again: does each pick run every week, is its input much the "
              "same each time, who checks the output, and which tool will it use with what data?")


class UseCaseForm(Form):
    """Weights, the ranked inventory with a tick box per task, and the reasons for the picks."""

    kind = "use-case picker"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        self.inventory = self.task.spec(self.task.shown_cases[0])
        fields: dict[str, widgets.ValueWidget] = {
            f"weight_{factor}": widgets.IntSlider(value=int(DEFAULT_WEIGHTS[factor]), min=0, max=5,
                                                  description=FACTOR_LABELS[factor], continuous_update=False,
                                                  style={"description_width": "160px"})
            for factor in FACTORS}
        for number, candidate in enumerate(self.inventory):
            fields[f"pick_{number}"] = widgets.Checkbox(value=False, description=candidate.task, indent=False,
                                                        layout=widgets.Layout(width="auto"))
        fields["rationale"] = widgets.Textarea(description="Why these", placeholder="In two or three sentences: "
                                               "why these tasks first, and what keeps them safe.",
                                               layout=widgets.Layout(width="100%", height="90px"),
                                               style={"description_width": "160px"})
        self.ranks = {f"pick_{n}": widgets.HTML() for n in range(len(self.inventory))}
        self.ticked = widgets.HTML()
        return fields

    def field_rows(self) -> list[widgets.Widget]:
        weights = [self._field_row(self.fields[f"weight_{f}"], self.field_lines[f"weight_{f}"]) for f in FACTORS]
        heading = widgets.HTML("<p><strong>Your team's tasks, ranked with your weights.</strong> Tick 3 to 5 to "
                               "pilot first. The rules shown in red cannot be weighed away.</p>")
        tasks = [widgets.HBox([self.fields[name], self.ranks[name]],
                              layout=widgets.Layout(width="100%", flex_flow="row wrap", align_items="center"))
                 for name in self.ranks]
        rationale = self._field_row(self.fields["rationale"], self.field_lines["rationale"])
        self.on_values_changed()
        return [*weights, heading, *tasks, self.ticked, widgets.HTML(f"<p>{render.escape(SELF_CHECK)}</p>"), rationale]

    def value(self) -> dict[str, Any]:
        return {"weights": {f: self.fields[f"weight_{f}"].value for f in FACTORS},
                "picks": [c.task for n, c in enumerate(self.inventory) if self.fields[f"pick_{n}"].value],
                "rationale": self.fields["rationale"].value}

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        weights = saved.get("weights") if isinstance(saved.get("weights"), dict) else {}
        for factor in FACTORS:
            number = weights.get(factor, DEFAULT_WEIGHTS[factor])
            ok = isinstance(number, int | float) and not isinstance(number, bool) and 0 <= number <= 5
            self.fields[f"weight_{factor}"].value = int(round(number)) if ok else int(DEFAULT_WEIGHTS[factor])
        picked = {p.lower() for p in read_picks(saved)}
        for n, candidate in enumerate(self.inventory):
            self.fields[f"pick_{n}"].value = candidate.task.lower() in picked
        self.fields["rationale"].value = as_field_text(saved.get("rationale"))

    def first_field(self) -> widgets.DOMWidget:
        """The reasons box: the one field to type into (sliders and tick boxes are set, not typed)."""
        return self.fields["rationale"]

    def on_values_changed(self) -> None:
        """Each task's rank, score and the rules it breaks, with the weights as they are now."""
        if not hasattr(self, "ranks"):
            return
        weights = {f: float(self.fields[f"weight_{f}"].value) for f in FACTORS}
        order = {id(c): (place, score) for place, (c, score) in enumerate(rank(self.inventory, weights), start=1)}
        picked = sum(self.fields[name].value for name in self.ranks)
        for n, candidate in enumerate(self.inventory):
            place, score = order[id(candidate)]
            rules = [finding(kind, task=candidate.task, minutes=f"{candidate.minutes_per_week:g}",
                             runs=f"{candidate.runs_per_week:g}").message for kind in broken_rules(candidate)]
            notes = [finding(kind, task=candidate.task).message for kind in warnings_for(candidate)]
            parts = [f"<strong>#{place}</strong> · score {score:g} · {candidate.minutes_per_week:g} min a week"]
            parts += [f'<span style="color:#a4001d">✖ {render.escape(_after_task(m))}</span>' for m in rules]
            parts += [f"<span>ℹ {render.escape(_after_task(m))}</span>" for m in notes]
            self.ranks[f"pick_{n}"].value = "<span>" + " · ".join(parts) + "</span>"
        self.ticked.value = (f'<p role="alert">⚠ {picked} tasks are ticked: keep {MOST} at most.</p>' if picked > MOST
                             else f"<p>{picked} task(s) ticked.</p>")

    def fill(self, weights: dict[str, int] | None = None, picks: list[str] | None = None, **values: str) -> None:
        """Set weights, tick tasks by name and type the reasons, as a learner would."""
        for factor, number in (weights or {}).items():
            self.fields[f"weight_{factor}"].value = number
        wanted = {p.lower() for p in picks or []}
        for n, candidate in enumerate(self.inventory):
            if picks is not None:
                self.fields[f"pick_{n}"].value = candidate.task.lower() in wanted
        super().fill(**values)


def _after_task(message: str) -> str:
    """A rule's message without the task name it starts with (the name is already beside it)."""
    _task, separator, rest = message.partition(": ")
    return rest if separator else message
