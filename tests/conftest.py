import pytest

from tests.notebooks import ROOT


@pytest.fixture
def root():
    return ROOT
