"""Load the course's synthetic data sets (see datasets/README.md for the data dictionary).

``load_<name>()`` gives a pandas data frame with typed columns; pandas is imported only when one is asked for.
The text the forms and the grading use (``meeting_notes(week)``, ``tickets_text(week)``) is read with the csv
module, so a notebook that only shows forms and grades never waits for pandas to load.

A cohort grades its hidden tests on held-out data of its own, made from the cohort's seed when the cohort was
created (``course cohort create``): while a cohort's notebooks are graded, ``COURSE_HELDOUT`` names that folder,
and a data set found there takes the place of the course's own for the weeks (or the pilot variant) it holds.
"""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._content import content_dir

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ai_outputs", "load_contacts_messy", "load_meeting_notes", "load_perception_survey", "load_pilot_log",
           "load_pilot_weekly", "load_support_tickets", "load_task_inventory", "meeting_notes", "task_inventory",
           "task_inventory_table", "tickets_text"]

TICKET_CATEGORIES = ["Delivery", "Refund", "Product fault", "Account", "Other"]
HELDOUT = "COURSE_HELDOUT"  # the folder of a cohort's own held-out data, while its notebooks are graded


def _path(name: str) -> Path:
    return content_dir("datasets") / name


def _heldout(name: str) -> Path | None:
    """The cohort's held-out copy of data set ``name`` while a cohort is graded, if it has one."""
    folder = os.environ.get(HELDOUT)
    path = Path(folder) / name if folder else None
    return path if path is not None and path.is_file() else None


@cache
def _rows(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of one data file as text, read once."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _rows_of_week(name: str, week: int, what: str) -> list[dict[str, str]]:
    heldout = _heldout(name)
    chosen = [row for row in _rows(heldout) if int(row["week"]) == week] if heldout else []
    if chosen:
        return chosen
    rows = _rows(_path(name))
    chosen = [row for row in rows if int(row["week"]) == week]
    if not chosen:
        weeks = [int(row["week"]) for row in rows]
        raise ValueError(f"There are {what} for weeks {min(weeks)} to {max(weeks)}; there is no week {week}.")
    return chosen


def meeting_notes(week: int) -> str:
    """The notes of one week's meeting as text."""
    return _rows_of_week("meeting_notes.csv", week, "meeting notes")[0]["notes"]


def tickets_text(week: int) -> str:
    """One week's tickets as the text a prompt would carry: number, subject and message, without the answers."""
    rows = _rows_of_week("support_tickets.csv", week, "tickets")
    return "\n".join(f"{r['ticket_id']} | {r['subject']} | {r['body']}" for r in rows)


@cache
def ai_outputs(task: str) -> dict:
    """Batches of AI outputs for one task (``"meeting_summary"``, ``"ticket_triage"``, ``"customer_email"``), each
    output with a reviewer's label, severity and reason; batch "1" is shown to learners, "2" kept for hidden
    tests. See datasets/README.md."""
    path = _path(f"ai_outputs_{task}.json")
    if not path.is_file():
        known = sorted(p.stem.removeprefix("ai_outputs_") for p in _path("").glob("ai_outputs_*.json"))
        raise ValueError(f"There are AI outputs for {', '.join(known)}; there are none for {task!r}.")
    return json.loads(path.read_text("utf-8"))


def task_inventory(variant: int = 1) -> list[dict[str, str]]:
    """A team's recurring tasks (module 01), one row each as text: task, runs_per_week, minutes_per_run,
    error_cost, data, input, tool, review_step. Inventory 1 is the Customer Operations team's own; inventory 2,
    another Larkfield team's, is kept for the hidden test."""
    if variant not in (1, 2):
        raise ValueError(f"There are task inventories 1 and 2; there is no inventory {variant}.")
    return [dict(row) for row in _rows(_path(f"task_inventory{'' if variant == 1 else '_2'}.csv"))]


def load_task_inventory(variant: int = 1) -> pd.DataFrame:
    """A team's task inventory as a data frame, with the minutes it takes a week."""
    import pandas as pd

    inventory = pd.read_csv(_path(f"task_inventory{'' if variant == 1 else '_2'}.csv"))
    inventory["minutes_per_week"] = inventory["runs_per_week"] * inventory["minutes_per_run"]
    return inventory


INVENTORY_HEADINGS = {"task": "Task", "runs_per_week": "Runs a week", "minutes_per_run": "Minutes a run",
                      "minutes_per_week": "Minutes a week", "error_cost": "Cost of an error", "data": "Data it uses",
                      "input": "Input", "tool": "Tool", "review_step": "A person reviews it"}


TOOL_WORDS = {"enterprise": "the approved tool", "consumer": "a personal or free AI tool", "none": "no AI tool"}


def task_inventory_table(variant: int = 1) -> Any:
    """The task inventory as a manager reads it: plain column headings, how often in words ("about once a month",
    not 0.25 runs a week), no row numbers, numbers without decimals they do not need, long task names wrapped."""
    from .checks.use_cases import how_often

    inventory = load_task_inventory(variant)
    inventory["runs_per_week"] = inventory["runs_per_week"].map(how_often)
    inventory["tool"] = inventory["tool"].map(lambda tool: TOOL_WORDS.get(tool, tool))  # module 00's words
    headings = {**INVENTORY_HEADINGS, "runs_per_week": "How often"}
    inventory = inventory[list(headings)].rename(columns=headings)
    numbers = ["Minutes a run", "Minutes a week"]
    return (inventory.style.hide(axis="index").format(lambda minutes: f"{round(minutes, 1):g}", subset=numbers)
            .set_properties(subset=["Task"], **{"white-space": "normal", "min-width": "14em", "text-align": "left"})
            .set_table_styles([{"selector": "th", "props": [("white-space", "normal"), ("text-align", "left")]}]))


def load_meeting_notes() -> pd.DataFrame:
    """The team's weekly meeting notes: columns week, date, attendees, notes (one row a week, 8 weeks)."""
    import pandas as pd

    return pd.read_csv(_path("meeting_notes.csv"), dtype={"week": "int64", "attendees": "int64",
                                                          "notes": "string"}, parse_dates=["date"])


def load_support_tickets() -> pd.DataFrame:
    """Customer tickets: ticket_id, week, channel, subject, body and the category an agent gave each."""
    import pandas as pd

    return pd.read_csv(_path("support_tickets.csv"), dtype={
        "ticket_id": "string", "week": "int64", "channel": "category", "subject": "string", "body": "string",
        "category": pd.CategoricalDtype(TICKET_CATEGORIES)})


def tickets_table(week: int = 1, rows: int = 6) -> Any:
    """A few of one week's tickets as a manager reads them: plain headings, no row numbers, messages wrapped."""
    tickets = load_support_tickets().query("week == @week").head(rows)
    headings = {"ticket_id": "Ticket", "subject": "Subject", "body": "Message", "category": "Category"}
    return (tickets[list(headings)].rename(columns=headings).style.hide(axis="index")
            .set_properties(subset=["Message"], **{"white-space": "normal", "text-align": "left"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


def load_contacts_messy() -> pd.DataFrame:
    """Suppliers' contacts as typed over the years (duplicates and mixed formats on purpose); all text."""
    import pandas as pd

    return pd.read_csv(_path("contacts_messy.csv"), dtype="string", keep_default_na=False)


def _variant(name: str, variant: int) -> Path:
    if variant not in (1, 2):
        raise ValueError(f"The pilot data comes in variants 1 and 2; there is no variant {variant}.")
    file = f"{name}{'' if variant == 1 else '_2'}.csv"
    return (_heldout(file) if variant == 2 else None) or _path(file)


# The pilot's calendar, as the sources describe a pilot (datasets/generate_pilot.py makes the data by it): two
# baseline weeks by hand, a three-week pilot with four people, then the expansion to the team from week 6.
BASELINE_WEEKS = (1, 2)
PILOT_WEEKS = (3, 4, 5)


def load_pilot_log(variant: int = 1) -> pd.DataFrame:
    """The AI pilot's log (module 05): one row per person, week (1-2 baseline, 3-5 the pilot of four people,
    6-12 the expansion to the team for the use cases that paid off) and use case, with
    tasks, minutes per task, review and rework minutes, errors, first-review passes and cycle time. Blank cells
    stay blank (NaN): the calculators in ``course.metrics`` report them. Variant 2 is kept for hidden tests."""
    import pandas as pd

    log = pd.read_csv(_variant("pilot_log", variant), dtype={"person": "string", "use_case": "string"})
    log["used_ai"] = log["used_ai"].eq("yes")
    return log


def load_pilot_weekly(variant: int = 1) -> pd.DataFrame:
    """The team's week in the pilot: open backlog, share answered on time, and how saved hours were spent."""
    import pandas as pd

    return pd.read_csv(_variant("pilot_weekly", variant))


def load_perception_survey() -> pd.DataFrame:
    """How many hours a week people say AI saves them, by role (executive, manager, employee)."""
    import pandas as pd

    bands = pd.CategoricalDtype(["none", "under 2", "2 to 4", "4 to 8", "over 8"], ordered=True)
    return pd.read_csv(_path("perception_survey.csv"), dtype={"role": "category", "hours_saved_per_week": bands})
