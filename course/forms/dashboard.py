"""The pilot dashboard: pick a use case and the weeks; see charts and the findings in plain sentences.

Team-level figures only: the dashboard never shows a person's own numbers (ranking people by speed or AI use
breeds fear and gaming, and the pilot needs honest reports of what does not work).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..data import BASELINE_WEEKS, PILOT_WEEKS
from .base import uploaded

# The lesson's decision is made at the end of the pilot: the dashboard opens on the weeks known then.
WEEKS = {"decision": "Weeks 1 to 5: up to your decision", "all": "All weeks: how the team went on"}


class Dashboard:
    """Charts and findings for one use case of a pilot log (``course.data.load_pilot_log`` by default)."""

    kind = "dashboard"

    def __init__(self, log: Any, *, title: str = "The pilot dashboard") -> None:
        self.use_case = widgets.ToggleButtons(description="Use case", style={"button_width": "auto"})
        self.own_export = False  # a team's own export is shown whole: its weeks are not the course's calendar
        self._use(log)
        self.weeks = widgets.ToggleButtons(options=[(label, key) for key, label in WEEKS.items()],
                                           description="Weeks", style={"button_width": "auto"})
        self.findings = widgets.HTML()
        self.charts = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.use_case.observe(lambda _c: self.refresh(), names="value")
        self.weeks.observe(lambda _c: self.refresh(), names="value")
        header = widgets.HTML(f"<h3>{render.escape(title)}</h3><p>Team-level figures from the pilot's log "
                              "(made up for this course). Weeks 1 and 2 are the baseline, before any AI; in weeks 3 "
                              "to 5 four people piloted; from week 6 the team took on what the evidence supported."
                              "</p>")
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False, description="Load your team's export",
                                         tooltip="Load your team's export",
                                         layout=widgets.Layout(width="auto"))
        self.upload.add_class("course-upload")  # shown without the file count "(0)": custom.css
        self.upload.observe(lambda _c: self.load_export(), names="value")
        self.upload_note = widgets.HTML("<p>Your own team's figures (team level only, one row per week, use case "
                                        "and way of working) stay in this workspace: they are read here and sent "
                                        "nowhere.</p>")
        self.widget = widgets.VBox([header, self.use_case, self.weeks, self.findings, self.charts, self.upload,
                                    self.upload_note], layout=widgets.Layout(width="100%", max_width="1000px"))
        self.widget.add_class("course-dashboard")
        self.refresh()

    def _use(self, log: Any) -> None:
        from ..checks.decision_rule import USE_CASE_NAMES, pilot_figures

        self.log = log
        self.figures = {f.use_case: f for f in pilot_figures(log)}
        self.use_case.options = [(USE_CASE_NAMES.get(case, case), case) for case in self.figures]
        self.use_case.value = next(iter(self.figures), None)

    def load_export(self, raw: bytes | None = None) -> None:
        """Show a team's own export instead of the course's pilot, or say plainly why it cannot be read."""
        from ..team_export import ExportProblem, read_team_export

        raw = uploaded(self.upload) if raw is None else raw
        if raw is None:
            return
        try:
            export = read_team_export(raw)
            self._use(export.frame())
            self.own_export = True
        except ExportProblem as problem:
            self.upload_note.value = f'<p role="alert">⚠ Not loaded: {render.escape(problem)}</p>'
            return
        self.upload_note.value = f"<p>✔ Your team's figures are shown. {render.escape(export.summary())}</p>"
        self.refresh()

    def refresh(self) -> None:
        from .. import metrics
        from ..charts import line_chart

        case = self.use_case.value
        if case is None:
            self.findings.value, self.charts.value = "<p>There is no use case with figures to show.</p>", ""
            return
        minutes = metrics.weekly_minutes(self.log, case)
        errors = metrics.weekly_error_rate(self.log, case)
        adoption = metrics.adoption(self.log) if "person" in self.log else None  # a team export has no people
        if self.weeks.value == "decision" and not self.own_export:
            last = PILOT_WEEKS[-1]
            minutes, errors = minutes.loc[:last], errors.loc[:last]
            adoption = None if adoption is None else adoption.loc[:last]
        shade = BASELINE_WEEKS[-1]
        self.shown_weeks = list(minutes.index)
        figures = self.figures[case]
        self.findings.value = f"<p><strong>Finding:</strong> {render.escape(figures.sentence())}</p>"
        weeks = list(minutes.index)

        def values(series: Any) -> list[float | None]:
            return [None if v is None or v != v else float(v) for v in series.reindex(weeks)]  # a gap: no rows

        time_chart = line_chart(
            "Minutes per task", weeks, {"by hand": values(minutes["by_hand"]),
                                        "with AI, review and rework included": values(minutes["with_ai"])},
            x_label="week", y_label="minutes per task", shade_until=shade,
            description="Minutes per task each week, by hand and with AI (the finding above says what they add up "
                        "to).")
        error_chart = line_chart(
            "Error rate", list(errors.index), {"tasks found wrong (%)": [round(100 * v, 1) for v in errors]},
            x_label="week", y_label="% of tasks", shade_until=shade,
            description=f"Errors per 100 tasks each week: {100 * figures.error_before:.1f}% in the baseline, "
                        f"{100 * figures.error_after:.1f}% of the tasks done with AI in the pilot.")
        team_chart = "" if adoption is None else line_chart(
            "Team using AI", list(adoption.index), {"share of the team (%)": [round(100 * v, 1) for v in
                                                                              adoption["adoption_share"]]},
            x_label="week", y_label="% of people active that week", shade_until=shade,
            description="The share of people active each week who used AI for at least one task: "
                        f"{100 * adoption['adoption_share'].iloc[-1]:.0f}% in the last week shown.")
        self.charts.value = time_chart + error_chart + team_chart

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
