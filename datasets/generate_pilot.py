"""Make the AI pilot's measurement data for module 05 (metric design), the same bytes on every run.

Twelve weeks of the Customer Operations team at Larkfield Home Goods: weeks 1-4 are the baseline (no AI), weeks
5-12 the pilot. Two variants from two seeds: variant 1 is what learners see, variant 2 is kept for hidden tests
(the same kind of team, a different story: another use case fails to pay off). The data is messy on purpose, as
real logs are: a person away for two weeks, a late joiner with no baseline, an outage week, a few blank cells.

Run from the project root:  python datasets/generate.py   (it calls this module)
"""

from __future__ import annotations

import random

TEAM = ["Noor", "Bram", "Ilse", "Kofi", "Mireille", "Tobiah", "Saskia", "Rafferty", "Yuna", "Dmitar", "Oriane",
        "Lucan"]
WEEKS = range(1, 13)
BASELINE_WEEKS = range(1, 5)
# Per use case: tasks a person does a week, minutes per task by hand, minutes with AI (writing), review minutes,
# the share of AI outputs that need rework and the minutes of rework, error rates by hand and with AI.
USE_CASES_1 = {
    "ticket_triage": dict(tasks=(40, 60), by_hand=3.0, with_ai=1.0, review=0.5, rework_share=0.10, rework=2.0,
                          errors=(0.05, 0.03), people=9),
    "refund_reply": dict(tasks=(8, 16), by_hand=8.0, with_ai=1.5, review=3.5, rework_share=0.45, rework=8.0,
                         errors=(0.02, 0.06), people=6),
    "meeting_summary": dict(tasks=(1, 1), by_hand=35.0, with_ai=2.0, review=6.0, rework_share=0.2, rework=10.0,
                            errors=(0.0, 0.0), people=1),
}
# Variant 2: the same team, another story: refund replies pay off, ticket triage does not once checked.
USE_CASES_2 = {
    "ticket_triage": dict(tasks=(40, 60), by_hand=3.0, with_ai=1.2, review=1.2, rework_share=0.35, rework=2.5,
                          errors=(0.04, 0.07), people=9),
    "refund_reply": dict(tasks=(8, 16), by_hand=9.0, with_ai=1.5, review=2.5, rework_share=0.15, rework=6.0,
                         errors=(0.03, 0.025), people=6),
    "meeting_summary": dict(tasks=(1, 1), by_hand=30.0, with_ai=2.0, review=5.0, rework_share=0.2, rework=8.0,
                            errors=(0.0, 0.0), people=1),
}
VARIANTS = {1: (20260301, USE_CASES_1, "Yuna", "Lucan", 9), 2: (20260302, USE_CASES_2, "Kofi", "Oriane", 7)}


def pilot_log(variant: int, seed: int | None = None) -> list[dict[str, object]]:
    """One row per person, week and use case the person works on: tasks done, minutes, AI use, errors. Another
    ``seed`` tells the variant's same story with other day-to-day noise (a cohort's own held-out data)."""
    own_seed, cases, away, late, outage = VARIANTS[variant]
    rng = random.Random(own_seed if seed is None else seed)
    people = {case: TEAM[:spec["people"]] if case != "meeting_summary" else ["Noor"] for case, spec in cases.items()}
    people["refund_reply"] = TEAM[6:12]
    rows = []
    for week in WEEKS:
        pilot = week not in BASELINE_WEEKS
        adoption = 0.0 if not pilot else min(0.9, 0.35 + 0.08 * (week - 5))
        for case, spec in cases.items():
            for person in people[case]:
                if person == away and week in (7, 8):
                    continue  # on holiday: no rows at all
                if person == late and week < 6:
                    continue  # joined the team in week 6: no baseline weeks
                used = pilot and (person == "Noor" or rng.random() < adoption)
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
                rows.append({"week": week, "phase": "pilot" if pilot else "baseline", "person": person,
                             "use_case": case, "used_ai": "yes" if used else "no", "tasks": tasks,
                             "minutes_per_task": minutes, "review_minutes": review, "rework_minutes": rework,
                             "errors": errors, "first_review_passed": tasks - reworked if used else "",
                             "cycle_time_hours": round(rng.uniform(3.5, 5.0) if used else rng.uniform(5.0, 7.0)
                                                       * (2.2 if week == outage else 1.0), 1)})
    for row in rng.sample(rows, 3):  # a few cells somebody forgot to fill in
        row["minutes_per_task"] = ""
    return rows


def pilot_weekly(variant: int, seed: int | None = None) -> list[dict[str, object]]:
    """The team's week: open backlog on Monday, share of tickets answered on time, and how saved hours were used."""
    own_seed, _cases, _away, _late, outage = VARIANTS[variant]
    rng = random.Random((own_seed if seed is None else seed) + 100)
    rows = []
    backlog = 310
    for week in WEEKS:
        pilot = week not in BASELINE_WEEKS
        backlog = max(120, backlog + rng.randint(-12, 14) - (14 if pilot else 0) + (90 if week == outage else 0))
        saved = round(rng.uniform(4, 9) + (week - 5) * 1.5, 1) if pilot else 0.0
        shares = (0.35, 0.15, 0.1) if week < 9 else (0.5, 0.25, 0.1)
        customer, process, learning = (round(saved * s, 1) for s in shares)
        rows.append({"week": week, "phase": "pilot" if pilot else "baseline", "backlog_open": backlog,
                     "on_time_share": round(rng.uniform(0.78, 0.86) if not pilot else rng.uniform(0.84, 0.93)
                                            * (0.7 if week == outage else 1.0), 3),
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
