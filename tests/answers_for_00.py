"""Answers a learner might save in exercise 00, with the points each earns: the first form (of 2), the sorting on
the shown snippets (of 8) and on the four unseen ones (of 2, each sorted like the shown snippet of its kind). The
self-assessment earns 0 either way. The figures were worked out from the rules Check states."""

from __future__ import annotations

from course.tasks import declarations

RIGHT = {"s1": "fine", "s2": "never", "s3": "fine", "s4": "never", "s5": "fine", "s6": "never", "s7": "never",
         "s8": "fine"}
FIRST = {"team_work": "Our team answers customer questions about deliveries and returns.",
         "task_for_help": "Sorting the new tickets each morning into the right queue."}
CONFIDENCE = {outcome["id"]: "3" for outcome in declarations()["self_assessment"]["outcomes"]}

# name -> (answers, first form points, shown sorting points, unseen sorting points)
WEAK: dict[str, tuple[dict, float, float, float]] = {
    "over-cautious: public text and templates never": (
        {"first_form": {**FIRST, "task_for_help": "Refunds"}, "data_rule": {**RIGHT, "s3": "never", "s8": "never"},
         "self_assessment": {"use_cases": "2"}}, 1, 6, 1.5),
    "customer details typed in": (
        {"first_form": {**FIRST, "task_for_help": "Reply to dana.whitlow@example.net about her refund"},
         "data_rule": {**RIGHT, "s2": "fine", "s6": "fine"}, "self_assessment": CONFIDENCE}, 1, 6, 1.5),
    "half sorted, no first answer": (
        {"data_rule": {"s1": "fine", "s2": "never", "s3": "fine", "s4": "never"}, "self_assessment": CONFIDENCE},
        0, 4, 1.5),
    "everything never, a pasted page": (
        {"first_form": {**FIRST, "team_work": "We answer questions. " * 20},
         "data_rule": dict.fromkeys(RIGHT, "never")}, 1, 4, 1),
}
