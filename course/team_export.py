"""Read a team's own export of pilot figures, team-level only, and say plainly what is wrong with it.

A team may load its own figures into the pilot dashboard: one row per week, use case and way of working (with
or without AI), never one row per person. The file stays in the learner's workspace (it is read in memory, never
sent anywhere). Whatever is wrong is named with its line and column; nothing is dropped silently:

- the encoding (UTF-8 with or without a byte-order mark, or Windows text), and the separator (comma, semicolon,
  tab or bar) are recognised and said;
- a broken quote, a repeated column, a missing column, or a column that names people stops the reading;
- a group of fewer than ``MIN_GROUP`` people, text in a number column, "NA"/"None", an infinite or a negative
  number: the cell is left blank, and the line and column are listed.

A file without a ``phase`` column follows the course's calendar: weeks 1 and 2 are the baseline.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any

REQUIRED = ("week", "use_case", "used_ai", "tasks", "minutes_per_task", "review_minutes", "rework_minutes", "errors")
NUMBERS = ("week", "tasks", "minutes_per_task", "review_minutes", "rework_minutes", "errors", "people",
           "cycle_time_hours", "first_review_passed")
PERSON_COLUMNS = ("person", "name", "employee", "agent", "staff", "email", "user", "username", "employee_id")
BLANK_WORDS = {"", "na", "n/a", "none", "null", "nan", "-"}
MIN_GROUP = 5
MAX_ROWS = 200_000
MAX_BYTES = 50_000_000
SHOWN_PROBLEMS = 10


class ExportProblem(ValueError):
    """The export cannot be read at all; the message says why in plain words."""


@dataclass
class TeamExport:
    """The rows read (as numbers where numbers belong), and what had to be left blank and why."""

    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    blanked: list[str] = field(default_factory=list)

    def frame(self) -> Any:
        """The rows as a pandas data frame in the shape of ``course.data.load_pilot_log`` (team level)."""
        import pandas as pd

        table = pd.DataFrame(self.rows)
        for optional in NUMBERS:
            if optional not in table:
                table[optional] = float("nan")
        table["used_ai"] = table["used_ai"].map(lambda v: str(v).strip().lower() in ("yes", "true", "1", "y"))
        if "phase" not in table:  # no phase column: the course's calendar, two baseline weeks first
            from .data import BASELINE_WEEKS

            table["phase"] = table["week"].map(lambda w: "baseline" if w is not None and w <= BASELINE_WEEKS[-1]
                                               else "pilot")
        return table

    def summary(self) -> str:
        parts = [f"Read {len(self.rows):,} rows."] + self.notes
        if self.blanked:
            shown = "; ".join(self.blanked[:SHOWN_PROBLEMS])
            more = f"; and {len(self.blanked) - SHOWN_PROBLEMS:,} more" if len(self.blanked) > SHOWN_PROBLEMS else ""
            parts.append(f"Left blank and not counted ({len(self.blanked):,}): {shown}{more}.")
        return " ".join(parts)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of the file and a note on how it was read (UTF-8, with its byte-order mark, or Windows text)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 with a byte-order mark"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "read as Windows text (cp1252), not UTF-8"


def sniffed_reader(text: str, separators: str = ",;\t|") -> tuple[Any, str]:
    """A strict CSV reader over ``text`` with the separator the file uses (a comma when it cannot be told)."""
    try:
        separator = csv.Sniffer().sniff(text[:20_000], delimiters=separators).delimiter
    except csv.Error:
        separator = ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True), separator


def read_team_export(raw: bytes) -> TeamExport:
    """Read an export's bytes; raises ExportProblem with a plain message when it cannot be read at all."""
    if len(raw) > MAX_BYTES:
        raise ExportProblem(f"The file is larger than {MAX_BYTES // 1_000_000} MB; export fewer weeks.")
    if not raw.strip():
        raise ExportProblem("The file is empty.")
    text, encoding_note = decode(raw)
    reader, separator = sniffed_reader(text)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise ExportProblem(f"The first line cannot be read as column names ({error}).") from None
    _check_header(header)
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    blanked: list[str] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise ExportProblem(f"Line {line} has {len(values)} values where the header has {len(header)} "
                                    f"columns (is the separator “{_name(separator)}” right?).")
            if len(rows) >= MAX_ROWS:
                raise ExportProblem(f"The file has more than {MAX_ROWS:,} rows; export a team-level summary.")
            rows.append(_row(dict(zip(header, values, strict=True)), line, blanked))
            lines.append(line)
    except csv.Error as error:
        raise ExportProblem(f"Line {reader.line_num} cannot be read: {error} (a quote that is never closed?)."
                            ) from None
    if not rows:
        raise ExportProblem("The file has column names but no rows.")
    _check_team_level(rows, lines)
    notes = [n for n in (encoding_note, f"separator: {_name(separator)}" if separator != "," else "") if n]
    return TeamExport(rows, [n[:1].upper() + n[1:] + "." for n in notes], blanked)


def _name(separator: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(separator, separator)


def _check_header(header: list[str]) -> None:
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise ExportProblem(f"These columns appear twice: {', '.join(repeated)}. Keep one of each.")
    people = [h for h in header if h in PERSON_COLUMNS]
    if people:
        raise ExportProblem(f"The column “{people[0]}” names people: the course takes team-level figures only, one "
                            "row per week, use case and way of working. Export a summary without names.")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ExportProblem(f"These columns are missing: {', '.join(missing)}. The first line must name: "
                            f"{', '.join(REQUIRED)} (and, if you have it, people).")


def _row(raw: dict[str, str], line: int, blanked: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {k: v.strip() for k, v in raw.items()}
    for column in NUMBERS:
        if column not in row:
            continue
        value = row[column]
        if value.lower() in BLANK_WORDS:
            if value:
                blanked.append(f"line {line}, {column}: “{value[:20]}” read as blank")
            row[column] = None
            continue
        number = _number(value)
        if number is None or not math.isfinite(number) or number < 0:
            why = "not a number" if number is None else "infinite" if not math.isfinite(number) else "negative"
            blanked.append(f"line {line}, {column}: “{value[:20]}” is {why}")
            row[column] = None
        else:
            row[column] = number
    people = row.get("people")
    if people is not None and people < MIN_GROUP:
        blanked.append(f"line {line}: a group of {people:g} is too small to keep anyone anonymous (the smallest "
                       f"is {MIN_GROUP}), so its figures were left out")
        for column in NUMBERS:
            if column not in ("week",) and column in row:
                row[column] = None
    return row


def _number(text: str) -> float | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # 3,5 minutes written the continental way
    try:
        return float(cleaned)
    except ValueError:
        return None


def _check_team_level(rows: list[dict[str, Any]], lines: list[int]) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for row, line in zip(rows, lines, strict=True):
        key = (row.get("week"), row.get("use_case"), str(row.get("used_ai")).lower())
        if key in seen:
            week = "?" if key[0] is None else f"{key[0]:g}"
            raise ExportProblem(f"Week {week}, {key[1]}, used_ai={key[2]} appears on lines {seen[key]} and {line}: "
                                "that looks like one row per person. The course takes one row per week, use case "
                                "and way of working.")
        seen[key] = line
