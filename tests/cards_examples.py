"""Metric cards for the module 05 tests: three sound cards for the pilot, and ways to spoil them."""

from __future__ import annotations

GOOD_CARDS = [
    {"name": "Net minutes saved per ticket (triage)", "question": "Should AI triage go to the whole team?",
     "formula": "(baseline minutes per ticket - AI minutes - review - rework) / tickets triaged with AI",
     "data_source": "Helpdesk time log and the weekly review sheet", "baseline": "3.1 minutes, weeks 1 and 2",
     "target": "At least 1 minute saved per ticket by week 5", "owner": "Team lead, Customer Operations",
     "cadence": "Weekly in the pilot, monthly from day 61", "guardrail": "Error rate within 1 point of 5%",
     "kind": "lagging"},
    {"name": "Share of the team using AI on a real task", "question": "Is the pilot reaching everyone it should?",
     "formula": "people who used AI for at least one real task this week / people working this week",
     "data_source": "The pilot log, one row per person, week and use case", "baseline": "0% in weeks 1 and 2",
     "target": "At least 9 of 12 people by week 9", "owner": "Bram, pilot champion",
     "cadence": "Weekly during the pilot", "guardrail": "Review pass rate stays at or above 85%",
     "kind": "leading"},
    {"name": "Review pass rate of AI drafts", "question": "Are AI drafts good enough to send after one check?",
     "formula": "drafts accepted at their first review / drafts reviewed",
     "data_source": "The weekly review sheet", "baseline": "No AI drafts before week 3: 0 reviewed",
     "target": "85% or more by week 5", "owner": "Senior agent on the refund desk",
     "cadence": "Weekly in the pilot, then monthly", "guardrail": "Complaints per 1,000 tickets stay at 2.8 or less",
     "kind": "lagging"},
]
