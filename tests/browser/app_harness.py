"""A real `course app NN` (Voila) on a fresh learner workspace, for the browser tests of the app view.

Like ``running_lab`` in harness.py: started as a learner would start it, with HOME in a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.harness import free_port

FORM_TIMEOUT = 120_000  # ms: Voila runs the whole lesson before the page shows its forms


@dataclass
class App:
    """A running app view of one lesson."""

    url: str
    workspace: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def lessons(self) -> Path:
        return self.workspace / "lessons"


@contextlib.contextmanager
def running_app(home: Path, lesson: str = "02") -> Iterator[App]:
    """`course app <lesson>` on a fresh workspace in ``home``; stopped afterwards (Voila and its kernels too)."""
    port = free_port()
    workspace = home / "ai-adoption-course"
    log_path = home / "voila.log"
    command = [sys.executable, "-m", "course.cli", "app", lesson, "--folder", str(workspace), "--no-browser",
               "--port", str(port), "--Voila.ip=127.0.0.1"]
    log = open(log_path, "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HOME": str(home)})
    app = App(url=f"http://127.0.0.1:{port}/", workspace=workspace, log=log_path, process=process)
    try:
        _wait_until_serving(app)
        yield app
    finally:
        process.terminate()  # `course app` passes this on to Voila, which shuts its kernels down
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_until_serving(app: App, timeout: float = 120) -> None:
    """Wait until Voila answers. A static path is asked for, not the lesson: that would start a kernel."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{app.url}voila/static/ready-check", timeout=5):
                return
        except urllib.error.HTTPError:  # an answer, even "not found", means the server is up
            return
        except OSError:
            if app.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("`course app` did not start:\n" + app.log.read_text()) from None
            time.sleep(0.5)


def open_app(page, app: App) -> None:
    """Open the app page and wait until the lesson has run and its forms are on screen."""
    page.goto(app.url, timeout=FORM_TIMEOUT)
    page.locator(".course-form").first.wait_for(state="visible", timeout=FORM_TIMEOUT)
