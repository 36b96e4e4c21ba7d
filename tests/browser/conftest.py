"""Browser tests share one Chromium per test module (tests/browser/harness.py), closed when the module ends."""

import pytest

from tests.browser.harness import close_shared_browser


@pytest.fixture(scope="module", autouse=True)
def one_browser_per_module():
    yield
    close_shared_browser()
