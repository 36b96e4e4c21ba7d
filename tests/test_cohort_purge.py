"""`course cohort purge`: a learner's records go from the gradebook, the exchange (waiting submissions and
released feedback, named by a hash) and the cohort folder; another learner's stay; --everyone empties the cohort."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from nbgrader.utils import notebook_hash

from course.cli import main
from tests.nbgrader_course import gradebook
from tests.notebooks import ROOT

ASSIGNMENT = "02_prompt_basics"


def records_of(folder, student: str) -> list:
    """Make the records nbgrader keeps of a learner who submitted, was graded and got feedback."""
    exchange = folder / "exchange" / "managers-spring"
    secret = f"secret-of-{student}"
    made = []
    for name in ("submitted", "autograded", "feedback"):
        path = folder / name / student / ASSIGNMENT
        path.mkdir(parents=True)
        (path / f"{ASSIGNMENT}.ipynb").write_text("{}", encoding="utf-8")
        (path / "submission_secret.txt").write_text(secret, encoding="utf-8")
        made.append(path)
    hub_username = f"{student}@larkfield.example"  # a pseudonymous learner's submissions carry their hub name
    inbound = exchange / "inbound" / f"{hub_username}+{ASSIGNMENT}+2026-11-30 10:00:00.000000 UTC"
    inbound.mkdir(parents=True)
    log = folder / ".grading" / f"{ASSIGNMENT}.done.jsonl"
    log.parent.mkdir(exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"student": student}) + "\n")
    sheet = folder / f"{ASSIGNMENT} ex4-reflection answers.csv"  # `course cohort answers`, a row per learner
    with sheet.open("a", encoding="utf-8-sig") as handle:
        handle.write(f'"{student}","ex4-reflection","3","my answer","",""\n')
    (folder / "cohort report.html").write_text(f"<td>{student}</td>", encoding="utf-8")
    released = exchange / "feedback" / f"{notebook_hash(secret=secret, notebook_id=ASSIGNMENT)}.html"
    released.parent.mkdir(parents=True, exist_ok=True)
    released.write_text("<p>feedback</p>", encoding="utf-8")
    with gradebook(folder) as book:
        book.update_or_create_student(student, first_name="Made", last_name="Up", email=f"{student}@example.com",
                                      lms_user_id=hub_username)
    return [*made, inbound, released]


@pytest.fixture
def cohort(tmp_path):
    folder = tmp_path / "spring"
    result = CliRunner().invoke(main, ["cohort", "create", str(folder), "--course-id", "managers-spring",
                                       "--repository", str(ROOT)])
    assert result.exit_code == 0, result.output
    return folder


def test_a_learners_records_go_everywhere_and_nobody_elses(cohort):
    gone, kept = records_of(cohort, "mgr-0417"), records_of(cohort, "mgr-0999")
    result = CliRunner().invoke(main, ["cohort", "purge", "--learner", "mgr-0417", "--course", str(cohort), "--yes"])
    assert result.exit_code == 0, result.output
    assert not [p for p in gone if p.exists()] and all(p.exists() for p in kept)
    assert "mgr-0417" not in (cohort / ".grading" / f"{ASSIGNMENT}.done.jsonl").read_text()
    assert "mgr-0999" in (cohort / ".grading" / f"{ASSIGNMENT}.done.jsonl").read_text()
    assert "released feedback" in result.output and "gradebook: mgr-0417" in result.output
    sheet = (cohort / f"{ASSIGNMENT} ex4-reflection answers.csv").read_text("utf-8-sig")
    assert "mgr-0417" not in sheet and "mgr-0999" in sheet
    assert not (cohort / "cohort report.html").exists() and "course cohort report" in result.output
    with gradebook(cohort) as book:
        assert [s.id for s in book.students] == ["mgr-0999"]
    again = CliRunner().invoke(main, ["cohort", "purge", "--learner", "mgr-0417", "--course", str(cohort), "--yes"])
    assert "There were no records of learner mgr-0417" in again.output


def test_everyone_empties_the_cohort_but_keeps_its_setup(cohort):
    records_of(cohort, "mgr-0417")
    records_of(cohort, "mgr-0999")
    result = CliRunner().invoke(main, ["cohort", "purge", "--everyone", "--course", str(cohort), "--yes"])
    assert result.exit_code == 0, result.output
    assert not any((cohort / name).exists() for name in ("submitted", "autograded", "feedback", "gradebook.db",
                                                         ".grading"))
    assert not (cohort / "exchange" / "managers-spring").exists()
    assert not list(cohort.glob("* answers.csv")) and not (cohort / "cohort report.html").exists()
    assert (cohort / "nbgrader_config.py").exists() and (cohort / "solutions" / ASSIGNMENT).is_dir()


@pytest.mark.parametrize("args, words", [([], "Say whose records"), (["--learner", "x", "--everyone"], "Say whose"),
                                         (["--learner", "x"], "Nothing was removed")])
def test_a_purge_needs_to_know_whose_records_and_asks_first(cohort, args, words):
    result = CliRunner().invoke(main, ["cohort", "purge", *args, "--course", str(cohort)], input="n\n")
    assert result.exit_code != 0 and words in result.output
