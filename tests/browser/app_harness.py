"""A real `course app NN` (Voila) on a fresh learner workspace, for the browser tests of the app view.

Like ``running_lab`` in harness.py: started as a learner would start it, with HOME in a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.harness import free_port, serving

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
    url, workspace, log_path = f"http://127.0.0.1:{port}/", home / "ai-adoption-course", home / "voila.log"
    command = [sys.executable, "-m", "course.cli", "app", lesson, "--folder", str(workspace), "--no-browser",
               "--port", str(port), "--Voila.ip=127.0.0.1"]
    with serving(command, log_path=log_path, is_ready=lambda: _answers(url),
                 env={**os.environ, "HOME": str(home)}) as process:
        yield App(url=url, workspace=workspace, log=log_path, process=process)


def _answers(url: str) -> None:
    """Whether Voila answers (OSError while it does not). A static path is asked for, not the lesson: that
    would start a kernel. Any answer, even "not found", means the server is up."""
    try:
        with urllib.request.urlopen(f"{url}voila/static/ready-check", timeout=5):
            return
    except urllib.error.HTTPError:
        return


def open_app(page, app: App) -> None:
    """Open the app page and wait until the lesson has run and its forms are on screen."""
    page.goto(app.url, timeout=FORM_TIMEOUT)
    page.locator(".course-form").first.wait_for(state="visible", timeout=FORM_TIMEOUT)
