"""Answers a learner might save in exercise 00, with the points each earns: the first form (of 2), the sorting on
the shown snippets (of 8) and on the four unseen ones (of 2, each sorted by the rule the learner wrote for its kind
of data). The self-assessment earns 0 either way. The figures were worked out from the rules Check states."""

from __future__ import annotations

from course.tasks import declarations

RIGHT = {"s1": "any", "s2": "approved", "s3": "any", "s4": "none", "s5": "any", "s6": "approved", "s7": "none",
         "s8": "any"}
RULE = {"rule_made_up": "any", "rule_public": "any", "rule_general": "any", "rule_internal": "approved",
        "rule_personal": "approved", "rule_restricted": "none"}
FIRST = {"team_work": "Our team answers customer questions about deliveries and returns.",
         "task_for_help": "Sorting the new tickets each morning into the right queue."}
CONFIDENCE = {outcome["id"]: "3" for outcome in declarations()["self_assessment"]["outcomes"]}

# name -> (answers, first form points, shown sorting points, unseen sorting points)
WEAK: dict[str, tuple[dict, float, float, float]] = {
    "over-cautious: public text and templates in no AI tool": (
        {"first_form": {**FIRST, "task_for_help": "Refunds"},
         "data_rule": {**RULE, "rule_public": "none", "rule_made_up": "none", **RIGHT, "s3": "none", "s8": "none"},
         "self_assessment": {"use_cases": "2"}}, 1, 6, 1.5),
    "customer details typed in": (
        {"first_form": {**FIRST, "task_for_help": "Reply to dana.whitlow@example.net about her refund"},
         "data_rule": {**RULE, "rule_personal": "any", "rule_internal": "any", **RIGHT, "s2": "any", "s6": "any"},
         "self_assessment": CONFIDENCE}, 1, 6, 1),
    "half sorted, half a rule, no first answer": (
        {"data_rule": {"rule_personal": "approved", "rule_restricted": "none", "rule_public": "any",
                       "s1": "any", "s2": "approved", "s3": "any", "s4": "none"}, "self_assessment": CONFIDENCE},
        0, 4, 1.5),
    "everything in no AI tool, a pasted page": (
        {"first_form": {**FIRST, "team_work": "We answer questions. " * 20},
         "data_rule": dict.fromkeys({**RULE, **RIGHT}, "none")}, 1, 2, 0.5),
    "snippets sorted right, a laxer rule written down": (
        {"first_form": FIRST, "data_rule": {**RULE, "rule_personal": "any", "rule_internal": "any", **RIGHT},
         "self_assessment": CONFIDENCE}, 2, 8, 1),
}
