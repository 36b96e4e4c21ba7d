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


# --- scoring rules out of the way, plain checks in what the course shows ---------------------------------------------
def markdown_of(path: Path) -> str:
    return "\n".join(source for source, cell in zip(cells(path), json.loads(path.read_text("utf-8"))["cells"],
                                                       strict=True) if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("notebook, formula", [
    ("modules/01_lesson_use_cases.ipynb", "internal 0.9"),
    ("solutions/03_acceptance_criteria/03_acceptance_criteria.ipynb", "times how close its agreement"),
])
def test_a_scoring_formula_is_behind_a_how_is_it_scored_disclosure(notebook, formula):
    text = markdown_of(ROOT / notebook)
    disclosures = re.findall(r"<details><summary>(.*?)</summary>(.*?)</details>", text, re.DOTALL)
    assert formula in text and any(formula in body and "How " in summary for summary, body in disclosures)
    outside = re.sub(r"<details>.*?</details>", "", text, flags=re.DOTALL)
    assert formula not in outside


def test_no_model_answer_or_worked_example_uses_a_regular_expression():
    for path in NOTEBOOKS:
        for source in cells(path):
            assert '"check": "pattern"' not in source and '"check": "not_pattern"' not in source, path.name
            assert "\\d" not in source and "[^" not in source, path.name


def test_every_check_a_lesson_names_in_a_table_is_one_the_form_takes():
    from course.checks.criteria_checks import KINDS, check_key

    named = []
    for path in NOTEBOOKS:
        column = None
        for line in markdown_of(path).splitlines():
            columns = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
            if not columns:
                column = None
            elif column is None:
                column = columns.index("Check") if "Check" in columns else -1
            elif column >= 0 and not set(columns[column]) <= set("-: "):
                named.append((path.name, columns[column]))
    checks = [(nb, name) for nb, name in named if nb.startswith("03_lesson")]
    assert len(checks) >= 5
    assert all(check_key(name) in KINDS for _nb, name in checks), checks
    assert check_key("no personal data") == "no_personal_data" and check_key("length in WORDS") == "words"
    assert check_key("Contains") == "Contains"  # the start of three checks: it names none


def test_a_bar_that_only_forbids_brackets_does_not_pass_exercise_03():
    from course.tasks import get_task
    from tests.criteria_bars import bar, row

    brackets = bar(row("No placeholder", "not_contains", "[; {; <", must=True))
    for cases in ([1], [2]):
        feedback = get_task("reply_criteria").check(brackets, cases)
        assert not feedback.passed and feedback.earned == 0, feedback.summary


def test_learners_read_one_word_for_a_group_course_and_are_spoken_to_as_the_manager(tmp_path):
    texts = {path.name: "\n".join(cells(path)) for path in NOTEBOOKS}
    texts["course home"] = home_markdown(tmp_path)
    for name, text in texts.items():
        assert not re.search(r"\bcohort", text, re.IGNORECASE), name
        assert not re.search(r"(?<!you are )\btheir manager\b", text, re.IGNORECASE), name
    assert all("group course" in texts[path.name] for path in NOTEBOOKS if path.parent.name != "modules")


def form_calls(path: Path) -> dict[str, tuple[object, object]]:
    """Each form a notebook shows, by task: (points, unseen points) as its cell passes them."""
    import ast

    found = {}
    for source in cells(path):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and getattr(node.func.value, "id", "") == "wb" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.func.attr not in ("grade", "model_answer", "show_saved")):
                given = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg in ("points", "unseen")}
                given.update({k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg == "unseen_points"})
                found[node.args[0].value] = (given.get("points"), given.get("unseen_points", 0))
    return found


def test_a_lesson_form_the_exercise_asks_again_shows_the_exercises_points():
    lessons = {task: given for path in ROOT.glob("modules/*.ipynb") for task, given in form_calls(path).items()}
    exercises = {task: given for path in ROOT.glob("solutions/*/*.ipynb") for task, given in form_calls(path).items()}
    shared = set(lessons) & set(exercises)
    assert {"first_form", "pilot_use_cases", "meeting_summary", "meeting_sop", "pilot_decision_rule"} <= shared
    assert {task: lessons[task] for task in shared} == {task: exercises[task] for task in shared}
    for path in ROOT.glob("modules/*.ipynb"):
        assert "a form the exercise asks again shows the points the same answer would earn there" in cells(path)[0]


def test_a_finding_reads_as_one_sentence_the_page_ends_with_a_full_stop():
    """The feedback adds the full stop after a finding's message, so no message ends with its own ('rise?.')."""
    from course.checks.messages import catalogue

    said = [entry["message"] for entry in catalogue("en").values() if "message" in entry]
    assert len(said) > 100
    assert [m for m in said if m.rstrip().endswith((".", "?", "!"))] == []


def test_each_engine_keeps_its_own_messages_and_no_kind_is_in_two_files(tmp_path, monkeypatch):
    """A new engine adds its own file to the catalogue; one that repeats another's kind is refused by name."""
    import shutil
    from importlib.resources import files

    from course.checks import messages

    folder = files("course.checks").joinpath("messages", "en")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    assert "shared.json" in names and len(names) >= 10
    copy = tmp_path / "messages" / "en"
    shutil.copytree(str(folder), copy)
    (copy / "zz_new_engine.json").write_text(json.dumps({"kinds": {"sop_empty": {"where": "", "message": "x"}}}))
    monkeypatch.setattr(messages, "files", lambda _package: tmp_path)
    messages.catalogue.cache_clear()
    try:
        with pytest.raises(ValueError, match="'sop_empty' is in both sop.json and zz_new_engine.json"):
            messages.catalogue("en")
    finally:
        messages.catalogue.cache_clear()
