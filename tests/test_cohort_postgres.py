"""The cohort's gradebook on a real PostgreSQL server (started by the test, tests/postgres_server.py).

The cohort end to end of tests/test_cohort_end_to_end.py runs once more with ``course cohort create --db-url``:
the same commands give the same scores as on SQLite, and no gradebook file is made. Two instructors then grade
at once (two ``course cohort grade`` processes, one a new assignment, one a regrade): both finish and every grade
is there exactly once. ``purge --everyone`` empties the database of learners and says the database stays; an
address that is not PostgreSQL, or a server that cannot be reached, gets a plain message and changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from course.cli import main
from tests import test_cohort_end_to_end as on_sqlite
from tests.nbgrader_course import SCRIPTS_FIRST, gradebook, submit
from tests.notebooks import ROOT
from tests.postgres_server import postgres  # noqa: F401 (the server fixture)
from tests.test_nbgrader_flow import ASSIGNMENT as PROMPTS
from tests.test_nbgrader_flow import STUDENTS as PROMPT_STUDENTS
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS

# The learners of the new assignment graded while module 03 is graded again, and whose answers they typed.
PROMPT_LEARNERS = {"mgr-01": "model", "mgr-03": "weak0", "mgr-04": "blank"}


@pytest.fixture(scope="module")
def database(postgres):  # noqa: F811 (the imported fixture)
    return postgres.new_database("cohort_postgres")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory, database):
    return on_sqlite.run_cohort(tmp_path_factory.mktemp("e2e-postgres"), "--db-url", database)


# The SQLite end-to-end tests, each on the PostgreSQL cohort above (pytest gives them this module's fixtures).
test_submissions_are_filed_under_the_pseudonyms_only = on_sqlite.test_submissions_are_filed_under_the_pseudonyms_only
test_grading_gives_each_learner_the_points_their_answers_earn = \
    on_sqlite.test_grading_gives_each_learner_the_points_their_answers_earn
test_the_person_grades_one_item_from_one_sheet_then_feedback_and_the_rest_follow = \
    on_sqlite.test_the_person_grades_one_item_from_one_sheet_then_feedback_and_the_rest_follow


def rows(database: str, query: str) -> list[tuple]:
    engine = create_engine(database.replace("postgresql:", "postgresql+psycopg:"))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def test_the_gradebook_is_the_postgresql_database_and_no_file(cohort, database):
    folder, _exchange, _graded = cohort
    assert not (folder / "gradebook.db").exists()
    assert "c.CourseDirectory.db_url = 'postgresql+psycopg://" in (folder / "nbgrader_config.py").read_text()
    assert rows(database, "SELECT id FROM student ORDER BY id") == [("mgr-01",), ("mgr-03",)]  # mgr-02 purged
    assert rows(database, "SELECT count(*) FROM grade")[0][0] > 0


def grade_at_once(folder, *runs: list[str]) -> list[subprocess.CompletedProcess]:
    """``course cohort grade`` runs started together, as two instructors would; what each printed."""
    started = [subprocess.Popen([sys.executable, "-m", "course.cli", "cohort", "grade", *args, "--course",
                                 str(folder), "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**os.environ, **SCRIPTS_FIRST}) for args in runs]
    printed = [p.communicate(timeout=900) for p in started]
    return [subprocess.CompletedProcess(p.args, p.returncode, *out) for p, out in zip(started, printed, strict=True)]


def test_two_instructors_grading_at_once_both_finish_and_every_grade_is_there_once(cohort, database):
    folder, _exchange, _graded = cohort
    for learner, answers_of in PROMPT_LEARNERS.items():
        submit(folder, learner, PROMPT_STUDENTS[answers_of][0], PROMPTS)
    new, again = grade_at_once(folder, [PROMPTS], [ASSIGNMENT, "--regrade"])
    assert new.returncode == 0 and again.returncode == 0, new.stderr[-2000:] + again.stderr[-2000:]
    assert "3 graded; 0 failed" in new.stdout and "2 graded; 0 failed" in again.stdout, new.stdout + again.stdout
    with gradebook(folder) as book:
        for learner, answers_of in PROMPT_LEARNERS.items():
            found = {g.name: g.score for g in book.find_submission_notebook(PROMPTS, PROMPTS, learner).grades}
            assert {cell: found[cell] for cell in PROMPT_STUDENTS[answers_of][1]} == PROMPT_STUDENTS[answers_of][1]
        for learner in ("mgr-01", "mgr-03"):
            found = {g.name: g.score for g in book.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, learner).grades}
            answers_of = on_sqlite.LEARNERS[learner]
            assert {cell: found[cell] for cell in STUDENTS[answers_of][1]} == STUDENTS[answers_of][1]
        assert book.find_grade("ex2-rubric", ASSIGNMENT, ASSIGNMENT, "mgr-01").score == 3  # the person's score
        notebooks = {name: book.find_notebook(name, name) for name in (PROMPTS, ASSIGNMENT)}
        cells = {name: len(nb.grade_cells) + len(nb.task_cells) for name, nb in notebooks.items()}  # graded cells
    # One grade per graded cell of every submission: none lost, none doubled.
    per_submission = rows(database, "SELECT a.name, s.student_id, count(g.id), count(DISTINCT g.cell_id) "
                                    "FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id "
                                    "JOIN submitted_assignment s ON n.assignment_id = s.id "
                                    "JOIN assignment a ON s.assignment_id = a.id GROUP BY a.name, s.student_id")
    expected = {(PROMPTS, learner): cells[PROMPTS] for learner in PROMPT_LEARNERS}
    expected.update({(ASSIGNMENT, learner): cells[ASSIGNMENT] for learner in ("mgr-01", "mgr-03")})
    assert {(name, learner): count for name, learner, count, _distinct in per_submission} == expected
    assert all(count == distinct for _name, _learner, count, distinct in per_submission)


def test_purging_everyone_empties_the_database_of_learners_and_keeps_it(cohort, database):
    folder, _exchange, _graded = cohort
    result = CliRunner().invoke(main, ["cohort", "purge", "--everyone", "--course", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert "holds no learner now; the database itself stays" in result.output
    assert "postgresql+psycopg://course_tests@127.0.0.1" in result.output
    assert rows(database, "SELECT count(*) FROM student") == [(0,)]
    assert rows(database, "SELECT count(*) FROM grade") == [(0,)]
    assert {name for (name,) in rows(database, "SELECT name FROM assignment")} >= {PROMPTS, ASSIGNMENT}
    assert not (folder / "submitted").exists() and not (folder / "gradebook.db").exists()


@pytest.mark.parametrize(("address", "words"), [
    ("sqlite:///elsewhere.db", "must be a PostgreSQL database"),
    ("not an address", "must look like postgresql://"),
    ("postgresql://nobody@127.0.0.1:1/grades", "cannot be reached"),
])
def test_an_unusable_database_address_is_refused_and_nothing_is_made(tmp_path, address, words):
    result = CliRunner().invoke(main, ["cohort", "create", str(tmp_path / "cohort"), "--course-id", "c1",
                                       "--repository", str(ROOT), "--db-url", address])
    assert result.exit_code != 0 and words in result.output, result.output
    assert "Traceback" not in result.output and not (tmp_path / "cohort").exists()


def test_grading_when_the_database_server_is_down_says_so_and_changes_nothing(tmp_path, postgres):  # noqa: F811
    folder = tmp_path / "cohort"
    (folder / "submitted" / "mgr-01" / ASSIGNMENT).mkdir(parents=True)
    down = postgres.url("cohort_postgres").replace(f":{postgres.port}/", ":1/")
    (folder / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\nc.CourseDirectory.db_url = "
                                               f"{down.replace('postgresql:', 'postgresql+psycopg:')!r}\n")
    result = CliRunner().invoke(main, ["cohort", "grade", ASSIGNMENT, "--course", str(folder)])
    assert result.exit_code != 0 and "cannot be reached" in result.output and "Nothing was graded" in result.output
    assert "Traceback" not in result.output and not (folder / "autograded").exists()
