"""Load the course's synthetic data sets (see datasets/README.md for the data dictionary)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from ._content import content_dir

__all__ = ["load_contacts_messy", "load_meeting_notes", "load_support_tickets", "meeting_notes", "tickets_text"]


def _path(name: str) -> Path:
    return content_dir("datasets") / name


@cache
def _meeting_notes_frame() -> pd.DataFrame:
    frame = pd.read_csv(_path("meeting_notes.csv"), dtype={"week": "int64", "attendees": "int64",
                                                            "notes": "string"}, parse_dates=["date"])
    return frame


def load_meeting_notes() -> pd.DataFrame:
    """The team's weekly meeting notes: columns week, date, attendees, notes (one row a week, 8 weeks)."""
    return _meeting_notes_frame().copy()


def meeting_notes(week: int) -> str:
    """The notes of one week's meeting as text."""
    frame = _meeting_notes_frame()
    rows = frame.loc[frame["week"] == week, "notes"]
    if rows.empty:
        raise ValueError(f"There are meeting notes for weeks {frame['week'].min()} to {frame['week'].max()}; "
                         f"there is no week {week}.")
    return str(rows.iloc[0])


@cache
def _tickets_frame() -> pd.DataFrame:
    return pd.read_csv(_path("support_tickets.csv"), dtype={
        "ticket_id": "string", "week": "int64", "channel": "category", "subject": "string", "body": "string",
        "category": pd.CategoricalDtype(["Delivery", "Refund", "Product fault", "Account", "Other"])})


def load_support_tickets() -> pd.DataFrame:
    """Customer tickets: ticket_id, week, channel, subject, body and the category an agent gave each."""
    return _tickets_frame().copy()


def tickets_text(week: int) -> str:
    """One week's tickets as the text a prompt would carry: number, subject and message, without the answers."""
    frame = _tickets_frame()
    rows = frame[frame["week"] == week]
    if rows.empty:
        raise ValueError(f"There are tickets for weeks {frame['week'].min()} to {frame['week'].max()}; "
                         f"there is no week {week}.")
    return "\n".join(f"{r.ticket_id} | {r.subject} | {r.body}" for r in rows.itertuples())


def load_contacts_messy() -> pd.DataFrame:
    """Suppliers' contacts as typed over the years (duplicates and mixed formats on purpose); all text."""
    return pd.read_csv(_path("contacts_messy.csv"), dtype="string", keep_default_na=False)
