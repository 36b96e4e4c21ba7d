"""`course app NN`: which lesson a learner means, and how Voila is started so that answers are shared with JupyterLab.

Fast: nothing is started here. tests/browser/test_app_in_browser.py starts the real app in Chromium.
"""

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from course import app, cli
from course.cli import main
from course.workspace import prepare_workspace


@pytest.fixture
def lessons(tmp_path) -> Path:
    folder = prepare_workspace(tmp_path / "ws").folder / "lessons"
    assert (folder / "02_prompt_basics.ipynb").is_file()
    return folder


@pytest.fixture
def two_lessons(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("02_prompt_basics.ipynb", "10_rollout_plan.ipynb", "02_prompt_basics.answers.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".hidden.ipynb").write_text("{}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("typed", ["02", "2", " 02 ", "002", "02_prompt_basics", "02_PROMPT_BASICS",
                                   "02_prompt_basics.ipynb", "lessons/02_prompt_basics.ipynb",
                                   "lessons\\02_prompt_basics.ipynb", "lessons/02_prompt_basics"])
def test_a_lesson_is_found_by_number_name_or_file(lessons, typed):
    assert app.find_lesson(typed, lessons) == lessons / "02_prompt_basics.ipynb"


def test_the_whole_path_of_the_lesson_in_the_workspace_also_works(lessons):
    typed = str(lessons / "02_prompt_basics.ipynb")
    assert app.find_lesson(typed, lessons) == lessons / "02_prompt_basics.ipynb"


def test_numbers_pick_the_right_lesson_among_several(two_lessons):
    assert app.find_lesson("10", two_lessons).name == "10_rollout_plan.ipynb"
    assert app.find_lesson("2", two_lessons).name == "02_prompt_basics.ipynb"
    assert [p.name for p in app.lessons_in(two_lessons)] == ["02_prompt_basics.ipynb", "10_rollout_plan.ipynb"]


def test_an_unknown_number_lists_the_lessons_that_exist(lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("09", lessons)
    assert str(problem.value) == "There is no lesson 09. Lessons: 02 (prompt basics)."
    with pytest.raises(app.LessonNotFound, match=r"^There is no lesson 09\. "):
        app.find_lesson("9", lessons)


def test_the_listing_names_every_lesson(two_lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("3", two_lessons)
    assert str(problem.value) == "There is no lesson 03. Lessons: 02 (prompt basics), 10 (rollout plan)."


def test_nothing_typed_says_how_to_name_a_lesson(lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("   ", lessons)
    assert "course app 02" in str(problem.value) and "Lessons: 02 (prompt basics)." in str(problem.value)


@pytest.mark.parametrize("typed", ["../../etc/passwd", "/etc/passwd", "../02_prompt_basics.ipynb",
                                   "exercises/02_prompt_basics/02_prompt_basics.ipynb", "prompt", "02_prompt",
                                   "02_prompt_basics.answers.json", ".hidden", "-1", "2.0", "²", "٢"])
def test_anything_else_is_not_a_lesson_and_is_never_opened(two_lessons, typed):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson(typed, two_lessons)
    assert "Lessons: 02 (prompt basics), 10 (rollout plan)." in str(problem.value)


def test_a_workspace_without_lessons_says_so(tmp_path):
    with pytest.raises(app.LessonNotFound, match="no lessons"):
        app.find_lesson("02", tmp_path / "missing")


def test_lesson_labels_read_like_the_course():
    assert app.lesson_label(Path("02_prompt_basics.ipynb")) == "02 (prompt basics)"
    assert app.lesson_label(Path("07.ipynb")) == "07"
    assert app.lesson_label(Path("welcome_tour.ipynb")) == "welcome tour"


def test_voila_shows_the_one_lesson_from_its_own_folder(lessons):
    notebook = lessons / "02_prompt_basics.ipynb"
    command = app.voila_command(notebook, port=8901)
    assert command[1:4] == ["-m", "voila", str(notebook.resolve())]
    # the root folder is the lessons folder: the kernel runs there and keeps answers beside the notebook
    assert f"--Voila.root_dir={lessons.resolve()}" in command
    assert "--port=8901" in command
    assert "--no-browser" not in command


def test_voila_keeps_code_and_tracebacks_away_from_learners_on_a_light_page(lessons):
    command = app.voila_command(lessons / "02_prompt_basics.ipynb", port=8901, no_browser=True,
                                extra_args=("--Voila.ip=127.0.0.1",))
    for setting in ("--VoilaConfiguration.theme=light", "--VoilaConfiguration.strip_sources=True",
                    "--VoilaConfiguration.show_tracebacks=False", "--no-browser"):
        assert setting in command
    assert command[-1] == "--Voila.ip=127.0.0.1"  # passed through last, so a learner's own option wins


def test_the_voila_settings_are_options_voila_really_has():
    from voila.app import Voila  # installed with the learner extra, which the test extra includes
    from voila.configuration import VoilaConfiguration

    assert Voila.class_traits()["root_dir"].metadata.get("config")
    assert "no-browser" in Voila.flags
    for setting in app.VOILA_SETTINGS:
        name = setting.split("=")[0].removeprefix("--VoilaConfiguration.")
        assert VoilaConfiguration.class_traits()[name].metadata.get("config"), name
    assert VoilaConfiguration.class_traits()["show_tracebacks"].default_value is False


def test_a_free_port_is_chosen_when_the_first_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        busy = taken.getsockname()[1]
        assert app.first_free_port(busy, tries=20) > busy


def test_the_cli_lists_the_lessons_for_an_unknown_number(tmp_path):
    result = CliRunner().invoke(main, ["app", "09", "--folder", str(tmp_path / "ws"), "--no-browser"])
    assert result.exit_code == 1
    assert "There is no lesson 09. Lessons: 02 (prompt basics)." in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "ws" / "lessons" / "02_prompt_basics.ipynb").is_file()  # the workspace was prepared


def test_the_cli_without_a_lesson_says_how_to_name_one(tmp_path):
    result = CliRunner().invoke(main, ["app", "--folder", str(tmp_path / "ws")])
    assert result.exit_code == 1
    assert "for example: course app 02. Lessons: 02 (prompt basics)." in result.output


def test_the_cli_says_how_to_install_voila_when_it_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "installed", lambda module: module != "voila")
    started = []
    monkeypatch.setattr(cli, "run_until_stopped", lambda *args, **kwargs: started.append(args) or 0)
    result = CliRunner().invoke(main, ["app", "02", "--folder", str(tmp_path / "ws"), "--no-browser"])
    assert result.exit_code == 1
    assert "pip install 'ai-adoption-course[learner]'" in result.output
    assert started == []


def test_the_cli_starts_voila_on_the_lesson_in_the_lessons_folder(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(cli, "installed", lambda module: True)
    monkeypatch.setattr(cli, "run_until_stopped", lambda command, folder: started.append((command, folder)) or 0)
    result = CliRunner().invoke(main, ["app", "2", "--folder", str(tmp_path / "ws"), "--no-browser",
                                       "--port", "8911", "--Voila.ip=127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert "Lesson 02 (prompt basics) opens as an app at http://localhost:8911/" in result.output
    [(command, folder)] = started
    lessons = (tmp_path / "ws" / "lessons").resolve()
    assert folder == lessons
    assert str(lessons / "02_prompt_basics.ipynb") in command and f"--Voila.root_dir={lessons}" in command
    assert "--port=8911" in command and "--no-browser" in command and command[-1] == "--Voila.ip=127.0.0.1"
