"""Self-check quizzes, the pure part: question banks in JSON and the scoring of a learner's picks.

A quiz is ungraded: it helps a learner see what stuck. Its bank lives in ``course/quizzes/<quiz id>.json``
and is checked against ``BANK_SCHEMA`` plus a few rules JSON Schema cannot say (every correct choice exists,
a single-answer question has exactly one right choice). A bank that breaks a rule gives a ``QuizBankError``
naming the quiz, the question and the problem, so an author can fix it at once.

- ``load_quiz`` / ``load_quiz_file`` / ``parse_quiz``: a bank becomes a frozen ``Quiz``;
- ``clean_answers`` and ``score_answers``: a learner's picks become a ``QuizResult``; they never raise on odd
  input (unknown ids, None, numbers, NaN), they report it.
The form that shows a quiz is ``course.forms.quiz.QuizForm``.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import fastjsonschema

ENGINE = "quiz/1"
BANK_SCHEMA_VERSION = 1
KEY_PREFIX = "quiz:"
CHOICE_TEXT_LIMIT = 110  # ipywidgets shows a choice on one line: longer text would be cut off or overlap

_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
_TEXT = {"type": "string", "minLength": 1, "pattern": r"\S"}
_ONE_PLAIN_LINE = r"^[^\$\\\n]*\S[^\$\\\n]*$"

BANK_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "id", "title", "questions"],
    "properties": {
        "schema": {"const": BANK_SCHEMA_VERSION},
        "id": {"type": "string", "pattern": _ID},
        "title": _TEXT,
        "intro": {"type": "string"},
        "questions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "prompt", "multiple", "choices", "correct"],
                "properties": {
                    "id": {"type": "string", "pattern": _ID},
                    "prompt": _TEXT,
                    "multiple": {"type": "boolean"},
                    "choices": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["id", "text", "explanation"],
                            "properties": {
                                "id": {"type": "string", "pattern": _ID},
                                # Plain text, one line: no $ or backslash, which the widget may typeset as maths.
                                "text": {"type": "string", "minLength": 1, "maxLength": CHOICE_TEXT_LIMIT,
                                         "pattern": _ONE_PLAIN_LINE},
                                "explanation": _TEXT,
                            },
                        },
                    },
                    "correct": {"type": "array", "minItems": 1, "uniqueItems": True,
                                "items": {"type": "string"}},
                },
            },
        },
    },
}
KINDS = {"string": "text", "boolean": "true or false", "array": "a list [...]", "object": "a group of fields {...}",
         "integer": "a whole number", "number": "a number"}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


@cache
def _bank_validator() -> Any:
    """BANK_SCHEMA compiled once (fastjsonschema), reporting every problem rather than the first."""
    return fastjsonschema.compile(BANK_SCHEMA, use_default=False, fast_fail=False)


class QuizBankError(ValueError):
    """A question bank that cannot be used; the message names the quiz, the question and the problem."""


# --- the bank -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    multiple: bool
    choices: tuple[Choice, ...]
    correct: tuple[str, ...]

    def choice(self, choice_id: str) -> Choice:
        return next(c for c in self.choices if c.id == choice_id)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @property
    def how_to_answer(self) -> str:
        return "Tick every answer that applies." if self.multiple else "Pick one answer."


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]

    @property
    def key(self) -> str:
        """The key the learner's picks are saved under in the answer store."""
        return KEY_PREFIX + self.id

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


def _where(data: Any, path: list[Any]) -> str:
    """Where in a bank a problem is, in words: 'question 'q2' (number 2), choice 'c''."""
    parts = []
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = data["questions"][path[1]]
        qid = question.get("id") if isinstance(question, dict) else None
        parts.append(f"question {qid!r} (number {path[1] + 1})" if isinstance(qid, str)
                     else f"question number {path[1] + 1}")
        if len(path) >= 4 and path[2] == "choices" and isinstance(path[3], int):
            choice = question["choices"][path[3]]
            cid = choice.get("id") if isinstance(choice, dict) else None
            parts.append(f"choice {cid!r}" if isinstance(cid, str) else f"choice number {path[3] + 1}")
        rest = [str(p) for p in path[4 if len(parts) == 2 else 2:]]
    else:
        rest = [str(p) for p in path]
    if rest:
        parts.append("field " + "/".join(rest))
    return ", ".join(parts) or "the top level"


def _path(error: fastjsonschema.JsonSchemaValueException) -> list[str | int]:
    """Where the error is, as keys and list positions below the top of the bank."""
    return [int(part) if part.isdigit() else part for part in error.path[1:]]


def _message(error: fastjsonschema.JsonSchemaValueException) -> str:
    """A schema error in words an author can act on (the library's wording names regexes and 'data')."""
    value, limit, kind = error.value, error.rule_definition, error.rule
    if kind == "pattern" and limit == _ID:
        return f"{_shorten(str(value), 60)!r} is not a usable id: use letters, digits, _ and -"
    if kind in ("pattern", "minLength") and limit in (_TEXT["pattern"], 1):
        return "it is blank"
    if kind == "pattern":
        return ("a choice must be one line of plain text without $ or a backslash "
                "(the quiz would show them as maths)")
    if kind == "maxLength":
        return f"it is {len(value)} characters long; at most {limit} fit on one line of the quiz"
    if kind == "minItems":
        return f"it has {len(value)} item(s); at least {limit} are needed"
    if kind == "required":
        missing = [name for name in limit if name not in value]
        return "the required field " + ", ".join(repr(name) for name in missing) + " is missing"
    if kind == "additionalProperties":
        unknown = sorted(set(value) - set(error.definition.get("properties", {})))
        return ("the field " + ", ".join(repr(name) for name in unknown) + " is not part of the format "
                "(check the spelling)")
    if kind == "type":
        return f"it should be {KINDS.get(limit, limit)}, not {_shorten(json.dumps(value), 40)}"
    if kind == "const":
        return f"it should be {limit!r}"
    if kind == "uniqueItems":
        return "it lists the same item twice"
    return _shorten(error.message, 300)


def parse_quiz(data: Any, *, source: str = "quiz", expected_id: str | None = None) -> Quiz:
    """Check a bank's data and turn it into a ``Quiz``; raises QuizBankError saying what is wrong."""
    name = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else source
    label = f"Quiz bank {name!r}" + (f" ({source})" if source != name else "")
    try:
        _bank_validator()(data)
    except fastjsonschema.JsonSchemaValuesException as found:
        errors = sorted(found.errors, key=lambda e: [str(p) for p in _path(e)])
        lines = list(dict.fromkeys(f"- {_where(data, _path(e))}: {_message(e)}" for e in errors))
        more = f"\n- … and {len(lines) - 10} more" if len(lines) > 10 else ""
        raise QuizBankError(f"{label} does not follow the question bank format:\n" + "\n".join(lines[:10])
                            + more) from None
    problems = []
    if expected_id is not None and data["id"] != expected_id:
        problems.append(f"the file is for quiz {expected_id!r} but its id says {data['id']!r}")
    seen_questions: set[str] = set()
    for number, q in enumerate(data["questions"], start=1):
        where = f"question {q['id']!r} (number {number})"
        if q["id"] in seen_questions:
            problems.append(f"{where}: another question already has this id")
        seen_questions.add(q["id"])
        ids = [c["id"] for c in q["choices"]]
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{where}: two choices have the id {duplicate!r}")
        texts = [c["text"].strip().casefold() for c in q["choices"]]
        if len(set(texts)) != len(texts):
            problems.append(f"{where}: two choices have the same text")
        for missing in [c for c in q["correct"] if c not in ids]:
            problems.append(f"{where}: the correct answer {missing!r} is not one of its choices "
                            f"({', '.join(ids)})")
        if not q["multiple"] and len(q["correct"]) != 1:
            problems.append(f"{where}: a pick-one question needs exactly one correct choice, "
                            f"it lists {len(q['correct'])}; set \"multiple\": true if several are right")
    if problems:
        raise QuizBankError(f"{label} has problems:\n" + "\n".join(f"- {p}" for p in problems))
    return Quiz(
        id=data["id"], title=data["title"], intro=data.get("intro", ""),
        questions=tuple(
            Question(id=q["id"], prompt=q["prompt"], multiple=q["multiple"],
                     choices=tuple(Choice(c["id"], c["text"], c["explanation"]) for c in q["choices"]),
                     correct=tuple(q["correct"]))
            for q in data["questions"]))


def _decode(raw: str, source: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise QuizBankError(f"Quiz bank {source!r} is not valid JSON: {error.msg} at line {error.lineno}, "
                            f"column {error.colno}.") from None


def load_quiz_file(path: str | os.PathLike[str]) -> Quiz:
    """A quiz from a bank file anywhere on disk (for authors and tests); its id must match the file name."""
    path = Path(path)
    try:
        raw = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QuizBankError(f"Quiz bank {path.name!r} could not be read: {error}") from None
    return parse_quiz(_decode(raw, path.name), source=path.name, expected_id=path.stem)


def available_quizzes() -> list[str]:
    """The ids of the quizzes that ship with the course."""
    return sorted(p.name.removesuffix(".json") for p in files("course.quizzes").iterdir()
                  if p.name.endswith(".json"))


def load_quiz(quiz_id: str) -> Quiz:
    """A quiz that ships with the course, e.g. ``load_quiz("02_prompt_basics")``."""
    if not isinstance(quiz_id, str) or not re.fullmatch(_ID, quiz_id):
        raise QuizBankError(f"{quiz_id!r} is not a quiz id; quiz ids look like '02_prompt_basics'.")
    return _load_packaged_quiz(quiz_id)


@cache
def _load_packaged_quiz(quiz_id: str) -> Quiz:
    resource = files("course.quizzes").joinpath(f"{quiz_id}.json")
    if not resource.is_file():
        raise QuizBankError(f"There is no quiz called {quiz_id!r}. Quizzes in the course: "
                            f"{', '.join(available_quizzes()) or 'none'}.")
    return parse_quiz(_decode(resource.read_text("utf-8"), f"{quiz_id}.json"), source=f"{quiz_id}.json",
                      expected_id=quiz_id)


# --- scoring (pure) -------------------------------------------------------------------------------------
CORRECT = "correct"
PARTLY = "partly correct"
INCORRECT = "incorrect"
UNANSWERED = "unanswered"

SYMBOLS = {CORRECT: "✔", PARTLY: "◐", INCORRECT: "✘", UNANSWERED: "…"}
VERDICTS = {CORRECT: "Correct.", PARTLY: "Partly right.", INCORRECT: "Not quite.", UNANSWERED: "Not answered yet."}


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the value {value}"
    if isinstance(value, float) and not math.isfinite(value):
        return "an invalid number (NaN)" if math.isnan(value) else "an endless number"
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, str):
        return repr(_shorten(value, 40))
    return f"a {type(value).__name__}"


def clean_answers(quiz: Quiz, answers: Any) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Picks in a usable shape, ``{question id: (choice id, ...)}`` for every question, and plain notes about
    anything that was left out (unknown questions or choices, values of the wrong kind). Never raises.

    A bare choice id is taken as a one-item list; duplicates are dropped; choice order follows the bank.
    """
    picks: dict[str, tuple[str, ...]] = {q.id: () for q in quiz.questions}
    notes: list[str] = []
    if answers is None:
        return picks, ()
    if not isinstance(answers, Mapping):
        notes.append(f"The answers were {_describe(answers)}, not one set of picks per question, so none "
                     "could be used.")
        return picks, tuple(notes)
    by_id = {q.id: q for q in quiz.questions}
    for raw_key, raw_value in answers.items():
        question = by_id.get(raw_key) if isinstance(raw_key, str) else None
        if question is None:
            notes.append(f"There is no question {_describe(raw_key)} in this quiz; that answer was left out.")
            continue
        if raw_value is None:
            continue
        values = [raw_value] if isinstance(raw_value, str) else raw_value
        if not isinstance(values, list | tuple | set | frozenset):
            notes.append(f"The answer to question {question.id!r} was {_describe(raw_value)}, not a choice; "
                         "it was left out.")
            continue
        chosen: set[str] = set()
        for item in values:
            if isinstance(item, str) and item in question.choice_ids:
                chosen.add(item)
            elif item is not None:
                notes.append(f"In question {question.id!r}, {_describe(item)} is not one of the choices; "
                             "it was left out.")
        picks[question.id] = tuple(c for c in question.choice_ids if c in chosen)
    return picks, tuple(notes)


@dataclass(frozen=True)
class ChoiceFeedback:
    """One choice with its explanation; ``right`` says whether it is a correct answer."""

    id: str
    text: str
    explanation: str
    right: bool
    chosen: bool


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    prompt: str
    multiple: bool
    status: str
    chosen: tuple[str, ...]
    feedback: tuple[ChoiceFeedback, ...]       # the explanations to show: one per chosen choice
    all_choices: tuple[ChoiceFeedback, ...]    # every choice with its explanation, for "show all"
    note: str = ""

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def verdict(self) -> str:
        return VERDICTS[self.status]


@dataclass(frozen=True)
class QuizResult:
    quiz_id: str
    title: str
    questions: tuple[QuestionResult, ...]
    problems: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def score(self) -> int:
        """How many questions are fully right."""
        return sum(q.correct for q in self.questions)

    @property
    def answered(self) -> int:
        return sum(q.status != UNANSWERED for q in self.questions)

    @property
    def all_correct(self) -> bool:
        return self.score == self.total

    def question(self, question_id: str) -> QuestionResult:
        return next(q for q in self.questions if q.question_id == question_id)

    @property
    def summary(self) -> str:
        if self.answered == 0:
            return "Pick your answers, then press Check my answers."
        text = f"{self.score} of {self.total} questions right."
        if self.answered < self.total:
            text += f" {self.total - self.answered} not answered yet."
        if self.all_correct:
            return text + " Well done: you have the basics of this module."
        return text + (" This self-check is not graded: read the explanations, change your answers and check "
                       "again as often as you like.")


def _score_question(question: Question, chosen: tuple[str, ...]) -> QuestionResult:
    right = set(question.correct)
    every = tuple(ChoiceFeedback(c.id, c.text, c.explanation, c.id in right, c.id in chosen)
                  for c in question.choices)
    picked = set(chosen)
    note = ""
    if not picked:
        status = UNANSWERED
    elif picked == right:
        status = CORRECT
    elif not question.multiple:
        status = INCORRECT
        if len(picked) > 1:
            note = "Only one answer is right here: pick one."
    elif picked & right:
        status = PARTLY
        found, wrong = len(picked & right), len(picked - right)
        note = f"You found {found} of {len(right)} right answers"
        note += f" and ticked {wrong} that {'is' if wrong == 1 else 'are'} not right." if wrong else "."
    else:
        status = INCORRECT
    return QuestionResult(question_id=question.id, prompt=question.prompt, multiple=question.multiple,
                          status=status, chosen=chosen, feedback=tuple(f for f in every if f.chosen),
                          all_choices=every, note=note)


def score_answers(quiz: Quiz, answers: Any) -> QuizResult:
    """Score a learner's picks, ``{question id: [choice id, ...]}``. Never raises on odd answers: anything
    that cannot be used is left out and described in ``QuizResult.problems``."""
    picks, notes = clean_answers(quiz, answers)
    return QuizResult(quiz_id=quiz.id, title=quiz.title,
                      questions=tuple(_score_question(q, picks[q.id]) for q in quiz.questions),
                      problems=notes)
