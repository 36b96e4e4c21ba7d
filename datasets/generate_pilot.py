"""Make the AI pilot's measurement data for module 05 (metric design), the same bytes on every run.

Twelve weeks, about the 90 days of a 30-60-90 plan, of the Customer Operations team at Larkfield Home Goods, as
the sources describe a pilot: weeks 1-2 are the baseline (everyone works by hand while the baseline is measured
and the use cases, prompts and SOPs are chosen); weeks 3-5 are a three-week pilot in which four people (the pilot
group) use the AI assistant; from week 6 the use cases the evidence supports go to the whole team, with the pilot
group as champions, and a use case that did not pay off goes back to being done by hand while its prompt or
process is fixed. Weeks 10-12 are normal work, reviewed monthly.

Two variants from two seeds: variant 1 is what learners see, variant 2 is kept for hidden tests (the same kind of
team, a different story: another use case fails to pay off). The data is messy on purpose, as real logs are: a
person away for two weeks, a late joiner with no baseline, an outage week, a few blank cells.

Run from the project root:  python datasets/generate.py   (it calls this module)
"""

from __future__ import annotations

import random

TEAM = ["Noor", "Bram", "Ilse", "Kofi", "Mireille", "Tobiah", "Saskia", "Rafferty", "Yuna", "Dmitar", "Oriane",
        "Lucan"]
WEEKS = range(1, 13)
BASELINE_WEEKS = range(1, 3)   # days 1-14: by hand, the baseline measured
PILOT_WEEKS = range(3, 6)      # days 15-35: three weeks, four people
PILOT_GROUP = ("Noor", "Bram", "Saskia", "Rafferty")   # two on triage, two on refunds; three write the summary
SUMMARY_WRITERS = ("Noor", "Bram", "Saskia")           # the weekly meeting summary, written in turn
# Per use case: tasks a person does a week, minutes per task by hand, minutes with AI (writing), review minutes,
# the share of AI outputs that need rework and the minutes of rework, error rates by hand and with AI, who does
# it, and whether the evidence supports taking it to the whole team after the pilot.
USE_CASES_1 = {
    "ticket_triage": dict(tasks=(40, 60), by_hand=3.0, with_ai=1.0, review=0.5, rework_share=0.10, rework=2.0,
                          errors=(0.05, 0.03), people=TEAM[:9], scaled=True),
    "refund_reply": dict(tasks=(8, 16), by_hand=8.0, with_ai=1.5, review=3.5, rework_share=0.5, rework=8.0,
                         errors=(0.02, 0.06), people=TEAM[6:12], scaled=False),
    "meeting_summary": dict(tasks=(1, 1), by_hand=35.0, with_ai=2.0, review=6.0, rework_share=0.2, rework=10.0,
                            errors=(0.0, 0.0), people=SUMMARY_WRITERS, scaled=True),
}
# Variant 2: the same team, another story: refund replies pay off, ticket triage does not once checked.
USE_CASES_2 = {
    "ticket_triage": dict(tasks=(40, 60), by_hand=3.0, with_ai=1.2, review=1.2, rework_share=0.35, rework=2.5,
                          errors=(0.04, 0.07), people=TEAM[:9], scaled=False),
    "refund_reply": dict(tasks=(8, 16), by_hand=9.0, with_ai=1.5, review=2.5, rework_share=0.15, rework=6.0,
                         errors=(0.03, 0.025), people=TEAM[6:12], scaled=True),
    "meeting_summary": dict(tasks=(1, 1), by_hand=30.0, with_ai=2.0, review=5.0, rework_share=0.2, rework=8.0,
                            errors=(0.0, 0.0), people=SUMMARY_WRITERS, scaled=True),
}
# seed, use cases, who is away in weeks 7-8, who joins late (in week 4: no baseline), the outage week
VARIANTS = {1: (20260301, USE_CASES_1, "Yuna", "Lucan", 9), 2: (20260302, USE_CASES_2, "Kofi", "Oriane", 4)}


def phase_of(week: int) -> str:
    """'baseline' (weeks 1-2), 'pilot' (weeks 3-5) or 'expansion' (from week 6)."""
    return "baseline" if week in BASELINE_WEEKS else "pilot" if week in PILOT_WEEKS else "expansion"


def uses_ai(rng: random.Random, week: int, person: str, spec: dict) -> bool:
    """Whether a person used the AI assistant for a use case that week: nobody in the baseline; the pilot group
    in the pilot; in the expansion, the pilot group and more of the team each week, for a use case that scaled."""
    phase = phase_of(week)
    if phase == "baseline" or (phase == "expansion" and not spec["scaled"]):
        return False
    if person in PILOT_GROUP:
        return phase == "expansion" or rng.random() < 0.95
    return phase == "expansion" and rng.random() < min(0.9, 0.45 + 0.08 * (week - 6))


def pilot_log(variant: int, seed: int | None = None) -> list[dict[str, object]]:
    """One row per person, week and use case the person works on: tasks done, minutes, AI use, errors. Another
    ``seed`` tells the variant's same story with other day-to-day noise (a cohort's own held-out data)."""
    own_seed, cases, away, late, outage = VARIANTS[variant]
    rng = random.Random(own_seed if seed is None else seed)
    rows = []
    for week in WEEKS:
        for case, spec in cases.items():
            people = [SUMMARY_WRITERS[(week - 1) % 3]] if case == "meeting_summary" else spec["people"]
            for person in people:
                if person == away and week in (7, 8):
                    continue  # on holiday: no rows at all
                if person == late and week < 4:
                    continue  # joined the team in week 4: no baseline weeks
                used = uses_ai(rng, week, person, spec)
                tasks = rng.randint(*spec["tasks"])
                if week == outage:
                    tasks = max(1, tasks // 2)  # the helpdesk was down for two days
                minutes = spec["with_ai"] if used else spec["by_hand"]
                minutes = round(minutes * rng.uniform(0.85, 1.15), 1)
                review = round(tasks * spec["review"] * rng.uniform(0.8, 1.2)) if used else 0
                reworked = sum(rng.random() < spec["rework_share"] for _ in range(tasks)) if used else 0
                rework = round(reworked * spec["rework"] * rng.uniform(0.8, 1.2))
                error_rate = spec["errors"][1] if used else spec["errors"][0]
                errors = sum(rng.random() < error_rate for _ in range(tasks))
                rows.append({"week": week, "phase": phase_of(week), "person": person,
                             "use_case": case, "used_ai": "yes" if used else "no", "tasks": tasks,
                             "minutes_per_task": minutes, "review_minutes": review, "rework_minutes": rework,
                             "errors": errors, "first_review_passed": tasks - reworked if used else "",
                             "cycle_time_hours": round(rng.uniform(3.5, 5.0) if used else rng.uniform(5.0, 7.0)
                                                       * (2.2 if week == outage else 1.0), 1)})
    for row in rng.sample(rows, 3):  # a few cells somebody forgot to fill in
        row["minutes_per_task"] = ""
    return rows


def pilot_weekly(variant: int, seed: int | None = None) -> list[dict[str, object]]:
    """The team's week: open backlog on Monday, share of tickets answered on time, and how saved hours were used
    (a few hours in the pilot, when four people use AI; more each week of the expansion)."""
    own_seed, _cases, _away, _late, outage = VARIANTS[variant]
    rng = random.Random((own_seed if seed is None else seed) + 100)
    rows = []
    backlog = 310
    for week in WEEKS:
        phase = phase_of(week)
        backlog = max(120, backlog + rng.randint(-12, 14) - {"baseline": 0, "pilot": 4, "expansion": 14}[phase]
                      + (90 if week == outage else 0))
        saved = {"baseline": 0.0, "pilot": round(rng.uniform(1.5, 3.0), 1),
                 "expansion": round(rng.uniform(4, 9) + (week - 6) * 1.5, 1)}[phase]
        shares = (0.35, 0.15, 0.1) if week < 9 else (0.5, 0.25, 0.1)
        customer, process, learning = (round(saved * s, 1) for s in shares)
        rows.append({"week": week, "phase": phase, "backlog_open": backlog,
                     "on_time_share": round(rng.uniform(0.78, 0.86) if phase == "baseline"
                                            else rng.uniform(0.84, 0.93) * (0.7 if week == outage else 1.0), 3),
                     "hours_customer_project": customer, "hours_process": process, "hours_learning": learning,
                     "hours_unaccounted": round(saved - customer - process - learning, 1)})
    return rows


def perception_survey() -> list[dict[str, object]]:
    """How many hours a week people say AI saves them, by role (the perception gap)."""
    rng = random.Random(20260303)
    bands = ["none", "under 2", "2 to 4", "4 to 8", "over 8"]
    weights = {"executive": [2, 8, 20, 28, 42], "manager": [8, 25, 35, 22, 10], "employee": [30, 36, 22, 9, 3]}
    rows = []
    for role, count in (("executive", 40), ("manager", 60), ("employee", 200)):
        for _ in range(count):
            rows.append({"respondent": f"R{len(rows) + 1:03d}", "role": role,
                         "hours_saved_per_week": rng.choices(bands, weights[role])[0]})
    return rows
