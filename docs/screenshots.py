"""Take the screenshots in docs/images: the course home, and each exercise's first form as a manager sees it on a
1366x768 laptop screen, in a real JupyterLab started by `course lab` on a fresh workspace.

    .venv/bin/python docs/screenshots.py

Needs what the browser tests need (Debian's Chromium); takes about a minute.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import harness  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as home, harness.running_lab(Path(home)) as lab, \
            harness.browser_page(1366, 768) as page:
        page.goto(f"{lab.url}/lab?token={lab.token}")
        page.locator(".jp-RenderedMarkdown h1").first.wait_for(timeout=60_000)
        page.screenshot(path=str(IMAGES / "course_home.png"))
        for notebook in harness.course_notebooks():
            if not notebook.startswith("exercises/"):
                continue
            forms = harness.run_module(page, lab, notebook)
            harness.show(page, forms.first)
            name = Path(notebook).stem
            page.screenshot(path=str(IMAGES / f"{name}_first_form.png"))
            print(f"docs/images/{name}_first_form.png")
            harness.shut_down_kernels(lab)


if __name__ == "__main__":
    main()
