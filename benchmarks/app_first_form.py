"""How long a learner waits for the first form of the app view: from typing `course app 02` to the form on screen.

Each trial starts `course app 02` on a fresh workspace (as a first-time learner would), waits until the server
answers, opens the page in Chromium (already running, as a learner's browser is) and stops the clock when the
first form is visible. A reload of the page on the same server is timed too: Voila runs the lesson again in a
fresh kernel for every visit. Prints figures; asserts nothing.

Run: python benchmarks/app_first_form.py [trials]   (needs Chromium, see .ci/run)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.app_harness import FORM_TIMEOUT, READY_PATH  # noqa: E402
from tests.browser.harness import browser_page, free_port  # noqa: E402


def wait_for_server(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Return as soon as the app answers (asked every 20 ms)."""
    deadline = time.perf_counter() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}{READY_PATH}", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError("course app did not start") from None
            time.sleep(0.02)


def first_form(page) -> None:
    page.locator(".course-form").first.wait_for(state="visible", timeout=FORM_TIMEOUT)


def trial(page, home: Path) -> dict[str, float]:
    """One `course app 02` from a fresh workspace: seconds to the server answering, to the form, and a reload."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "course.cli", "app", "02", "--folder", str(home / "ai-adoption-course"),
               "--no-browser", "--port", str(port)]
    start = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, "HOME": str(home)}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for_server(url, process)
        server = time.perf_counter() - start
        page.goto(url, timeout=FORM_TIMEOUT)
        first_form(page)
        total = time.perf_counter() - start
        reload_start = time.perf_counter()
        page.reload(timeout=FORM_TIMEOUT)
        first_form(page)
        reload = time.perf_counter() - reload_start
        page.goto("about:blank")  # leave the page, so its kernel is shut down before the app stops
    finally:
        process.terminate()
        process.wait(30)
    return {"server": server, "total": total, "page": total - server, "reload": reload}


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    results = []
    with browser_page() as page:
        for number in range(1, trials + 1):
            with tempfile.TemporaryDirectory() as home:
                result = trial(page, Path(home))
            results.append(result)
            print(f"  trial {number}: server answers {result['server']:.2f} s, first form {result['total']:.2f} s, "
                  f"reload to form {result['reload']:.2f} s")

    def summary(key: str) -> str:
        values = [result[key] for result in results]
        return f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"

    print(f"course app 02 -> first form visible, {trials} trials on a fresh workspace (real browser):")
    print(f"  total:                             {summary('total')}")
    print(f"  of which until the server answers: {summary('server')}")
    print(f"  of which the page (lesson runs):   {summary('page')}")
    print(f"  a reload on the running app:       {summary('reload')}")
    print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    share = statistics.median([r["page"] / r["total"] for r in results])
    print(f"  share of the wait spent running the lesson and drawing the page: {share:.0%}")


if __name__ == "__main__":
    main()
