"""What a lesson or exercise tells the learner matches what the course does: the lengths it asks for are the ones
checked, it points only to pages that exist, and it names only controls the course view shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course.checks.reflection import check_reflection
from course.home import home_markdown
from course.tasks import declarations

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*ROOT.glob("modules/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb")])
ASKED = re.compile(r"\b(\d+) to (\d+) words\b")


def cells(path: Path) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def asked_lengths() -> list[tuple[str, str, int, int]]:
    """(notebook, task, fewest, most) for every form whose introduction asks for a number of words."""
    found = []
    for path in NOTEBOOKS:
        for source in cells(path):
            form = re.search(r'wb\.\w+\(\s*"(\w+)"', source)
            asked = ASKED.search(source)
            if form and asked and "model_answer" not in source:
                found.append((path.name, form.group(1), int(asked.group(1)), int(asked.group(2))))
    return found


def test_some_forms_ask_for_a_length():
    assert {task for _nb, task, _low, _high in asked_lengths()} >= {"first_use_reflection", "review_steps"}


@pytest.mark.parametrize("notebook, task, fewest, most", asked_lengths())
def test_the_length_a_form_asks_for_is_the_length_its_checker_holds_it_to(notebook, task, fewest, most):
    declared = declarations()[task]
    assert (declared.get("min_words"), declared.get("max_words")) == (fewest, most), notebook
    assert check_reflection("word " * fewest, fewest, most).passed
    assert not check_reflection("word " * (fewest - 1), fewest, most).passed
    assert not check_reflection("word " * (most + 1), fewest, most).passed
    assert "keep it to" in check_reflection("word " * (most + 1), fewest, most).findings[0].message


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_points_only_to_pages_and_controls_a_learner_has(path):
    text = " ".join(cells(path))
    for missing in ("course notes", "three dots", "slider"):
        assert missing not in text.lower(), f"{path.name} speaks of {missing!r}, which the learner does not have"


def test_the_time_estimates_are_explained_where_the_lessons_say(tmp_path):
    lessons = [path for path in NOTEBOOKS if path.parent.name == "modules"]
    assert all("explained on your course home" in " ".join(cells(path)) for path in lessons)
    home = home_markdown(tmp_path)
    assert "## How long a module takes" in home and "180 words a minute" in home


# The sources' figures (CONTENT_BRIEF), with words that credit each where it is quoted.
FIGURES = {
    "46%": ("Managers must find a balance", "practitioner article"),
    "26%": ("Managers must find a balance", "practitioner article"),
    "86%": ("Managers must find a balance", "practitioner article"),
    "7% of companies": ("Managers must find a balance", "practitioner article"),
    "two thirds of non-managers": ("Section", "Wall Street Journal"),
    "40% of executives": ("Section", "Wall Street Journal"),
}


def lesson_paragraphs() -> list[tuple[str, str]]:
    found = []
    for path in NOTEBOOKS:
        if path.parent.name == "modules":
            for source in cells(path):
                found += [(path.name, paragraph) for paragraph in re.split(r"\n\s*\n", source)]
    return found


@pytest.mark.parametrize("figure", FIGURES)
def test_every_figure_from_the_sources_is_credited_in_the_paragraph_that_quotes_it(figure):
    quoted = [(name, paragraph) for name, paragraph in lesson_paragraphs() if figure in paragraph]
    assert quoted, f"no lesson quotes {figure} any more: take it out of FIGURES"
    uncredited = [(name, paragraph[:120]) for name, paragraph in quoted
                  if not any(words in paragraph for words in FIGURES[figure])]
    assert uncredited == []


def test_advice_of_the_course_is_not_presented_as_a_finding():
    text = " ".join(paragraph for _name, paragraph in lesson_paragraphs())
    quizzes = " ".join(path.read_text(encoding="utf-8") for path in ROOT.glob("course/quizzes/*.json"))
    for claim in ("most stop after", "Most prompts need", "the term comes from Workday"):
        assert claim not in text and claim not in quizzes
