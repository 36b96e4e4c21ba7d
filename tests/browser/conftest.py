"""What the browser tests share: one JupyterLab per test module, a fresh page per test, and one Chromium per test
module (tests/browser/harness.py), closed when the module ends."""

import pytest

from tests.browser.harness import browser_page, close_shared_browser, running_lab


@pytest.fixture(scope="module", autouse=True)
def one_browser_per_module():
    yield
    close_shared_browser()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A real JupyterLab on a fresh course workspace, for the tests of one module."""
    with running_lab(tmp_path_factory.mktemp("home")) as running:
        yield running


@pytest.fixture
def page():
    """A Chromium page in a context of its own."""
    with browser_page() as opened:
        yield opened
