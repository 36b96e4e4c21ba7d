"""SOPs a learner might save in exercise 04, with the points each earns on the shown weeks (out of 16) and on the
hidden week (out of 4). The figures were worked out from the rules Check states: each flaw costs its share, and an
unsafe SOP earns at most half."""

from __future__ import annotations

from tests.sop_examples import GOOD_SOP, spoiled

STEPS = GOOD_SOP["steps"]

WEAK_SOPS: dict[str, tuple[dict, float, float]] = {
    # unsafe: nobody between the AI and the work, or data in the wrong tool, earns at most half the points
    "nobody reviews": (spoiled(review_who="Whoever is free"), 8, 2),
    "the AI's draft is posted unchecked": (spoiled(steps=[STEPS[0], STEPS[1], STEPS[3]]), 8, 2),
    "customer emails go into a personal account": (
        spoiled(data_rules="Paste the customer emails into ChatGPT on your personal account if it is quicker."),
        8, 2),
    "the prompt does not carry the notes": (
        spoiled(prompt="Summarise this week's meeting notes in at most 150 words with Key points and Actions."),
        15, 3.5),
    "only a purpose and a trigger": ({"purpose": "Colleagues know what was decided at the Monday meeting.",
                                      "trigger": "Every Monday after the team meeting."}, 1, 0.5),
    "no escalation, owner or date": (spoiled(escalation="", owner="", review_date="tbc"), 13.5, 3.5),
}
