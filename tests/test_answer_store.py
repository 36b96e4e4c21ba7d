"""The answer store keeps every saved answer through damage, permissions, races and kills."""

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from course import answers
from course.answers import MAX_ANSWER_CHARS, AnswerStore, StoreError
from course.forms.base import local_time
from course.workbook import Workbook


def test_an_answer_round_trips_with_its_engine_and_revision(tmp_path):
    store = AnswerStore(tmp_path, "02_x")
    store.save("a", {"task": "Summarise"}, engine="prompt/1")
    store.save("a", {"task": "Summarise the notes"}, engine="prompt/1")
    again = AnswerStore(tmp_path, "02_x").get("a")
    assert again.value == {"task": "Summarise the notes"}
    assert (again.engine, again.revision) == ("prompt/1", 2)
    data = json.loads((tmp_path / "your answers - 02_x.json").read_text("utf-8"))
    assert data["schema"] == 1 and data["assignment"] == "02_x"


def test_saving_one_answer_keeps_the_others(tmp_path):
    first, second = AnswerStore(tmp_path, "n"), AnswerStore(tmp_path, "n")  # two tabs
    first.save("a", "one", engine="e")
    second.save("b", "two", engine="e")
    first.save("a", "one, edited", engine="e")
    assert {k: v.value for k, v in AnswerStore(tmp_path, "n").answers().items()} == {"a": "one, edited",
                                                                                    "b": "two"}


def test_nan_and_odd_values_are_stored_safely(tmp_path):
    store = AnswerStore(tmp_path, "n")
    store.save("a", {"x": float("nan"), "y": ("t", 1), 3: "key"}, engine="e")
    assert store.get("a").value == {"x": None, "y": ["t", 1], "3": "key"}


def test_autosave_never_blanks_a_saved_answer_but_save_may(tmp_path):
    store = AnswerStore(tmp_path, "n")
    store.save("a", {"task": "text"}, engine="e")
    store.save("a", {"task": "  "}, engine="e", autosave=True)
    assert store.get("a").value == {"task": "text"}
    store.save("a", {"task": ""}, engine="e")
    assert store.get("a").value == {"task": ""}


@pytest.mark.parametrize("damage", [b"", b'{"schema": 1, "answers": {"a": {"val', b"\x00\xff\xfe",
                                    b'{"schema": 1, "answers": []}', b"[1, 2, 3]"])
def test_a_damaged_file_is_recovered_from_the_backup_and_kept_aside(tmp_path, damage):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "first answer", engine="e")
    store.save("b", "second answer", engine="e")
    store.path.write_bytes(damage)
    fresh = AnswerStore(tmp_path, "n")
    assert fresh.value("a") == "first answer" and fresh.value("b") == "second answer"
    assert "damaged" in fresh.problem and "restored" in fresh.problem
    kept = list(tmp_path.glob("your answers - n (damaged *).json"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    fresh.save("c", "third", engine="e")  # the next save repairs the main file
    assert AnswerStore(tmp_path, "n").problem is None
    assert set(AnswerStore(tmp_path, "n").answers()) == {"a", "b", "c"}


def test_a_file_from_a_newer_course_is_kept_aside_not_lost(tmp_path):
    store = AnswerStore(tmp_path, "n")
    store.path.write_text(json.dumps({"schema": 99, "answers": {}}))
    assert store.answers() == {}
    assert "newer version of the course" in store.problem
    assert list(tmp_path.glob("your answers - n (damaged *).json"))


@contextlib.contextmanager
def read_only(folder):
    """Make ``folder`` read-only for real: root ignores permission bits, so root marks it immutable."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        os.chmod(folder, 0o555)
        try:
            yield
        finally:
            os.chmod(folder, 0o755)


def test_a_read_only_folder_gives_a_plain_message_and_loses_nothing(tmp_path):
    store = AnswerStore(tmp_path, "n", lock_timeout=2)
    store.save("a", "kept", engine="e")
    before = store.path.read_bytes()
    with read_only(tmp_path), pytest.raises(StoreError, match="cannot write to the folder") as raised:
        AnswerStore(tmp_path, "n", lock_timeout=2).save("a", "new text", engine="e")
    assert "Your text is still in the form" in str(raised.value)
    assert store.path.read_bytes() == before
    assert AnswerStore(tmp_path, "n").value("a") == "kept"


def test_an_answer_too_large_to_store_is_refused_politely(tmp_path):
    store = AnswerStore(tmp_path, "n")
    longest = "x" * (MAX_ANSWER_CHARS - 2)  # the two quotes around a text count too
    store.save("a", longest, engine="e")  # about 30 pages is fine
    with pytest.raises(StoreError) as refused:
        store.save("b", longest + "xy", engine="e")
    assert str(refused.value) == ("This answer is too long to save (100,002 characters; the limit is 100,000, "
                                  "about 30 pages). Shorten it and save again.")
    assert AnswerStore(tmp_path, "n").value("a") == longest and store.get("b") is None


# --- a learner can edit the file: every way it can be bad gives the backup, the damaged copy kept --------------
GOOD_TIME = "2026-02-02T09:30:00+00:00"


def record(**changes):
    return {"value": "typed", "saved_at": GOOD_TIME, "engine": "prompt/2", "revision": 1, **changes}


def answers_file(*, top=None, **records):
    return json.dumps({"schema": 1, "assignment": "n", "answers": records, **(top or {})}).encode()


BAD_FILES = {
    "an unknown field in an answer": answers_file(a=record(note="hi")),
    "an unknown field at the top": answers_file(a=record(), top={"extra": 1}),
    "script in the save time": answers_file(a=record(saved_at="<img src=x onerror=alert(1)>")),
    "a save time in year 1": answers_file(a=record(saved_at="0001-01-01T00:00:00+00:00")),
    "a save time in year 9999": answers_file(a=record(saved_at="9999-12-31T23:59:59+00:00")),
    "a save time with no time zone": answers_file(a=record(saved_at="2026-02-02T09:30:00")),
    "a save time on 30 February": answers_file(a=record(saved_at="2026-02-30T09:30:00+00:00")),
    "a date without a time": answers_file(a=record(saved_at="2026-02-02")),
    "a 5,000-digit number": answers_file(a=record()).replace(b'"revision": 1', b'"revision": ' + b"9" * 5000),
    "a 4,000-digit number in an answer": answers_file(a=record()).replace(b'"typed"', b"9" * 4000),
    "a number too large": answers_file(a=record(revision=10**16)),
    "NaN": answers_file(a=record()).replace(b'"typed"', b"NaN"),
    "a negative revision": answers_file(a=record(revision=-1)),
    "true as the schema version": answers_file(a=record(), top={"schema": True}),
    "schema version 0": answers_file(a=record(), top={"schema": 0}),
    "nesting 100,000 deep": answers_file(a=record()).replace(b'"typed"', b"[" * 100_000 + b"]" * 100_000),
    "nesting deeper than any form": answers_file(a=record(value=[[[[[["x"]]]]]])),
    "an answer of 200,000 characters": answers_file(a=record(value="x" * 200_000)),
    "an engine that is markup": answers_file(a=record(engine="<b>e</b>")),
    "a task name that is markup": answers_file(**{"<b>a</b>": record()}),
    "an answer that is not a record": answers_file(a="typed"),
    "text that is not UTF-8": answers_file(a=record()).replace(b"typed", b"typ\xe9d"),
    "a lone surrogate escaped in the file": answers_file(a=record()).replace(b"typed", b"\\ud800"),
}


@pytest.mark.parametrize("damage", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_every_way_a_file_can_be_bad_restores_the_backup_and_keeps_the_damaged_copy(tmp_path, damage):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "first answer", engine="e")
    store.save("b", "second answer", engine="e")
    store.path.write_bytes(damage)
    fresh = AnswerStore(tmp_path, "n")
    assert {key: a.value for key, a in fresh.answers().items()} == {"a": "first answer", "b": "second answer"}
    assert fresh.problem.startswith("Your answers file was damaged (")
    assert "your last good answers were restored from the backup copy" in fresh.problem
    assert "<" not in fresh.problem and "Error" not in fresh.problem and "data." not in fresh.problem
    (kept,) = tmp_path.glob("your answers - n (damaged *).json")
    assert kept.read_bytes() == damage and fresh.problem.endswith(f"The damaged file was kept as {kept.name}.")
    fresh.save("c", "third", engine="e")  # the next save writes a good file again
    again = AnswerStore(tmp_path, "n")
    assert again.problem is None and set(again.answers()) == {"a", "b", "c"}


def test_the_plain_words_say_what_is_wrong(tmp_path):
    expected = {"script in the save time": "a save time that is not a real date and time",
                "an unknown field in an answer": "it holds fields the course does not know",
                "an answer of 200,000 characters": "longer than the 100,000 characters the course accepts",
                "a 5,000-digit number": "it is cut short or is not an answers file"}
    for name, words in expected.items():
        store = AnswerStore(tmp_path / name, "n")
        store.folder.mkdir()
        store.path.write_bytes(BAD_FILES[name])
        assert store.answers() == {} and words in store.problem, name
        assert "no good copy was found" in store.problem


def test_a_file_larger_than_any_answers_file_is_not_read(tmp_path, monkeypatch):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "kept", engine="e")
    monkeypatch.setattr(answers, "MAX_FILE_BYTES", 1000)
    store.path.write_bytes(answers_file(a=record(value="y" * 2000)))
    fresh = AnswerStore(tmp_path, "n")
    assert fresh.value("a") == "kept" and "far larger than any answers file" in fresh.problem
    with pytest.raises(StoreError, match="answers file is full"):
        fresh.save("b", "z" * 2000, engine="e")
    assert AnswerStore(tmp_path, "n").value("a") == "kept"


def test_the_store_accepts_exactly_what_it_writes(tmp_path):
    store = AnswerStore(tmp_path, "n")
    odd = {"t": ["a", 1, 2.5, True, None, {"k": [["deep"]]}], "nan": float("nan"), 7: ("x",)}
    for key, value in {"text": "x", "fields": {"task": "<b>"}, "quiz:02": {"q": ["a"]}, "odd": odd}.items():
        store.save(key, value, engine="prompt-text/4")
    assert AnswerStore(tmp_path, "n").problem is None and len(AnswerStore(tmp_path, "n").answers()) == 4
    store.path.write_bytes(answers_file(a=record(saved_at="2026-02-02T09:30:00Z")))  # another writer's form
    assert AnswerStore(tmp_path, "n").problem is None
    store.path.write_bytes(b"\xef\xbb\xbf" + answers_file(a=record()))  # saved again by a text editor
    assert AnswerStore(tmp_path, "n").problem is None


@pytest.mark.parametrize("value", [[[[[[["x"]]]]]], 10**16, {"a": float("inf"), "b": 10**20}],
                         ids=["too deep", "too large", "too large inside"])
def test_an_answer_the_store_could_not_read_back_is_refused_not_written(tmp_path, value):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "kept", engine="e")
    with pytest.raises(StoreError, match="not in a shape the course can keep. Your text is still in the form"):
        store.save("b", value, engine="e")
    assert AnswerStore(tmp_path, "n").problem is None and AnswerStore(tmp_path, "n").get("b") is None


@pytest.mark.parametrize("text", ["Summarise the notes\ud800 for the team", "\udfff", {"task": "a\udbff"},
                                  {"field\ud800": "text"}], ids=repr)
def test_a_lone_surrogate_is_refused_with_a_message_saying_where_and_nothing_else_changes(tmp_path, text):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "kept", engine="e")
    before = store.path.read_bytes()
    with pytest.raises(StoreError) as refused:
        store.save("a", text, engine="e")
    message = str(refused.value)
    assert "broken character" in message and "the rest of your text is still in the form" in message
    if isinstance(text, str) and text.startswith("Summarise"):
        assert "just after “Summarise the notes”" in message
    message.encode("utf-8")  # the message itself can be shown
    assert store.path.read_bytes() == before


def test_a_form_with_a_lone_surrogate_shows_the_message_and_keeps_the_text(tmp_path):
    workbook = Workbook("02_prompt_basics", tmp_path)
    form = workbook.form("repair_prompt", title="Repair")
    form.fill(text="You are a support agent.\ud83d Sort the tickets.")
    assert form.save() is False
    assert "Not saved" in form.status.value and "broken character" in form.status.value
    assert form.value() == "You are a support agent.\ud83d Sort the tickets."
    assert workbook.store.get("repair_prompt") is None


@pytest.mark.parametrize("saved_at", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-12:00",
                                      "<img src=x onerror=alert(1)>", "", None, 5])
def test_the_forms_clock_time_never_raises_and_never_carries_markup(saved_at):
    shown = local_time(saved_at)
    assert isinstance(shown, str) and "<" not in shown
    assert local_time("2026-02-02T09:30:00+00:00").count(":") == 2


def _hammer(folder, writer, rounds):
    store = AnswerStore(folder, "race")
    for i in range(rounds):
        store.save(f"{writer}-{i % 5}", f"{writer} round {i}", engine="e")


def test_writers_in_separate_processes_at_the_same_time_never_erase_each_other(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_hammer, args=(tmp_path, f"w{n}", 40)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    answers = AnswerStore(tmp_path, "race").answers()
    assert set(answers) == {f"w{n}-{k}" for n in range(4) for k in range(5)}
    assert all(a.value.endswith(f"round {35 + int(key[-1])}") for key, a in answers.items())
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


KILLER = textwrap.dedent("""
    import os, signal, sys
    import course.answers as answers
    store = answers.AnswerStore(sys.argv[1], "n")
    def die(*args):
        os.kill(os.getpid(), signal.SIGKILL)
    answers.os.replace = die  # killed after writing the temporary file, before swapping it in
    store.save("a", "half-written answer", engine="e")
""")


def test_a_kill_between_write_and_replace_loses_nothing(tmp_path):
    store = AnswerStore(tmp_path, "n")
    store.save("a", "good answer", engine="e")
    store.save("b", "other answer", engine="e")
    result = subprocess.run([sys.executable, "-c", KILLER, str(tmp_path)], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL
    assert list(tmp_path.glob(".n.answers*.tmp"))  # the half-written temp file is there...
    fresh = AnswerStore(tmp_path, "n")
    assert fresh.value("a") == "good answer" and fresh.value("b") == "other answer" and fresh.problem is None
    fresh.save("c", "after the crash", engine="e")
    assert not list(tmp_path.glob(".n.answers*.tmp"))  # ...and is cleaned up by the next save


def test_memory_only_store_never_writes_a_file(tmp_path):
    store = AnswerStore(tmp_path, "n", persist=False)
    store.put_in_memory("a", "model", engine="e")
    store.save("b", "typed", engine="e")
    assert store.value("a") == "model" and store.value("b") == "typed"
    assert list(tmp_path.iterdir()) == []


def test_a_save_while_another_kernel_holds_the_lock_says_so_and_keeps_the_file(tmp_path):
    from filelock import FileLock

    store = AnswerStore(tmp_path, "n", lock_timeout=0.2)
    store.save("a", "kept", engine="e")
    with FileLock(str(tmp_path / ".n.answers.lock")), pytest.raises(StoreError, match="Another tab or notebook"):
        store.save("a", "new text", engine="e")
    assert AnswerStore(tmp_path, "n").value("a") == "kept"
    store.save("a", "new text", engine="e")  # the lock was let go
    assert AnswerStore(tmp_path, "n").value("a") == "new text"
