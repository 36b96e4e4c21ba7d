"""The course's one data rule: which kind of data may go into which AI tool.

One table (``data_rules.json`` beside this file) is the single truth. Each row is a class of data (made-up
examples, public information, internal work material, personal data, confidential and special data); each says
where that data may go: into **any AI tool**, **only the approved tool** (the company's enterprise plan with audit
logs and admin controls) or **no AI tool** at all. This course's own forms count as a consumer tool, so only what
may go into any AI tool belongs in them.

Module 00 shows the table (``data_rule_table()``); the sorting exercise, the quizzes, the SOP checker and the
use-case rules read their answers from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import render

PLACES = ("any", "approved", "none")           # from the widest to the narrowest
TOOLS = ("enterprise", "consumer", "course")   # the course's forms count as a consumer tool


@dataclass(frozen=True)
class DataClass:
    """One row of the table: a class of data and where it may go."""

    id: str
    name: str
    examples: str
    place: str       # "any", "approved" or "none"
    note: str = ""


@cache
def _table() -> dict:
    return json.loads((Path(__file__).with_name("data_rules.json")).read_text(encoding="utf-8"))


@cache
def data_classes() -> tuple[DataClass, ...]:
    """The rows of the table, in order."""
    rows = tuple(DataClass(c["id"], c["name"], c["examples"], c["place"], c.get("note", ""))
                 for c in _table()["classes"])
    for row in rows:
        if row.place not in PLACES:
            raise ValueError(f"Data class {row.id}: the place must be one of {PLACES}.")
    return rows


def place_label(place: str) -> str:
    """'Any AI tool', 'Only the approved tool' or 'No AI tool'."""
    return _table()["places"][place]


def place_of(data_class: str) -> str:
    """Where data of ``data_class`` may go: 'any', 'approved' or 'none'."""
    for row in data_classes():
        if row.id == data_class:
            return row.place
    raise KeyError(f"No data class {data_class!r} in the data rule.")


def allowed(data_class: str, tool: str) -> bool:
    """True when data of ``data_class`` may go into ``tool`` ('enterprise', 'consumer' or 'course')."""
    if tool not in TOOLS:
        raise KeyError(f"No tool {tool!r} in the data rule.")
    place = place_of(data_class)
    return place == "any" or (place == "approved" and tool == "enterprise")


@dataclass(frozen=True)
class DataRuleTable:
    """The table as a notebook shows it: HTML (every text escaped), or plain text where HTML cannot be shown."""

    rows: tuple[DataClass, ...]

    def _repr_html_(self) -> str:
        left = ' style="text-align: left; vertical-align: top"'
        tools = _table()["tools"]
        head = "".join(f'<th scope="col"{left}>{render.escape(name)}</th>' for name in (
            "Data", "For example", "Where it may go"))
        body = "".join(
            f'<tr><th scope="row"{left}>{render.escape(row.name)}</th><td{left}>{render.escape(row.examples)}</td>'
            f"<td{left}><strong>{render.escape(place_label(row.place))}</strong>"
            f"{(' (' + render.escape(row.note) + ')') if row.note else ''}</td></tr>" for row in self.rows)
        foot = (f"<p><strong>The approved tool</strong> is {render.escape(tools['enterprise'])}. "
                f"<strong>A consumer AI tool</strong> is {render.escape(tools['consumer'])}: it takes only what "
                f"may go into any AI tool. {render.escape(tools['course'])}</p>")
        return (f'<table class="course-data-rule"><caption>The data rule: which data may go into which AI tool'
                f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{foot}")

    def __str__(self) -> str:
        return "\n".join(f"{row.name} ({row.examples}): {place_label(row.place)}"
                         f"{' (' + row.note + ')' if row.note else ''}" for row in self.rows)

    def __repr__(self) -> str:
        return str(self)


def data_rule_table() -> DataRuleTable:
    """The data rule, as a table a notebook shows."""
    return DataRuleTable(data_classes())
