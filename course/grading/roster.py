"""A cohort's roster from a CSV file, checked line by line, added to nbgrader's gradebook in one go.

Adding learners one ``nbgrader db student add`` at a time starts nbgrader once per learner (seconds each); this
reads the whole roster, says which lines cannot be used and why, and adds the rest through nbgrader's own
Gradebook API in one process. Ids may be pseudonyms ("mgr-0417"): names and emails are optional.

Columns: ``id`` (required; letters, digits, ``.``, ``_`` and ``-``, at most 64), then any of ``first_name``,
``last_name``, ``email`` and ``hub_username``: the name the learner signs in to the hub with, when the id is a
pseudonym (collect then files that learner's submissions under the id; see ``exchange.py``). The file may be
UTF-8 (with or without a byte-order mark) or Windows text, separated by commas, semicolons or tabs.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..team_export import decode, sniffed_reader
from .gradebook import open_gradebook

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# A hub username as nbgrader's exchange can carry it: JupyterHub keeps it in lower case, and nbgrader splits a
# submission's name on "+", so no "+", spaces or slashes.
HUB_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,127}")
COLUMNS = ("id", "first_name", "last_name", "email", "hub_username")
ALIASES = {"student_id": "id", "student": "id", "first name": "first_name", "last name": "last_name",
           "firstname": "first_name", "lastname": "last_name", "e-mail": "email", "hub username": "hub_username",
           "username": "hub_username", "login": "hub_username"}
MAX_FIELD = 200


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    hub_username: str = ""


@dataclass
class Roster:
    learners: list[Learner] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # "line 7: ..." for every line that cannot be used


class RosterProblem(ValueError):
    """The roster cannot be read at all; the message says why."""


def read_roster(raw: bytes) -> Roster:
    """Every usable learner of a roster file, and a plain sentence for each line that is not usable."""
    if not raw.strip():
        raise RosterProblem("The roster file is empty.")
    text, _note = decode(raw)
    reader, _separator = sniffed_reader(text, ",;\t")
    try:
        header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise RosterProblem(f"The first line cannot be read as column names ({error}).") from None
    if "id" not in header:
        raise RosterProblem("The first line must name an id column (id or student_id); it names: "
                            + ", ".join(header[:10]) + ".")
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise RosterProblem(f"These columns appear twice: {', '.join(repeated)}.")
    roster = Roster()
    seen: dict[str, int] = {}
    hubs: dict[str, int] = {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                roster.problems.append(f"line {line}: {len(values)} values where the header has {len(header)}")
                continue
            row = {h: v.strip() for h, v in zip(header, values, strict=True)}
            learner_id = row["id"]
            if not ID.fullmatch(learner_id):
                roster.problems.append(f"line {line}: the id “{learner_id[:40]}” can only hold letters, digits, "
                                       "dots, dashes and underscores (at most 64), starting with a letter or digit")
                continue
            if learner_id.lower() in seen:
                roster.problems.append(f"line {line}: the id “{learner_id}” is already on line "
                                       f"{seen[learner_id.lower()]}")
                continue
            hub_username = row.get("hub_username", "").lower()
            if hub_username and not HUB_USERNAME.fullmatch(hub_username):
                roster.problems.append(f"line {line}: the hub username “{row['hub_username'][:40]}” cannot be a "
                                       "hub sign-in name (letters, digits, '.', '_', '@' and '-', at most 128; "
                                       "no spaces or '+')")
                continue
            if hub_username and hub_username in hubs:
                roster.problems.append(f"line {line}: the hub username “{hub_username}” is already on line "
                                       f"{hubs[hub_username]}")
                continue
            seen[learner_id.lower()] = line
            if hub_username:
                hubs[hub_username] = line
                row["hub_username"] = hub_username
            too_long = [c for c in COLUMNS[1:] if len(row.get(c, "")) > MAX_FIELD]
            if too_long:
                roster.problems.append(f"line {line}: {', '.join(too_long)} longer than {MAX_FIELD} characters")
                continue
            roster.learners.append(Learner(learner_id, *(row.get(c, "") for c in COLUMNS[1:])))
    except csv.Error as error:
        raise RosterProblem(f"Line {reader.line_num} cannot be read: {error} (a quote that is never closed?).") \
            from None
    return roster


def add_to_gradebook(course: Path, learners: list[Learner]) -> int:
    """Add (or update) every learner in the course's gradebook through nbgrader's API; how many were added."""
    with open_gradebook(course) as book:
        before = {s.id for s in book.students}
        for learner in learners:
            book.update_or_create_student(learner.id, first_name=learner.first_name or None,
                                          last_name=learner.last_name or None, email=learner.email or None,
                                          lms_user_id=learner.hub_username or None)
        return len({learner.id for learner in learners} - before)
