"""Answers a learner might save in exercise 01, with the points each earns: picks and weights on the team's list
(of 10) and the weights' top picks on the hidden list (of 4). The figures were worked out by hand from the rules
and the score formula the lesson states (course/checks/use_cases.py)."""

from __future__ import annotations

TICKETS = "Sort incoming support tickets into the five categories"
DRAFTS = "First drafts of delivery-delay replies"
COURIERS = "Chase couriers about late parcels in a free chatbot account"   # personal data in a consumer tool
RETURNS = "Tag return reasons in the returns log"
MEETINGS = "Meeting summaries: daily huddle and weekly team meeting"
SOCIAL = "Handle escalated social-media complaints"                        # input varies
FAQ = "Update the help-centre FAQ from the week's common questions"
KPI = "Monthly KPI summary for the operations director"                    # rare and small
TONER = "Order printer toner and office supplies"                          # small
DEFAULT = {"time": 4, "routine": 1, "safety": 2, "data": 1}

WEAK: dict[str, tuple[dict, float, float]] = {
    # picks: 3 safe + 1 must-not = (3 - 1) / 4; defaults' top 4 (drafts, returns, tickets, meetings) all safe:
    # 0.6 x 0.5 + 0.4 x 1 = 0.7 -> 7; hidden top 4 (tagging, replies, pallets, stand-up) safe -> 4
    "big tasks, one in a free chatbot": ({"weights": DEFAULT, "picks": [TICKETS, DRAFTS, COURIERS, RETURNS]},
                                         7, 4),
    # time and routine only: top 3 = drafts, tickets, couriers (must-not): (2 - 1) / 3; picks all safe:
    # 0.6 + 0.4 / 3 = 0.733 -> 7.5; hidden top 3 = replies and two must-nots -> 0
    "weights that ignore risk": ({"weights": {"time": 5, "routine": 5, "safety": 0, "data": 0},
                                  "picks": [TICKETS, DRAFTS, RETURNS]}, 7.5, 0),
    # six ticks (the form keeps the list's order), the first five count: tickets and meetings safe = 2 / 5 (the
    # FAQ has no AI tool); defaults' top 5 holds couriers: 3 / 5: 0.6 x 0.4 + 0.4 x 0.6 = 0.48 -> 5; hidden top 5
    # holds the chatbot claims: 3 / 5 -> 2.4 -> 2.5
    "rare, small and varied picks": ({"weights": DEFAULT, "picks": [TICKETS, MEETINGS, SOCIAL, FAQ, KPI, TONER]},
                                     5, 2.5),
    # two picks count as two of three: 0.6 x 2/3 + 0.4 = 0.8 -> 8; hidden top 3 safe -> 4
    "only two picks": ({"weights": DEFAULT, "picks": [TICKETS, DRAFTS]}, 8, 4),
}
