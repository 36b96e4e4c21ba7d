"""How a team will spend the time AI saves: a split across customer or project work, process fixes and learning.

The 60-30-10 rule of thumb (60% higher-value customer or project work, 30% process improvement and
documentation, 10% learning and experimenting) is a starting point a manager adapts, so the distance from it is
feedback, never points. What costs points: a split that does not add up to 100%, and a share with no concrete
activity behind it (time with no plan goes nowhere, and only about 7% of companies give any guidance on it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .feedback import Feedback, Finding
from .messages import finding
from .task import Task

ENGINE = "allocation/1"
BUCKETS = {"customer_project": "Customer or project work", "process": "Process fixes and documentation",
           "learning": "Learning and experimenting"}
RULE_OF_THUMB = {"customer_project": 60.0, "process": 30.0, "learning": 10.0}
TOTAL = 5.0   # 2 for adding up to 100%, 1 for the activities of each bucket


def percent(text: Any) -> float | None:
    """A share typed as '60', '60%', '60,5' or '0.6' (as typed; fractions are recognised over the whole split)."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if 0 <= text <= 100 else None
    found = re.fullmatch(r"\s*(\d{1,3}(?:[.,]\d{1,3})?)\s*%?\s*", str(text or ""))
    if not found:
        return None
    value = float(found.group(1).replace(",", "."))
    return value if value <= 100 else None


def read_split(value: Any) -> tuple[dict[str, float | None], bool]:
    """The shares in percent, and whether they were typed as fractions (0.6, 0.3, 0.1) and scaled to percent."""
    data = value if isinstance(value, Mapping) else {}
    shares = {b: percent(data.get(b)) for b in BUCKETS}
    numbers = [s for s in shares.values() if s is not None]
    fractions = bool(numbers) and all(s <= 1 for s in numbers) and abs(sum(numbers) - 1) < 0.011
    if fractions:
        shares = {b: (None if s is None else round(100 * s, 2)) for b, s in shares.items()}
    return shares, fractions


def check_split(value: Any) -> Feedback:
    data = value if isinstance(value, Mapping) else {}
    known = [*BUCKETS, *(f"{b}_activities" for b in BUCKETS)]
    if not any(str(data.get(k, "")).strip() for k in known if isinstance(data.get(k, ""), str | int | float)):
        nothing = finding("split_empty", cost=TOTAL)
        return Feedback(ENGINE, 0.0, TOTAL, False, (nothing,), nothing.message + ".")
    shares, fractions = read_split(value)
    findings: list[Finding] = []
    unreadable = [BUCKETS[b] for b, s in shares.items() if s is None and str(data.get(b, "")).strip()]
    if unreadable:
        findings.append(finding("split_unreadable", buckets=", ".join(unreadable)))
    total = sum(s or 0 for s in shares.values())
    if abs(total - 100) > 0.5:
        findings.append(finding("split_not_100", cost=2.0, total=f"{total:g}"))
    for bucket, label in BUCKETS.items():
        activities = str(data.get(f"{bucket}_activities", "") or "").strip()
        if (shares[bucket] or 0) > 0 and len(activities.split()) < 3:
            findings.append(finding("split_no_activities", cost=1.0, bucket=label))
    if fractions:
        findings.append(finding("split_fractions"))
    distance = sum(abs((shares[b] or 0) - RULE_OF_THUMB[b]) for b in BUCKETS) / 2
    if distance and abs(total - 100) <= 0.5:
        findings.append(finding("split_distance", distance=f"{distance:g}"))
    earned = max(0.0, TOTAL - sum(f.cost for f in findings))
    summary = (f"Your split adds up to {total:g}%; it is {distance:g} percentage points from 60-30-10, a starting "
               "point to adapt, not a target.")
    return Feedback(ENGINE, earned, TOTAL, earned == TOTAL, tuple(findings), summary)


def allocation_task(name: str, declaration: Mapping[str, Any], _case: Callable[..., Any] | None) -> Task:
    """A time-split task declared in a module's task file."""
    return Task(name=name, engine=ENGINE, title=declaration["title"],
                check_cases=lambda value, _cases: check_split(value), describe=describe_split)


def describe_split(value: Any) -> str:
    data = value if isinstance(value, Mapping) else {}
    return "\n".join(f"{label}: {data.get(b, '')}% - {data.get(f'{b}_activities', '')}"
                     for b, label in BUCKETS.items())
