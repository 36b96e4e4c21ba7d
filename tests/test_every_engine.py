"""Every engine of every module keeps the same rules on hostile answers: no exception, a sentence, a score
between 0 and 1, and nothing for an answer it cannot read. A module's tasks join this test by being declared.

Time is measured in benchmarks/engine_worst_case.py; here a timeout only catches an engine that hangs.
"""

import pytest

from course.tasks import get_task, task_names
from tests.hostile_answers import ODD_VALUES, TEXTS, UNREADABLE

TASKS = sorted(task_names())


def shapes(text: str) -> list[object]:
    """The text as each kind of form saves it: one text, or one field of a structured form."""
    return [text, {"task": text}, {"task": "Summarise the notes below.", "constraints": text, "input": text}]


def assert_sane(task_name: str, value: object) -> None:
    task = get_task(task_name)
    result = task.check(value)
    assert 0 <= result.score <= 1 and result.summary and len(result.summary) < 1000
    assert all(f.message and f.where for f in result.findings)
    assert isinstance(task.describe(value), str)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("task_name", TASKS)
@pytest.mark.parametrize("label", list(TEXTS))
def test_hostile_text_gets_a_sentence_never_an_exception(task_name, label):
    for value in shapes(TEXTS[label]):
        assert_sane(task_name, value)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("task_name", TASKS)
@pytest.mark.parametrize("label", list(ODD_VALUES))
def test_values_of_the_wrong_shape_get_a_sentence_never_an_exception(task_name, label):
    assert_sane(task_name, ODD_VALUES[label])


@pytest.mark.parametrize("task_name", TASKS)
@pytest.mark.parametrize("label", list(UNREADABLE))
def test_an_answer_the_engine_cannot_read_earns_nothing_and_says_why(task_name, label):
    task = get_task(task_name)
    for value in shapes(UNREADABLE[label])[:2]:
        result = task.check(value)
        if result.total == 0:  # a reflection a person grades: notes only, never points
            continue
        assert result.earned == 0 and not result.passed, (task_name, label, result.kinds())
        assert result.problems and result.problems[0].message in result.summary
