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
import sys
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


CATEGORIES = ["Delivery", "Refund", "Product fault", "Account", "Other"]
TICKET_TEMPLATES = {
    "Delivery": [
        ("Parcel not arrived", "My order was due on {day} and the tracking page has not changed since. Can you check where it is?"),
        ("Wrong address on label", "The delivery label shows my old street. Please change it before the parcel leaves."),
        ("Courier left parcel outside", "The courier left the box by the bins in the rain. The {product} inside is wet."),
    ],
    "Refund": [
        ("Refund not received", "I returned the {product} {n} days ago and have not seen the refund yet."),
        ("Charged twice", "My bank shows two payments for one order of a {product}. Please refund one of them."),
        ("Refund for recalled kettle", "I have the recalled kettle. How do I get my money back?"),
    ],
    "Product fault": [
        ("Handle came off", "The handle of the {product} came off after two uses. Is this covered by the warranty?"),
        ("Lamp flickers", "The new lamp flickers when it is switched on. I tried another bulb, same thing."),
        ("Missing parts", "The {product} arrived without the screws needed to put it together."),
    ],
    "Account": [
        ("Cannot log in", "The password reset email never arrives, so I cannot log in to see my orders."),
        ("Change email on account", "I would like to change the email address on my account to a new one."),
        ("Delete my account", "Please close my account and tell me what happens to my order history."),
    ],
    "Other": [
        ("Gift wrapping", "Do you offer gift wrapping for a {product}? It is a present for {day}."),
        ("Store opening hours", "Is there a shop I can visit, and when is it open?"),
        ("Compliment for the team", "Just wanted to say the chat agent was really helpful last week. Thank you!"),
    ],
}
PRODUCTS = ["kettle", "desk lamp", "bookshelf", "toaster", "duvet", "storage box", "coffee grinder", "rug"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend"]


def support_tickets(rng: random.Random, weeks: int = 8, per_week: int = 12) -> list[dict[str, object]]:
    """Customer tickets the team handled, with the category an experienced agent gave each one."""
    rows = []
    number = 1000
    for week in range(1, weeks + 1):
        for _ in range(per_week):
            number += rng.randint(1, 9)
            category = rng.choices(CATEGORIES, weights=[30, 25, 20, 15, 10])[0]
            subject, body = rng.choice(TICKET_TEMPLATES[category])
            rows.append({
                "ticket_id": f"T-{number}", "week": week, "channel": rng.choice(["email", "chat", "web form"]),
                "subject": subject,
                "body": body.format(product=rng.choice(PRODUCTS), day=rng.choice(DAYS), n=rng.randint(5, 30)),
                "category": category,
            })
    return rows


def messy_contacts(rng: random.Random) -> list[dict[str, object]]:
    """Business contacts of suppliers, typed in by hand over the years: duplicates, odd spacing, mixed case.

    Only company names, roles and switchboard numbers from ranges set aside for fiction; no person appears.
    """
    companies = ["Brookvale Packaging", "Tamsin Freight", "Orchard Lane Ceramics", "Kettlewick Appliances",
                 "Northgate Textiles", "Pebble & Pine Furniture", "Lumen Row Lighting", "Harrow Print Works"]
    roles = ["Account manager", "Returns desk", "Customer service", "Logistics", "Accounts payable"]
    rows = []
    for i, company in enumerate(companies):
        phone = f"+44 20 7946 0{100 + i * 7:03d}"
        email = company.lower().replace(" & ", "-").replace(" ", "-") + "@example.com"
        variants = [
            (company, phone, email),
            ("  " + company.upper() + " ", phone.replace(" ", ""), email.upper()),
            (company.lower(), phone.replace("+44 ", "0"), email),
        ]
        for name, number, mail in rng.sample(variants, rng.randint(1, 3)):
            rows.append({"company": name, "role": rng.choice(roles), "country": rng.choice(["UK", "U.K.", "uk",
                                                                                            "United Kingdom"]),
                         "phone": number, "email": mail})
    rng.shuffle(rows)
    return rows


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    """Write rows as UTF-8 CSV with Unix line endings, so the bytes never depend on the machine."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def main(into: Path = HERE) -> None:
    from generate_inventory import task_inventory  # module 01's inventories, written by hand
    from generate_pilot import perception_survey, pilot_log, pilot_weekly  # module 05's pilot, seeded apart

    rng = random.Random(SEED)
    write_csv(into / "meeting_notes.csv", meeting_notes(rng))
    write_csv(into / "support_tickets.csv", support_tickets(rng))
    write_csv(into / "contacts_messy.csv", messy_contacts(rng))
    for variant, suffix in ((1, ""), (2, "_2")):
        write_csv(into / f"pilot_log{suffix}.csv", pilot_log(variant))
        write_csv(into / f"pilot_weekly{suffix}.csv", pilot_weekly(variant))
    write_csv(into / "perception_survey.csv", perception_survey())
    for variant, suffix in ((1, ""), (2, "_2")):
        write_csv(into / f"task_inventory{suffix}.csv", task_inventory(variant))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
