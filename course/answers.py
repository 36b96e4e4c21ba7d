"""The answer store: one JSON file per assignment folder that keeps a learner's saved answers safe.

Safety rules, each one a reason this file exists:
- a save writes a temporary file and swaps it in with ``os.replace``, so the file is whole or untouched;
- a lock and a per-answer merge mean two tabs or kernels saving at once never erase each other's answers;
- a second copy (the backup) holds the last good answers, so a damaged file is recovered, never trusted;
- a damaged file is kept aside under a new name, never deleted;
- every answer records when it was saved and which engine version checked it;
- the file is the learner's to edit, so it is read strictly (``FILE_SCHEMA``): anything the store would not
  have written itself counts as damage, and the store only writes what it would accept when reading.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import fastjsonschema

SCHEMA_VERSION = 1
MAX_ANSWER_CHARS = 100_000        # about 30 pages; every engine answers within a second on this much
MAX_FILE_BYTES = 64 * 1024 * 1024  # far more than any real assignment; a larger file is not read at all
MAX_NESTING = 5                    # lists or groups of fields inside one another in one answer
LARGEST_NUMBER = 10**15
PREFIX = "your answers - "  # "your answers - 02_prompt_basics.json": apart from the notebook at a glance


def answers_file_name(name: str) -> str:
    """The file a notebook's answers are saved in, beside it: ``your answers - <name>.json``."""
    return f"{PREFIX}{name}.json"

# Save times are written by ``_now``; a file may hold only real, time-zoned times in this range.
EARLIEST_SAVE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST_SAVE = dt.datetime(2999, 12, 31, tzinfo=dt.UTC)
_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$"


def is_save_time(text: Any) -> bool:
    """True for a real ISO date and time with a time zone, between the years 2000 and 2999."""
    if not isinstance(text, str):
        return False
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and EARLIEST_SAVE <= moment <= LATEST_SAVE


def _value_schema(levels: int) -> dict[str, Any]:
    """An answer's value: text, a number, yes/no or nothing, in lists and groups at most ``levels`` deep."""
    schema: dict[str, Any] = {"type": ["string", "number", "boolean", "null"],
                              "minimum": -LARGEST_NUMBER, "maximum": LARGEST_NUMBER}
    if levels:
        inner = _value_schema(levels - 1)
        schema = {**schema, "type": [*schema["type"], "array", "object"], "items": inner,
                  "additionalProperties": inner}
    return schema


FILE_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema", "answers"],
    "properties": {
        "schema": {"type": "integer", "const": SCHEMA_VERSION},
        "assignment": {"type": "string", "maxLength": 200},
        "answers": {
            "type": "object",
            "propertyNames": {"pattern": r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$"},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["value", "saved_at", "engine", "revision"],
                "properties": {
                    "value": _value_schema(MAX_NESTING),
                    "saved_at": {"type": "string", "pattern": _TIMESTAMP, "format": "save-time"},
                    "engine": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_./:-]{0,99}$"},
                    "revision": {"type": "integer", "minimum": 0, "maximum": LARGEST_NUMBER},
                },
            },
        },
    },
}


@cache
def _file_validator() -> Any:
    """FILE_SCHEMA compiled once, when a file is first read or saved (fastjsonschema writes Python for it)."""
    return fastjsonschema.compile(FILE_SCHEMA, formats={"save-time": is_save_time}, use_default=False)


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


def _strings(value: Any) -> Iterator[str]:
    """Every text in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _text_before_broken_character(value: Any) -> str | None:
    """The text just before the first character that cannot be written to a file, or None if there is none.

    Such a character is half of a pair (often left when an emoji is cut in two); nothing can store it.
    """
    for text in _strings(value):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            return " ".join(text[max(0, error.start - 40):error.start].split())
    return None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number an answers file can hold")


def _problem_in(error: fastjsonschema.JsonSchemaValueException) -> str:
    """What is wrong with a file's contents, in plain words."""
    where = error.path
    if where[-1:] == ["saved_at"]:
        return "an answer in it has a save time that is not a real date and time"
    if error.rule == "additionalProperties":
        return "it holds fields the course does not know"
    if len(where) >= 4 and where[3] == "value":
        return "an answer in it is not in a shape the course can keep"
    return "its contents are not in the expected shape"


def read_answers_file(raw: bytes) -> tuple[dict[str, Answer], str | None]:
    """The answers in an answers file's bytes, and what is wrong with them in plain words, if anything.

    Strict on purpose: a learner can edit the file, so anything the store would not have written itself
    (an unknown field, a save time that is not a real date, an answer too long or too deeply nested for the
    engines, a number too large) makes the whole file count as damaged. Never raises.
    """
    if not raw.strip():
        return {}, "it is empty"
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)  # a text editor may add a BOM
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}, "it is cut short or is not an answers file"
    version = data.get("schema") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return {}, "it was saved by a newer version of the course; update the course package"
    try:
        _file_validator()(data)
    except fastjsonschema.JsonSchemaValueException as error:
        return {}, _problem_in(error)
    if _text_before_broken_character(data) is not None:
        return {}, "an answer in it has a broken character that cannot be stored"
    answers = {key: Answer(**record) for key, record in data["answers"].items()}
    if any(_size(answer.value) > MAX_ANSWER_CHARS for answer in answers.values()):
        return {}, f"an answer in it is longer than the {MAX_ANSWER_CHARS:,} characters the course accepts"
    return answers, None


def _storable(key: str, value: Any, engine: str) -> Any:
    """``value`` as the store keeps it; raises StoreError saying why when it cannot be kept."""
    try:
        value = json_safe(value)
        size = _size(value)
    except (RecursionError, ValueError, TypeError):
        raise StoreError("This answer could not be saved: it is not in a shape the course can keep. "
                         "Your text is still in the form.") from None
    if size > MAX_ANSWER_CHARS:
        raise StoreError(f"This answer is too long to save ({size:,} characters; the limit is "
                         f"{MAX_ANSWER_CHARS:,}, about 30 pages). Shorten it and save again.")
    before = _text_before_broken_character(value)
    if before is not None:
        where = f"just after “{before}”" if before else "at the start of a field"
        raise StoreError(f"This answer was not saved: it has a broken character {where} (often half of an "
                         "emoji cut in two) that cannot be stored. Delete that character and save again; "
                         "the rest of your text is still in the form.")
    record = {"value": value, "saved_at": _now(), "engine": engine, "revision": 0}
    try:
        _file_validator()({"schema": SCHEMA_VERSION, "answers": {key: record}})
    except fastjsonschema.JsonSchemaValueException as error:
        raise StoreError(f"This answer could not be saved: {_problem_in(error).replace('an answer in it', 'it')}"
                         ". Your text is still in the form.") from None
    return value


def answers_in_file(path: Path) -> tuple[dict[str, Any], str | None]:
    """The answer values in one answers file, read strictly and without changing anything on disk, and a plain
    description of what is wrong with the file, if anything (a missing file reads as no answers)."""
    if not path.exists():
        return {}, None
    answers, problem = AnswerStore._read_file(path)
    return {key: answer.value for key, answer in answers.items()}, problem


class AnswerStore:
    """Saved answers for one assignment, kept in ``<folder>/your answers - <name>.json``.

    With ``persist=False`` (an instructor running a solution notebook) answers live in memory only and no
    file is ever written. ``problem`` holds a plain message when the file needed rescuing.
    """

    def __init__(self, folder: str | os.PathLike[str], name: str, *, persist: bool = True,
                 lock_timeout: float = 10.0) -> None:
        self.folder = Path(folder)
        self.name = name
        self.persist = persist
        self.path = self.folder / answers_file_name(name)
        # The backup and the lock are dot-files, so JupyterLab's file browser does not show them to learners.
        self.backup_path = self.folder / f".{name}.answers.backup.json"
        self._lock_timeout = lock_timeout
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
        if backup_problem is None and self.backup_path.exists():
            self.problem = (f"Your answers file was damaged ({problem}); your last good answers were "
                            f"restored from the backup copy.{where}")
            return backup
        self.problem = f"Your answers file was damaged ({problem}) and no good copy was found.{where}"
        return {}

    @staticmethod
    def _read_file(path: Path) -> tuple[dict[str, Answer], str | None]:
        """Answers in one file and a plain description of what is wrong with it, if anything."""
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return {}, "it is far larger than any answers file"
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}, None
        except OSError as error:
            return {}, f"it could not be opened: {error.strerror or error}"
        return read_answers_file(raw)

    def _keep_damaged_copy(self) -> Path | None:
        import hashlib
        import shutil

        with contextlib.suppress(OSError):
            with self.path.open("rb") as damaged:
                digest = hashlib.file_digest(damaged, "sha256").hexdigest()[:8]
            kept = self.folder / f"{PREFIX}{self.name} (damaged {digest}).json"
            if not kept.exists():
                shutil.copyfile(self.path, kept)
            return kept
        return None

    # --- writing ---------------------------------------------------------------------------------
    def save(self, key: str, value: Any, *, engine: str, autosave: bool = False) -> Answer:
        """Save one answer, keeping every other answer in the file as it is.

        An autosave never puts a blank answer over a saved one that has text (the explicit Save does,
        because the learner asked for it). Raises StoreError with a plain message when it cannot save.
        """
        value = _storable(key, value, engine)
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

    @cached_property
    def _lock(self) -> Any:
        from filelock import FileLock  # loaded by the first save: reading needs no lock

        return FileLock(str(self.folder / f".{self.name}.answers.lock"), timeout=self._lock_timeout)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError("Another tab or notebook is saving to this assignment right now. "
                             "Wait a moment and press Save again.") from None
        try:
            self._remove_stale_temp_files()
            yield
        finally:
            self._lock.release()

    def _write(self, answers: dict[str, Answer]) -> None:
        data = {"schema": SCHEMA_VERSION, "assignment": self.name,
                "answers": {key: answers[key].to_json() for key in sorted(answers)}}
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        if len(payload) > MAX_FILE_BYTES:
            raise StoreError("This assignment's answers file is full, so this answer was not saved. Your text "
                             "is still in the form; shorten your longest answers and save again.")
        _write_atomic(self.path, payload, prefix=f".{self.name}.answers.")
        _write_atomic(self.backup_path, payload, prefix=f".{self.name}.answers.backup.")

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a writer that was killed before it could swap its file in."""
        for stale in self.folder.glob(f".{self.name}.answers*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _write_atomic(path: Path, payload: bytes, *, prefix: str) -> None:
    """Write ``payload`` to ``path`` so that a reader sees either the old file or the new one, whole.

    The temporary file is a dot-file starting with ``prefix``, so a learner never sees it and the next save
    finds one a killed writer left behind.
    """
    import tempfile  # loaded by the first save, like the lock

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
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
