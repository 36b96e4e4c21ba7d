"""The criteria table: a manager writes acceptance criteria row by row and runs them over a batch of AI outputs.

Each row is one criterion: what a good output shows (plain text), a check picked from a list, the check's value,
a weight, and whether it is a must-have. Rows can be added, removed and moved. "Run on the sample batch" shows
every output with the reviewer's label beside the bar's verdict, and a chart of what the bar caught and missed
(with the same figures as text). Live feedback notes vague wording as the learner types.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..checks.criteria import MAX_CRITERIA, BatchResult, Criterion, OutputResult
from ..checks.criteria_checks import KINDS, check_key, offered
from .base import Form, as_field_text
from .rows import EditableRows, Row

EMPTY_ROWS = 3
# Checks and settings most bars never need, folded away until the learner asks for them (or a saved bar uses them).
ADVANCED_KINDS = ("pattern", "not_pattern")
# The check is picked in a text box with suggestions (a combo box) rather than a drop-down list: JupyterLab's
# notebook shortcuts act on keys typed into a drop-down list ("d d" deletes a cell), never on a text box.
_SMALL = {"description_width": "58px"}
# Okabe-Ito colours, told apart by people with any common colour-vision deficiency; every bar also has words.
CHART = (("Caught: the reviewer rejected it, your bar did too", "#0072B2"),
         ("Critical failures let through", "#D55E00"),
         ("Smaller failures let through", "#E69F00"),
         ("Good outputs sent back", "#CC79A7"),
         ("Good outputs passed", "#009E73"))


class CriterionRow(Row):
    """One criterion: its text, the check picked, the check's value, weight, must-have and capitals."""

    noun = "criterion"

    def __init__(self, on_change: Any, on_move: Any, checks: tuple[str, ...] = tuple(KINDS),
                 advanced: bool = False) -> None:
        self.checks = checks  # the keys of the checks the list offers
        super().__init__(on_change, on_move)
        self.show_advanced(advanced)

    def show_advanced(self, on: bool) -> None:
        """Show or fold away the weight, "Match capitals" and the pattern checks; what they hold is kept."""
        for widget in (self.weight, self.case):
            widget.layout.display = None if on else "none"
        self.check.options = [KINDS[k].label for k in self.checks if on or k not in ADVANCED_KINDS]

    @property
    def uses_advanced(self) -> bool:
        """True when the row holds a weight other than 1, "Match capitals" or a pattern check."""
        return self.kind in ADVANCED_KINDS or self.case.value or self.weight.value.strip() not in ("", "1")

    def build(self) -> list[widgets.Box]:
        self.text = widgets.Text(description="Criterion", placeholder="What a good output shows, e.g. Gives the "
                                 "order number", continuous_update=True, style={"description_width": "86px"},
                                 layout=widgets.Layout(width="auto", flex="1 1 420px"))  # room for "Criterion 10"
        self.check = widgets.Combobox(description="Check", options=[KINDS[k].label for k in self.checks], value="",
                                      placeholder="Type or pick a check…", ensure_option=False,
                                      continuous_update=True, style=_SMALL,
                                      layout=widgets.Layout(width="auto", flex="1 1 300px"))
        self.value = widgets.Text(description="Value", placeholder="", continuous_update=True, style=_SMALL,
                                  layout=widgets.Layout(width="auto", flex="1 1 260px"))
        self.weight = widgets.Text(description="Weight", value="1", continuous_update=True, style=_SMALL,
                                   layout=widgets.Layout(width="130px"))
        self.must = widgets.Checkbox(description="Must-have", indent=False, layout=widgets.Layout(width="105px"))
        self.case = widgets.Checkbox(description="Match capitals", indent=False,
                                     layout=widgets.Layout(width="135px"))
        self.text.add_class("course-criterion-text")
        self.check.observe(self._hint, names="value")
        return [widgets.HBox([self.text], layout=widgets.Layout(width="100%")),
                widgets.HBox([self.check, self.value, self.weight, self.must, self.case],
                             layout=widgets.Layout(width="100%", flex_flow="row wrap", align_items="center"))]

    def number(self, number: int) -> None:
        self.text.description = f"Criterion {number}"
        self.box.add_class("course-criterion")

    @property
    def inputs(self) -> list[widgets.ValueWidget]:
        return [self.text, self.check, self.value, self.weight, self.must, self.case]

    @property
    def kind(self) -> str:
        """The key of the check picked (``"words"``), or what was typed when it names no check."""
        return check_key(self.check.value)

    def _hint(self, _change: dict[str, Any]) -> None:
        kind = KINDS.get(self.kind)
        self.value.placeholder = kind.value_hint if kind else ""
        self.value.disabled = bool(kind) and not kind.needs_value

    def get(self) -> dict[str, Any]:
        return {"text": self.text.value, "check": self.kind, "value": self.value.value,
                "weight": self.weight.value, "must": self.must.value, "case": self.case.value}

    def put(self, saved: Any) -> None:
        saved = saved if isinstance(saved, dict) else {}
        self.text.value = as_field_text(saved.get("text"))
        check = saved.get("check")
        self.check.value = KINDS[check].label if isinstance(check, str) and check in KINDS else ""
        self.value.value = as_field_text(saved.get("value"))
        self.weight.value = as_field_text(saved.get("weight", "1"))
        self.must.value = saved.get("must") is True
        self.case.value = saved.get("case") is True

    @property
    def blank(self) -> bool:
        return not (self.text.value.strip() or self.check.value or self.value.value.strip())


class CriteriaTableForm(Form):
    """Write acceptance criteria row by row; run them over the sample batch to see what the bar catches."""

    kind = "criteria table"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        checks = offered(getattr(self.task.spec, "tables", True))
        self.advanced = advanced_switch(self._show_advanced)
        self.table = EditableRows(lambda: CriterionRow(self._on_row_edit, self.move_row, checks,
                                                       self.advanced.value),
                                  limit=MAX_CRITERIA, add_label="Add a criterion", on_changed=self._rows_changed,
                                  empty_rows=EMPTY_ROWS)
        return {"threshold": widgets.Text(description="Pass mark %", value="", placeholder="70",
                                          continuous_update=True, style={"description_width": "110px"},
                                          tooltip="An output passes when every must-have passes and it earns at "
                                                  "least this share of the weighted points")}

    @property
    def rows(self) -> list[CriterionRow]:
        return self.table.rows  # type: ignore[return-value]

    def add_row(self, **options: Any) -> Row | None:
        return self.table.add(**options)

    def move_row(self, row: Row, step: int) -> None:
        self.table.move(row, step)

    def _show_advanced(self, change: dict[str, Any]) -> None:
        for row in self.rows:
            row.show_advanced(bool(change["new"]))

    def _unfold_if_used(self) -> None:
        """A bar that uses a weight, capitals or a pattern shows them: nothing it holds is hidden."""
        if any(row.uses_advanced for row in self.rows):
            self.advanced.value = True

    def fill(self, criteria: list[dict[str, Any]] | None = None, threshold: str | None = None, **_ignored: Any) -> None:
        """Type a bar into the table the way a learner does: one row after another, adding rows as needed."""
        self.table.fill(criteria or [])
        self._unfold_if_used()
        if threshold is not None:
            self.fields["threshold"].value = threshold

    def first_field(self) -> widgets.DOMWidget:
        return self.rows[0].text

    def refresh_feedback(self) -> None:
        """The feedback below the table, and under each row what concerns that criterion (its wording, a value
        it cannot use), so the note is in view while the learner types in the row; the results table follows the
        same criteria, so the two never disagree."""
        super().refresh_feedback()
        if hasattr(self, "results"):
            self.run()
        filled = self.table.filled
        for row in self.rows:
            row.note.value = ""
        for finding in self.latest.findings if self.latest else ():
            number = finding.where.removeprefix("criterion ")
            if finding.where.startswith("criterion ") and number.isdigit() and 0 < int(number) <= len(filled):
                note = filled[int(number) - 1].note
                note.value += (f'<p class="course-feedback-line" style="margin:2px 0">ℹ '
                               f"{render.escape(finding.message)}. <em>{render.escape(finding.hints[0])}</em></p>"
                               if finding.hints else f"<p>ℹ {render.escape(finding.message)}.</p>")

    # --- the answer --------------------------------------------------------------------------------------
    def value(self) -> dict[str, Any]:
        return {"criteria": [row.get() for row in self.table.filled], "threshold": self.fields["threshold"].value}

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        self.table.restore(saved.get("criteria") if isinstance(saved.get("criteria"), list) else [])
        self._unfold_if_used()
        self.fields["threshold"].value = as_field_text(saved.get("threshold", ""))

    # --- layout ------------------------------------------------------------------------------------------
    def extra_widgets_before(self) -> list[widgets.Widget]:
        batch = self.task.spec.batches(self.task.shown_cases[0])
        rules = "".join(f"<li>{render.escape(r)}</li>" for r in batch.house_rules) if batch else ""
        source = render.text_block(batch.source.text) if batch else ""
        self.brief = widgets.HTML(f"<p><strong>The reviewer's house rules</strong></p><ul>{rules}</ul>"
                                  f"<p><strong>What the AI was given</strong></p>{source}")
        self.brief.layout.display = "none"
        self.brief_button = widgets.ToggleButton(description="Show the house rules and the source", icon="book",
                                                 value=False, layout=widgets.Layout(width="auto"))
        self.brief_button.observe(self._toggle_brief, names="value")
        return [self.brief_button, self.brief, self.table.box, self.table.controls, self.advanced]

    def _toggle_brief(self, change: dict[str, Any]) -> None:
        self.brief.layout.display = None if change["new"] else "none"
        self.brief_button.description = ("Hide" if change["new"] else "Show") + " the house rules and the source"

    def extra_widgets_after(self) -> list[widgets.Widget]:
        self.run_button = widgets.Button(description="Run on the sample batch", icon="play",
                                         tooltip="Run your criteria over every output of the sample batch")
        self.run_button.on_click(lambda _b: self.run())
        self.results = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.run()
        return [self.run_button, self.results]

    def run(self) -> BatchResult | None:
        """Run the criteria in the form now over the shown batch; show each output's verdict and the chart."""
        result = self.task.spec.run(self.value(), self.task.shown_cases[0])
        if result is None:
            self.results.value = "<p>There is no sample batch for this task.</p>"
        else:  # with no criterion yet there is no verdict to show: the outputs and the reviewer's labels only
            self.results.value = results_html(result) if self.table.filled else batch_html(result)
        return result


def advanced_switch(on_change: Any) -> widgets.Checkbox:
    """The tick box that shows each row's weight, "Match capitals" and the pattern checks."""
    switch = widgets.Checkbox(description="Show advanced options: weights, capitals and pattern checks",
                              value=False, indent=False, layout=widgets.Layout(width="auto"))
    switch.observe(on_change, names="value")
    return switch


# --- the results, as HTML (every text through render.escape) -------------------------------------------------
def chart_counts(result: BatchResult) -> list[int]:
    """How many outputs fall in each bar of the chart, in the order of ``CHART``."""
    rejected = [r for r in result.results if r.output.rejected_by_reviewer]
    return [sum(not r.passed for r in rejected),
            sum(r.passed and r.output.critical for r in rejected),
            sum(r.passed and not r.output.critical for r in rejected),
            len(result.sent_back),
            sum(r.passed and r.output.label == "accept" for r in result.results)]


def chart_html(result: BatchResult) -> str:
    """What the bar caught and missed: bars with their words and numbers beside them, and a text summary."""
    counts = chart_counts(result)
    most = max(counts) or 1
    summary = "; ".join(f"{label}: {n}" for (label, _), n in zip(CHART, counts, strict=True))
    rows = []
    for (label, colour), n in zip(CHART, counts, strict=True):
        width = 0 if not n else max(2, round(100 * n / most))
        rows.append(f'<div style="display:flex;align-items:center;gap:8px;margin:2px 0">'
                    f'<span style="flex:0 0 330px">{render.escape(label)}</span>'
                    f'<span aria-hidden="true" style="display:inline-block;height:14px;width:{width * 2}px;'
                    f'background:{colour};border:1px solid #333"></span><strong>{n}</strong></div>')
    return (f'<figure class="course-chart" style="margin:6px 0"><figcaption><strong>What your bar caught and '
            f"missed</strong></figcaption>{''.join(rows)}<p class=\"course-chart-text\">In words: "
            f"{render.escape(summary)}.</p></figure>")


def results_html(result: BatchResult) -> str:
    """Every output of the batch: the reviewer's label and reason, the bar's verdict and why, the output itself."""
    agree = sum(bool(r.agrees) for r in result.clear)
    head = (f"<p><strong>Your bar passes {len(result.passed)} of {len(result.results)} outputs "
            f"({result.pass_rate:.0%}).</strong> It agrees with the reviewer on {agree} of {len(result.clear)} "
            f"clearly labelled outputs, and lets through {len(result.critical_missed)} of {len(result.critical)} "
            "critical failures.</p>")
    body = "".join(_output_row(r, result.bar.threshold) for r in result.results)
    legend = "".join(f"<li>{render.escape(_name(c), 300)}</li>" for c in result.bar.criteria)
    legend = f"<p>Your criteria, by number:</p><ol>{legend}</ol>" if legend else ""
    table = ('<table class="course-results" style="border-collapse:collapse;width:100%">'
             "<caption>Each output, the reviewer's label and your bar's verdict</caption><thead><tr>"
             '<th scope="col">Output</th><th scope="col">Reviewer</th><th scope="col">Your bar</th>'
             '<th scope="col">Why your bar decided so</th><th scope="col">The reviewer\'s reason</th></tr></thead>'
             f"<tbody>{body}</tbody></table>")
    return f'<div class="course-batch">{head}{chart_html(result)}{legend}{table}</div>'


def batch_html(result: BatchResult) -> str:
    """The batch before any criterion is written: each output with the reviewer's label and reason, no verdict."""
    cell = 'style="border-top:1px solid #ccc;padding:3px 6px;vertical-align:top"'
    body = "".join(
        f"<tr><td {cell}><details><summary style=\"white-space:nowrap\">{render.escape(r.output.id)}</summary>"
        f"{render.text_block(r.output.text, 3000)}</details></td><td {cell}>{render.escape(_reviewer(r.output))}</td>"
        f"<td {cell}>{render.escape(r.output.reason)}</td></tr>" for r in result.results)
    return ('<div class="course-batch"><p><strong>Write a criterion and pick its check:</strong> your bar\'s verdict '
            f"on each of the {len(result.results)} outputs appears here.</p>"
            '<table class="course-results" style="border-collapse:collapse;width:100%">'
            "<caption>Each output and the reviewer's label</caption><thead><tr><th scope=\"col\">Output</th>"
            "<th scope=\"col\">Reviewer</th><th scope=\"col\">The reviewer's reason</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _reviewer(o: Any) -> str:
    return ("✔ accept" if o.label == "accept" else f"✘ reject ({o.severity})") + ("" if o.clear else ", unclear")


def _name(criterion: Criterion) -> str:
    """A criterion as the learner wrote it, or its check's label when the text was left empty."""
    kind = KINDS.get(criterion.check.kind)
    return criterion.text.strip() or (kind.label if kind else "(no description)")


def _output_row(r: OutputResult, threshold: float) -> str:
    o = r.output
    reviewer = _reviewer(o)
    verdict = "✔ passes" if r.passed else "✘ fails"
    mark = "" if r.agrees is None else (" · agrees" if r.agrees else " · <strong>disagrees</strong>")
    failed = [f"{c.number}: {o_.reason}" for c, o_ in r.failed][:3]
    why = render.escape("; ".join(failed)) if failed else "every criterion passed" if r.passed else ""
    if r.passed and failed:  # a failed criterion beside a pass: say why it still passes
        why += render.escape(f" (it still passes: no must-have failed, and it earns {r.score:.0%} of the weighted "
                             f"points, at least the pass mark of {threshold:g}%)")
    cell = 'style="border-top:1px solid #ccc;padding:3px 6px;vertical-align:top"'
    return (f"<tr><td {cell}><details><summary style=\"white-space:nowrap\">{render.escape(o.id)}</summary>"
            f"{render.text_block(o.text, 3000)}"
            f"</details></td><td {cell}>{render.escape(reviewer)}</td><td {cell}>{verdict}{mark}</td>"
            f"<td {cell}>{why}</td><td {cell}>{render.escape(o.reason)}</td></tr>")


class OwnCriteriaForm(CriteriaTableForm):
    """Three criteria for an output of the learner's own team: the output named in one line, then the same rows
    as the criteria table; there is no batch to run them on, so the feedback reads their wording and checks."""

    kind = "own criteria"

    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        self.advanced = advanced_switch(self._show_advanced)
        self.table = EditableRows(lambda: CriterionRow(self._on_row_edit, self.move_row,
                                                       advanced=self.advanced.value),
                                  limit=10, add_label="Add a criterion", on_changed=self._rows_changed, empty_rows=3)
        return {"output": widgets.Text(description="The output", placeholder="What the AI produces for your "
                                       "team, e.g. a first draft of the weekly complaints summary",
                                       continuous_update=True, style={"description_width": "86px"})}

    def fill(self, criteria: list[dict[str, Any]] | None = None, output: str | None = None,
             **_ignored: Any) -> None:
        """Type the output and the criteria in the way a learner does."""
        if output is not None:
            self.fields["output"].value = output
        self.table.fill(criteria or [])
        self._unfold_if_used()

    def first_field(self) -> widgets.DOMWidget:
        return self.fields["output"]

    def value(self) -> dict[str, Any]:
        return {"output": self.fields["output"].value, "criteria": [row.get() for row in self.table.filled]}

    def set_value(self, value: Any) -> None:
        saved = value if isinstance(value, dict) else {}
        self.table.restore(saved.get("criteria") if isinstance(saved.get("criteria"), list) else [])
        self._unfold_if_used()
        self.fields["output"].value = as_field_text(saved.get("output", ""))

    def field_rows(self) -> list[widgets.Widget]:
        return []  # the output's row is shown above the table, in extra_widgets_before

    def extra_widgets_before(self) -> list[widgets.Widget]:
        return [self._field_row(self.fields["output"], self.field_lines["output"]), self.table.box,
                self.table.controls, self.advanced]

    def extra_widgets_after(self) -> list[widgets.Widget]:
        return []

    def run(self) -> None:
        """Nothing to run: criteria for one's own team have no labelled batch."""
        return None
