"""Names a learner tells apart at a glance: a lesson and its exercise open as tabs with different titles, and the
answers file does not look like the notebook beside it, even where JupyterLab cuts a long name short."""

from pathlib import Path

from course.answers import AnswerStore
from tests.notebooks import EXERCISES, LESSONS

GLANCE = 12  # characters still shown when a tab or the file browser cuts a name short


def test_a_lesson_and_an_exercise_never_share_a_tab_title():
    lessons = {p.name[:GLANCE] for p in LESSONS}
    exercises = {p.name[:GLANCE] for p in EXERCISES}
    assert lessons and exercises and not lessons & exercises
    assert all("lesson" in p.stem for p in LESSONS)


def test_the_answers_file_does_not_look_like_its_notebook(tmp_path: Path):
    for notebook in LESSONS + EXERCISES:
        answers = AnswerStore(tmp_path, notebook.stem).path.name
        assert answers.startswith("your answers") and answers[:GLANCE] != notebook.name[:GLANCE]
