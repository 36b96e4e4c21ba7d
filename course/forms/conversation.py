"""The conversations form of module 06: play each scenario turn by turn, see why a choice helped or hurt.

Each conversation shows the setting, what the person says, and a button for each thing the learner could say
back (buttons take the keyboard: Tab to one, Enter or Space to pick it). After a pick, the person's reply and why
the choice helped or hurt appear above the next turn, until an ending. The way through is saved as it is played;
running the cell again replays the saved picks, so the conversation shows where the learner left it. "Start
again" clears one conversation.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks import conversations as cv
from ..checks import scenario as sc
from .base import Form

EFFECT_WORDS = {"helps": "✔ This helps", "mixed": "◐ This only partly helps", "hurts": "✘ This hurts"}


class ConversationForm(Form):
    """One panel per conversation of the task (its ``spec`` lists the scenario names), played with buttons."""

    kind = "conversations"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        self.names = tuple(self.task.spec)
        self.picks: dict[str, list[int]] = {name: [] for name in self.names}
        self.panels = {name: widgets.VBox(layout=widgets.Layout(width="100%")) for name in self.names}
        for name in self.names:
            self.panels[name].add_class("course-conversation")
            self._draw(name)
        return {}

    def field_rows(self) -> list[widgets.Widget]:
        return list(self.panels.values())

    def first_field(self) -> widgets.DOMWidget:
        return next(child for child in self.panels[self.names[0]].children if isinstance(child, widgets.Button))

    def value(self) -> Any:
        return {"plays": {name: list(picks) for name, picks in self.picks.items()}}

    def set_value(self, value: Any) -> None:
        saved = cv.plays(value)
        for name in self.names:
            played = sc.walk(cv.shipped(name), saved.get(name, []))
            self.picks[name] = saved.get(name, [])[:len(played.chosen)]  # the picks that were choices at their turn
            self._draw(name)

    # --- playing ---------------------------------------------------------------------------------------------
    def pick(self, name: str, number: int) -> None:
        """Say choice ``number`` at the current turn of conversation ``name`` (what a button click does)."""
        self.picks[name].append(number)
        self._draw(name)
        self._rows_changed()

    def start_again(self, name: str) -> None:
        self.picks[name] = []
        self._draw(name)
        self._rows_changed()

    def _draw(self, name: str) -> None:
        scenario = cv.shipped(name)
        played = sc.walk(scenario, self.picks[name])
        parts: list[widgets.Widget] = [widgets.HTML(
            f"<h4>{render.escape(scenario.title)}</h4><p><em>{render.escape(scenario.person)}.</em> "
            f"{render.escape(scenario.setting)}</p>")]
        for step_name, choice in zip(played.visited, played.chosen, strict=False):
            parts.append(widgets.HTML(
                f"<p><strong>{render.escape(scenario.person.split(',')[0])}:</strong> "
                f"{render.escape(scenario.steps[step_name].says)}</p><p><strong>You:</strong> "
                f"{render.escape(choice.say)}</p><p class='course-why'>{EFFECT_WORDS[choice.effect]}: "
                f"{render.escape(choice.why)}</p>"))
        here = scenario.steps[played.visited[-1]]
        speaker = render.escape(scenario.person.split(",")[0])
        if here.ending:
            parts.append(widgets.HTML(f"<p><strong>{speaker}:</strong> {render.escape(here.says)}</p>"
                                      f"<p class='course-ending'><strong>Ending ({here.ending}):</strong> "
                                      f"{render.escape(here.why)}</p>"))
        else:
            parts.append(widgets.HTML(f"<p><strong>{speaker}:</strong> {render.escape(here.says)}</p>"
                                      "<p>What do you say?</p>"))
            for number, choice in enumerate(here.choices):
                button = widgets.Button(description=choice.say, tooltip=choice.say,
                                        layout=widgets.Layout(width="100%", height="auto"))
                button.add_class("course-choice")
                button.on_click(lambda _b, n=number: self.pick(name, n))
                parts.append(button)
        if self.picks[name]:
            again = widgets.Button(description="Start this conversation again", icon="undo")
            again.on_click(lambda _b: self.start_again(name))
            parts.append(again)
        self.panels[name].children = tuple(parts)
