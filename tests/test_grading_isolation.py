"""Learner code during grading runs in an OS sandbox (bubblewrap) that sees only its own copy of one submission.

One cohort holds honest learners only; a second holds the same honest learners and one offender for every hostile
kind the course knows of. Both are graded by ``course cohort grade``'s own function. For each offender: the batch
completes, the offender is scored honestly (or 0) and named with the reason; for each honest learner: scores,
submitted files, autograded files and the gradebook's comments are byte for byte what they are without the
offenders; and nothing outside the grading copies changed (the installed package, the environment, the exchange).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import sys
import sysconfig
import threading
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

import course
from course.answers import AnswerStore, answers_file_name
from course.grading import sandbox
from course.grading.parallel import NoSandbox, grade_cohort
from tests.criteria_bars import REJECT_ALL
from tests.nbgrader_course import gradebook, make_course, submit
from tests.test_nbgrader_flow_03 import ASSIGNMENT, STUDENTS

pytestmark = pytest.mark.skipif(bool(sandbox.problem()), reason="needs bubblewrap")  # .ci/run installs it

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ANSWERS = answers_file_name(ASSIGNMENT)
HONEST = {"model": STUDENTS["model"][0], "weak0": STUDENTS["weak0"][0]}
PACKAGE = Path(course.__file__).parent
SITE = Path(sysconfig.get_paths()["purelib"])


def offenders(cohort: Path, port: int) -> dict[str, tuple[str, dict[str, str]]]:
    """Each hostile kind: the code a learner put in a cell of their notebook, and files put beside it."""
    honest = cohort / "submitted" / "model" / ASSIGNMENT
    return {
        "gradebook": (f"import sqlite3\nc = sqlite3.connect(r'{cohort / 'gradebook.db'}')\n"
                      "c.execute('update grade set auto_score = 0, manual_score = 0')\nc.commit()", {}),
        "others": ("\n".join(f"open(r'{path}', 'w').write('{{}}')" for path in [
            honest / ANSWERS, cohort / "autograded" / "model" / ASSIGNMENT / NOTEBOOK,
            cohort / "exchange" / "course" / "inbound" / "model+x" / "x.txt",
            cohort / "feedback" / "model" / ASSIGNMENT / "x.html"]), {}),
        "package": ("\n".join(f"open(r'{path}', 'w').write('raise SystemExit')" for path in [
            PACKAGE / "grade.py", PACKAGE / "__pycache__" / f"grade.{sys.implementation.cache_tag}.pyc",
            SITE / "zz_course_evil.pth", PACKAGE / "evil_module.py"]), {}),
        "beside": ("print('nothing here')", {
            "course.py": f"open(r'{cohort / 'RAN-OUTSIDE'}', 'w').write('course.py ran')\n",
            "sitecustomize.py": f"open(r'{cohort / 'RAN-OUTSIDE'}', 'w').write('sitecustomize ran')\n"}),
        "patch": ("import course.grade\ncourse.grade.points_for = lambda score, points: float(points)", {}),
        "network": (f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3)", {}),
        "snoop": ("import os, sys\nprint(dict(os.environ))\nprint(sys.path)\nprint(os.listdir('/'))\n"
                  f"print(os.listdir(r'{cohort}'))", {}),
        "loop": ("while True:\n    pass", {}),
        "hog": ("hoard = bytearray(3 * 2**30)", {}),
        "chatty": ("print('x' * 50_000_000)", {}),
        "forks": ("import os\nfor _ in range(5000):\n    if os.fork() == 0:\n        import time\n"
                  "        time.sleep(60)\n        os._exit(0)", {}),
        "exits": ("import os\nos._exit(1)", {}),
        "quits": ("import sys\nsys.exit(0)", {}),
        "none_grade": ("wb.grade = lambda *args, **kwargs: None", {}),
        "nan_grade": ("wb.grade = lambda *args, **kwargs: float('nan')", {}),
        "text_grade": ("wb.grade = lambda *args, **kwargs: 'full marks'", {}),
        "damaged": ("print('my answers are fine')", {ANSWERS: '{"schema": 1, "answers": {"reply_crit\x00\x00'}),
        "bloated": ("print('my answers are fine')", {ANSWERS: json.dumps({
            "schema": 1, "assignment": ASSIGNMENT, "answers": {"reply_criteria": {
                "value": "x" * 50_000_000, "saved_at": "2026-12-07T09:00:00+00:00", "engine": "criteria/1",
                "revision": 2}}})}),
        "transformer": ("get_ipython().input_transformers_cleanup.append(\n"
                        "    lambda lines: ['10\\n'] if any('grade(' in line for line in lines) else lines)", {}),
    }


def add_offender(cohort: Path, student: str, code: str, beside: dict[str, str]) -> None:
    """A learner who saved a bar that rejects everything (0 points honestly) and added ``code`` to the notebook."""
    folder = cohort / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    AnswerStore(folder, ASSIGNMENT).save("reply_criteria", REJECT_ALL, engine="criteria/1")
    nb = nbformat.read(cohort / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)
    nb.cells.insert(2, new_code_cell(code))
    nbformat.write(nb, folder / NOTEBOOK)
    for name, text in beside.items():
        (folder / name).write_text(text, encoding="utf-8")


WIDGET_ID = re.compile(rb'"model_id": "[0-9a-f]{32}"')


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by its path inside, with a digest of its bytes (a form's widget id, new at
    every run, read as one)."""
    return {str(p.relative_to(folder)): hashlib.sha256(WIDGET_ID.sub(b'"model_id": "-"', p.read_bytes())).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def grades(cohort: Path) -> dict[str, dict[str, tuple]]:
    with gradebook(cohort) as book:
        return {s.student.id: {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
                               for g in s.notebooks[0].grades} for s in book.assignment_submissions(ASSIGNMENT)}


def comments(cohort: Path, student: str) -> dict[str, tuple]:
    with gradebook(cohort) as book:
        notebook = book.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return {c.name: (c.auto_comment, c.manual_comment) for c in notebook.comments}


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it gets (none may come from a grading kernel)."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                self.server.accept()[0].close()
                self.connections += 1
            except OSError:
                continue

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def cohorts(tmp_path_factory):
    base = make_course(tmp_path_factory.mktemp("base"), ASSIGNMENT)
    for student, answers in HONEST.items():
        submit(base, student, answers, ASSIGNMENT)
    for folder in ("exchange/course/inbound/model+2026", "feedback/model/" + ASSIGNMENT):
        (base / folder).mkdir(parents=True)
        (base / folder / "kept.txt").write_text("an honest learner's file", encoding="utf-8")
    control, attacked = (tmp_path_factory.mktemp(name) / "cohort" for name in ("control", "attacked"))
    shutil.copytree(base, control)
    shutil.copytree(base, attacked)
    listener = Listener()
    environment = tree(Path(sys.prefix)), tree(PACKAGE)
    try:
        for student, (code, beside) in offenders(attacked, listener.port).items():
            add_offender(attacked, student, code, beside)
        clean = grade_cohort(control, ASSIGNMENT, workers=2, cell_timeout=15)
        summary = grade_cohort(attacked, ASSIGNMENT, workers=2, cell_timeout=15)
    finally:
        listener.close()
    return control, attacked, clean, summary, listener, environment


def test_the_batch_completes_and_every_offender_is_graded_or_named(cohorts):
    _control, attacked, _clean, summary, _listener, _environment = cohorts
    everyone = {*HONEST, *offenders(attacked, 0)}
    assert sorted({*summary.graded, *(o.student for o in summary.failed)}) == sorted(everyone)
    scores = grades(attacked)
    for student in summary.graded:
        if student not in HONEST:  # a bar that rejects everything earns nothing, whatever the notebook did
            total = sum((manual if manual is not None else auto) or 0 for auto, manual, _ in scores[student].values())
            assert total == 0, (student, scores[student])


def test_honest_learners_are_byte_for_byte_as_in_a_cohort_without_offenders(cohorts):
    control, attacked, clean, _summary, _listener, _environment = cohorts
    assert clean.flags == {} and clean.corrected == 0
    control_grades, attacked_grades = grades(control), grades(attacked)
    for student in HONEST:
        assert attacked_grades[student] == control_grades[student], student
        assert comments(attacked, student) == comments(control, student), student
        for place in ("submitted", "autograded", "feedback"):
            assert tree(attacked / place / student) == tree(control / place / student), (student, place)
    assert tree(attacked / "exchange") == tree(control / "exchange")


def test_nothing_outside_the_grading_copies_changed(cohorts):
    _control, attacked, _clean, summary, listener, environment = cohorts
    assert (tree(Path(sys.prefix)), tree(PACKAGE)) == environment  # the package, its .pyc and the environment
    assert not (SITE / "zz_course_evil.pth").exists() and not (PACKAGE / "evil_module.py").exists()
    assert not (attacked / "RAN-OUTSIDE").exists()  # files beside the notebook never ran, in or out
    assert listener.connections == 0
    assert summary.tampering == []  # the guard, the second line, had nothing to put back


def test_each_offender_is_named_with_the_reason(cohorts):
    _control, _attacked, _clean, summary, _listener, _environment = cohorts
    flags = {student: " ".join(reasons) for student, reasons in summary.flags.items()}
    assert "own score disagreed with the saved answers" in flags["patch"]
    assert "time limit" in flags["loop"]
    assert "memory limit (3 GB)" in flags["hog"]
    assert "output was cut" in flags["chatty"]
    assert "own score disagreed with the saved answers" in flags["transformer"]  # every graded cell said 10
    assert "a score no cell can hold" in flags["transformer"]  # 10 in a cell worth 4 once stopped the batch
    assert flags["exits"].startswith("could not be graded: Kernel died") and ".errors.log" in flags["exits"], flags
    for student in ("none_grade", "nan_grade", "text_grade"):  # nbgrader reads no number, or text, as full marks
        assert "own score disagreed with the saved answers" in flags[student] \
            or "a score no cell can hold" in flags[student], flags.get(student)
    assert set(flags) - set(HONEST) == set(flags)  # no honest learner is flagged
    for student in ("gradebook", "others"):  # writes outside the copy fail: the paths do not exist in there
        assert student in summary.graded and "outside its own folder" in flags[student], flags.get(student)


def test_a_damaged_or_50_mb_answers_file_is_named_and_graded_from_the_backup(cohorts):
    _control, _attacked, _clean, summary, _listener, _environment = cohorts
    for student in ("damaged", "bloated"):
        assert student in summary.graded
        assert any("graded from the backup copy" in note for note in summary.problems[student]), student
    assert "(50 MB)" in " ".join(summary.problems["bloated"])


def test_a_notebook_sees_no_cohort_folder_and_no_variable_that_names_one(cohorts):
    _control, attacked, _clean, _summary, _listener, _environment = cohorts
    graded = (attacked / "autograded" / "snoop" / ASSIGNMENT / NOTEBOOK).read_text("utf-8")
    shown = "".join(o.get("text", "") for c in nbformat.reads(graded, as_version=4).cells if c.cell_type == "code"
                    for o in c.get("outputs", []))
    assert "FileNotFoundError" in graded  # listing the cohort folder fails
    assert str(attacked) not in shown and str(attacked.parent) not in shown and "HOME': '/tmp'" in shown


def test_output_is_cut_before_it_is_saved(cohorts):
    _control, attacked, _clean, _summary, _listener, _environment = cohorts
    assert (attacked / "autograded" / "chatty" / ASSIGNMENT / NOTEBOOK).stat().st_size < 1_000_000


def test_grading_refuses_without_the_sandbox_unless_the_operator_accepts_the_risk(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from course.cli import main

    cohort = make_course(tmp_path, ASSIGNMENT)
    submit(cohort, "model", HONEST["model"], ASSIGNMENT)
    monkeypatch.setattr(sandbox, "bwrap", lambda: None)
    sandbox.problem.cache_clear()
    try:
        with pytest.raises(NoSandbox, match="--unsafe-no-sandbox"):
            grade_cohort(cohort, ASSIGNMENT, workers=1)
        refused = CliRunner().invoke(main, ["cohort", "grade", ASSIGNMENT, "--course", str(cohort)])
        assert refused.exit_code != 0 and "bubblewrap is not installed" in refused.output
        assert not (cohort / "autograded").exists()
        unsafe = CliRunner().invoke(main, ["cohort", "grade", ASSIGNMENT, "--course", str(cohort), "--workers", "1",
                                           "--unsafe-no-sandbox"])
        assert unsafe.exit_code == 0, unsafe.output
        assert "WITHOUT the sandbox" in unsafe.output and "1 graded" in unsafe.output
    finally:
        sandbox.problem.cache_clear()


def test_the_flags_reach_the_grade_export_and_the_cohort_report(cohorts):
    from course.grading import flags
    from course.grading.export import grade_rows
    from course.grading.report import report_html

    _control, attacked, _clean, _summary, _listener, _environment = cohorts
    kept = flags.every(attacked)
    with gradebook(attacked) as book:
        rows = {row["student_id"]: row["flags"] for row in grade_rows(book, [ASSIGNMENT], flagged=kept)}
    assert "disagreed with the saved answers" in rows["patch"] and "time limit" in rows["loop"]
    assert rows["model"] == "" and rows["weak0"] == ""
    page = report_html(attacked)
    assert "Flagged while grading" in page and "could not be graded" in page and ">exits<" in page


def test_purging_a_learner_removes_what_grading_kept_about_them(cohorts, tmp_path):
    from course.grading import flags
    from course.grading.purge import purge_learner

    _control, attacked, _clean, _summary, _listener, _environment = cohorts
    copy = tmp_path / "cohort"
    shutil.copytree(attacked, copy, ignore=shutil.ignore_patterns("autograded", "submitted"))
    purged = purge_learner(copy, "exits")
    assert "exits" not in flags.read(copy, ASSIGNMENT) and "patch" in flags.read(copy, ASSIGNMENT)
    assert "==== exits" not in (copy / ".grading" / f"{ASSIGNMENT}.errors.log").read_text("utf-8")
    assert any("flags.json: exits" in line for line in purged.removed)


def test_without_the_sandbox_the_record_puts_back_every_score_learner_code_changed(tmp_path):
    """The second line: with the sandbox off (an operator's --unsafe-no-sandbox), code that rewrites the real
    gradebook still loses. Scores changed while the run graded other learners, a person's included, are put back
    from the record kept outside the gradebook, and named."""
    from course.grading.manual import Scores, write_scores

    cohort = make_course(tmp_path, ASSIGNMENT)
    submit(cohort, "model", HONEST["model"], ASSIGNMENT)
    grade_cohort(cohort, ASSIGNMENT, workers=1, cell_timeout=15)
    write_scores(cohort, ASSIGNMENT, "ex2-rubric", Scores({"model": (2.0, "")}))  # a person's score
    before = grades(cohort)["model"]
    code, beside = offenders(cohort, 0)["gradebook"]
    add_offender(cohort, "gradebook", code, beside)
    summary = grade_cohort(cohort, ASSIGNMENT, workers=1, cell_timeout=15, sandbox=False)
    assert grades(cohort)["model"] == before
    put_back = " ".join(summary.tampering)
    assert "model, 03_acceptance_criteria ex2-rubric: 0 was put back to 2" in put_back, summary.tampering
    assert "model, 03_acceptance_criteria ex1-test: 0 was put back to 10" in put_back


def test_a_sandboxed_kernel_ends_when_the_grading_process_that_started_it_is_killed(tmp_path):
    """A grading run killed outright (a timeout's SIGKILL, a crash) leaves no sandbox and no learner code behind."""
    import os
    import subprocess
    import time

    marker = f"{4000 + os.getpid() % 1000}.25"  # 'sleep MARKER' stands in for a kernel running learner code
    work, runtime = tmp_path / "work", tmp_path / "runtime"
    work.mkdir()
    runtime.mkdir()
    inner = sandbox.command(["sleep", marker], workdir=work, runtime=runtime)
    grader = (f"import subprocess, sys; p = subprocess.Popen([sys.executable, '-I', '-m', 'course.grading.rlimits', "
              f"'0', '0', '0', '-', '--', *{inner!r}], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
              f"print(p.pid, flush=True); import time; time.sleep(1); "
              f"import os; os._exit(0)")
    started = subprocess.run([sys.executable, "-c", grader], capture_output=True, text=True, timeout=60,
                             cwd=Path(course.__file__).parent.parent)
    assert started.stdout.strip().isdigit(), started.stderr

    def running() -> list[str]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in line and "python" not in line.split(" ", 1)[0]:
                found.append(line)
        return found

    deadline = time.monotonic() + 20
    while running() and time.monotonic() < deadline:
        time.sleep(0.1)  # the kernel's end is an event in another process tree: polled, at most 20 s
    assert not running(), running()
