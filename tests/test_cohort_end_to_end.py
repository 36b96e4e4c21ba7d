"""A cohort run with the README's commands only, on a real nbgrader exchange in a temp folder.

The instructor creates the cohort, imports a pseudonymous roster (each id mapped to the hub username the learner
signs in with) and releases module 03; three learners, each in a home of their own, fetch it, fill the forms
headlessly, save and submit; the instructor collects (filed under the pseudonyms), grades in parallel, scores the
item a person grades from one spreadsheet, releases feedback, which a learner fetches, exports grades, writes the
report and purges one learner. On one machine every learner is the same operating-system account, and nbgrader's
exchange names a submission after the account: each learner's submission is renamed as their hub username would
have named it, which is all that differs on a hub.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import nbformat
import pytest
from click.testing import CliRunner
from nbgrader.utils import get_username

from course.cli import main
from tests.nbgrader_course import SCRIPTS_FIRST, gradebook
from tests.notebooks import ROOT, fill_and_save, run_notebook
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS

COURSE_ID = "managers-e2e"
LEARNERS = {"mgr-01": "model", "mgr-02": "weak2", "mgr-03": "weak4"}
HUB_USERNAMES = {"mgr-01": "Ana.Silva@larkfield.example", "mgr-02": "ben.okafor@larkfield.example",
                 "mgr-03": "chen.li@larkfield.example"}


def course(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def nbgrader(*args: str, cwd, exchange) -> None:
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args, f"--Exchange.root={exchange}",
                             f"--CourseDirectory.course_id={COURSE_ID}"], cwd=cwd, capture_output=True, text=True,
                            timeout=600, env={**os.environ, **SCRIPTS_FIRST, "HOME": str(cwd)})
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    return run_cohort(tmp_path_factory.mktemp("e2e"))


def run_cohort(base, *create_options: str):
    """The README's commands from create (with ``create_options``) to grade, in ``base``: folder, exchange, what
    grade printed."""
    folder, exchange = base / "cohort", base / "cohort" / "exchange"
    course("cohort", "create", str(folder), "--course-id", COURSE_ID, "--repository", str(ROOT), *create_options)
    roster = base / "roster.csv"
    roster.write_text("id,first_name,hub_username\n" + "\n".join(f"{learner},Learner {learner[-2:]},{hub}"
                                                                for learner, hub in HUB_USERNAMES.items()))
    course("cohort", "roster", str(roster), "--course", str(folder))
    course("cohort", "release", ASSIGNMENT, "--course", str(folder))
    for learner, answers_of in LEARNERS.items():
        home = base / "homes" / learner
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", ASSIGNMENT, cwd=home, exchange=exchange)
        work = home / ASSIGNMENT
        answers = dict(STUDENTS[answers_of][0])
        answers["review_steps"] = f"The team lead reviews every reply before it is sent ({learner})."
        notebook = run_notebook(work / f"{ASSIGNMENT}.ipynb", work,
                                [fill_and_save(task, value) for task, value in answers.items()])
        nbformat.write(notebook, work / f"{ASSIGNMENT}.ipynb")
        nbgrader("submit", ASSIGNMENT, cwd=home, exchange=exchange)
        inbound = exchange / COURSE_ID / "inbound"
        for mine in inbound.glob(f"{get_username()}+*"):
            mine.rename(inbound / mine.name.replace(get_username(), HUB_USERNAMES[learner].lower(), 1))
    course("cohort", "collect", ASSIGNMENT, "--course", str(folder))
    graded = course("cohort", "grade", ASSIGNMENT, "--course", str(folder), "--workers", "2")
    return folder, exchange, graded


def test_submissions_are_filed_under_the_pseudonyms_only(cohort):
    folder, _exchange, _graded = cohort
    assert sorted(p.name for p in (folder / "submitted").iterdir()) == list(LEARNERS)
    assert sorted(p.name for p in (folder / "autograded").iterdir()) == list(LEARNERS)
    with gradebook(folder) as book:
        assert sorted(s.id for s in book.students) == list(LEARNERS)
        assert {s.id: s.lms_user_id for s in book.students} == {k: v.lower() for k, v in HUB_USERNAMES.items()}


def test_grading_gives_each_learner_the_points_their_answers_earn(cohort):
    folder, _exchange, graded = cohort
    assert "3 graded; 0 failed; 3 item(s) waiting for a person" in graded
    with gradebook(folder) as book:
        for learner, answers_of in LEARNERS.items():
            for cell, points in STUDENTS[answers_of][1].items():
                assert book.find_grade(cell, ASSIGNMENT, ASSIGNMENT, learner).score == points, (learner, cell)


def test_the_person_grades_one_item_from_one_sheet_then_feedback_and_the_rest_follow(cohort, tmp_path):
    folder, exchange, _graded = cohort
    waiting = course("cohort", "feedback", ASSIGNMENT, "--course", str(folder))
    assert "Feedback released to 0 learner(s)" in waiting and "waiting for a person" in waiting
    sheet = tmp_path / "sheet.csv"
    course("cohort", "answers", ASSIGNMENT, "ex2-rubric", "--course", str(folder), "--out", str(sheet))
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["learner"] for r in rows] == list(LEARNERS) and "reviews every reply" in rows[0]["answer"]
    for row, score in zip(rows, ("3", "2", "nine"), strict=True):
        row["score"] = score
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    scored = course("cohort", "scores", ASSIGNMENT, "ex2-rubric", str(sheet), "--course", str(folder))
    assert "2 score(s) written" in scored and "row 4 (mgr-03): “nine” is not a number" in scored
    released = course("cohort", "feedback", ASSIGNMENT, "--course", str(folder))
    assert "Feedback released to 2 learner(s)" in released and "mgr-03" in released
    assert len(list((exchange / COURSE_ID / "feedback").glob("*.html"))) == 2
    page = (folder / "feedback" / "mgr-01" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text("utf-8")
    assert "BEGIN HIDDEN TESTS" not in page and "No response" not in page
    home = folder.parent / "homes" / "mgr-01"
    nbgrader("fetch_feedback", ASSIGNMENT, cwd=home, exchange=exchange)
    fetched = list((home / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
    assert len(fetched) == 1 and fetched[0].read_text("utf-8") == page

    export = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--to", str(tmp_path / "grades.csv")],
                            cwd=folder, capture_output=True, text=True, env={**os.environ, **SCRIPTS_FIRST})
    assert export.returncode == 0, export.stderr[-2000:]
    grades = (tmp_path / "grades.csv").read_text("utf-8-sig")
    assert "mgr-03" in grades and "waiting for a person: 1 item" in grades and "larkfield" not in grades.lower()

    course("cohort", "report", "--course", str(folder), "--out", str(tmp_path / "report.html"))
    assert "Items most learners miss" in (tmp_path / "report.html").read_text("utf-8")

    course("cohort", "purge", "--learner", "mgr-02", "--course", str(folder), "--yes")
    assert not (folder / "submitted" / "mgr-02").exists()
    assert not list((exchange / COURSE_ID / "inbound").glob("ben.okafor*"))
    assert len(list((exchange / COURSE_ID / "inbound").glob("*+*"))) == 2
    with gradebook(folder) as book:
        assert sorted(s.id for s in book.students) == ["mgr-01", "mgr-03"]
    assert len(list((exchange / COURSE_ID / "feedback").glob("*.html"))) == 1
