"""SOPs used by the module 04 tests: a complete, safe one for the weekly meeting summary, and ways to spoil it."""

from __future__ import annotations

import copy

GOOD_SOP = {
    "title": "Monday meeting summary, drafted with the AI assistant",
    "purpose": "Colleagues who miss the Monday meeting get an accurate summary with every action and its owner "
               "by 11:00.",
    "trigger": "Every Monday, as soon as the 9:00 team meeting ends.",
    "inputs": "The meeting notes the note-taker typed into the shared team folder.",
    "prompt": "You are a team lead in customer operations. Summarise the meeting notes between the lines for "
              "colleagues who missed the meeting: a Key points section with 3 to 5 bullets and an Actions section "
              "with every action and its owner. At most 150 words. Use only what is in the notes; if an action "
              "has no owner in the notes, write 'owner not named'.\n---\n{notes}\n---",
    "expected_output": "A summary of at most 150 words with the headings Key points and Actions.",
    "quality_checks": "Lists every action from the notes with its owner\nEvery figure appears in the notes\n"
                      "No more than 150 words in all\nNo customer names or contact details",
    "steps": [
        {"actor": "Note-taker", "kind": "person", "action": "Saves the notes in the team folder without customer "
         "names or order numbers", "result": "Notes file saved by 9:45", "minutes_before": "5",
         "minutes_with_ai": "5"},
        {"actor": "AI assistant", "kind": "ai", "action": "Drafts the summary from the team prompt",
         "result": "A draft summary in the chat", "minutes_before": "35", "minutes_with_ai": "2"},
        {"actor": "Team lead", "kind": "check", "action": "Compares the draft with the notes against the four "
         "quality checks and corrects it", "result": "Draft approved or rewritten by hand", "minutes_before": "0",
         "minutes_with_ai": "6"},
        {"actor": "Team lead", "kind": "person", "action": "Posts the approved summary in the team channel",
         "result": "Summary posted by 11:00", "minutes_before": "2", "minutes_with_ai": "2"},
    ],
    "review_who": "The team lead on duty",
    "review_when": "Every week, before the summary is posted",
    "escalation": "If the notes mention a customer complaint or a legal matter, the team lead sends the summary to "
                  "the operations manager before posting it.",
    "data_rules": "Only the company's approved assistant (enterprise plan with audit logs) is used, never a personal "
                  "or free AI account. The notes go in without customer names or order numbers: the summary does "
                  "not need them. Health, HR and payment details never go into any AI tool.",
    "owner": "Team lead, Customer Operations",
    "version": "1.0",
    "review_date": "2026-06-01",
    "runs_per_week": "1",
}


def spoiled(**changes: object) -> dict:
    """The good SOP with some fields replaced (``steps`` replaced whole)."""
    sop = copy.deepcopy(GOOD_SOP)
    sop.update(changes)
    return sop
