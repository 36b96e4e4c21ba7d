"""SOPs a learner might save in exercise 04, with the points each earns on the shown weeks (out of 16) and on the
hidden week (out of 4); and SOP outlines for the learner's own team (out of 6). The figures were worked out from the
rules Check states: each flaw costs its share, and an unsafe SOP earns at most half."""

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


# Part 3: a one-page SOP outline for a task of the learner's own team (a claims office), the same checker.
OWN_STEPS = [
    {"actor": "Claims handler", "kind": "person", "action": "Copy the claim's checklist without personal details",
     "result": "A checklist with no names", "minutes_before": "3", "minutes_with_ai": "3"},
    {"actor": "AI assistant", "kind": "ai", "action": "Draft the letter from the checklist", "result": "A draft letter",
     "minutes_before": "12", "minutes_with_ai": "1"},
    {"actor": "Claims handler", "kind": "check",
     "action": "Check the draft against the checklist and add the name and address", "result": "A letter ready to send",
     "minutes_before": "0", "minutes_with_ai": "4"},
]
OWN_GOOD = {
    "title": "Missing-documents letters with the AI assistant",
    "purpose": "Policyholders learn in one letter which documents their claim still needs, so claims are not held up.",
    "trigger": "When a claim has been open five working days with documents missing.",
    "inputs": "The claim's document checklist from the claims system, with the policyholder's name and address "
              "left out.",
    "expected_output": "A letter of three short paragraphs listing every missing document and how to send it.",
    "review_who": "The claims handler who owns the claim", "review_when": "Before each letter is sent.",
    "escalation": "If the checklist shows a document the policyholder says was already sent, then the handler phones "
                  "the team lead the same day.",
    "data_rules": "The company's approved AI tool only; names, addresses and policy numbers are added after the draft, "
                  "never typed into any AI tool.",
    "owner": "Claims team lead", "review_date": "2027-06-30", "runs_per_week": "30", "steps": OWN_STEPS,
}
# name -> (answer, points of 6, finding kinds that cost points)
WEAK_OWN: dict[str, tuple[dict, float, set[str]]] = {
    "the checklist goes into a personal chatbot": (
        {**OWN_GOOD, "data_rules": "Handlers may paste the checklist into their own ChatGPT account to save time."},
        3, {"sop_unsafe_data"}),
    "the AI's letter is sent unchecked": ({**OWN_GOOD, "steps": OWN_STEPS[:2]}, 3, {"sop_ai_step_unchecked"}),
    "a colleague's e-mail as the owner": ({**OWN_GOOD, "owner": "Maria Lopez, maria.lopez@example.com"}, 5,
                                          {"own_work_personal_data"}),
    "no escalation trigger": ({**OWN_GOOD, "escalation": "Ask the team lead."}, 5.5, {"sop_no_escalation_trigger"}),
}
