"""Load the course's synthetic data sets (see datasets/README.md for the data dictionary)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from ._content import content_dir

__all__ = ["load_meeting_notes", "meeting_notes"]


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
