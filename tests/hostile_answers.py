"""Answers written to break a feedback engine: huge, pathological, unreadable or of the wrong shape.

Shared by the test every engine must pass (tests/test_every_engine.py) and by benchmarks/engine_worst_case.py.
Each is something a learner could put in the answers file, by typing, pasting or editing the file by hand.
"""

from __future__ import annotations

PROSE = "The queue grew again this week and refunds rose, so please summarise the notes for the team as bullets. "

TEXTS: dict[str, str] = {
    "a code fence then 1,200 newlines": "```" + "\n" * 1200 + "x",
    "4,000 distinct 'Do not mention' sentences": " ".join(f"Do not mention topic{i}." for i in range(4000)),
    "100,000 characters of prose": (PROSE * 1000)[:100_000],
    "'At most' and 5,000 nines": "At most " + "9" * 5000 + " words.",
    "a lone surrogate": "Summarise the notes \ud800 as three bullets for the team.",
    "30,000 opening tags": "<a>" * 30_000,
    "15,000 rules": "--- x " * 15_000,
    "100,000 newlines": "\n" * 100_000,
    "16,000 open conditions": "If a, " * 16_000,
    "50,000 spaced digits": "1 " * 50_000,
    "25,000 half email addresses": "a@b." * 25_000,
    "one word of 100,000 letters": "x" * 100_000,
    "combining marks": "e\u0301" * 30_000,
    "control characters": "\x00\x1b[31m summarise \x07" * 3000,
    "right-to-left text": "סכם את ההערות לצוות " * 4000,
    "script and markup": "<script>alert(1)</script><img src=x onerror=alert(1)> $x^2$ [x](javascript:alert(1))",
}
UNREADABLE: dict[str, str] = {
    "keyboard mash": "asdf jkl qwer zxcv uiop hjkl asdfgh {tickets}",
    "keywords only": "summary bullets table 100 words context role format tickets categories",
    "German with an email address": "Sortiere die Tickets in Kategorien und antworte als Tabelle. Fragen an "
                                    "jonas.k@example.com.",
    "lorem ipsum": "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.",
    "only a placeholder": "{notes}",
}


def deep(levels: int) -> list:
    nested: list = []
    for _ in range(levels):
        nested = [nested]
    return nested


ODD_VALUES: dict[str, object] = {
    "None": None, "a number": 42, "NaN": float("nan"), "a 5,000-digit number": int("9" * 4000) * 10 ** 1000,
    "an empty list": [], "a list of text": ["role", "task"], "lists 3,000 deep": deep(3000),
    "a mapping of odd values": {"role": float("nan"), "task": None, "format": 7, "constraints": ["x"]},
    "a mapping nested deep": {"task": deep(3000)}, "True": True,
}
