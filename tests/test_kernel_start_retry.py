"""The one retry the root conftest.py gives nbval: a kernel that dies while starting is started once more."""

import pytest

import conftest


def test_a_kernel_that_dies_while_starting_is_started_once_more(monkeypatch):
    calls = []

    def dies_once(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "manager", "client"

    monkeypatch.setattr(conftest, "_start_new_kernel", dies_once)
    assert conftest._start_with_one_retry(kernel_name="python3") == ("manager", "client")
    assert len(calls) == 2


@pytest.mark.parametrize(("message", "tries"), [("Kernel died before replying to kernel_info", 2),
                                               ("Kernel didn't respond in 60 seconds", 1)])
def test_a_second_death_or_any_other_failure_is_reported(monkeypatch, message, tries):
    calls = []

    def always(*_args, **_kwargs):
        calls.append(1)
        raise RuntimeError(message)

    monkeypatch.setattr(conftest, "_start_new_kernel", always)
    with pytest.raises(RuntimeError, match=message.split()[0]):
        conftest._start_with_one_retry(kernel_name="python3")
    assert len(calls) == tries
