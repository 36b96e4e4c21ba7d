"""`nbgrader export` with the course's config: a quoted CSV, safe in a spreadsheet, with waiting items marked.

Gradebooks are made with nbgrader's own Gradebook API or by a real autograde, exported with the real
`nbgrader export` command, and read back with the csv module.
"""

from __future__ import annotations

import csv
import datetime
import doctest
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.grading import export
from course.grading.export import COLUMNS, NBGRADER_COLUMNS, safe_cell, write_rows
from tests.answers_for_tests import model_answers
from tests.nbgrader_course import ASSIGNMENT, SOLUTION, autograde, gradebook, make_course, nbgrader, submit
from tests.notebooks import ROOT

BOM = "\ufeff".encode()
NUMBER_COLUMNS = ("raw_score", "late_submission_penalty", "score", "max_score", "score_so_far")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Names a learner or an HR system may really send, and names an attacker would.
AWKWARD = [
    "Lee, Jordan", 'Sam "the fixer" Ode', "Two\nLines", "Carriage\r\nReturn", "=1+1", "+SUM(A1:A2)", "-2+3",
    "@cmd", '=HYPERLINK("http://x","y")', "  =1+1", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "Mia 🚀 Okafor",
    "مريم العلي", "נועה כהן", "Ana-Maria", "O'Neil", "",
]


def read_export(path: Path) -> list[dict[str, str]]:
    """The export as a spreadsheet would see it, after checking that every row has exactly the header's cells."""
    assert path.read_bytes().startswith(BOM)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == COLUMNS
    assert all(len(row) == len(COLUMNS) for row in rows)
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def assert_no_formula(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            if column in NUMBER_COLUMNS and cell:
                float(cell)  # a number: a spreadsheet reads it as a number, never as a formula
            else:
                assert not cell.startswith(FORMULA_START[4:]) and not cell.lstrip().startswith(FORMULA_START), cell


def original(cell: str) -> str:
    """The text before the export protected it: the apostrophe it put in front comes off again."""
    return cell[1:] if cell.startswith("'") and cell[1:] != safe_cell(cell[1:]) else cell


def student_id(n: int) -> str:
    return AWKWARD[n] or f"learner {n}"


def by_learner(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {original(row["student_id"]): row for row in rows}


def course_folder(folder: Path) -> Path:
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    return folder


def run_export(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = nbgrader("export", *args, cwd=course)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def awkward_gradebook(course: Path) -> None:
    """One assignment with an autograded and a hand-graded item; a learner for every awkward name."""
    with gradebook(course) as book:
        book.add_assignment("week 1", duedate=datetime.datetime(2030, 3, 1, 17, 0))
        book.add_notebook("week 1", "week 1")
        book.add_grade_cell("prompt", "week 1", "week 1", max_score=10, cell_type="code")
        book.add_grade_cell("reflection", "week 1", "week 1", max_score=3, cell_type="markdown")
        for n, name in enumerate(AWKWARD):
            student = student_id(n)
            book.add_student(student, first_name=name, last_name=name, email=name)
            if n % 3 == 2:
                continue  # never submitted
            book.add_submission("week 1", student, timestamp="2030-02-28 09:00:00")
            prompt = book.find_grade("prompt", "week 1", "week 1", student)
            prompt.auto_score, prompt.needs_manual_grade = 7.5, False
            if n % 3 == 1:  # a person graded the reflection too
                reflection = book.find_grade("reflection", "week 1", "week 1", student)
                reflection.manual_score, reflection.needs_manual_grade = 2.0, False
            book.db.commit()


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    course = course_folder(tmp_path_factory.mktemp("awkward"))
    awkward_gradebook(course)
    result = run_export(course)
    assert result.returncode == 0, result.stderr
    assert "SafeCsvExportPlugin" in result.stderr  # nbgrader says which exporter it used
    return course


def test_awkward_names_stay_in_their_columns_and_never_start_a_formula(awkward):
    rows = read_export(awkward / "grades.csv")
    assert_no_formula(rows)
    learners = by_learner(rows)
    assert sorted(learners) == sorted(student_id(n) for n in range(len(AWKWARD)))
    for n, name in enumerate(AWKWARD):
        # nothing lost: each field reads back as typed once the protecting apostrophe is taken off
        row = learners[student_id(n)]
        assert [original(row[column]) for column in ("first_name", "last_name", "email")] == [name] * 3
        assert row["assignment"] == "week 1" and row["max_score"] == "13.0"


def test_formulas_get_an_apostrophe_and_ordinary_names_do_not(awkward):
    names = {original(row["first_name"]): row["first_name"] for row in read_export(awkward / "grades.csv")}
    assert names["=HYPERLINK(\"http://x\",\"y\")"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert names["  =1+1"] == "'  =1+1"
    assert names["\t=1+1"] == "'\t=1+1"
    assert names["-2+3"] == "'-2+3"
    for plain in ("Lee, Jordan", "Ana-Maria", "O'Neil", "مريم العلي", "Mia 🚀 Okafor", "Two\nLines"):
        assert names[plain] == plain


def test_each_row_says_whether_it_is_final(awkward):
    learners = by_learner(read_export(awkward / "grades.csv"))
    for n in range(len(AWKWARD)):
        row = learners[student_id(n)]
        if n % 3 == 0:  # the reflection is still waiting: no final score
            expected = ("waiting for a person: 1 item", "", "", "7.5")
        elif n % 3 == 1:
            expected = ("graded", "9.5", "9.5", "9.5")
        else:
            expected = ("not submitted", "0.0", "0.0", "0.0")
        assert (row["status"], row["raw_score"], row["score"], row["score_so_far"]) == expected
        assert row["timestamp"] == ("" if n % 3 == 2 else "2030-02-28 09:00:00")
        assert row["duedate"] == "2030-03-01 17:00:00"


def test_nbgraders_own_export_breaks_on_the_same_gradebook(awkward):
    """The checks above can fail: nbgrader's built-in exporter shifts columns and lets formulas through."""
    result = run_export(awkward, "--exporter=nbgrader.plugins.CsvExportPlugin", "--to=nbgrader_grades.csv")
    assert result.returncode == 0, result.stderr
    with (awkward / "nbgrader_grades.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == NBGRADER_COLUMNS
    assert any(len(row) != len(NBGRADER_COLUMNS) for row in rows)
    assert any(cell.startswith("=") for row in rows for cell in row)


def test_negative_scores_stay_numbers(tmp_path):
    course = course_folder(tmp_path)
    with gradebook(course) as book:
        book.add_assignment("week 2")
        book.add_notebook("week 2", "week 2")
        book.add_grade_cell("prompt", "week 2", "week 2", max_score=10, cell_type="code")
        book.add_student("-7", first_name="-1.5")
        book.add_submission("week 2", "-7")
        grade = book.find_grade("prompt", "week 2", "week 2", "-7")
        grade.manual_score, grade.needs_manual_grade = -1.5, False  # a grader's deduction
        book.db.commit()
    assert run_export(course, "--to=out/grades.csv").returncode == 0
    [row] = read_export(course / "out" / "grades.csv")
    assert (row["raw_score"], row["score"], row["score_so_far"]) == ("-1.5", "0.0", "0.0")
    assert (row["student_id"], row["first_name"]) == ("'-7", "'-1.5")  # typed text, so protected


def test_an_empty_gradebook_gives_the_header_and_a_friendly_line(tmp_path):
    course = course_folder(tmp_path)
    result = run_export(course)
    assert result.returncode == 0, result.stderr
    assert read_export(course / "grades.csv") == []
    assert "There are no grades to export yet" in result.stderr


def test_a_name_the_gradebook_does_not_know_is_reported(awkward, tmp_path):
    result = run_export(awkward, "--student=nobody", f"--to={tmp_path / 'one.csv'}")
    assert result.returncode == 0, result.stderr
    assert "There is no learner called 'nobody' in the gradebook" in result.stderr
    assert read_export(tmp_path / "one.csv") == []


def test_a_file_that_cannot_be_written_says_so_and_changes_nothing(awkward, tmp_path):
    blocked = tmp_path / "grades.csv"
    blocked.mkdir()  # a folder where the file should go
    result = run_export(awkward, f"--to={blocked}")
    assert result.returncode == 1
    assert f"Could not write the grades to {blocked}" in result.stderr
    assert list(tmp_path.iterdir()) == [blocked] and not any(blocked.iterdir())


def test_a_failure_while_writing_keeps_the_last_good_file(tmp_path):
    good = tmp_path / "grades.csv"
    good.write_text("the last good export")

    def rows():
        yield dict.fromkeys(COLUMNS, "x")
        raise OSError("the gradebook went away")

    with pytest.raises(OSError):
        write_rows(good, rows())
    assert good.read_text() == "the last good export"
    assert list(tmp_path.iterdir()) == [good]


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(export).failed == 0


def test_import_course_does_not_import_nbgrader():
    code = "import sys, course; print(sorted(m for m in sys.modules if m.split('.')[0] == 'nbgrader'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def autograded(tmp_path_factory) -> Path:
    """A real course: the model answers submitted through the forms and autograded; one learner never submits."""
    course = make_course(tmp_path_factory.mktemp("course"))
    submit(course, "model", model_answers(SOLUTION))
    autograde(course)
    with gradebook(course) as book:
        book.add_student("absent", first_name="Noor", last_name="Haddad")
    return course


def test_a_real_autograded_submission_waits_for_its_reflection(autograded):
    assert run_export(autograded).returncode == 0
    rows = {row["student_id"]: row for row in read_export(autograded / "grades.csv")}
    assert rows["model"]["status"] == "waiting for a person: 1 item"
    assert (rows["model"]["raw_score"], rows["model"]["score"]) == ("", "")
    assert rows["model"]["score_so_far"] == "40.0" and rows["model"]["max_score"] == "43.0"
    assert (rows["absent"]["status"], rows["absent"]["score"]) == ("not submitted", "0.0")
    assert rows["absent"]["first_name"] == "Noor"

    with gradebook(autograded) as book:  # the facilitator grades it
        rubric = book.find_grade("ex4-rubric", ASSIGNMENT, ASSIGNMENT, "model")
        rubric.manual_score, rubric.needs_manual_grade = 3.0, False
        book.db.commit()
    assert run_export(autograded, f"--assignment={ASSIGNMENT}").returncode == 0
    rows = {row["student_id"]: row for row in read_export(autograded / "grades.csv")}
    assert (rows["model"]["status"], rows["model"]["score"], rows["model"]["score_so_far"]) == ("graded", "43.0",
                                                                                               "43.0")


def test_an_assignment_not_released_yet_is_not_called_not_submitted(autograded, tmp_path):
    cohort = shutil.copytree(autograded, tmp_path / "cohort")
    with (cohort / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.Exchange.root = {str(cohort / 'exchange')!r}\nc.CourseDirectory.course_id = 'spring'\n")
    (cohort / "exchange" / "spring" / "outbound" / ASSIGNMENT).mkdir(parents=True)  # released; the next is not
    with gradebook(cohort) as book:
        book.update_or_create_assignment("06_later")
    assert run_export(cohort).returncode == 0
    rows = {(row["assignment"], row["student_id"]): row["status"] for row in read_export(cohort / "grades.csv")}
    assert rows[("06_later", "absent")] == rows[("06_later", "model")] == "not released yet"
    assert rows[(ASSIGNMENT, "absent")] == "not submitted"
