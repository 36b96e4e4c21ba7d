"""The use-case picker (module 01): weigh what matters, see the team's tasks ranked, tick 3 to 5 for the pilot.

Four rows of buttons (0 to 5) weigh the factors of the ranking (time at stake, routine input, safety of a
mistake, safety of the data). Beside every task of the team's inventory the picker shows its rank and score with
these weights and the fixed rules it breaks, which no weight can change; the learner ticks the tasks to pilot and
says in their own words why, and what would make them stop one (read by a person against a rubric), and sees the
pilot as the team will read it. The tasks stay in the inventory's order, so ticking never jumps around.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import place, render
from ..checks.messages import finding
from ..checks.use_cases import (
    DEFAULT_WEIGHTS,
    FACTORS,
    MOST,
    broken_rules,
    how_often,
    rank,
    read_inventory,
    read_picks,
    warnings_for,
)
from .base import Form, as_field_text, uploaded

FACTOR_LABELS = {"time": "Time at stake", "routine": "Routine input", "safety": "Safe if it goes wrong",
                 "data": "Safe data"}
TEXTS = (("rationale", "Why these first", "In two or three sentences: why these tasks first, and what keeps "
                                         "them safe."),
         ("stop_sign", "We stop one when", "e.g. more than 1 in 10 drafts needs rework after two weeks"))
SELF_CHECK = ("Before you save, read your reasons again: does each pick run every week, is its input much the "
              "same each time, who checks the output, and which tool will it use with what data?")


def _ticked(count: int) -> str:
    """'No task ticked yet', '1 task ticked', '4 tasks ticked'."""
    return "No task ticked yet" if count == 0 else f"{count} task{'s' if count != 1 else ''} ticked"


class UseCaseForm(Form):
    """Weights, the ranked inventory with a tick box per task, and the reasons for the picks."""

    kind = "use-case picker"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        self.inventory = self.task.spec(self.task.shown_cases[0])
        fields: dict[str, widgets.ValueWidget] = {
            f"weight_{factor}": widgets.ToggleButtons(options=[str(n) for n in range(6)],
                                                      value=f"{DEFAULT_WEIGHTS[factor]:g}",
                                                      description=FACTOR_LABELS[factor],
                                                      style={"description_width": "160px", "button_width": "56px"})
            for factor in FACTORS}
        for number, candidate in enumerate(self.inventory):
            fields[f"pick_{number}"] = widgets.Checkbox(value=False, description=candidate.task, indent=False,
                                                        layout=widgets.Layout(width="auto", flex="0 1 45%",
                                                                              min_width="260px"))
        for name, label, placeholder in TEXTS:
            fields[name] = widgets.Textarea(description=label, placeholder=placeholder, continuous_update=True,
                                            layout=widgets.Layout(width="100%", height="80px"),
                                            style={"description_width": "160px"})
        self.ranks = {f"pick_{n}": widgets.HTML(layout=widgets.Layout(flex="1 1 300px"))
                      for n in range(len(self.inventory))}
        self.ticked = widgets.HTML()
        return fields

    def field_rows(self) -> list[widgets.Widget]:
        weights = [self._field_row(self.fields[f"weight_{f}"], self.field_lines[f"weight_{f}"]) for f in FACTORS]
        heading = widgets.HTML("<p><strong>Your team's tasks, ranked with your weights.</strong> Tick 3 to 5 to "
                               "pilot first. The rules shown in red cannot be weighed away.</p>")
        self.task_rows = {name: widgets.HBox([self.fields[name], self.ranks[name]],
                                             layout=widgets.Layout(width="100%", flex_flow="row wrap",
                                                                   align_items="center"))
                          for name in self.ranks}
        self.task_list = widgets.VBox(list(self.task_rows.values()), layout=widgets.Layout(width="100%"))
        texts = [self._field_row(self.fields[name], self.field_lines[name]) for name, _label, _hint in TEXTS]
        self.plan = widgets.HTML()
        self.on_values_changed()
        return [*weights, heading, self.task_list, self.ticked, widgets.HTML(f"<p>{render.escape(SELF_CHECK)}</p>"),
                *texts, self.plan]

    def value(self) -> dict[str, Any]:
        return {"weights": {f: int(self.fields[f"weight_{f}"].value) for f in FACTORS},
                "picks": [c.task for n, c in enumerate(self.inventory) if self.fields[f"pick_{n}"].value],
                **{name: self.fields[name].value for name, _label, _hint in TEXTS}}

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        weights = saved.get("weights") if isinstance(saved.get("weights"), dict) else {}
        for factor in FACTORS:
            number = weights.get(factor, DEFAULT_WEIGHTS[factor])
            ok = isinstance(number, int | float) and not isinstance(number, bool) and 0 <= number <= 5
            self.fields[f"weight_{factor}"].value = str(int(round(number)) if ok else int(DEFAULT_WEIGHTS[factor]))
        picked = {p.lower() for p in read_picks(saved)}
        for n, candidate in enumerate(self.inventory):
            self.fields[f"pick_{n}"].value = candidate.task.lower() in picked
        for name, _label, _hint in TEXTS:
            self.fields[name].value = as_field_text(saved.get(name))

    def first_field(self) -> widgets.DOMWidget:
        """The first task's tick box: after Run All the learner lands at the top of the ranked list, with the
        weights above it, not at the reasons box at the end of the form (the weights' buttons take no cursor)."""
        first = self.task_list.children[0] if getattr(self, "task_list", None) and self.task_list.children else None
        return first.children[0] if first else self.fields["rationale"]  # the top row, in rank order

    def on_values_changed(self) -> None:
        """Each task's rank, score and the rules it breaks, with the weights as they are now."""
        if not hasattr(self, "ranks"):
            return
        weights = {f: float(self.fields[f"weight_{f}"].value) for f in FACTORS}
        self._show_plan()
        order = {id(c): (position, score) for position, (c, score) in enumerate(rank(self.inventory, weights), start=1)}
        picked = sum(self.fields[name].value for name in self.ranks)
        for n, candidate in enumerate(self.inventory):
            position, score = order[id(candidate)]
            rules = [finding(kind, task=candidate.task, minutes=f"{candidate.minutes_per_week:g}",
                             runs=how_often(candidate.runs_per_week)).message for kind in broken_rules(candidate)]
            notes = [finding(kind, task=candidate.task).message for kind in warnings_for(candidate)]
            parts = [f"<strong>#{position}</strong> · score {score:g} · {candidate.minutes_per_week:g} min a week"]
            parts += [f'<span style="color:#a4001d">✖ {render.escape(_after_task(m))}</span>' for m in rules]
            parts += [f"<span>ℹ {render.escape(_after_task(m))}</span>" for m in notes]
            self.ranks[f"pick_{n}"].value = "<span>" + " · ".join(parts) + "</span>"
        if hasattr(self, "task_list"):  # the rows in rank order, highest first, as the weights rank them now
            ordered = sorted(range(len(self.inventory)), key=lambda n: order[id(self.inventory[n])][0])
            self.task_list.children = [self.task_rows[f"pick_{n}"] for n in ordered]
        self.ticked.value = (f'<p role="alert">⚠ {picked} tasks are ticked: keep {MOST} at most.</p>' if picked > MOST
                             else f"<p>{_ticked(picked)} (tick 3 to 5).</p>")

    def _show_plan(self) -> None:
        """The pilot as the team will read it: the ticked tasks, why, and what would stop one (escaped)."""
        if not hasattr(self, "plan"):
            return
        picks = "".join(f"<li>{render.escape(c.task)}</li>" for n, c in enumerate(self.inventory)
                        if self.fields[f"pick_{n}"].value) or "<li>(no task ticked yet)</li>"
        why = self.fields["rationale"].value.strip() or "(not written yet)"
        stop = self.fields["stop_sign"].value.strip() or "(not written yet)"
        self.plan.value = (f"<p><strong>Your pilot, as your team will read it</strong></p><ul>{picks}</ul>"
                           f"<p><strong>Why these first:</strong> {render.escape(why, 3000)}</p>"
                           f"<p><strong>We stop one when:</strong> {render.escape(stop, 3000)}</p>")

    def fill(self, weights: dict[str, int] | None = None, picks: list[str] | None = None, **values: str) -> None:
        """Set weights, tick tasks by name and type the reasons, as a learner would."""
        for factor, number in (weights or {}).items():
            self.fields[f"weight_{factor}"].value = str(number)
        wanted = {p.lower() for p in picks or []}
        for n, candidate in enumerate(self.inventory):
            if picks is not None:
                self.fields[f"pick_{n}"].value = candidate.task.lower() in wanted
        super().fill(**values)


def _after_task(message: str) -> str:
    """A rule's message without the task name it starts with (the name is already beside it)."""
    _task, separator, rest = message.partition(": ")
    return rest if separator else message


MAX_FILE_BYTES = 1_000_000
COLUMNS_HINT = ("Task, Runs a week, Minutes a run, Cost of an error (low/medium/high/critical), Data it uses (public/"
                "internal/confidential/personal), Input (standard/mixed/varies), Tool (enterprise/consumer/none), A "
                "person reviews it (yes/no)")


def column_name(heading: str) -> str:
    """A column heading of a team's own file, as the course names it: the headings the lesson's table shows
    ("Runs a week") and the data set's own ("runs_per_week") both work, in any case."""
    from ..data import INVENTORY_HEADINGS

    plain = heading.strip().lower()
    named = {shown.lower(): name for name, shown in INVENTORY_HEADINGS.items()}
    return named.get(plain, plain.replace(" ", "_"))


def inventory_rows(raw: bytes) -> list[dict[str, str]]:
    """The rows of an inventory file (CSV with a header; comma, semicolon or tab; UTF-8 or Windows text).
    Raises ValueError with a plain sentence when the file cannot be read at all."""
    import csv

    from ..team_export import decode, sniffed_reader

    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"The file is larger than {MAX_FILE_BYTES // 1_000_000} MB; an inventory is a short list.")
    if not raw.strip():
        raise ValueError("The file is empty.")
    if b"\x00" in raw[:4096]:
        raise ValueError("This is not a text file: save the list as CSV from your spreadsheet.")
    text, _note = decode(raw)
    reader, _separator = sniffed_reader(text, ",;\t")
    try:
        header = [column_name(h) for h in next(reader)]
        rows = [dict(zip(header, values, strict=False)) for values in reader if any(v.strip() for v in values)]
    except (StopIteration, csv.Error) as error:
        raise ValueError(f"The file cannot be read as a table ({error}).") from None
    if "task" not in header:
        raise ValueError(f"The first line must name the columns: {COLUMNS_HINT}.")
    return rows


class InventoryExplorer:
    """Rank your own team's task list with the same score and rules (nothing is saved or graded; the file is read
    in this workspace and sent nowhere). Starts with the course team's list, so the format is in view."""

    kind = "inventory explorer"

    def __init__(self, rows: list[dict[str, str]], *, title: str = "Try it on your own team's list") -> None:
        self.weights = {f: widgets.ToggleButtons(options=[str(n) for n in range(6)], value=f"{DEFAULT_WEIGHTS[f]:g}",
                                                 description=FACTOR_LABELS[f],
                                                 style={"description_width": "160px", "button_width": "56px"})
                        for f in FACTORS}
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False, description="Load your team's list",
                                         tooltip="Load your team's list",
                                         layout=widgets.Layout(width="auto"))
        self.note = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(width="100%"))
        for button in self.weights.values():
            button.observe(lambda _c: self.refresh(), names="value")
        self.upload.add_class("course-upload")  # shown without the file count "(0)": custom.css
        self.upload.observe(lambda _c: self.load_file(), names="value")
        header = widgets.HTML(f"<h3>{render.escape(title)}</h3><p>Your file's first line names the columns: "
                              f"{render.escape(COLUMNS_HINT)}. Task "
                              "names only, never names of people. The file is read here and sent nowhere; nothing "
                              "is saved or graded.</p>")
        self.candidates, self.problems = read_inventory(rows)
        self.widget = widgets.VBox([header, *self.weights.values(), self.upload, self.note, self.table],
                                   layout=widgets.Layout(width="100%", max_width="1000px"))
        self.widget.add_class("course-explorer")
        self.refresh()

    def load_file(self, raw: bytes | None = None) -> None:
        """Rank a team's own list, or say plainly why it cannot be read; unusable rows are named by number."""
        raw = uploaded(self.upload) if raw is None else raw
        if raw is None:
            return
        try:
            rows = inventory_rows(raw)
        except ValueError as problem:
            self.note.value = f'<p role="alert">⚠ Not loaded: {render.escape(problem)}</p>'
            return
        self.candidates, self.problems = read_inventory(rows)
        self.refresh()

    def refresh(self) -> None:
        weights = {f: float(button.value) for f, button in self.weights.items()}
        loaded = f"{len(self.candidates)} task(s) ranked."
        left_out = "".join(f"<li>{render.escape(p.message)}</li>" for p in self.problems[:20])
        more = f"<li>… and {len(self.problems) - 20} more</li>" if len(self.problems) > 20 else ""
        self.note.value = f"<p>{loaded}</p>" + (f"<p>Left out:</p><ul>{left_out}{more}</ul>" if left_out else "")
        rows = []
        for position, (c, score) in enumerate(rank(self.candidates, weights), start=1):
            rules = [_after_task(finding(k, task=c.task, minutes=f"{c.minutes_per_week:g}",
                                         runs=how_often(c.runs_per_week)).message) for k in broken_rules(c)]
            notes = [_after_task(finding(k, task=c.task).message) for k in warnings_for(c)]
            flags = "; ".join([*(f"✖ {m}" for m in rules), *(f"ℹ {m}" for m in notes)]) or "—"
            rows.append(f"<tr><td>{position}</td><td>{render.escape(c.task)}</td><td>{score:g}</td>"
                        f"<td>{c.minutes_per_week:g}</td><td>{render.escape(flags)}</td></tr>")
        self.table.value = ('<table class="course-results" style="border-collapse:collapse"><caption>The list '
                            'ranked with these weights</caption><thead><tr><th scope="col">Rank</th><th scope="col">'
                            'Task</th><th scope="col">Score</th><th scope="col">Minutes a week</th><th scope="col">'
                            f'Rules and cautions</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')

    def _ipython_display_(self) -> None:
        from IPython.display import display

        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = place.NOT_RUNNING
        bundle["text/html"] = place.not_running_html()
        display(bundle, raw=True)
