"""Learner code during grading: each notebook runs in a copy of its own submission, and whatever a notebook changes
outside that copy (another learner's answers, the course package, the sources) is put back and reported; a grade
it changes in the gradebook is recomputed. The batch completes and no other learner's grade changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import course.grade
from course.answers import answers_file_name
from course.grading.parallel import grade_cohort
from tests.nbgrader_course import gradebook, make_course, submit
from tests.test_grade_verify import hostile_submission
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    course_dir = make_course(tmp_path_factory.mktemp("isolation"), ASSIGNMENT)
    submit(course_dir, "honest", STUDENTS["model"][0], ASSIGNMENT)
    honest_answers = course_dir / "submitted" / "honest" / ASSIGNMENT / answers_file_name(ASSIGNMENT)
    package_file = Path(course.grade.__file__)
    before = {"answers": digest(honest_answers), "package": digest(package_file)}
    hostile_submission(course_dir, "overwrites-others", f"open(r'{honest_answers}', 'w').write('{{}}')")
    hostile_submission(course_dir, "edits-the-package",
                       f"open(r'{package_file}', 'a').write('\\n# changed by a learner\\n')")
    hostile_submission(course_dir, "x-edits-the-gradebook",
                       f"import sqlite3\nc = sqlite3.connect(r'{course_dir / 'gradebook.db'}')\n"
                       "c.execute('update grade set auto_score = 0')\nc.commit()")
    hostile_submission(course_dir, "relative-paths", "open('../../submitted/honest/x.txt', 'w').write('mine now')")
    summary = grade_cohort(course_dir, ASSIGNMENT, workers=1)
    return course_dir, summary, before, honest_answers, package_file


def test_the_batch_completes_and_the_honest_learner_keeps_their_grade(attacked):
    course_dir, summary, _before, _answers, _package = attacked
    assert sorted(summary.graded) == ["edits-the-package", "honest", "overwrites-others", "relative-paths",
                                      "x-edits-the-gradebook"]
    with gradebook(course_dir) as book:
        assert book.find_grade("ex1-test", ASSIGNMENT, ASSIGNMENT, "honest").score == 10
        assert book.find_grade("ex1-hidden", ASSIGNMENT, ASSIGNMENT, "honest").score == 4


def test_files_outside_a_notebooks_own_copy_are_put_back_and_reported(attacked):
    course_dir, summary, before, answers, package = attacked
    assert digest(answers) == before["answers"] and digest(package) == before["package"]
    assert not (course_dir / "submitted" / "honest" / "x.txt").exists()  # relative paths stay in the copy
    reported = " ".join(summary.tampering)
    assert "overwrites-others" in reported and "edits-the-package" in reported


def test_a_grade_changed_in_the_gradebook_is_recomputed(attacked):
    _course_dir, summary, _before, _answers, _package = attacked
    assert summary.corrected >= 2  # the honest learner's two autograded cells, zeroed by the last notebook
