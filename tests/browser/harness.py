"""A real JupyterLab (started by `course lab`) driven by Playwright in Debian's Chromium.

Used by the browser tests and by benchmarks/keystroke_to_feedback.py. Nothing is downloaded: the browser is
the system's /usr/bin/chromium, installed by .ci/run through apt.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Learner text that would run, link or typeset if it were ever treated as HTML, Markdown or maths; the console
# markers show a script that ran even where no dialog opens.
INJECTIONS = ["<img src=x onerror=\"console.log('course-injected');alert(1)\">",
              "<script>console.log('course-injected');alert(2)</script>", "[x](javascript:alert(3))", "$x^2$",
              '<a href="javascript:alert(4)">link</a>']
# A form's status after Save. ipywidgets holds back a field's later updates while the kernel is busy, so
# under load the last keystrokes can reach the kernel after the click: the autosave that follows saves them.
SAVED = re.compile(r"Saved (automatically )?at")


def course_notebooks() -> list[str]:
    """Every lesson and exercise of a learner workspace, discovered: a new module joins the tests by existing."""
    from course._content import content_dir

    return sorted([f"lessons/{p.name}" for p in content_dir("modules").glob("*.ipynb")]
                  + [f"exercises/{p.parent.name}/{p.name}" for p in content_dir("exercises").glob("*/*.ipynb")])


def content_path(relative: str) -> Path:
    """The course file behind a workspace notebook: ``lessons/x`` is a module, ``exercises/...`` an exercise."""
    from course._content import content_dir

    top, _, rest = relative.partition("/")
    return content_dir("modules" if top == "lessons" else top) / rest


@dataclass
class Lab:
    """A running JupyterLab on a learner workspace."""

    url: str
    token: str
    workspace: Path
    process: subprocess.Popen = field(repr=False)

    def notebook_url(self, relative: str) -> str:
        """The notebook alone in a fresh JupyterLab layout (``reset``: no tabs restored from earlier visits)."""
        return f"{self.url}/lab/tree/{relative}?reset&token={self.token}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(command: list[str], *, log_path: Path, is_ready: Callable[[], object], cwd: Path | None = None,
            env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[subprocess.Popen]:
    """Run a server command until the block ends; ``is_ready`` is asked (OSError means "not yet") before it starts.

    The server's output goes to ``log_path`` and is shown if it does not start. It is stopped with SIGTERM
    afterwards (``course lab`` and ``course app`` pass that on to JupyterLab or Voila and their kernels).
    """
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.time() + timeout
            while True:
                try:
                    is_ready()
                    break
                except OSError:
                    if process.poll() is not None or time.time() > deadline:
                        raise RuntimeError(f"{command[2:4]} did not start:\n{log_path.read_text()}") from None
                    time.sleep(0.5)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def status(url: str, token: str) -> dict:
    """A Jupyter server's /api/status (raises OSError while it is not answering yet)."""
    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as reply:
        return json.load(reply)


@contextlib.contextmanager
def running_lab(home: Path) -> Iterator[Lab]:
    """`course lab` on a fresh workspace in ``home``, as a learner would start it; stopped afterwards."""
    port, token = free_port(), "course-browser-test"
    url, workspace = f"http://127.0.0.1:{port}", home / "ai-adoption-course"
    command = [sys.executable, "-m", "course.cli", "lab", "--folder", str(workspace), "--no-browser",
               "--port", str(port), f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1"]
    with serving(command, log_path=home / "jupyterlab.log", is_ready=lambda: status(url, token),
                 env={**os.environ, "HOME": str(home)}) as process:
        yield Lab(url=url, token=token, workspace=workspace, process=process)


_SHARED: dict[str, object] = {}


def _shared_browser():
    """One Chromium for every test of a test module (started on first use; tests/browser/conftest.py closes it
    when the module ends): each test gets a fresh browser context of its own (cookies, storage, pages), which is
    all a test needs apart."""
    browser = _SHARED.get("browser")
    if browser is None or not browser.is_connected():
        from playwright.sync_api import sync_playwright

        playwright = _SHARED.get("playwright") or sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        if "playwright" not in _SHARED:
            atexit.register(close_shared_browser)
        _SHARED.update(playwright=playwright, browser=browser)
    return browser


def close_shared_browser() -> None:
    """Close the module's Chromium and stop Playwright (its event loop must not outlive the browser tests)."""
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    with contextlib.suppress(Exception):
        if browser is not None:
            browser.close()
    with contextlib.suppress(Exception):
        if playwright is not None:
            playwright.stop()


@contextlib.contextmanager
def browser_page(width: int = 1400, height: int = 1000, *, own_browser: bool = False):
    """A Chromium page in a fresh browser context that records every dialog (a script that ran) and console
    message. With ``own_browser`` the page is the only tab of a Chromium of its own, as when a learner closes
    the app's one tab and the browser with it."""
    if own_browser:  # a second Chromium from the same Playwright (one Playwright per process)
        _shared_browser()
        browser = _SHARED["playwright"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield _recording(browser.new_page(viewport={"width": width, "height": height}))
        finally:
            browser.close()
        return
    context = _shared_browser().new_context(viewport={"width": width, "height": height})
    try:
        yield _recording(context.new_page())
    finally:
        context.close()


def _recording(page):
    """``page``, recording every dialog and console message."""
    page.dialogs = []
    page.console_messages = []
    page.on("dialog", lambda dialog: _on_dialog(page, dialog))
    page.on("console", lambda message: page.console_messages.append(message.text))
    return page


def _on_dialog(page, dialog) -> None:
    """Leaving the page is a learner's choice (accepted); any other dialog means a script ran (recorded)."""
    if dialog.type == "beforeunload":
        dialog.accept()
    else:
        page.dialogs.append(dialog.message)
        dialog.dismiss()


def open_notebook(page, lab: Lab, relative: str) -> None:
    """Open a notebook and wait until its kernel is started and idle."""
    page.goto(lab.notebook_url(relative))
    wait_for_notebook(page)


def wait_for_notebook(page) -> None:
    """Wait until the notebook on screen shows its cells and its kernel is idle (the status bar says so)."""
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=90_000)
    page.wait_for_function("() => /\\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')?.textContent || '')",
                           timeout=120_000)
    wait_until_idle(page)


def run_module(page, lab: Lab, relative: str):
    """Open a notebook, run it all the way the notebooks describe, and return its forms once they are there."""
    open_notebook(page, lab, relative)
    run_all(page)
    forms = page.locator(".course-form")
    forms.first.wait_for(state="attached", timeout=30_000)
    return forms


def menu(page, top: str, item: str) -> None:
    """Choose a menu command, as a learner does: e.g. menu(page, "Run", "Run All Cells")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def wait_until_idle(page, timeout: float = 120) -> None:
    """Wait for the kernel to be idle with no cell still running (no [*] prompt)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        busy = page.evaluate("""() => {
            const prompts = [...document.querySelectorAll('.jp-InputPrompt')].map(p => p.textContent);
            const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const state = status && status.getAttribute('data-status');
            const kernelBusy = state && state !== 'idle';
            return prompts.some(t => t.includes('*')) || kernelBusy;
        }""")
        if not busy:
            return
        time.sleep(0.2)
    raise TimeoutError("the notebook was still running")


LAST_CELL_OUTPUTS = """() => {
    const cells = document.querySelectorAll('.jp-Notebook .jp-CodeCell');
    return cells.length ? [...cells[cells.length - 1].querySelectorAll('.jp-OutputArea-output')] : [];
}"""


def palette(page, command: str) -> None:
    """Run a JupyterLab command with the keyboard only: open the command palette, type its name, press Enter."""
    page.keyboard.press("Control+Shift+C")
    page.locator(".lm-CommandPalette-input").wait_for(state="visible")
    page.keyboard.type(command)
    active = page.locator(".lm-CommandPalette-item.lm-mod-active .lm-CommandPalette-itemLabel")
    active.wait_for()
    for _ in range(10):  # the best match comes first; move down past near matches if needed
        if active.inner_text().strip().removesuffix("…") == command:
            page.keyboard.press("Enter")
            return
        page.keyboard.press("ArrowDown")
    raise LookupError(f"no command called {command!r} in the command palette")


def run_all(page, *, restart: bool = False, keyboard: bool = False) -> None:
    """Run the whole module the one-step way the notebooks describe, and wait until it has finished.

    With ``keyboard`` the mouse is not used: the command palette runs it. A restart asks nothing (the course's
    lab settings skip the "All variables will be lost" question), so a dialog would stop the run and fail the wait.
    Finished means the last code cell shows a fresh output (every course notebook's last code cell has one);
    outputs from before are marked first so that they do not count.
    """
    page.evaluate(f"() => ({LAST_CELL_OUTPUTS})().forEach(node => node.dataset.stale = '1')")
    name = "Restart Kernel and Run All Cells…" if restart else "Run All Cells"
    if keyboard:
        palette(page, name.removesuffix("…"))
    else:
        menu(page, "Run", name)
    try:
        page.wait_for_function(f"() => ({LAST_CELL_OUTPUTS})().some(node => !node.dataset.stale)", timeout=180_000)
    except Exception:
        screenshot(page, "FAILED-run-all")  # what the learner would have seen, for whoever reads the failure
        raise
    wait_until_idle(page)
    # Run All ends with the cursor in the first form (course/forms/base.py): wait for it, so that it never moves
    # the cursor away from a field a test has started to type into. The kernel hears that the form is on screen
    # only once it is idle, which on a busy machine can take well over half a minute.
    page.wait_for_function("() => !document.querySelector('.jp-Notebook .course-form')"
                           " || document.activeElement?.closest('.course-form')", timeout=120_000)


def notebook_text(page) -> str:
    """All text of the open notebook, including cells scrolled out of view (JupyterLab skips rendering those,
    so ``inner_text`` would miss them)."""
    return page.evaluate("() => document.querySelector('.jp-Notebook').textContent")


def show(page, locator) -> None:
    """Bring ``locator`` to the top of the notebook as a learner scrolling there would see it.

    JupyterLab skips drawing cells that are out of view and draws them again on a scroll event; a scroll made
    by a script sends none, so a small wheel turn follows it.
    """
    locator.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.mouse.move(700, 500)
    page.mouse.wheel(0, 1)
    page.wait_for_timeout(500)


def screenshot(target, name: str) -> Path:
    """A screenshot of a page, or of one element (a locator), kept in test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path


def save_notebook(page) -> None:
    """Save the open notebook the way a learner does (File › Save Notebook) and wait until it is saved."""
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save Notebook$")).click()  # the shortcut is no part
    page.wait_for_function("() => !document.querySelector('.jp-mod-current.jp-mod-dirty')", timeout=30_000)


def shut_down_kernels(lab: Lab) -> None:
    """Stop every kernel of the lab, as closing a notebook with "Shut Down Kernel" does."""
    import urllib.request

    with urllib.request.urlopen(f"{lab.url}/api/kernels?token={lab.token}", timeout=10) as reply:
        kernels = json.load(reply)
    for kernel in kernels:
        request = urllib.request.Request(f"{lab.url}/api/kernels/{kernel['id']}?token={lab.token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def in_viewport(page, locator) -> bool:
    """True when all of ``locator`` is inside the browser window (not scrolled away, not cut off)."""
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] + box["width"] <= size["width"]


def code_on_screen(page) -> list[str]:
    """The code cell inputs a learner can see (their text), in the open notebook."""
    return page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-Cell-inputWrapper')]
        .filter(el => el.offsetParent !== null && el.getBoundingClientRect().height > 0)
        .map(el => el.innerText.trim())""")


def scroll_through(page) -> None:
    """Scroll the open notebook from top to bottom as a reader would, so that JupyterLab draws every cell."""
    page.mouse.move(700, 400)
    scroller = ".jp-Notebook .jp-WindowedPanel-outer"
    page.evaluate(f"() => document.querySelector('{scroller}').scrollTo(0, 0)")
    for _ in range(200):
        before = page.evaluate(f"() => document.querySelector('{scroller}').scrollTop")
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(150)
        if page.evaluate(f"() => document.querySelector('{scroller}').scrollTop") == before:
            return


def saved_answer(path: Path, key: str, timeout: float = 30.0):
    """The saved value of ``key`` once the answers file has it (autosave or Save writes it)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return json.loads(path.read_text("utf-8"))["answers"][key]["value"]
        except (OSError, ValueError, KeyError):
            assert time.monotonic() < deadline, f"{key} was not saved within {timeout:g} s"
            time.sleep(0.2)
