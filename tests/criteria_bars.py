"""Bars used by the module 03 tests: a careful general bar per task, and degenerate ones."""

from __future__ import annotations


def row(text: str, check: str, value: str = "", weight: str = "", must: bool = False, case: bool = False) -> dict:
    return {"text": text, "check": check, "value": value, "weight": weight, "must": must, "case": case}


def bar(*rows: dict, threshold: str = "100") -> dict:
    return {"criteria": list(rows), "threshold": threshold}


REPLY = bar(
    row("Carries the first name, order number, exact amount and timeframe", "covers_source", must=True),
    row("No figure that is not in the case notes", "numbers_from_source", must=True),
    row("No card or phone numbers, no email addresses", "no_personal_data", must=True),
    row("No promises beyond the refund", "not_contains", "voucher; discount; compensation; guarantee; gift card",
        must=True),
    row("No placeholder left in", "no_placeholders", must=True),
    row("At most 119 words", "words", "at most 119", weight="2"),
    row("Ends with the team's sign-off", "ends_with", "Larkfield Customer Care"),
    row("Says sorry for the wait", "contains_any", "sorry; apologise; apologize; apologies"),
    row("Tone: warm and plain, neither stiff nor over-familiar", "reviewer"),
)

SUMMARY = bar(
    row("Every action with its owner", "covers_source", must=True),
    row("No figures that are not in the notes", "numbers_from_source", must=True),
    row("No personal data", "no_personal_data", must=True),
    row("Has the headings Key points and Actions", "headings", "Key points; Actions", must=True),
    row("No placeholder left in", "no_placeholders", must=True),
    row("At most 149 words", "words", "at most 149"),
    row("At most 8 bullets in all", "bullets", "at most 8"),
    row("No preamble", "not_contains", "Sure; Here is; Here's; I hope"),
)

TRIAGE = bar(
    row("Every ticket id appears", "covers_source", must=True),
    row("CSV with the columns ticket_id, category, reason", "csv_columns", "ticket_id, category, reason", must=True),
    row("Category is one of the five", "column_values", "category: Delivery; Refund; Product fault; Account; Other",
        must=True),
    row("No personal data", "no_personal_data", must=True),
    row("No figures that are not in the tickets", "numbers_from_source", must=True),
    row("Starts with the header line", "starts_with", "ticket_id"),
)

CAREFUL = {"customer_email": REPLY, "meeting_summary": SUMMARY, "ticket_triage": TRIAGE}

REJECT_ALL = bar(row("Contains a word no output has", "contains", "zebra crossing", must=True))
ACCEPT_ALL = bar(row("Contains a letter", "pattern", "[a-z]", must=True))
