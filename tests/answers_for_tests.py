"""Example answers shared by tests: the solution's model answers and typical weak answers."""

from __future__ import annotations

from pathlib import Path

import nbformat

from course.data import meeting_notes


def model_answers(notebook: Path) -> dict[str, object]:
    """The model answers a solution notebook puts in, read by running its solution cells on a recorder."""
    recorded: dict[str, object] = {}

    class Recorder:
        def model_answer(self, key: str, value: object) -> None:
            recorded[key] = value

    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            exec(cell.source, {"wb": Recorder()})  # noqa: S102 (our own solution notebook)
    return recorded


GOOD = {
    "role": "You are an experienced team lead in a customer-operations team.",
    "task": "Summarise the meeting notes below for colleagues who missed the meeting.",
    "context": "The summary goes to the whole team on Monday and most people read it on a phone.",
    "input": "The notes are between the lines.\n---\n{notes}\n---",
    "format": "Three headings: Decisions, Actions (owner and date), Open questions, with bullets.",
    "constraints": "At most 150 words. Use only what is in the notes.",
    "examples": "",
}


def weak(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


# name -> (answer, points of the 10-point visible test, points of the 2-point hidden test, finding kinds)
WEAK_ANSWERS = {
    "no role": (weak(role=""), 9, 1.5, {"missing_role"}),  # not ready: never full marks
    "no format, vague constraint": (weak(format="", constraints="Keep it short and clear."), 7.5, 1.5,
                                    {"missing_format", "vague_constraint"}),
    "pasted notes instead of {notes}": (weak(input="Notes:\n" + meeting_notes(1)), 8, 1.5, {"missing_input"}),
    "email address in the context": (weak(context="Send questions to dana.r@example.com who reads it on Monday."),
                                     9, 1.5, {"personal_data"}),
    "only a task": ({"task": "Summarise these meeting notes for the team."}, 3, 0.5,
                    {"missing_role", "missing_context", "missing_input", "missing_format",
                     "missing_constraints"}),
    "format that names no format": (weak(format="Make it look nice."), 8, 1.5, {"missing_format"}),
}


# Part 5: a prompt for a task of the learner's own team (a claims office), checked by the same coach.
OWN_GOOD = {
    "role": "You are an experienced claims handler who writes clear, friendly letters.",
    "task": "Draft a letter that tells a policyholder which documents are still missing from their claim.",
    "context": "Our team processes home-insurance claims; letters go out by post and e-mail, and many readers are "
               "stressed after a loss.",
    "input": "The claim checklist is between the lines.\n---\n{materials}\n---",
    "format": "A letter of three short paragraphs: what we have, what is missing, how to send it.",
    "constraints": "At most 200 words. Use only the items on the checklist. No promises about the outcome.",
    "examples": "",
}
# name -> (answer, points of the 6-point test, finding kinds)
WEAK_OWN = {
    "a colleague's name and e-mail in the context": (
        {**OWN_GOOD, "context": "Letters are signed by Maria Lopez (maria.lopez@example.com), who checks each one."},
        5.5, {"personal_data"}),
    "the checklist pasted, no input place": (
        {**OWN_GOOD, "input": "Checklist: photos of the damage, the repair quote, the police report number."},
        5, {"missing_input"}),
    "no format, a vague limit": ({**OWN_GOOD, "format": "", "constraints": "Keep it short and friendly."}, 4.5,
                                 {"missing_format", "vague_constraint"}),
    "only a task": ({"task": "Write the missing-documents letter."}, 2,
                    {"missing_role", "missing_context", "missing_input", "missing_format", "missing_constraints"}),
}

TRIAGE_GOOD = {
    "role": "You are an experienced agent on the support desk.",
    "task": "Sort the tickets below into categories for the weekly report.",
    "context": "The backlog report goes to the whole team every Monday and is compared week to week.",
    "input": "Tickets:\n{tickets}",
    "format": "A table with the columns Ticket and Category.",
    "constraints": "Use only Delivery, Refund, Product fault, Account or Other. One category per ticket.",
    "examples": "",
}
WEAK_PROMPT_TO_REPAIR = ("Look at these tickets and sort them out. Make it quick and keep it short. "
                         "Tickets: {tickets}. If you need anything, the customer is Jonas at jonas.k@example.com.")
REPAIR_GOOD = ("You are an experienced support agent. Sort each ticket below into one category: Delivery, Refund, "
               "Product fault, Account or Other, for the team's weekly backlog report. Reply with a table: ticket "
               "number, category. At most one row per ticket.\n\nTickets:\n{tickets}")

# (task, answer, points of the visible test, points of the hidden test, finding kinds): typical weak answers
WEAK_TRIAGE = {
    "no categories named": (
        {**TRIAGE_GOOD, "constraints": "At most 12 rows, one per ticket."}, 8, 1.5, {"missing_categories"}),
    "no role, vague limit, an email address": (
        {**TRIAGE_GOOD, "role": "", "constraints": "Use only Delivery, Refund, Product fault, Account or Other. "
         "Keep it short.", "context": "Questions go to lee.w@example.org before the Monday team report."},
        8, 1.5, {"missing_role", "personal_data"}),  # the vague limit is a suggestion: a measured one is there
}
WEAK_REPAIR = {
    "the weak prompt unchanged": (WEAK_PROMPT_TO_REPAIR, 2.5, 0.5,
                                  {"missing_format", "vague_constraint", "personal_data", "missing_categories"}),
    "a good repair that lost the slot": (REPAIR_GOOD.replace("{tickets}", "(attached)"), 5, 1, {"missing_input"}),
    "keyboard mash": ("asdf jkl qwer zxcv uiop {tickets} hjkl asdfgh", 0, 0, {"unreadable"}),
    "a German text with an email address and no slot": (
        "Sortiere die Tickets in Lieferung, Erstattung, Produktfehler, Konto oder Sonstiges. Antworte als Tabelle "
        "mit zwei Spalten. Fragen an jonas.k@example.com.", 0, 0, {"other_language"}),
}

# name -> (task, answer, the most it may earn on the engine's scale): answers that say nothing a reader could act
# on. Written to game the rules: keywords, single words and placeholders in every field.
GAMING = {
    "letters in every field": ("meeting_summary", {"role": "x y", "task": "a b c", "context": "x y z a b",
                                                   "input": "{notes}", "format": "table",
                                                   "constraints": "100 words"}, 3),
    "element names": ("meeting_summary", {"role": "role", "task": "task", "context": "context", "input": "{notes}",
                                          "format": "format", "constraints": "constraints"}, 3),
    "keywords per field": ("ticket_triage", {"role": "agent", "task": "tickets categories", "context": "team report",
                                             "input": "{tickets}", "format": "table",
                                             "constraints": "Delivery Refund Product fault Account Other"}, 5),
    "one word per field": ("meeting_summary", {"role": "lead", "task": "summary", "context": "team",
                                               "input": "{notes}", "format": "bullets", "constraints": "short"}, 4),
    "keyword salad as free text": ("repair_prompt", "tickets categories Delivery Refund Product fault Account "
                                                    "Other table 100 words role context {tickets}", 0),
    "keyboard mash as free text": ("free_prompt", "asdf jkl; qwer uiop zxcv bnm, hjkl asdf", 0),
    "lorem ipsum": ("free_prompt", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
                                   "incididunt ut labore et dolore magna aliqua.", 0),
    "only a placeholder": ("repair_prompt", "{tickets}", 2),
}
