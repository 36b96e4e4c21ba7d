"""The answer store: one JSON file per assignment folder that keeps a learner's saved answers safe.

Safety rules, each one a reason this file exists:
- a save writes a temporary file and swaps it in with ``os.replace``, so the file is whole or untouched;
- a lock and a per-answer merge mean two tabs or kernels saving at once never erase each other's answers;
- a second copy (the backup) holds the last good answers, so a damaged file is recovered, never trusted;
- a damaged file is kept aside under a new name, never deleted;
- every answer records when it was saved and which engine version checked it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from filelock import FileLock, Timeout

SCHEMA_VERSION = 1
MAX_ANSWER_CHARS = 2_000_000
SUFFIX = ".answers.json"

FILE_SCHEMA = {
    "type": "object",
    "required": ["schema", "answers"],
    "properties": {
        "schema": {"type": "integer", "minimum": 1},
        "assignment": {"type": "string"},
        "answers": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["value", "saved_at", "engine", "revision"],
                "properties": {
                    "saved_at": {"type": "string"},
                    "engine": {"type": "string"},
                    "revision": {"type": "integer", "minimum": 0},
                },
            },
        },
    },
}


class StoreError(Exception):
    """A save or load that could not be done; the message is written for the learner."""


@dataclass(frozen=True)
class Answer:
    """One saved answer."""

    value: Any
    saved_at: str
    engine: str
    revision: int

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "saved_at": self.saved_at, "engine": self.engine,
                "revision": self.revision}


def is_blank(value: Any) -> bool:
    """True for an answer with nothing typed in it: empty text, or a form whose fields are all empty."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_blank(v) for v in value)
    return False


def json_safe(value: Any) -> Any:
    """A copy of ``value`` that JSON can hold: NaN becomes None, tuples become lists, keys become text."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False))


class AnswerStore:
    """Saved answers for one assignment, kept in ``<folder>/<name>.answers.json``.

    With ``persist=False`` (an instructor running a solution notebook) answers live in memory only and no
    file is ever written. ``problem`` holds a plain message when the file needed rescuing.
    """

    def __init__(self, folder: str | os.PathLike[str], name: str, *, persist: bool = True,
                 lock_timeout: float = 10.0) -> None:
        self.folder = Path(folder)
        self.name = name
        self.persist = persist
        self.path = self.folder / f"{name}{SUFFIX}"
        # The backup and the lock are dot-files, so JupyterLab's file browser does not show them to learners.
        self.backup_path = self.folder / f".{name}.answers.backup.json"
        self._lock = FileLock(str(self.folder / f".{name}.answers.lock"), timeout=lock_timeout)
        self._memory: dict[str, Answer] = {}
        self.problem: str | None = None

    # --- reading ---------------------------------------------------------------------------------
    def answers(self) -> dict[str, Answer]:
        """Every saved answer, answers held in memory taking precedence."""
        on_disk = self._read_disk() if self.persist else {}
        return {**on_disk, **self._memory}

    def get(self, key: str) -> Answer | None:
        """The saved answer for ``key``, or None when nothing was saved."""
        return self.answers().get(key)

    def value(self, key: str, default: Any = None) -> Any:
        answer = self.get(key)
        return default if answer is None else answer.value

    def _read_disk(self) -> dict[str, Answer]:
        answers, problem = self._read_file(self.path)
        if problem is None:
            return answers
        # The main file is damaged: keep it aside and fall back to the last good copy.
        kept = self._keep_damaged_copy()
        backup, backup_problem = self._read_file(self.backup_path)
        where = f" The damaged file was kept as {kept.name}." if kept else ""
        if backup_problem is None:
            self.problem = (f"Your answers file was damaged ({problem}); your last good answers were "
                            f"restored from the backup copy.{where}")
            return backup
        self.problem = f"Your answers file was damaged ({problem}) and no good copy was found.{where}"
        return {}

    @staticmethod
    def _read_file(path: Path) -> tuple[dict[str, Answer], str | None]:
        """Answers in one file and a plain description of what is wrong with it, if anything."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}, None
        except OSError as error:
            return {}, f"it could not be opened: {error.strerror or error}"
        try:
            data = json.loads(raw.decode("utf-8"))
            jsonschema.validate(data, FILE_SCHEMA)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return {}, "it is cut short or is not an answers file" if raw.strip() else "it is empty"
        except jsonschema.ValidationError:
            return {}, "its contents are not in the expected shape"
        if data["schema"] > SCHEMA_VERSION:
            return {}, "it was saved by a newer version of the course; update the course package"
        return {key: Answer(**record) for key, record in data["answers"].items()}, None

    def _keep_damaged_copy(self) -> Path | None:
        if not self.path.exists():
            return None
        with contextlib.suppress(OSError):
            damaged = self.path.read_bytes()
            kept = self.folder / f"{self.name}.answers.damaged-{hashlib.sha256(damaged).hexdigest()[:8]}.json"
            if not kept.exists():
                kept.write_bytes(damaged)
            return kept
        return None

    # --- writing ---------------------------------------------------------------------------------
    def save(self, key: str, value: Any, *, engine: str, autosave: bool = False) -> Answer:
        """Save one answer, keeping every other answer in the file as it is.

        An autosave never puts a blank answer over a saved one that has text (the explicit Save does,
        because the learner asked for it). Raises StoreError with a plain message when it cannot save.
        """
        value = json_safe(value)
        if _size(value) > MAX_ANSWER_CHARS:
            raise StoreError(f"This answer is too long to save ({_size(value):,} characters; the limit is "
                             f"{MAX_ANSWER_CHARS:,}). Shorten it and save again.")
        if not self.persist:
            return self._save_in_memory(key, value, engine)
        try:
            with self._locked():
                current = self._read_disk()
                previous = current.get(key)
                if autosave and previous is not None and is_blank(value) and not is_blank(previous.value):
                    return previous
                answer = Answer(value=value, saved_at=_now(), engine=engine,
                                revision=(previous.revision + 1) if previous else 1)
                current[key] = answer
                self._write(current)
        except Timeout:
            raise StoreError("Another tab or notebook is saving to this assignment right now. "
                             "Wait a moment and press Save again.") from None
        except PermissionError:
            raise StoreError(f"The course cannot write to the folder {self.folder}, so this answer was not "
                             "saved. Your text is still in the form; ask your course operator about the "
                             "folder's permissions.") from None
        except OSError as error:
            raise StoreError(f"This answer could not be saved ({error.strerror or error}). Your text is "
                             "still in the form; try Save again.") from None
        self._memory.pop(key, None)
        self.problem = None
        return answer

    def put_in_memory(self, key: str, value: Any, *, engine: str) -> Answer:
        """Hold an answer for this session only (a model answer in a solution notebook); no file is written."""
        return self._save_in_memory(key, json_safe(value), engine)

    def _save_in_memory(self, key: str, value: Any, engine: str) -> Answer:
        previous = self._memory.get(key)
        answer = Answer(value=value, saved_at=_now(), engine=engine,
                        revision=(previous.revision + 1) if previous else 1)
        self._memory[key] = answer
        return answer

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            self._remove_stale_temp_files()
            yield

    def _write(self, answers: dict[str, Answer]) -> None:
        data = {"schema": SCHEMA_VERSION, "assignment": self.name,
                "answers": {key: answers[key].to_json() for key in sorted(answers)}}
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        _write_atomic(self.path, payload)
        _write_atomic(self.backup_path, payload)

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed before it could swap its file in."""
        for stale in self.folder.glob(f".{self.name}.answers*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a reader sees either the old file or the new one, whole."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name.removesuffix('.json')}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _replace(source: str, target: Path, attempts: int = 20) -> None:
    """os.replace, retried briefly where the OS holds the target open (a virus scanner, a sync tool)."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1 or os.name != "nt":
                raise
            time.sleep(0.05 * (attempt + 1))
