"""A real `course app NN` (Voila) on a fresh learner workspace, for the browser tests of the app view.

Like ``running_lab`` in harness.py: started as a learner would start it, with HOME in a temporary folder.
Also how a test sees the app's kernels: the kernel processes the app started, and each kernel as Voila reports
it (``/api/kernels/<id>``), awaited with a deadline rather than a fixed sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from tests.browser.harness import free_port, serving

FORM_TIMEOUT = 120_000  # ms: Voila runs the whole lesson before the page shows its forms
# A static file of the course's page template: it answers once Voila is up and proves the template is found.
READY_PATH = "voila/templates/course/static/voila.js"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


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
def running_app(home: Path, lesson: str = "02", extra_args: tuple[str, ...] = ()) -> Iterator[App]:
    """`course app <lesson>` on a fresh workspace in ``home``; stopped afterwards (Voila and its kernels too).

    ``extra_args`` are passed on to Voila, after the course's own settings, as a learner's own options would be.
    """
    port = free_port()
    url, workspace, log_path = f"http://127.0.0.1:{port}/", home / "ai-adoption-course", home / "voila.log"
    command = [sys.executable, "-m", "course.cli", "app", lesson, "--folder", str(workspace), "--no-browser",
               "--port", str(port), *extra_args]
    with serving(command, log_path=log_path, is_ready=lambda: _answers(url),
                 env={**os.environ, "HOME": str(home)}) as process:
        yield App(url=url, workspace=workspace, log=log_path, process=process)


def _answers(url: str) -> None:
    """Whether Voila answers (OSError while it does not). A static file is asked for, not the lesson: that would
    start a kernel."""
    with urllib.request.urlopen(f"{url}{READY_PATH}", timeout=5):
        return


def open_app(page, app: App) -> None:
    """Open the app page and wait until the lesson has run and its forms are on screen."""
    page.goto(app.url, timeout=FORM_TIMEOUT)
    page.locator(".course-form").first.wait_for(state="visible", timeout=FORM_TIMEOUT)


def page_kernel(page) -> str:
    """The id of the kernel that runs the lesson on this page (Voila writes it into the page's config)."""
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def kernel_processes(app: App) -> list[psutil.Process]:
    """The kernels the app has running now: processes started by it that run ipykernel."""
    found = []
    for child in psutil.Process(app.process.pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.ZombieProcess):
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
    return found


def kernel_state(app: App, kernel_id: str) -> dict | None:
    """The kernel as Voila reports it (``connections``, ``execution_state``...), or None once it is gone."""
    try:
        with urllib.request.urlopen(f"{app.url}api/kernels/{kernel_id}", timeout=5) as reply:
            return json.load(reply)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def await_true(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Ask ``condition`` every 0.2 s until it is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.2)


def stays_true(condition: Callable[[], object], seconds: float, what: str) -> None:
    """Ask ``condition`` every 0.2 s for ``seconds``; fail with ``what`` as soon as it is false."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        assert condition(), what
        time.sleep(0.2)


def crash_the_browsers_pages() -> int:
    """Kill the page processes (renderers) of the browsers this test process started, as a crash would: the
    pages get no chance to say goodbye. Returns how many were killed."""
    renderers = [process for process in psutil.Process().children(recursive=True)
                 if "--type=renderer" in " ".join(process.cmdline())]
    for renderer in renderers:
        renderer.kill()
    psutil.wait_procs(renderers, timeout=10)
    return len(renderers)


def record_requests(page) -> list[str]:
    """Every URL the page asks for from now on (documents, scripts, styles, fonts, images, websockets...)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda socket: urls.append(socket.url))
    return urls


def leaving_this_computer(urls: list[str]) -> list[str]:
    """The URLs among ``urls`` that go to another computer (data: and blob: URLs never leave the page)."""
    return [url for url in urls if urlsplit(url).scheme not in {"data", "blob", "about"}
            and urlsplit(url).hostname not in LOCAL_HOSTS]
