"""Keystroke-to-feedback time in a real browser: type into the prompt form, time until the feedback changes.

Feedback waits for a pause in typing (FEEDBACK_DELAY) instead of following every key, so the figure is that
pause plus the round trip to the kernel and the coach's own time. Prints figures; asserts nothing.

Run: python benchmarks/keystroke_to_feedback.py [trials]   (needs Chromium, see .ci/run)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.forms.base import FEEDBACK_DELAY  # noqa: E402
from tests.browser.harness import browser_page, open_notebook, run_all, running_lab  # noqa: E402

PHRASES = ["Summarise the notes for the team", "Summarise the meeting notes for colleagues who missed it",
           "Turn the notes into three headings", "Write a short summary for the team"]


def measure(trials: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as lab, browser_page() as page:
        open_notebook(page, lab, "lessons/02_lesson_prompt_basics.ipynb")
        run_all(page)
        form = page.locator(".course-form").first
        feedback = form.locator(".course-feedback").first
        task = form.get_by_label("Task", exact=True)
        for trial in range(trials):
            before = feedback.inner_text()
            task.fill("")
            time.sleep(FEEDBACK_DELAY + 1)
            before = feedback.inner_text()
            task.click()
            task.press_sequentially(PHRASES[trial % len(PHRASES)] + "." * (trial % 3), delay=30)
            last_key = time.perf_counter()
            while feedback.inner_text() == before:
                if time.perf_counter() - last_key > 20:
                    raise TimeoutError("the feedback did not change within 20 seconds")
                time.sleep(0.01)
            times.append(time.perf_counter() - last_key)
    return times


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    times = measure(trials)
    print(f"keystroke-to-feedback over {trials} trials (last key -> feedback changed, real browser):")
    print(f"  median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s")
    overhead = statistics.median(times) - FEEDBACK_DELAY
    print(f"  pause before feedback (by design): {FEEDBACK_DELAY:.2f} s; median beyond the pause: {overhead:.3f} s "
          f"(ratio to the pause {statistics.median(times) / FEEDBACK_DELAY:.2f})")


if __name__ == "__main__":
    main()
