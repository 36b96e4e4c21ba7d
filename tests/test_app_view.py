"""`course app NN`: which lesson a learner means, and how Voila is started so that answers are shared with JupyterLab.

Fast: nothing is started here. tests/test_app_terminal.py starts the real app and reads what the learner's
terminal shows; tests/browser/test_app_in_browser.py starts it in Chromium.
"""

import json
import logging
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from course import app, app_server, cli
from course._content import content_dir
from course.cli import main
from course.workspace import prepare_workspace

# The lessons the course ships, as the app lists them: "02 (prompt basics), 03 (acceptance criteria), ..."
LISTING = ", ".join(f"{p.name[:2]} ({p.stem.split('_lesson_')[1].replace('_', ' ')})"
                    for p in sorted(content_dir("modules").glob("*_lesson_*.ipynb")))


@pytest.fixture
def lessons(tmp_path) -> Path:
    folder = prepare_workspace(tmp_path / "ws").folder / "lessons"
    assert (folder / "02_lesson_prompt_basics.ipynb").is_file()
    return folder


@pytest.fixture
def two_lessons(tmp_path) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("02_prompt_basics.ipynb", "10_rollout_plan.ipynb", "your answers - 02_prompt_basics.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".hidden.ipynb").write_text("{}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("typed", ["02", "2", " 02 ", "002", "02_prompt_basics", "02_PROMPT_BASICS",
                                   "02_prompt_basics.ipynb", "lessons/02_prompt_basics.ipynb",
                                   "lessons\\02_prompt_basics.ipynb", "lessons/02_prompt_basics",
                                   "02_lesson_prompt_basics.ipynb"])
def test_a_lesson_is_found_by_number_name_or_file(lessons, typed):
    assert app.find_lesson(typed, lessons) == lessons / "02_lesson_prompt_basics.ipynb"


def test_the_whole_path_of_the_lesson_in_the_workspace_also_works(lessons):
    typed = str(lessons / "02_lesson_prompt_basics.ipynb")
    assert app.find_lesson(typed, lessons) == lessons / "02_lesson_prompt_basics.ipynb"


def test_numbers_pick_the_right_lesson_among_several(two_lessons):
    assert app.find_lesson("10", two_lessons).name == "10_rollout_plan.ipynb"
    assert app.find_lesson("2", two_lessons).name == "02_prompt_basics.ipynb"
    assert [p.name for p in app.lessons_in(two_lessons)] == ["02_prompt_basics.ipynb", "10_rollout_plan.ipynb"]


def test_an_unknown_number_lists_the_lessons_that_exist(lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("09", lessons)
    assert str(problem.value) == f"There is no lesson 09. Lessons: {LISTING}."
    with pytest.raises(app.LessonNotFound, match=r"^There is no lesson 09\. "):
        app.find_lesson("9", lessons)


def test_the_listing_names_every_lesson(two_lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("3", two_lessons)
    assert str(problem.value) == "There is no lesson 03. Lessons: 02 (prompt basics), 10 (rollout plan)."


def test_nothing_typed_says_how_to_name_a_lesson(lessons):
    with pytest.raises(app.LessonNotFound) as problem:
        app.find_lesson("   ", lessons)
    assert "course app 00" in str(problem.value) and f"Lessons: {LISTING}." in str(problem.value)


@pytest.mark.parametrize("typed", ["../../etc/passwd", "/etc/passwd", "../02_prompt_basics.ipynb",
                                   "exercises/02_prompt_basics/02_prompt_basics.ipynb", "prompt", "02_prompt",
                                   "your answers - 02_prompt_basics.json", ".hidden", "-1", "2.0", "²", "٢"])
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
    notebook = lessons / "02_lesson_prompt_basics.ipynb"
    command = app.voila_command(notebook, port=8901)
    assert command[1:4] == ["-m", "course.app_server", str(notebook.resolve())]
    # the root folder is the lessons folder: the kernel runs there and keeps answers beside the notebook
    assert f"--Voila.root_dir={lessons.resolve()}" in command
    assert "--port=8901" in command
    assert "--no-browser" not in command


def test_voila_keeps_code_and_tracebacks_away_from_learners_on_a_light_page(lessons):
    command = app.voila_command(lessons / "02_lesson_prompt_basics.ipynb", port=8901, no_browser=True,
                                extra_args=("--Voila.ip=127.0.0.1",))
    for setting in ("--VoilaConfiguration.theme=light", "--VoilaConfiguration.strip_sources=True",
                    "--VoilaConfiguration.show_tracebacks=False", "--no-browser", "--Voila.ip=127.0.0.1",
                    "--VoilaConfiguration.template=course", "--Voila.log_level=WARN",
                    f"--MappingKernelManager.cull_idle_timeout={app.IDLE_KERNEL_SECONDS}"):
        assert setting in command
    assert command[-1] == "--Voila.ip=127.0.0.1"  # passed through last, so a learner's own option wins
    assert app.IDLE_KERNEL_SECONDS >= 300  # a learner reading slowly with the page open is never cut off


@pytest.mark.parametrize(("extra", "setting", "value"), [
    (["--Voila.ip=0.0.0.0"], "Voila.ip", "0.0.0.0"),
    (["--Voila.ip", "0.0.0.0"], "Voila.ip", "0.0.0.0"),
    (["--theme=dark"], "VoilaConfiguration.theme", "dark"),
    (["--VoilaConfiguration.template=reveal"], "VoilaConfiguration.template", "reveal"),
    (["--MappingKernelManager.cull_idle_timeout=10"], "MappingKernelManager.cull_idle_timeout", 10),
    (["--Voila.log_level=INFO"], "Voila.log_level", 20),
])
def test_a_learners_own_voila_option_replaces_the_courses_and_voila_accepts_it(lessons, extra, setting, value):
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    command = app.voila_command(lessons / "02_lesson_prompt_basics.ipynb", port=8901, extra_args=extra)
    Voila.clear_instance()
    voila = Voila()
    voila.parse_command_line(command[3:])  # Voila's own parser: an option given twice would stop it here or below
    owner, name = setting.split(".")
    configured = {"Voila": voila, "VoilaConfiguration": VoilaConfiguration(parent=voila),
                  "MappingKernelManager": MappingKernelManager(parent=voila)}[owner]
    assert getattr(configured, name) == value
    assert VoilaConfiguration(parent=voila).strip_sources is True  # the course's other settings stay
    assert voila.extra_args == [str((lessons / "02_lesson_prompt_basics.ipynb").resolve())]
    assert set(app.VOILA_ALIASES.items()) <= {(k, v) for k, v in Voila.aliases.items()}  # Voila's own short names


def test_the_voila_settings_are_options_voila_really_has():
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.app import Voila  # installed with the learner extra, which the test extra includes
    from voila.configuration import VoilaConfiguration

    classes = {"Voila": Voila, "VoilaConfiguration": VoilaConfiguration, "MappingKernelManager": MappingKernelManager}
    assert Voila.class_traits()["root_dir"].metadata.get("config")
    assert "no-browser" in Voila.flags
    for setting in app.VOILA_SETTINGS:
        owner, name = setting.removeprefix("--").split("=")[0].split(".")
        assert classes[owner].class_traits()[name].metadata.get("config"), setting
    assert VoilaConfiguration.class_traits()["show_tracebacks"].default_value is False
    # open pages keep their kernels: only kernels with no page connected are stopped
    assert MappingKernelManager.class_traits()["cull_connected"].default_value is False


def test_voila_finds_the_courses_page_template_and_builds_it_on_voilas_lab_page(monkeypatch):
    from voila.paths import collect_static_paths, collect_template_paths

    template = app.TEMPLATES / "voila" / "templates" / "course"
    assert json.loads((template / "conf.json").read_text("utf-8")) == {"base_template": "lab"}
    monkeypatch.setenv("JUPYTER_PATH", app.voila_environment(os.environ)["JUPYTER_PATH"])
    paths = collect_template_paths(["voila", "nbconvert"], "course", prune=True)
    assert paths[0] == str(template)
    assert any(path.endswith(os.path.join("voila", "templates", "lab")) for path in paths)
    assert any(Path(path, "voila.js").is_file() for path in collect_static_paths(["voila", "nbconvert"], "course"))


def test_the_page_template_leaves_out_every_link_to_another_computer():
    import jinja2
    from voila.paths import collect_template_paths

    template = (app.TEMPLATES / "voila" / "templates" / "course" / "index.html.j2").read_text("utf-8")
    voila_lab = Path(collect_template_paths(["voila"], "lab", prune=True)[0], "index.html.j2").read_text("utf-8")
    cdn_links = [line.strip() for line in voila_lab.splitlines() if "https://" in line and "<link" in line]
    assert len(cdn_links) == 2  # Voila's two Font Awesome links, which the course template removes word for word
    for link in cdn_links:
        assert f"replace('{link}', '')" in template
    jinja2.Environment().parse(template)  # the template is valid Jinja


def test_voila_is_told_where_the_template_is_and_other_jupyter_folders_are_kept():
    assert app.voila_environment({"HOME": "/home/x"}) == {"HOME": "/home/x", "JUPYTER_PATH": str(app.TEMPLATES)}
    kept = app.voila_environment({"JUPYTER_PATH": "/opt/jupyter"})["JUPYTER_PATH"]
    assert kept.split(os.pathsep) == [str(app.TEMPLATES), "/opt/jupyter"]


def test_the_app_server_gives_voila_the_hook_that_sets_the_shutdown_cookie():
    # what the hook does to a real page is tested in tests/test_app_terminal.py and in the browser
    config = app_server.course_config()
    assert config.VoilaConfiguration.prelaunch_hook is app_server.send_the_shutdown_cookie


def test_the_app_server_encrypts_kernel_messages_when_jupyter_can():
    config = app_server.course_config()
    if app_server.kernel_encryption_available():
        assert config.KernelManager.transport_encryption == "auto"
    else:
        assert "transport_encryption" not in config.KernelManager


def test_only_the_harmless_warning_is_left_out_of_the_terminal():
    quiet = app_server.HideHarmless()

    def record(level, message, *args):
        return logging.LogRecord("Voila", level, __file__, 1, message, args, None)

    assert not quiet.filter(record(logging.WARNING, "Notebook %s is not trusted", "02_prompt_basics.ipynb"))
    assert quiet.filter(record(logging.WARNING, "Culling 'idle' kernel 'python3' (x) with 0 connections"))
    assert quiet.filter(record(logging.ERROR, "Error at server while executing cell: %r", {"source": "1/0"}))


def test_a_free_port_is_chosen_when_the_first_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        busy = taken.getsockname()[1]
        assert app.first_free_port(busy, tries=20) > busy


def test_the_cli_lists_the_lessons_for_an_unknown_number(tmp_path):
    result = CliRunner().invoke(main, ["app", "09", "--folder", str(tmp_path / "ws"), "--no-browser"])
    assert result.exit_code == 1
    assert f"There is no lesson 09. Lessons: {LISTING}." in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "ws" / "lessons" / "02_lesson_prompt_basics.ipynb").is_file()  # the workspace was prepared


def test_the_cli_without_a_lesson_says_how_to_name_one(tmp_path):
    result = CliRunner().invoke(main, ["app", "--folder", str(tmp_path / "ws")])
    assert result.exit_code == 1
    assert f"for example: course app 00. Lessons: {LISTING}." in result.output


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
    monkeypatch.setattr(cli, "run_until_stopped",
                        lambda command, folder, env: started.append((command, folder, env)) or 0)
    result = CliRunner().invoke(main, ["app", "2", "--folder", str(tmp_path / "ws"), "--no-browser",
                                       "--port", "8911", "--Voila.ip=127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert "Lesson 02 (prompt basics) opens as an app at http://127.0.0.1:8911/" in result.output
    [(command, folder, env)] = started
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(app.TEMPLATES)
    lessons = (tmp_path / "ws" / "lessons").resolve()
    assert folder == lessons
    assert str(lessons / "02_lesson_prompt_basics.ipynb") in command and f"--Voila.root_dir={lessons}" in command
    assert "--port=8911" in command and "--no-browser" in command and command[-1] == "--Voila.ip=127.0.0.1"
