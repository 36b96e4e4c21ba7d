"""Answers a learner might save in exercise 05, with the points each earns: the rule on the shown pilot (of 6)
and on the hidden one (of 3), the cards (of 9), the card for the learner's own team (of 4). The figures were
worked out from the rules Check states."""

from __future__ import annotations

from tests.cards_examples import GOOD_CARDS

VANITY = {**GOOD_CARDS[1], "name": "Prompts sent each week", "formula": "count of prompts sent to the assistant"}
RANKED = {**GOOD_CARDS[0], "formula": "minutes saved per agent, ranked, lowest three named", "guardrail": ""}

NAMED = {**GOOD_CARDS[0], "owner": "Maria Lopez, maria.lopez@example.com"}  # personal data typed into the course

WEAK: dict[str, tuple[dict, float, float, float, float]] = {
    "counts minutes before review": ({"pilot_decision_rule": {"measure": "gross", "min_minutes": "0",
                                                              "max_error_rise": "5"},
                                      "pilot_metric_cards": {"cards": GOOD_CARDS},
                                      "own_metric_card": {"cards": GOOD_CARDS[:1]}}, 4, 2, 9, 4),
    "fits the shown pilot only: tolerates a small loss": ({"pilot_decision_rule": {"measure": "net",
                                                                                   "min_minutes": "-0.5",
                                                                                   "max_error_rise": "2"},
                                   "pilot_metric_cards": {"cards": [GOOD_CARDS[0], VANITY, RANKED]},
                                   "own_metric_card": {"cards": [VANITY]}}, 6, 2, 3, 0),
    "no guardrail in the rule": ({"pilot_decision_rule": {"measure": "net", "min_minutes": "0.5",
                                                          "max_error_rise": ""},
                                  "pilot_metric_cards": {"cards": GOOD_CARDS[:1]},
                                  "own_metric_card": {"cards": [NAMED]}}, 0, 0, 3, 3),
    "only the first card, owned by everyone": ({"pilot_metric_cards": {"cards": [{**GOOD_CARDS[0],
                                                                                 "owner": "everyone"}]}},
                                               0, 0, 3, 0),
}
