import compileall

import pytest

from tests.notebooks import ROOT


def pytest_configure(config):
    """Compile the course package once, before any worker starts: the grading tests compare the package's files
    (.pyc included) before and after grading, and a .pyc another worker writes on its first import meanwhile
    would look like tampering."""
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(ROOT / "course", quiet=1)


@pytest.fixture
def root():
    return ROOT
