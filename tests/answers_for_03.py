"""Answers for the module 03 tests: weak bars a learner might save, with the points each earns on the shown batch
(out of 10) and on the hidden batch (out of 4); and criteria for the learner's own team, with their points (out
of 6). The figures were worked out from the rules Check states."""

from __future__ import annotations

from tests.criteria_bars import REPLY, bar, row

_MODEL_ROWS = REPLY["criteria"]

WEAK_BARS: dict[str, tuple[dict, float, float, str]] = {
    "only a reviewer": (bar(row("A warm, professional reply", "reviewer"),
                            row("Accurate facts", "reviewer")), 0, 0, "no_automatic_criteria"),
    "vague words only": (bar(row("Professional sign-off", "contains", "Kind regards", must=True),
                             row("Short and clear", "words", "at most 200")), 0, 0, "missed_critical"),
    "no check for promises or placeholders": (bar(*_MODEL_ROWS[:3], *_MODEL_ROWS[5:]), 8, 3, "missed_critical"),
    "too strict": (bar(*_MODEL_ROWS, row("At most 50 words", "words", "at most 50", must=True)), 5.5, 3,
                   "sent_back_good"),
    "memorises the sample batch": (bar(row("Names Ada, the order, the amount and the days", "contains_all",
                                           "Ada; 48213; 34.50; 3 to 5", must=True), *_MODEL_ROWS[1:]), 10, 0,
                                   "let_through_minor"),
    "broken pattern only": (bar(row("Order number present", "pattern", "LHG-(\\d{5}", must=True)), 0, 0,
                            "no_automatic_criteria"),
}


# Part 3: three criteria for an output of the learner's own team (a claims office), read without a batch.
OWN_GOOD = {"output": "A first draft of the letter that tells a policyholder which documents are missing",
            "criteria": [row("Lists every missing document from the checklist", "covers_source", must=True),
                         row("At most 200 words", "words", "at most 200"),
                         row("No slang, no exclamation marks, no promise about the outcome", "reviewer")]}
# name -> (answer, points of 6, finding kinds)
WEAK_OWN: dict[str, tuple[dict, float, set[str]]] = {
    "vague words": ({**OWN_GOOD, "criteria": [row("Clear and professional", "reviewer", must=True),
                                              *OWN_GOOD["criteria"][1:]]}, 5, {"criterion_vague_word"}),
    "no must-have, no output named": ({"criteria": [{**c, "must": False} for c in OWN_GOOD["criteria"]]}, 4.5,
                                      {"own_criteria_no_must", "own_criteria_no_output"}),
    "two criteria, one without a check": ({**OWN_GOOD, "criteria": [OWN_GOOD["criteria"][0],
                                                                    row("At most 200 words", "")]}, 4,
                                          {"own_criteria_too_few", "own_criterion_no_check"}),
    "a colleague's e-mail in the output": ({**OWN_GOOD, "output": "Letters that maria.lopez@example.com signs"},
                                           5, {"own_work_personal_data"}),
}
