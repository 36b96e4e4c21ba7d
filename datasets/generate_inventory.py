"""The task inventories of module 01 (choosing the jobs AI should help with first), written out as CSV.

Inventory 1 is the Customer Operations team's own list, the one learners rank and pick from. Inventory 2 is
another Larkfield team's list (Returns and Warehouse), kept for the hidden test: the learner's weights rank it and
their top picks are checked with the same fixed rules. Both are written by hand for the storyline: big safe
tasks, big tasks that must not be piloted as described, rare, small and varied ones.

Run from the project root:  python datasets/generate.py   (it calls this module)
"""

from __future__ import annotations

COLUMNS = ("task", "runs_per_week", "minutes_per_run", "error_cost", "data", "input", "tool", "review_step")

CUSTOMER_OPERATIONS = [
    ("Sort incoming support tickets into the five categories", 300, 1.5, "medium", "personal", "standard",
     "enterprise", "yes"),
    ("First drafts of delivery-delay replies", 150, 5, "medium", "personal", "standard", "enterprise", "yes"),
    ("Chase couriers about late parcels in a free chatbot account", 80, 4, "medium", "personal", "standard",
     "consumer", "no"),
    ("Approve refunds over 100 pounds", 40, 6, "critical", "personal", "standard", "enterprise", "no"),
    ("Tag return reasons in the returns log", 200, 1, "low", "internal", "standard", "enterprise", "no"),
    ("Meeting summaries: daily huddle and weekly team meeting", 6, 20, "low", "internal", "standard",
     "enterprise", "yes"),
    ("Handle escalated social-media complaints", 15, 20, "high", "personal", "varies", "enterprise", "yes"),
    ("Rota and shift swaps", 5, 15, "low", "personal", "mixed", "none", "no"),
    ("Update the help-centre FAQ from the week's common questions", 1, 60, "low", "public", "mixed", "none",
     "yes"),
    ("Monthly KPI summary for the operations director", 0.25, 90, "medium", "internal", "standard", "enterprise",
     "yes"),
    ("Quarterly supplier performance review", 0.08, 240, "high", "confidential", "varies", "enterprise", "yes"),
    ("Order printer toner and office supplies", 1, 10, "low", "internal", "standard", "none", "no"),
]

RETURNS_AND_WAREHOUSE = [
    ("Draft replies to return requests", 120, 5, "medium", "personal", "standard", "enterprise", "yes"),
    ("Summarise damaged-item claims, addresses included, in a free chatbot", 90, 6, "medium", "personal",
     "standard", "consumer", "no"),
    ("Sign off compensation payments to customers", 60, 8, "critical", "personal", "standard", "enterprise", "no"),
    ("Tag returned items by fault type", 250, 1, "low", "internal", "standard", "enterprise", "no"),
    ("Check pallet labels against the delivery list", 100, 2, "medium", "internal", "standard", "enterprise",
     "yes"),
    ("Summarise the daily warehouse stand-up", 5, 20, "low", "internal", "standard", "enterprise", "yes"),
    ("Weekly returns figures for the buying team", 1, 60, "low", "internal", "standard", "enterprise", "yes"),
    ("Answer one-off supplier disputes", 4, 45, "high", "confidential", "varies", "enterprise", "yes"),
    ("Carrier performance notes for the monthly review", 0.25, 120, "medium", "internal", "mixed", "enterprise",
     "yes"),
    ("Rewrite product safety recall notices", 0.1, 180, "critical", "public", "varies", "enterprise", "yes"),
    ("Label stock photos for the returns shop", 3, 10, "low", "public", "standard", "consumer", "no"),
]


def task_inventory(variant: int) -> list[dict[str, object]]:
    """One team's recurring tasks, one row each."""
    rows = {1: CUSTOMER_OPERATIONS, 2: RETURNS_AND_WAREHOUSE}[variant]
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]
