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

from course.answers import AnswerStore, StoreError


def test_an_answer_round_trips_with_its_engine_and_revision(tmp_path):
    store = AnswerStore(tmp_path, "02_x")
    store.save("a", {"task": "Summarise"}, engine="prompt/1")
    store.save("a", {"task": "Summarise the notes"}, engine="prompt/1")
    again = AnswerStore(tmp_path, "02_x").get("a")
    assert again.value == {"task": "Summarise the notes"}
    assert (again.engine, again.revision) == ("prompt/1", 2)
    data = json.loads((tmp_path / "02_x.answers.json").read_text("utf-8"))
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
    kept = list(tmp_path.glob("n.answers.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    fresh.save("c", "third", engine="e")  # the next save repairs the main file
    assert AnswerStore(tmp_path, "n").problem is None
    assert set(AnswerStore(tmp_path, "n").answers()) == {"a", "b", "c"}


def test_a_file_from_a_newer_course_is_kept_aside_not_lost(tmp_path):
    store = AnswerStore(tmp_path, "n")
    store.path.write_text(json.dumps({"schema": 99, "answers": {}}))
    assert store.answers() == {}
    assert "newer version of the course" in store.problem
    assert list(tmp_path.glob("n.answers.damaged-*.json"))


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
    store.save("a", "x" * 1_000_000, engine="e")  # a 1 MB paste is fine
    with pytest.raises(StoreError, match="too long to save"):
        store.save("b", "x" * 3_000_000, engine="e")
    assert len(store.value("a")) == 1_000_000


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
