"""Rows a learner adds, removes and moves: the criteria of a criteria table, the steps of an SOP.

``EditableRows`` keeps the rows in order, numbers them, keeps Up/Down off at the ends, never goes past a limit,
always leaves one row to type into, and gives the keyboard focus back after a move (redrawn rows lose it). A
kind of row says which widgets it has and how it reads and writes its part of the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets


class Row:
    """One row: its input widgets, Up/Down/Remove buttons and a note line under it."""

    noun = "row"

    def __init__(self, on_change: Callable[[dict[str, Any]], None], on_move: Callable[[Row, int], None]) -> None:
        self.up = widgets.Button(description="Up", icon="arrow-up", tooltip=f"Move this {self.noun} up",
                                 layout=widgets.Layout(width="70px"))
        self.down = widgets.Button(description="Down", icon="arrow-down", tooltip=f"Move this {self.noun} down",
                                   layout=widgets.Layout(width="80px"))
        self.remove = widgets.Button(description="Remove", icon="trash", tooltip=f"Remove this {self.noun}",
                                     layout=widgets.Layout(width="95px"))
        self.note = widgets.HTML()
        self.note.add_class("course-row-note")
        self.up.on_click(lambda _b: on_move(self, -1))
        self.down.on_click(lambda _b: on_move(self, +1))
        self.remove.on_click(lambda _b: on_move(self, 0))
        lines = self.build()
        for widget in self.inputs:
            widget.observe(on_change, names="value")
        lines[-1].children = (*lines[-1].children, self.up, self.down, self.remove)
        self.box = widgets.VBox([*lines, self.note], layout=widgets.Layout(
            border="1px solid var(--jp-border-color2, #ccc)", padding="4px", margin="3px 0"))

    # --- to be provided by each kind of row ---------------------------------------------------------------
    def build(self) -> list[widgets.Box]:
        """The row's lines of widgets (the buttons join the last line)."""
        raise NotImplementedError

    @property
    def inputs(self) -> list[widgets.ValueWidget]:
        raise NotImplementedError

    @property
    def first(self) -> widgets.DOMWidget:
        """The widget the keyboard focus goes to."""
        return self.inputs[0]

    def number(self, number: int) -> None:
        """Show the row's number (in its first field's label)."""

    def get(self) -> dict[str, Any]:
        raise NotImplementedError

    def put(self, saved: Any) -> None:
        raise NotImplementedError

    @property
    def blank(self) -> bool:
        raise NotImplementedError


class EditableRows:
    """An ordered list of rows in a box, with an Add button and a line for messages."""

    def __init__(self, make: Callable[[], Row], *, limit: int, add_label: str, on_changed: Callable[[], None],
                 empty_rows: int = 1) -> None:
        self.make = make
        self.limit = limit
        self.on_changed = on_changed
        self.rows: list[Row] = []
        self.box = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.add_button = widgets.Button(description=add_label, icon="plus", tooltip="Add an empty row at the end")
        self.add_button.on_click(lambda _b: self.add(focus=True))
        self.message = widgets.HTML()
        self.controls = widgets.HBox([self.add_button, self.message])
        for _ in range(empty_rows):
            self.add(announce=False)

    @property
    def filled(self) -> list[Row]:
        return [row for row in self.rows if not row.blank]

    def add(self, *, focus: bool = False, announce: bool = True) -> Row | None:
        """Add an empty row at the end (None, with a message, when the list is full)."""
        if len(self.rows) >= self.limit:
            self.message.value = f'<p role="alert">At most {self.limit} rows; merge or remove some first.</p>'
            return None
        row = self.make()
        self.rows.append(row)
        self.lay_out()
        if focus:
            row.first.focus()
        if announce:
            self.on_changed()
        return row

    def move(self, row: Row, step: int) -> None:
        """Move ``row`` up (-1) or down (+1), or remove it (0); moving past either end does nothing."""
        if row not in self.rows:
            return
        at = self.rows.index(row)
        if step == 0:
            self.rows.pop(at)
            if not self.rows:
                self.rows.append(self.make())
        elif 0 <= at + step < len(self.rows):
            self.rows[at], self.rows[at + step] = self.rows[at + step], self.rows[at]
        else:
            return
        self.lay_out()
        self.on_changed()
        # Redrawn rows lose the keyboard focus: give it back where a keyboard user expects it.
        if step == 0:
            self.rows[min(at, len(self.rows) - 1)].first.focus()
        else:
            moved, other = (row.up, row.down) if step < 0 else (row.down, row.up)
            (other if moved.disabled else moved).focus()

    def lay_out(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.number(number)
            row.up.disabled = number == 1
            row.down.disabled = number == len(self.rows)
        self.box.children = [row.box for row in self.rows]
        self.add_button.disabled = len(self.rows) >= self.limit
        if len(self.rows) < self.limit:
            self.message.value = ""

    def fill(self, saved_rows: list[Any]) -> None:
        """Type saved rows in as a learner would, adding rows as needed (a full list stops quietly)."""
        for number, saved in enumerate(saved_rows):
            row = self.rows[number] if number < len(self.rows) else self.add()
            if row is None:
                break
            row.put(saved)

    def restore(self, saved_rows: list[Any]) -> None:
        """Rebuild the rows from a saved answer, with one empty row after them to type into."""
        self.rows = []
        for saved in saved_rows[:self.limit]:
            row = self.make()
            row.put(saved)
            self.rows.append(row)
        if len(self.rows) < self.limit:
            self.rows.append(self.make())
        self.lay_out()
