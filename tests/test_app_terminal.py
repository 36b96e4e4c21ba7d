"""`course app 02` for real, without a browser: what the learner's terminal shows, where the app listens, and how
a page's kernel is shut down when the page says goodbye.

Each test starts the app as a learner does (tests/browser/app_harness.py) and asks for the page as a browser
would; the terminal's output (stdout and stderr) is what the harness writes to ``app.log``.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import nbformat
import psutil
import pytest

from course.workspace import prepare_workspace
from tests.browser.app_harness import App, await_true, kernel_processes, kernel_state, running_app


def visit(app: App, opener: urllib.request.OpenerDirector | None = None) -> tuple[str, str]:
    """Ask for the app's page as a browser does; the page and its kernel's id."""
    with (opener or urllib.request.build_opener()).open(app.url, timeout=180) as reply:
        page = reply.read().decode("utf-8")
    config = page[page.index('<script id="jupyter-config-data" type="application/json">'):]
    config = config[config.index(">") + 1:config.index("</script>")]
    return page, json.loads(config)["kernelId"]


def shut_down(app: App, kernel: str, opener: urllib.request.OpenerDirector, form: dict[str, str]) -> int:
    """What the page's script sends as it unloads: a POST to Voila's shutdown address, with ``form`` as its body."""
    request = urllib.request.Request(f"{app.url}voila/api/shutdown/{kernel}",
                                     data=urllib.parse.urlencode(form).encode(), method="POST")
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def voila_process(app: App) -> psutil.Process:
    [server] = [p for p in psutil.Process(app.process.pid).children() if "course.app_server" in p.cmdline()]
    return server


def test_the_terminal_shows_the_course_lines_only_and_the_app_listens_on_this_computer_only(tmp_path):
    with running_app(tmp_path) as app:
        jar = CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page, kernel = visit(app, browser)
        assert "Module 02" in page and "cdn.jsdelivr.net" not in page

        # the app and its kernel listen on 127.0.0.1 only, and the kernel's messages are encrypted (CurveZMQ),
        # which is why the kernel has no warning to give
        listening = [c.laddr for c in voila_process(app).net_connections(kind="inet") if c.status == "LISTEN"]
        assert listening and {address.ip for address in listening} == {"127.0.0.1"}, listening
        [process] = kernel_processes(app)
        connection_file = process.cmdline()[process.cmdline().index("-f") + 1]
        connection = json.loads(Path(connection_file).read_text("utf-8"))
        assert connection["ip"] == "127.0.0.1" and connection["transport"] == "tcp"
        assert connection["curve_secretkey"] and connection["curve_publickey"]

        # the page's goodbye is accepted: the _xsrf cookie came with the page, and the page sends it back
        token = {cookie.name: cookie.value for cookie in jar}["_xsrf"]
        assert shut_down(app, kernel, browser, {"_xsrf": token}) == 204
        await_true(lambda: kernel_processes(app) == [], 30, "the kernel process has ended")

        output = app.log.read_text("utf-8")
        assert kernel_state(app, kernel) is None  # Voila knows it is gone (and logs the "not found" answer)
        lines = [line for line in output.splitlines() if line.strip()]
        assert lines[0].startswith(f"Course workspace: {app.workspace} (")  # how many files: see test_workspace
        assert lines[1:] == [f"Lesson 02 (prompt basics) opens as an app at {app.url}",
                             "The lesson runs before it shows, which takes a few seconds. "
                             "Stop it with Ctrl+C in this window when you are done."], output
        assert "eavesdropping" not in output and "not trusted" not in output

        # protection against other websites stays on: a shutdown without the page's token is refused, and the
        # terminal says so (real problems are not hidden)
        _, second = visit(app)
        assert shut_down(app, second, urllib.request.build_opener(), {}) == 403
        assert kernel_state(app, second) is not None
        await_true(lambda: "403 POST /voila/api/shutdown" in app.log.read_text("utf-8"), 10, "the refusal is shown")


@pytest.fixture
def broken_lesson(tmp_path):
    """A workspace with a lesson whose second cell fails, as a lesson with a mistake in it would."""
    lessons = prepare_workspace(tmp_path / "ai-adoption-course").folder / "lessons"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A lesson with a mistake"),
                                               nbformat.v4.new_code_cell("raise RuntimeError('course-broken-cell')")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lessons / "98_broken.ipynb")
    return tmp_path


def test_a_real_error_still_reaches_the_terminal(broken_lesson):
    with running_app(broken_lesson, "98") as app:
        visit(app)
        await_true(lambda: "course-broken-cell" in app.log.read_text("utf-8"), 30, "the error is shown")
    output = app.log.read_text("utf-8")
    assert "Error at server while executing cell" in output and "RuntimeError" in output, output
