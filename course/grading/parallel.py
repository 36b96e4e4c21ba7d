"""Grade a cohort's submissions in parallel: workers only execute notebooks, one parent writes the gradebook.

Each submission is autograded by nbgrader's own Autograde (through its Python API) in a worker process, against a
private SQLite gradebook holding only the assignment (its notebooks and cells, copied once per batch from the
cohort's gradebook, SQLite or PostgreSQL) and without nbgrader's step that saves grades: a SQLite gradebook has one
writer at a time, a worker that crashes leaves the real gradebook untouched, and a learner's notebook finds no
other learner's name or grade in the copy. The parent reads each autograded notebook
and saves its grades with nbgrader's own SaveAutoGrades, then appends the learner to a completed-work log, so a
batch that stops half way resumes with whatever did not finish. A notebook that fails, or a cell that runs past
the time limit, is reported and never stops the batch. Finally every score is recomputed from the saved answers
(``verify``), so learner code cannot change a grade.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .gradebook import copy_assignment, gradebook_url, open_gradebook, shown, sqlite_file
from .guard import Guard
from .intake import look_at
from .pool import run_in_pool

CELL_TIMEOUT = 60          # seconds one cell may run in a learner's notebook
LOCK_WAIT = 60             # seconds to wait for a gradebook another program is writing to
FORM_STUB = "Fill in the form above"  # the student version of a model-answer cell (nbgrader_config.py code_stub)
WORKER_STEPS = ["nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern",
                "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
                "course.grading.output_cap.CapOutput", "nbgrader.preprocessors.CheckCellMetadata"]


@dataclass
class Outcome:
    student: str
    ok: bool
    message: str = ""
    files: dict[str, bytes] = field(default_factory=dict)   # the autograded folder, for the parent to keep
    log: str = ""                                            # nbgrader's whole log, when it could not grade


@dataclass
class Summary:
    graded: list[str] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # graded in an earlier run (the completed-work log)
    timed_out: list[str] = field(default_factory=list)  # graded, but a cell was stopped at the time limit
    waiting: int = 0                                    # items waiting for a person
    corrected: int = 0                                  # scores `verify` corrected
    tampering: list[str] = field(default_factory=list)   # files a notebook changed and the guard put back
    problems: dict[str, list[str]] = field(default_factory=dict)  # learner -> what was odd in the submission
    flags: dict[str, list[str]] = field(default_factory=dict)     # learner -> what the instructor should know

    def flag(self, student: str, reason: str) -> None:
        reasons = self.flags.setdefault(student, [])
        if reason not in reasons:
            reasons.append(reason)

    def sentence(self) -> str:
        parts = [f"{len(self.graded)} graded", f"{len(self.failed)} failed"]
        if self.timed_out:
            parts.append(f"{len(self.timed_out)} with a cell stopped at the time limit "
                         f"({', '.join(self.timed_out[:10])})")
        if self.skipped:
            parts.append(f"{len(self.skipped)} already graded in an earlier run")
        parts.append(f"{self.waiting} item(s) waiting for a person")
        if self.corrected:
            parts.append(f"{self.corrected} score(s) corrected from the saved answers")
        if self.tampering:
            parts.append(f"{len(self.tampering)} time(s) a notebook changed files outside its own copy (put back)")
        if self.problems:
            parts.append(f"{len(self.problems)} submission(s) with a problem to look at")
        if self.flags:
            parts.append(f"{len(self.flags)} learner(s) flagged, with the reason below")
        return "; ".join(parts) + "."


class GradebookBusy(RuntimeError):
    """Another program held the gradebook too long: nothing was graded; the message says what to do."""


class NoSandbox(RuntimeError):
    """Grading kernels cannot be sandboxed here and the operator did not accept the risk: nothing was graded."""


def _config(course: Path, db: Path, cell_timeout: int, memory_gb: float, sandbox: bool = True,
            hidden: tuple[str, ...] = ()) -> Any:
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = f"sqlite:///{db}"
    config.Autograde.autograde_preprocessors = WORKER_STEPS
    config.Execute.record_timing = False  # a graded notebook depends on the submission only, not on when it ran
    config.Execute.timeout = cell_timeout  # a cell past it is interrupted and marked; the rest of the notebook runs
    config.Execute.kernel_manager_class = limits.LimitedKernelManager
    config.LimitedKernelManager.memory_gb = memory_gb
    config.LimitedKernelManager.sandbox = sandbox
    config.LimitedKernelManager.hidden = list(hidden)
    config.LimitedKernelManager.private_copy = True  # each notebook runs in a scratch copy of its own
    from ..app_server import kernel_encryption_available

    if kernel_encryption_available():  # encrypted kernel messages: no "running over TCP without encryption" warning
        config.KernelManager.transport_encryption = "auto"
    return config


def execute_submission(course: str, assignment: str, student: str, gradebook_copy: str, cell_timeout: int,
                       memory_gb: float = limits.MEMORY_GB, sandbox: bool = True) -> Outcome:
    """A worker's whole job: autograde one submission in a copy of its own (the sources, this submission and a
    private copy of the assignment's gradebook, nothing of any other learner), without saving grades; the
    autograded folder comes back."""
    from nbgrader.apps import NbGraderAPI

    real = Path(course)
    with tempfile.TemporaryDirectory(prefix="course-grade-") as scratch:
        copy = Path(scratch) / "course"
        shutil.copytree(real / "solutions" / assignment, copy / "solutions" / assignment)
        shutil.copytree(real / "submitted" / student / assignment, copy / "submitted" / student / assignment)
        shutil.copy(real / "nbgrader_config.py", copy / "nbgrader_config.py")
        db = Path(scratch) / "gradebook.db"
        shutil.copy(gradebook_copy, db)
        os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        hidden = (str(real), str(_exchange_root(real)))
        api = NbGraderAPI(config=_config(copy, db, cell_timeout, memory_gb, sandbox, hidden))
        result = api.autograde(assignment, student, force=True, create=True)
        graded = copy / "autograded" / student / assignment
        files = {str(p.relative_to(graded)): p.read_bytes() for p in graded.rglob("*") if p.is_file()} \
            if result["success"] else {}
    if result["success"]:
        return Outcome(student, True, files=files)
    return Outcome(student, False, _one_sentence(result.get("error") or "", result.get("log") or ""),
                   log=(result.get("log") or "") + "\n" + (result.get("error") or ""))


def _one_sentence(error: str, log: str) -> str:
    """What went wrong, in one line an instructor can read: nbgrader's first error that names a cause (not its
    'There was an error processing ...' or a traceback), else the error's last line."""
    for line in log.splitlines():
        text = line.strip()
        if text.startswith("[ERROR]"):
            text = text.removeprefix("[ERROR]").strip()
            if text and not text.startswith(("There was an error", "Traceback")):
                return text[:200]
    lines = [line.strip() for line in error.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "nbgrader could not grade it"


def _exchange_root(course: Path) -> Path:
    """The exchange folder the cohort's configuration names (the cohort's own ``exchange/`` when it names none)."""
    from traitlets.config.loader import PyFileConfigLoader

    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
        return Path(config.Exchange.root) if "root" in config.Exchange else course / "exchange"
    except Exception:  # an unreadable configuration fails nbgrader itself, with its own message
        return course / "exchange"


def keep_autograded(course: Path, assignment: str, outcome: Outcome) -> None:
    """Write a worker's autograded folder into the cohort folder (the parent's job)."""
    folder = course / "autograded" / outcome.student / assignment
    if folder.exists():
        shutil.rmtree(folder)
    for relative, data in outcome.files.items():
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder.resolve()):
            continue  # a path that would leave the learner's folder is never written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def save_grades(course: Path, assignment: str, student: str, lock_wait: float = LOCK_WAIT,
                impossible: list[str] | None = None) -> int:
    """The parent's job for one learner: save the autograded notebook's grades with nbgrader's SaveAutoGrades
    into the real gradebook; returns how many items wait for a person. A score a notebook reported that no cell
    can hold (more than its points, below 0, not a number) is saved as 0 and said in ``impossible``; ``verify``
    then gives the score the saved answers earn."""
    impossible = impossible if impossible is not None else []
    import nbformat
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import SaveAutoGrades

    folder = course / "autograded" / student / assignment
    timestamp = CourseDirectory(root=str(course)).get_existing_timestamp(str(course / "submitted" / student /
                                                                             assignment))
    with open_gradebook(course, wait=lock_wait) as book:
        book.update_or_create_student(student)
        if timestamp:
            book.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            book.update_or_create_submission(assignment, student)
    db_url = gradebook_url(course, wait=lock_wait)
    for notebook in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        impossible.extend(_impossible_scores(nb))
        resources = {"nbgrader": {"notebook": notebook.stem, "assignment": assignment, "student": student,
                                  "db_url": db_url}}
        SaveAutoGrades().preprocess(nb, resources)
        _no_response_only_where_meant(course, assignment, student, notebook.stem, nb)
    with open_gradebook(course) as book:
        submission = book.find_submission(assignment, student)
        return sum(g.needs_manual_grade for nb in submission.notebooks for g in nb.grades)


def _impossible_scores(nb: Any) -> list[str]:
    """Set to 0 every graded cell's reported score that the cell cannot hold (nbgrader would stop the whole batch
    on a score above the cell's points); what each said."""
    import math

    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "execute_result":
                continue
            text = str(output.get("data", {}).get("text/plain", "")).strip()
            try:
                value = float(text)
            except ValueError:
                continue  # text is full marks to nbgrader: verify recomputes it
            if math.isnan(value) or value < 0 or value > float(meta.get("points", 0)):
                output["data"] = {"text/plain": "0"}
                found.append(f"{meta.get('grade_id')}: the notebook reported {text[:20]} of "
                             f"{float(meta.get('points', 0)):g} points")
    return found


def _no_response_only_where_meant(course: Path, assignment: str, student: str, notebook: str, nb: Any) -> None:
    """A form's model-answer cell is never typed into (the learner answers in the form above it), so nbgrader's
    "No response." there would sit beside full marks in the feedback: it is removed for those cells only."""
    stubs = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
             if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution") and FORM_STUB in c.source]
    if not stubs:
        return
    with open_gradebook(course) as book:
        for cell in stubs:
            book.find_comment(cell, notebook, assignment, student).auto_comment = None
        book.db.commit()


def _stopped_at_time_limit(folder: Path) -> bool:
    """True when nbgrader interrupted a cell of the autograded notebook at the time limit."""
    return any('"ename": "CellTimeoutError"' in p.read_text("utf-8") for p in folder.glob("*.ipynb"))


def completed_log(course: Path, assignment: str) -> Path:
    return course / ".grading" / f"{assignment}.done.jsonl"


def _done_before(log: Path) -> set[str]:
    if not log.exists():
        return set()
    done = set()
    for line in log.read_text("utf-8").splitlines():
        try:
            done.add(json.loads(line)["student"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short when a run stopped: that learner is graded again
    return done


def grade_cohort(course: Path, assignment: str, **options: Any) -> Summary:
    """Grade every submission of ``assignment`` in ``course`` (options: see ``_grade_cohort``). nbgrader's database
    layer warns about its own session objects on almost every call; those warnings say nothing to an instructor
    and are kept out of the output."""
    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        return _grade_cohort(course, assignment, **options)


def _grade_cohort(course: Path, assignment: str, *, workers: int = 2, cell_timeout: int = CELL_TIMEOUT,
                  memory_gb: float = limits.MEMORY_GB, regrade: bool = False, lock_wait: float = LOCK_WAIT,
                  progress: Callable[[int], None] | None = None,
                  submit: Callable[..., Any] | None = None, sandbox: bool = True) -> Summary:
    """Grade every submission; ``submit(function, *args)`` may hand the work to another executor (Dask),
    otherwise a local process pool of ``workers`` runs it. Every grading kernel runs in the OS sandbox
    (``sandbox.py``) unless ``sandbox`` is False, which only an operator's explicit --unsafe-no-sandbox asks."""
    course = course.resolve()
    if sandbox:
        from .sandbox import NO_SANDBOX_RISK, problem

        if problem():
            raise NoSandbox(f"Nothing was graded: {problem()}. Install bubblewrap and run this command again. "
                            f"Only if you accept the risk, run it with --unsafe-no-sandbox: {NO_SANDBOX_RISK}")
    students = sorted(p.name for p in (course / "submitted").glob("*") if (p / assignment).is_dir())
    log = completed_log(course, assignment)
    log.parent.mkdir(exist_ok=True)
    _gradebook_free(course, lock_wait)
    from . import record

    summary_put_back = record.start_run(course, assignment)
    if regrade and log.exists():
        log.unlink()
    summary = Summary()
    summary.tampering.extend(f"{p.sentence()}; changed during a grading run that stopped half-way"
                             for p in summary_put_back)
    done = _done_before(log)
    summary.skipped = [s for s in students if s in done]
    todo = []
    for student in (s for s in students if s not in done):
        intake = look_at(course, assignment, student)
        if intake.notes:
            summary.problems[student] = intake.notes
        if intake.blocking:
            summary.failed.append(Outcome(student, False, intake.blocking))
            summary.flag(student, f"could not be graded: {intake.blocking}")
            if progress:
                progress(1)
        else:
            todo.append(student)
    import course as package

    with tempfile.TemporaryDirectory(prefix="course-gradebook-") as scratch:
        snapshot = Path(scratch) / "gradebook.db"
        copy_assignment(course, assignment, snapshot)
        guard = Guard.take([Path(package.__file__).parent, course / "solutions", course / "submitted",
                            course / "heldout", course / "nbgrader_config.py", _exchange_root(course)],
                           Path(scratch) / "guarded")
        limits_ = (cell_timeout, memory_gb, sandbox)

        def keep(outcome: Outcome) -> None:
            restored = guard.restore_changes()
            if restored:  # by the notebook that just finished, or one still running
                summary.tampering.append(f"{'; '.join(restored[:3])}: put back; changed while grading "
                                         f"{outcome.student} (or a notebook still running)")
                if workers == 1 and not submit:  # one notebook at a time: it was this one
                    summary.flag(outcome.student, "files outside its own copy changed while it ran (put back)")
            if outcome.ok:
                _keep_and_save(course, assignment, outcome, summary, log, lock_wait)
                for reason in what_happened(outcome.files, memory_gb):
                    summary.flag(outcome.student, reason)
            else:
                summary.failed.append(outcome)
                summary.flag(outcome.student, f"could not be graded: {outcome.message}"
                             + (f" (the full error is in {_error_log(course, assignment, outcome)})"
                                if outcome.log.strip() else ""))
            if progress:
                progress(1)

        if submit:
            futures = {submit(execute_submission, str(course), assignment, s, str(snapshot), *limits_): s
                       for s in todo}
            for future in _as_completed(futures):
                keep(_result(future, futures[future]))
        else:
            run_in_pool(execute_submission, todo, lambda s: (str(course), assignment, s, str(snapshot), *limits_),
                        workers, keep=lambda _student, outcome: keep(outcome),
                        failed=lambda student, reason: keep(Outcome(student, False, reason)))
    from .verify import verify

    ran = [*summary.graded, *(o.student for o in summary.failed)]
    for put in record.end_run(course, assignment, ran):
        summary.tampering.append(f"{put.sentence()}; changed while this run graded other learners")
    mismatches = verify(course, assignment)
    record.close_run(course, assignment)
    summary.corrected = len(mismatches)
    for mismatch in mismatches:
        summary.flag(mismatch.student, f"its notebook's own score disagreed with the saved answers: "
                                       f"{mismatch.sentence().split(': ', 1)[1]} The score from the saved answers "
                                       "counts.")
    from . import flags

    flags.record(course, assignment, summary.flags, [*summary.graded, *(o.student for o in summary.failed)])
    return summary


LIMIT_SIGNS = {
    '"ename": "CellTimeoutError"': "a cell ran past the time limit and was stopped",
    '"ename": "MemoryError"': "a cell went past the memory limit ({memory:g} GB) and was stopped",
    "Read-only file system": "it tried to change a file outside its own folder; the sandbox refused",
    "Output cut:": "it printed more than grading keeps; the output was cut",
    "Output truncated": "it printed more than grading keeps; the output was cut",
}


def what_happened(files: dict[str, bytes], memory_gb: float) -> list[str]:
    """What an instructor should know about a graded notebook, read from its autograded copy: limits hit, writes
    the sandbox refused, files outside its folder it tried to reach, output that was cut."""
    text = "\n".join(data.decode("utf-8", "replace") for name, data in files.items() if name.endswith(".ipynb"))
    found = [reason.format(memory=memory_gb) for sign, reason in LIMIT_SIGNS.items() if sign in text]
    if (OUTSIDE.search(text) or "unable to open database file" in text) \
            and LIMIT_SIGNS["Read-only file system"] not in found:
        found.append("it tried to reach files outside its own folder; the sandbox does not show them")
    return found


# An error on an absolute path (the gradebook, another learner's folder): in the sandbox, such paths do not exist.
OUTSIDE = re.compile(r'"ename": "(?:FileNotFoundError|PermissionError|OperationalError|NotADirectoryError)",\s*'
                     r'"evalue": "[^"]*(?:\\u2018|\'|\\")?/(?!tmp/matplotlib)[^"]*"')


def _error_log(course: Path, assignment: str, outcome: Outcome) -> str:
    """Keep nbgrader's whole log for a notebook it could not grade; where it is, for the instructor."""
    path = course / ".grading" / f"{assignment}.errors.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"==== {outcome.student}\n{outcome.log.strip()}\n")
    return str(path.relative_to(course))


def _gradebook_free(course: Path, lock_wait: float) -> None:
    """Stop before grading anything when another program holds a SQLite gradebook past ``lock_wait`` seconds, or
    a database server (PostgreSQL, where several programs write at once) cannot be reached."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    try:
        with open_gradebook(course, wait=lock_wait) as book:
            book.db.execute(text("UPDATE student SET id = id WHERE 1 = 0"))  # a write: waits for other writers
            book.db.rollback()
    except OperationalError as error:
        if sqlite_file(course) is None:
            raise GradebookBusy(f"The gradebook database ({shown(course)}) cannot be reached: "
                                f"{str(error.orig).strip().splitlines()[0][:200]}. Nothing was graded and nothing "
                                "is lost: check that the database server is running and the address in "
                                "nbgrader_config.py (c.CourseDirectory.db_url), then run this command again.") \
                from error
        raise GradebookBusy(f"The gradebook ({shown(course)}) is in use by another program (the "
                            f"formgrader, or another grading run?) and stayed locked for {lock_wait:g} s. "
                            "Nothing was graded and nothing is lost: close the other program and run this "
                            "command again.") from error


def _keep_and_save(course: Path, assignment: str, outcome: Outcome, summary: Summary, log: Path,
                   lock_wait: float) -> None:
    """The parent's part for a notebook that ran: keep its autograded folder, save its grades, log it done."""
    from sqlalchemy.exc import OperationalError

    keep_autograded(course, assignment, outcome)
    impossible: list[str] = []
    try:
        summary.waiting += save_grades(course, assignment, outcome.student, lock_wait, impossible)
    except OperationalError:
        summary.failed.append(Outcome(outcome.student, False, "the gradebook was locked by another program (or "
                                      "its database server could not be reached), so this grade was not saved; it "
                                      "is graded again on the next run"))
        return
    summary.graded.append(outcome.student)
    for what in impossible:
        summary.flag(outcome.student, f"a score no cell can hold ({what}); the saved answers' score counts")
    if _stopped_at_time_limit(course / "autograded" / outcome.student / assignment):
        summary.timed_out.append(outcome.student)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"student": outcome.student}) + "\n")


def _result(future: Any, student: str) -> Outcome:
    try:
        return future.result()
    except Exception as error:  # a worker that died: reported, the batch goes on
        return Outcome(student, False, f"the grading worker stopped ({type(error).__name__})")


def _as_completed(futures: dict) -> Any:
    """Futures of another executor (e.g. Dask) in the order they finish."""
    try:
        from distributed import as_completed
    except ImportError:  # a plain concurrent.futures executor handed in
        return concurrent.futures.as_completed(futures)
    return as_completed(list(futures))
