"""`course lab` sets up a learner workspace without ever overwriting work, and really starts JupyterLab."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from course.cli import main
from course.workspace import prepare_workspace


def test_the_workspace_has_lessons_exercises_and_data_but_no_solutions(tmp_path):
    report = prepare_workspace(tmp_path / "ws")
    files = sorted(str(p.relative_to(tmp_path / "ws")) for p in report.added)
    assert "lessons/02_prompt_basics.ipynb" in files
    assert "exercises/02_prompt_basics/02_prompt_basics.ipynb" in files
    assert "data/meeting_notes.csv" in files and "data/README.md" in files
    assert not [f for f in files if "solution" in f or f.endswith(".py")]
    text = (tmp_path / "ws/exercises/02_prompt_basics/02_prompt_basics.ipynb").read_text("utf-8")
    assert "BEGIN SOLUTION" not in text and "model_answer" not in text


def test_setting_up_again_never_overwrites_a_learners_work(tmp_path):
    folder = tmp_path / "ws"
    prepare_workspace(folder)
    mine = folder / "exercises/02_prompt_basics/02_prompt_basics.ipynb"
    mine.write_text("my edited notebook", encoding="utf-8")
    answers = folder / "exercises/02_prompt_basics/02_prompt_basics.answers.json"
    answers.write_text("{}", encoding="utf-8")
    (folder / "lessons/02_prompt_basics.ipynb").unlink()
    report = prepare_workspace(folder)
    assert [p.name for p in report.added] == ["02_prompt_basics.ipynb"]  # only the missing lesson came back
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
        assert [c["name"] for c in listing["content"]] == ["02_prompt_basics.ipynb"]
        url = f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert json.load(r)["settings"]["fetchNews"] == "false"  # no news pop-up for learners
    finally:
        server.terminate()
        server.wait(60)
    # stopping `course lab` stopped JupyterLab too: nothing is left answering on the port
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
