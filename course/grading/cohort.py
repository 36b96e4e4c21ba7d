"""Set up a cohort's course folder: nbgrader's configuration, an exchange inside the folder, the gradebook and
every assignment generated, so that release, collect and autograde work from the first command.

nbgrader alone needs a course id and an exchange root before ``release_assignment`` works (and creates
/usr/local/share/nbgrader/exchange when it has none), and ``generate_assignment`` silently skips an assignment
whose release folder exists. This does all of it once, from the course repository's own configuration.

The gradebook is SQLite (``gradebook.db`` in the folder) unless ``db_url`` names a PostgreSQL database, which
several graders can write to at once: it is written into the cohort's configuration (nbgrader's
``c.CourseDirectory.db_url``), so every ``course cohort`` command and nbgrader's own commands use it.
"""

from __future__ import annotations

import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import heldout

COURSE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
MARK = "# --- this cohort (written by `course cohort create`) ---"


class CohortProblem(ValueError):
    """The cohort cannot be set up; the message says why."""


@dataclass
class Cohort:
    folder: Path
    course_id: str
    assignments: list[str]

    @property
    def exchange(self) -> Path:
        return self.folder / "exchange"


def create(folder: Path, course_id: str, repository: Path, seed: int | None = None,
           db_url: str | None = None) -> Cohort:
    """Create (or complete) the cohort folder ``folder`` from the course ``repository`` (with solutions/), with
    held-out data for the hidden tests made from ``seed`` (a random one when None; kept once made), and its
    gradebook in the PostgreSQL database ``db_url`` (kept from an earlier run when None), else SQLite."""
    if not COURSE_ID.fullmatch(course_id):
        raise CohortProblem(f"The course id “{course_id[:40]}” can only hold letters, digits, '-' and '_' "
                            "(at most 64), starting with a letter or digit.")
    repository = repository.resolve()
    if not (repository / "solutions").is_dir() or not (repository / "nbgrader_config.py").is_file():
        raise CohortProblem(f"{repository} is not the course repository: it needs solutions/ and nbgrader_config.py "
                            "(clone the course's repository; the installed package ships no solutions).")
    folder = folder.resolve()
    if folder == repository:
        raise CohortProblem("Create the cohort in its own folder, not inside the course repository.")
    config = folder / "nbgrader_config.py"
    if config.exists() and MARK in config.read_text("utf-8") and f'"{course_id}"' not in config.read_text("utf-8"):
        raise CohortProblem(f"{folder} already holds another cohort; pick a new folder for {course_id}.")
    if db_url is not None:
        db_url = _checked_database(db_url)
    elif config.exists() and MARK in config.read_text("utf-8"):
        from .gradebook import configured_url

        db_url = configured_url(folder)  # completing a cohort keeps its gradebook where it is
    folder.mkdir(parents=True, exist_ok=True)
    exchange = folder / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o1777)  # learners on a shared machine or hub write here; only owners may rename or remove
    base = (repository / "nbgrader_config.py").read_text("utf-8")
    config.write_text(f'{base.rstrip()}\n\n{MARK}\n'
                      '# Paths are the folder this file is in: a copied or moved cohort folder points at itself.\n'
                      'import os as _os\n_cohort = _os.path.dirname(_os.path.abspath(__file__))\n'
                      'c.CourseDirectory.root = _cohort\n'
                      f'c.CourseDirectory.course_id = "{course_id}"\n'
                      'c.Exchange.root = _os.path.join(_cohort, "exchange")\n'
                      'c.Exchange.path_includes_course = True\n'
                      'c.ExchangeFactory.collect = "course.grading.exchange.RosterCollect"\n'
                      + (f'c.CourseDirectory.db_url = {db_url!r}\n' if db_url else "") +
                      '# Grading kernels run sandboxed, under limits, and read the cohort\'s own held-out data.\n'
                      'c.Execute.kernel_manager_class = "course.grading.limits.LimitedKernelManager"\n'
                      'c.LimitedKernelManager.heldout = _os.path.join(_cohort, "heldout")\n'
                      'c.LimitedKernelManager.hidden = [_cohort, _os.path.join(_cohort, "exchange")]\n',
                      encoding="utf-8")
    if not (folder / "heldout").is_dir():
        heldout.make(folder / "heldout", repository, secrets.randbelow(2**31) if seed is None else seed)
    source = folder / "solutions"
    names = sorted(p.name for p in (repository / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))
    for name in names:
        if not (source / name).exists():
            shutil.copytree(repository / "solutions" / name, source / name)
    _generate(folder, names)
    return Cohort(folder, course_id, names)


def _checked_database(db_url: str) -> str:
    """The gradebook address to write, naming the psycopg driver (the postgres extra's) when it names none;
    refused, with the reason, when it is not a PostgreSQL database this machine can reach."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    try:
        url = make_url(db_url)
    except ArgumentError:
        raise CohortProblem("The gradebook address (--db-url) must look like "
                            "postgresql://user@host:5432/database.") from None
    if url.get_backend_name() != "postgresql":
        raise CohortProblem(f"The gradebook address (--db-url) must be a PostgreSQL database (postgresql://...), "
                            f"not {url.get_backend_name()}; leave it out for a SQLite gradebook in the folder.")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    shown = url.render_as_string(hide_password=True)
    try:
        engine = create_engine(url)
    except (ImportError, NoSuchModuleError):
        raise CohortProblem(f"A PostgreSQL gradebook needs its database driver ({url.drivername}): "
                            "pip install 'ai-adoption-course[instructor,postgres]'") from None
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0][:200]
        raise CohortProblem(f"The gradebook database {shown} cannot be reached ({reason}). Check that the "
                            "server runs, that the database exists and who may sign in to it.") from None
    finally:
        engine.dispose()
    return url.render_as_string(hide_password=False)


def _generate(folder: Path, names: list[str]) -> None:
    """Every assignment into the gradebook and the release folder, with nbgrader's own API (forced, so an
    existing release folder is made again rather than silently skipped)."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    from .gradebook import open_gradebook

    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    with open_gradebook(folder):
        pass  # created here, with the course's environment on PATH
    api = NbGraderAPI(config=config)
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise CohortProblem(f"nbgrader could not generate {name}:\n{result.get('error') or result.get('log')}")


def api_for(course: Path, *, replace_release: bool = False) -> Any:
    """nbgrader's Python API on the cohort folder ``course``, with its own configuration; ``replace_release``
    lets a release replace the version learners can already fetch."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    if replace_release:
        config.ExchangeReleaseAssignment.force = True
    return NbGraderAPI(config=config)


def result_problem(result: dict[str, Any]) -> str:
    """The last meaningful line of a failed nbgrader call, in a sentence."""
    lines = [line for line in (result.get("error") or result.get("log") or "").splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else "nbgrader gave no reason"


@dataclass
class FeedbackRun:
    released: list[str]
    waiting: dict[str, int]        # learner -> items still waiting for a person: no feedback until they are graded
    failed: dict[str, str]


def release_feedback(course: Path, assignment: str) -> FeedbackRun:
    """Feedback for every graded submission, released to the exchange; a submission with an item still waiting
    for a person gets none yet (its feedback would show that item as 0)."""
    from .gradebook import open_gradebook

    with open_gradebook(course) as book:
        waiting = {s.student.id: sum(g.needs_manual_grade for nb in s.notebooks for g in nb.grades)
                   for s in book.assignment_submissions(assignment)}
    api = api_for(course)
    run = FeedbackRun([], {s: n for s, n in waiting.items() if n}, {})
    for student in sorted(s for s, n in waiting.items() if not n):
        result = api.generate_feedback(assignment, student, force=True)
        if result["success"]:
            result = api.release_feedback(assignment, student)
        if result["success"]:
            run.released.append(student)
        else:
            run.failed[student] = result_problem(result)
    return run
