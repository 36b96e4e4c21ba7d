"""`course lab` sets up a learner workspace without ever overwriting work, and really starts JupyterLab (code hidden,
notebooks saved with plain text where forms were)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from click.testing import CliRunner

from course._content import content_dir
from course.cli import main
from course.lab_extension import WIDGET_VIEW
from course.place import NOT_RUNNING
from course.workspace import prepare_workspace


def test_the_workspace_has_lessons_exercises_and_data_but_no_solutions(tmp_path):
    report = prepare_workspace(tmp_path / "ws")
    files = sorted(str(p.relative_to(tmp_path / "ws")) for p in report.added)
    assert "lessons/02_lesson_prompt_basics.ipynb" in files
    assert "exercises/02_prompt_basics/02_prompt_basics.ipynb" in files
    assert "data/meeting_notes.csv" in files and "data/README.md" in files
    assert "exercises/03_acceptance_criteria/03_acceptance_criteria.ipynb" in files
    assert not [f for f in files if "solution" in f or f.endswith(".py")]
    # the labelled AI outputs, hidden batch included, stay in the package: forms show the sample batch
    assert not [f for f in files if "ai_outputs" in f]
    text = (tmp_path / "ws/exercises/02_prompt_basics/02_prompt_basics.ipynb").read_text("utf-8")
    assert "BEGIN SOLUTION" not in text and "model_answer" not in text


def test_setting_up_again_never_overwrites_a_learners_work(tmp_path):
    folder = tmp_path / "ws"
    prepare_workspace(folder)
    mine = folder / "exercises/02_prompt_basics/02_prompt_basics.ipynb"
    mine.write_text("my edited notebook", encoding="utf-8")
    answers = folder / "exercises/02_prompt_basics/your answers - 02_prompt_basics.json"
    answers.write_text("{}", encoding="utf-8")
    (folder / "lessons/02_lesson_prompt_basics.ipynb").unlink()
    report = prepare_workspace(folder)
    assert [p.name for p in report.added] == ["02_lesson_prompt_basics.ipynb"]  # only the missing lesson came back
    assert mine.read_text("utf-8") == "my edited notebook" and answers.read_text("utf-8") == "{}"
    assert "left exactly as they were" in report.sentence()


def test_build_outside_the_course_repository_says_what_is_missing(tmp_path):
    result = CliRunner().invoke(main, ["build", "--root", str(tmp_path)])
    assert result.exit_code == 1 and "is not the course repository" in result.output
    assert "Traceback" not in result.output


def test_lab_with_an_unusable_folder_gives_a_plain_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["lab", "--folder", str(blocker / "ws"), "--no-browser"])
    assert result.exit_code == 1 and "could not be set up" in result.output


def notebook_with_a_form() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("wb.quiz()")]
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": "m1"}, "text/plain": "VBox(...)"})]
    return json.loads(json.dumps(nb))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_course_lab_starts_jupyterlab_on_the_workspace_with_learner_settings(tmp_path):
    port, token = free_port(), "course-test-token"
    command = [sys.executable, "-m", "course.cli", "lab", "--folder", str(tmp_path / "ws"), "--no-browser",
               "--port", str(port), f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "HOME": str(tmp_path)})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/contents/lessons?token={token}", timeout=5) as r:
                    listing = json.load(r)
                break
            except OSError:
                assert server.poll() is None and time.time() < deadline, "JupyterLab did not start"
                time.sleep(1)
        shipped = sorted(p.name for p in content_dir("modules").glob("*.ipynb"))
        assert sorted(c["name"] for c in listing["content"]) == shipped and "02_lesson_prompt_basics.ipynb" in shipped
        url = f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert json.load(r)["settings"]["fetchNews"] == "false"  # no news pop-up for learners
        for plugin, key, expected in (("docmanager-extension:plugin", "defaultViewers",
                                       {"markdown": "Markdown Preview"}),
                                      ("notebook-extension:tracker", "kernelShutdown", True),
                                      ("apputils-extension:sessionDialogs", "skipKernelRestartDialog", True),
                                      ("docmanager-extension:plugin", "autosaveInterval", 10),
                                      ("htmlviewer-extension:plugin", "toolbar", [{"name": "trust",
                                                                                   "disabled": True}])):
            settings = f"{base}/lab/api/settings/@jupyterlab/{plugin}?token={token}"
            with urllib.request.urlopen(settings, timeout=10) as r:
                assert json.load(r)["settings"][key] == expected, plugin  # the home as a page; no kernel pile-up
        with urllib.request.urlopen(f"{base}/?token={token}", timeout=10) as r:  # the first screen: the course home
            assert "/lab/tree/Course%20home.md" in r.geturl()
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as r:  # no instructor tools
            page = r.read().decode()
        config = json.loads(re.search(r'id="jupyter-config-data" type="application/json">(.*?)</script>', page,
                                      re.S).group(1))
        assert {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
                "@jupyterlab/debugger-extension"} <= set(config["disabledExtensions"])
        # learning alone (no facilitator's nbgrader_config.py in ~/.jupyter): no Nbgrader menu, no Validate button
        assert {"@jupyter/nbgrader:menu", "@jupyter/nbgrader:assignment-list",
                "@jupyter/nbgrader:validate-assignment"} <= set(
            config["disabledExtensions"])
        with pytest.raises(urllib.error.HTTPError) as refused:  # nbgrader's instructor pages are not served at all
            urllib.request.urlopen(f"{base}/formgrader?token={token}", timeout=10)
        assert refused.value.code == 404
        home = (tmp_path / "ws" / "Course home.md").read_text("utf-8")
        assert "**Start here:** [00 Orientation](lessons/00_lesson_orientation.ipynb)" in home
        # the page loads the course's stylesheet, which hides code completely
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=10) as r:
            assert "custom/custom.css" in r.read().decode()
        with urllib.request.urlopen(f"{base}/custom/custom.css?token={token}", timeout=10) as r:
            assert ".jp-InputPlaceholder" in r.read().decode()
        # a notebook saved through JupyterLab keeps a plain sentence where a form was, never a widget view
        saved = tmp_path / "ws" / "lessons" / "saved.ipynb"
        body = json.dumps({"type": "notebook", "content": notebook_with_a_form()}).encode()
        request = urllib.request.Request(f"{base}/api/contents/lessons/saved.ipynb?token={token}", method="PUT",
                                         data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10):
            pass
        outputs = nbformat.read(saved, as_version=4).cells[0].outputs
        assert WIDGET_VIEW not in outputs[0]["data"] and outputs[0]["data"]["text/plain"] == NOT_RUNNING
    finally:
        server.terminate()
        server.wait(60)
    # stopping `course lab` stopped JupyterLab too: nothing is left answering on the port
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)


def test_a_learner_with_a_facilitators_nbgrader_config_is_in_a_cohort(tmp_path, monkeypatch):
    from course.cli import in_a_cohort

    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "jupyter"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nbgrader_config.py").write_text("# an instructor's course folder\n", "utf-8")
    assert not in_a_cohort()  # the folder the course starts from does not count
    (tmp_path / "jupyter").mkdir()
    (tmp_path / "jupyter" / "nbgrader_config.py").write_text("c.CourseDirectory.course_id = 'x'\n", "utf-8")
    assert in_a_cohort()
