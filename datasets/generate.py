"""Make the course's synthetic data sets, the same bytes on every run.

Everything here is invented for the course's one storyline: the 12-person Customer Operations team at
Larkfield Home Goods, a fictional online shop for home goods. No real person, customer or employee appears.

Run from the project root:  python datasets/generate.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20260112

TEAM = [
    "Noor", "Bram", "Ilse", "Kofi", "Mireille", "Tobiah",
    "Saskia", "Rafferty", "Yuna", "Dmitar", "Oriane", "Lucan",
]
TOPICS = [
    ("Backlog", [
        "Open tickets stood at {n} on Monday, {d} more than last week.",
        "The weekend queue took until Tuesday noon to clear.",
        "{a} suggested sorting the queue by order value before age.",
    ]),
    ("Refunds", [
        "Refund requests rose to {n} this week after the kettle recall.",
        "Two refunds went out twice because the form was submitted again.",
        "{a} will check the refund log against the payment report on Thursday.",
    ]),
    ("Response times", [
        "First response time averaged {h} hours; the target is 4 hours.",
        "Chat replies were fast but email replies slipped on Wednesday.",
        "{a} asked whether template replies could cover delivery questions.",
    ]),
    ("AI pilot", [
        "Three people tried the AI assistant for ticket summaries this week.",
        "{a} found the draft replies too formal for our customers.",
        "We agreed not to paste order numbers or addresses into the assistant.",
    ]),
    ("Training", [
        "New starters shadowed the returns desk for two afternoons.",
        "{a} will run a 20-minute session on the updated returns policy.",
        "The knowledge base article on warranties is out of date.",
    ]),
    ("Returns policy", [
        "The 30-day returns window now starts on the delivery date.",
        "Customers are still quoting the old 14-day window from an old email.",
        "{a} will draft a short note for the help centre.",
    ]),
]
ACTIONS = [
    "{a} to update the refund checklist by Friday.",
    "{a} to share the queue numbers in next week's meeting.",
    "{a} to ask the warehouse team about late delivery scans.",
    "{a} to collect three example tickets for the AI pilot.",
    "{a} to book the training room for the returns session.",
    "{a} to fix the broken link in the delivery template.",
]


def meeting_notes(rng: random.Random, weeks: int = 8) -> list[dict[str, object]]:
    """Weekly team meeting notes, one row a week, written the way a busy team writes them."""
    start = dt.date(2026, 2, 2)
    rows = []
    for week in range(1, weeks + 1):
        day = start + dt.timedelta(weeks=week - 1)
        topics = rng.sample(TOPICS, 3)
        lines = [f"Team meeting, {day:%A %d %B %Y}", f"Present: {rng.randint(8, 12)} of 12"]
        for title, sentences in topics:
            lines.append("")
            lines.append(f"{title}:")
            for sentence in rng.sample(sentences, 2):
                lines.append("- " + sentence.format(
                    n=rng.randint(140, 320), d=rng.randint(5, 40), h=rng.choice([3, 5, 6, 7]),
                    a=rng.choice(TEAM)))
        lines.append("")
        lines.append("Actions:")
        for action in rng.sample(ACTIONS, 3):
            lines.append("- " + action.format(a=rng.choice(TEAM)))
        rows.append({"week": week, "date": day.isoformat(), "attendees": int(lines[1].split()[1]),
                     "notes": "\n".join(lines)})
    return rows


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    """Write rows as UTF-8 CSV with Unix line endings, so the bytes never depend on the machine."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def main() -> None:
    rng = random.Random(SEED)
    write_csv(HERE / "meeting_notes.csv", meeting_notes(rng))


if __name__ == "__main__":
    main()
