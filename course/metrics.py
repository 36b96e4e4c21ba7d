"""The numbers that keep an AI pilot honest, worked out from the team's logs with pandas.

Every figure is for the team or for a use case, never a ranking of people. Each function says its formula in
plain words. Missing data follows one rule everywhere: a row whose number is blank or unreadable is left out of
the figures that need that number, and counted in the ``missing`` report that comes with them; nothing is
dropped silently.

The log has one row per person, week and use case (see ``course.data.load_pilot_log``): tasks done, minutes per
task, review and rework minutes, errors, tasks that passed their first review, cycle time.

>>> import pandas as pd
>>> log = pd.DataFrame({"week": [1, 1, 5, 5], "phase": ["baseline", "baseline", "pilot", "pilot"],
...                     "person": ["A", "B", "A", "B"], "use_case": ["triage"] * 4,
...                     "used_ai": [False, False, True, False], "tasks": [10, 10, 10, 10],
...                     "minutes_per_task": [3.0, 3.0, 1.0, 3.0], "review_minutes": [0, 0, 5, 0],
...                     "rework_minutes": [0, 0, 5, 0], "errors": [1, 0, 0, 1],
...                     "first_review_passed": [None, None, 8, None], "cycle_time_hours": [6, 6, 4, 6]})
>>> saved, missing = time_saved(log)
>>> saved.loc["triage", ["baseline_minutes", "ai_minutes", "net_minutes_saved_per_task"]].tolist()
[3.0, 2.0, 1.0]
>>> float(adoption(log).loc[5, "adoption_share"])
0.5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

RULE_OF_THUMB = {"customer_project": 60.0, "process": 30.0, "learning": 10.0}
NUMBER_COLUMNS = ("tasks", "minutes_per_task", "review_minutes", "rework_minutes", "errors", "cycle_time_hours")


@dataclass
class Missing:
    """Rows left out of a figure because a number it needs is blank or unreadable: column -> how many rows."""

    left_out: dict[str, int] = field(default_factory=dict)

    def sentence(self) -> str:
        if not self.left_out:
            return "No data was missing."
        parts = [f"{n} row{'s' if n != 1 else ''} without {column.replace('_', ' ')}"
                 for column, n in self.left_out.items()]
        return "Not counted (blank or unreadable in the log): " + "; ".join(parts) + "."


def _clean(log: pd.DataFrame, needed: tuple[str, ...]) -> tuple[pd.DataFrame, Missing]:
    """The rows with every number in ``needed``, and how many were left out for each column."""
    table = log.copy()
    missing = Missing()
    keep = pd.Series(True, index=table.index)
    for column in needed:
        values = pd.to_numeric(table[column], errors="coerce")
        bad = values.isna() | (values < 0) | ~values.abs().lt(float("inf"))
        if bad.any():
            missing.left_out[column] = int(bad.sum())
        table[column] = values
        keep &= ~bad
    if "used_ai" in table:
        table["used_ai"] = table["used_ai"].map(lambda v: v is True or str(v).strip().lower() in ("yes", "true", "1"))
    return table[keep], missing


def adoption(log: pd.DataFrame, *, threshold: int = 1) -> pd.DataFrame:
    """Per week: people active, people who used AI for at least ``threshold`` tasks, and the share.

    adoption share = people who used AI on at least ``threshold`` tasks that week / people with any task that week.
    """
    table, _missing = _clean(log, ("tasks",))
    ai_tasks = table[table["used_ai"]].groupby(["week", "person"])["tasks"].sum()
    users = (ai_tasks >= threshold).groupby("week").sum()
    active = table.groupby("week")["person"].nunique()
    result = pd.DataFrame({"people_active": active, "people_using_ai": users.reindex(active.index, fill_value=0)})
    result["adoption_share"] = (result["people_using_ai"] / result["people_active"]).round(3)
    return result


def time_saved(log: pd.DataFrame) -> tuple[pd.DataFrame, Missing]:
    """Per use case: minutes per task by hand (baseline weeks) and with AI, review and rework included.

    ai minutes per task = (writing minutes + review minutes + rework minutes) / tasks done with AI
    net minutes saved per task = baseline minutes per task - ai minutes per task
    net hours saved per person per week = net minutes saved per task x AI tasks per person-week / 60
    The gross saving (before review and rework) is shown too, so the AI tax is visible.
    """
    table, missing = _clean(log, ("tasks", "minutes_per_task", "review_minutes", "rework_minutes"))
    table["writing"] = table["tasks"] * table["minutes_per_task"]
    base = table[table["phase"] == "baseline"].groupby("use_case")[["writing", "tasks"]].sum()
    ai = table[(table["phase"] == "pilot") & table["used_ai"]]
    ai_sum = ai.groupby("use_case")[["writing", "review_minutes", "rework_minutes", "tasks"]].sum()
    if "person" in ai:
        person_weeks = ai.groupby("use_case").apply(lambda g: len(g[["person", "week"]].drop_duplicates()),
                                                    include_groups=False)
    else:  # a team-level export: people working with AI per row, where given
        people = pd.to_numeric(ai.get("people", pd.Series(dtype=float)), errors="coerce")
        person_weeks = people.groupby(ai["use_case"]).sum(min_count=1)
    result = pd.DataFrame(index=sorted(set(base.index) | set(ai_sum.index)))
    result["baseline_minutes"] = (base["writing"] / base["tasks"]).round(2)
    result["ai_writing_minutes"] = (ai_sum["writing"] / ai_sum["tasks"]).round(2)
    result["review_minutes"] = (ai_sum["review_minutes"] / ai_sum["tasks"]).round(2)
    result["rework_minutes"] = (ai_sum["rework_minutes"] / ai_sum["tasks"]).round(2)
    result["ai_minutes"] = result[["ai_writing_minutes", "review_minutes", "rework_minutes"]].sum(axis=1,
                                                                                                   min_count=3)
    result["gross_minutes_saved_per_task"] = (result["baseline_minutes"] - result["ai_writing_minutes"]).round(2)
    result["net_minutes_saved_per_task"] = (result["baseline_minutes"] - result["ai_minutes"]).round(2)
    tasks_per_person_week = ai_sum["tasks"] / person_weeks
    result["net_hours_saved_per_person_week"] = (result["net_minutes_saved_per_task"] * tasks_per_person_week
                                                 / 60).round(2)
    result.index.name = "use_case"
    return result, missing


def quality(log: pd.DataFrame) -> pd.DataFrame:
    """Per use case and phase: error rate, rework share and review pass rate. The baseline counts every task (all
    done by hand); later phases count the tasks done with AI, the work the pilot is judged on (in the pilot, most
    of the team still works by hand).

    error rate = errors / tasks; rework share = rework minutes / all minutes spent;
    review pass rate = tasks that passed their first review / tasks done with AI.
    """
    table, _missing = _clean(log, ("tasks", "errors"))
    table = table[(table["phase"] == "baseline") | table["used_ai"]]
    table["minutes"] = (table["tasks"] * pd.to_numeric(table["minutes_per_task"], errors="coerce").fillna(0)
                        + pd.to_numeric(table["review_minutes"], errors="coerce").fillna(0)
                        + pd.to_numeric(table["rework_minutes"], errors="coerce").fillna(0))
    table["rework"] = pd.to_numeric(table["rework_minutes"], errors="coerce").fillna(0)
    table["passed"] = pd.to_numeric(table["first_review_passed"], errors="coerce")
    groups = table.groupby(["use_case", "phase"])
    result = pd.DataFrame({"error_rate": (groups["errors"].sum() / groups["tasks"].sum()).round(4),
                           "rework_share": (groups["rework"].sum() / groups["minutes"].sum()).round(4)})
    ai = table[table["used_ai"] & table["passed"].notna()].groupby(["use_case", "phase"])
    result["review_pass_rate"] = (ai["passed"].sum() / ai["tasks"].sum()).round(4)
    return result


def weekly_trend(log: pd.DataFrame, column: str = "cycle_time_hours") -> pd.DataFrame:
    """The team's mean of ``column`` per use case and week (weekly at first)."""
    table, _missing = _clean(log, (column,))
    return table.pivot_table(index="week", columns="use_case", values=column, aggfunc="mean").round(2)


def monthly_trend(weekly: pd.DataFrame) -> pd.DataFrame:
    """A weekly table folded into months of four weeks, as a monthly review reads it (month 1 = weeks 1-4: the
    baseline and the pilot's first weeks; month 3 = weeks 9-12, normal work)."""
    months = (weekly.index.to_series() - 1) // 4 + 1
    return weekly.groupby(months.values).mean().round(2).rename_axis("month")


def redeployment(weekly: pd.DataFrame) -> pd.DataFrame:
    """How saved hours were spent after the baseline (the pilot and the expansion), as shares, beside the 60-30-10
    rule of thumb.

    share of a bucket = its hours / all saved hours (customer or project work, process fixes, learning, and hours
    nobody accounted for); distance = half the sum of the differences from 60-30-10, in percentage points.

    >>> weekly = pd.DataFrame({"phase": ["pilot"], "hours_customer_project": [6.0], "hours_process": [3.0],
    ...                        "hours_learning": [1.0], "hours_unaccounted": [0.0]})
    >>> float(redeployment(weekly).loc["distance_from_60_30_10", "percent"])
    0.0
    """
    pilot = weekly[weekly["phase"] != "baseline"]
    hours = {bucket: float(pd.to_numeric(pilot[f"hours_{bucket}"], errors="coerce").fillna(0).sum())
             for bucket in ("customer_project", "process", "learning", "unaccounted")}
    total = sum(hours.values()) or 1.0
    percent = {bucket: round(100 * h / total, 1) for bucket, h in hours.items()}
    distance = sum(abs(percent[b] - RULE_OF_THUMB.get(b, 0.0)) for b in percent) / 2
    rows = {**percent, "distance_from_60_30_10": round(distance, 1)}
    return pd.DataFrame({"percent": rows})


def weekly_minutes(log: pd.DataFrame, use_case: str) -> pd.DataFrame:
    """Per week, minutes per task for one use case: by hand, and with AI (review and rework included).

    by hand = writing minutes / tasks on rows without AI; with AI = (writing + review + rework) / tasks with AI.
    """
    table, _missing = _clean(log[log["use_case"] == use_case], ("tasks", "minutes_per_task", "review_minutes",
                                                                 "rework_minutes"))
    table["total"] = table["tasks"] * table["minutes_per_task"] + table["review_minutes"] + table["rework_minutes"]
    sums = table.groupby(["week", "used_ai"])[["total", "tasks"]].sum()
    per_task = (sums["total"] / sums["tasks"]).unstack("used_ai")
    result = pd.DataFrame({"by_hand": per_task.get(False), "with_ai": per_task.get(True)}, index=per_task.index)
    return result.round(2)


def weekly_error_rate(log: pd.DataFrame, use_case: str) -> pd.Series:
    """Per week, the share of one use case's tasks found wrong afterwards (errors / tasks)."""
    table, _missing = _clean(log[log["use_case"] == use_case], ("tasks", "errors"))
    sums = table.groupby("week")[["errors", "tasks"]].sum()
    return (sums["errors"] / sums["tasks"]).round(4)


def perception_gap(survey: pd.DataFrame) -> pd.DataFrame:
    """The share of each role (rows) that says AI saves them each band of hours a week (columns), in percent."""
    table = pd.crosstab(survey["role"], survey["hours_saved_per_week"], normalize="index")
    return (100 * table).round(0)


ROLES = {"employee": "Employees", "manager": "Managers", "executive": "Executives"}


def perception_gap_table(survey: pd.DataFrame) -> Any:
    """``perception_gap`` as a manager reads it: who answered in rows, the hours bands as plain headings, whole
    percentages with a % sign, no index names."""
    table = perception_gap(survey)
    table = table.reindex([*[r for r in ROLES if r in table.index], *[r for r in table.index if r not in ROLES]])
    table.columns = [f"{band[:1].upper()}{band[1:]} hours a week" if band != "none" else "No time saved"
                     for band in table.columns.astype(str)]
    table.insert(0, "Who answered", [ROLES.get(str(role), str(role).capitalize()) for role in table.index])
    bands = list(table.columns[1:])
    return (table.style.hide(axis="index").format("{:.0f}%", subset=bands)
            .set_caption("How many hours a week AI saves them, as each group says (share of the group)")
            .set_table_styles([{"selector": "th", "props": [("white-space", "normal"), ("text-align", "left")]}]))


def throughput(weekly: pd.DataFrame) -> pd.DataFrame:
    """Per week: open backlog on Monday and the share of tickets answered on time (in percent), with the
    baseline's average beside them so each week reads as better or worse than before the pilot.

    >>> weekly = pd.DataFrame({"week": [1, 5], "phase": ["baseline", "pilot"], "backlog_open": [300, 250],
    ...                        "on_time_share": [0.8, 0.9]})
    >>> float(throughput(weekly).loc[5, "on_time_percent"])
    90.0
    """
    table = weekly.set_index("week")
    result = pd.DataFrame({"backlog_open": pd.to_numeric(table["backlog_open"], errors="coerce"),
                           "on_time_percent": (100 * pd.to_numeric(table["on_time_share"], errors="coerce"))
                           .round(1)})
    baseline = result[table["phase"] == "baseline"]
    result["backlog_vs_baseline"] = (result["backlog_open"] - baseline["backlog_open"].mean()).round(1)
    return result


TIME_SAVED_HEADINGS = {"baseline_minutes": "Minutes a task by hand",
                       "ai_minutes": "Minutes a task with AI (review and rework included)",
                       "net_minutes_saved_per_task": "Net minutes saved a task"}


def time_saved_table(log: pd.DataFrame) -> Any:
    """The team's minutes per task by hand and with AI, per use case, as a manager reads it: plain headings, the
    use cases' names, no row numbers, one decimal place, and a caption saying which rows were not counted."""
    from .checks.decision_rule import USE_CASE_NAMES

    saved, missing = time_saved(log)
    table = saved[list(TIME_SAVED_HEADINGS)].rename(columns=TIME_SAVED_HEADINGS)
    table.insert(0, "Use case", [USE_CASE_NAMES.get(name, name) for name in saved.index])
    return (table.style.hide(axis="index").format("{:.1f}", subset=list(TIME_SAVED_HEADINGS.values()), na_rep="—")
            .set_caption(missing.sentence())
            .set_table_styles([{"selector": "th", "props": [("white-space", "normal"), ("text-align", "left")]}]))
