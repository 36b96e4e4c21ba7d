"""The app view (`course app 02`) tells the learner only what applies in the app: no JupyterLab menus, no code.

Kept apart from test_app_in_browser.py (kernels, requests, forms end to end): this file is about the words.
"""

from course.place import APP_VIEW_HOW_TO, NOT_RUNNING
from tests.browser.app_harness import open_app, running_app
from tests.browser.harness import browser_page, screenshot

JUPYTERLAB_ONLY = ["Run ›", "Restart Kernel", "menu bar", "kernel died", "How to use this notebook"]


def test_the_app_says_what_to_do_in_the_app_and_nothing_about_jupyterlab_menus(tmp_path):
    with running_app(tmp_path, "02") as app, browser_page(1366, 768) as page:
        open_app(page, app)
        shown = page.locator("body").inner_text()
        assert [words for words in JUPYTERLAB_ONLY if words in shown] == []
        assert APP_VIEW_HOW_TO in shown and NOT_RUNNING not in shown
        how_to = page.get_by_text("How to use this page")
        assert how_to.is_visible()
        # the lesson's own teaching text is all there: only the JupyterLab steps are hidden
        assert page.get_by_text("The seven elements of a prompt").is_visible()
        screenshot(page, "app__02_how_to")
        assert page.dialogs == []
