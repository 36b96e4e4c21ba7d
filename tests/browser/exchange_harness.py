"""A cohort on one machine: an instructor's course folder, a real nbgrader file-system exchange, a learner's home.

Used by test_nbgrader_in_browser.py. The instructor's side is nbgrader's command line; the learner works in the
real `course lab` (tests.browser.harness.running_lab) with nbgrader's Assignments panel; the instructor grades in
a plain JupyterLab started in the course folder, where nbgrader's formgrader lives at /formgrader.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.harness import Lab, free_port, running_lab, serving, status
from tests.notebooks import ROOT

ASSIGNMENT = "02_prompt_basics"
COURSE_ID = "ai-adoption-pilot"


@contextlib.contextmanager
def learner_lab(home: Path) -> Iterator[Lab]:
    """`course lab` (harness.running_lab) started from the learner's home folder, as typed in a new terminal."""
    with contextlib.chdir(home):
        lab_context = running_lab(home)
        lab = lab_context.__enter__()
    try:
        yield lab
    finally:
        lab_context.__exit__(None, None, None)


def venv_env(**extra: str) -> dict[str, str]:
    """The environment with this Python's scripts folder first on PATH (nbgrader runs `alembic` from there)."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, **extra}


def nbgrader(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """An nbgrader command run by the instructor in the course folder; fails loudly with nbgrader's own log."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, capture_output=True, text=True,
                            timeout=600, env=venv_env())
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
    return result


def make_course(folder: Path, exchange: Path) -> Path:
    """The instructor's course folder: the repository's nbgrader_config.py plus the cohort's course id and exchange."""
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(0o777)  # nbgrader's advice for a shared exchange; learners write into inbound/
    folder.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "nbgrader_config.py").read_text("utf-8")
    config += f"\nc.CourseDirectory.course_id = {COURSE_ID!r}\nc.Exchange.root = {str(exchange)!r}\n"
    (folder / "nbgrader_config.py").write_text(config, "utf-8")
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, folder / "solutions" / ASSIGNMENT)
    return folder


def learner_config(home: Path, exchange: Path) -> Path:
    """The ~/.jupyter/nbgrader_config.py a facilitator hands to each learner of the cohort: course and exchange."""
    lines = ["c = get_config()  # noqa: F821", f"c.CourseDirectory.course_id = {COURSE_ID!r}",
             f"c.Exchange.root = {str(exchange)!r}"]
    path = home / ".jupyter" / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def api(url: str, token: str, *, data: dict[str, str] | None = None) -> dict:
    """GET (or POST form data to) a JupyterLab server endpoint, as the Assignments panel does."""
    body = None if data is None else "&".join(f"{k}={v}" for k, v in data.items()).encode()
    request = urllib.request.Request(url, data=body, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        return json.load(reply)


@dataclass
class InstructorLab:
    """A JupyterLab started in the course folder, where nbgrader's formgrader finds the gradebook."""

    url: str
    token: str
    process: subprocess.Popen = field(repr=False)


@contextlib.contextmanager
def running_instructor_lab(course: Path, home: Path) -> Iterator[InstructorLab]:
    """Plain JupyterLab for the instructor: root dir and working directory are the course folder."""
    port, token = free_port(), "formgrader-browser-test"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", f"--ServerApp.root_dir={course}",
               f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1", "--allow-root"]
    url = f"http://127.0.0.1:{port}"
    # formgrader reads nbgrader_config.py from the server's working directory: start it in the course folder
    with serving(command, log_path=home / "instructor-jupyterlab.log", is_ready=lambda: status(url, token),
                 cwd=course, env=venv_env(HOME=str(home))) as process:
        yield InstructorLab(url=url, token=token, process=process)


def offline(page) -> None:
    """Nothing leaves the machine: exported pages ask cdnjs for MathJax and require.js; answer with an error."""
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
