"""The ``course`` command: start the course for a learner, build the exercises for an instructor."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

import click

from . import app as app_view
from .launch import INSTALL_HINT, installed, run_until_stopped
from .workspace import DEFAULT_FOLDER, fresh_lab_layout, prepare_workspace, write_lab_settings

# What `course lab` asks of JupyterLab: the course's server extension (no code on screen; notebooks saved with a
# plain sentence where a form was) and the page stylesheet it serves.
LAB_CONFIG = Path(__file__).resolve().parent / "lab_config"
# Learning alone (no cohort's nbgrader_config.py handed out by a facilitator): no Nbgrader menu and no Validate
# button either, only the course.
LAB_CONFIG_ALONE = Path(__file__).resolve().parent / "lab_config_alone"
LAB_SETTINGS = ("--ServerApp.jpserver_extensions=course.lab_extension=True", "--LabApp.custom_css=True",
                # nbgrader's instructor tools are not served to learners (and do not warn about a missing config).
                "--ServerApp.jpserver_extensions=nbgrader.server_extensions.formgrader=False",
                "--ServerApp.jpserver_extensions=nbgrader.server_extensions.course_list=False",
                # A lesson left open in no tab stops after 15 idle minutes; its answers are already saved.
                "--MappingKernelManager.cull_idle_timeout=900", "--MappingKernelManager.cull_interval=60",
                # The terminal says where the course is and little else: no extension-by-extension log, no
                # notices meant for developers.
                "--ServerApp.log_level=ERROR", "--LabApp.log_level=ERROR")


def in_a_cohort() -> bool:
    """Whether this learner belongs to a group course: the nbgrader_config.py a facilitator hands out (course and
    exchange) is in one of the learner's Jupyter configuration folders, such as ~/.jupyter. (An instructor's course
    folder also holds one, so the folder the course is started from does not count.)"""
    from jupyter_core.paths import jupyter_config_path

    return any((Path(folder) / "nbgrader_config.py").is_file() for folder in jupyter_config_path())


@click.group(help="Leading AI adoption: a hands-on course for people managers.")
@click.version_option(package_name="ai-adoption-course")
def main() -> None:
    pass


@main.command(context_settings={"ignore_unknown_options": True})
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER,
              show_default=True, help="Where your course workspace lives.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option("--port", type=int, default=None, help="Port for JupyterLab (default: the first free one).")
@click.argument("jupyter_args", nargs=-1, type=click.UNPROCESSED)
def lab(folder: Path, no_browser: bool, port: int | None, jupyter_args: tuple[str, ...]) -> None:
    """Set up your course workspace (lessons, exercises, data) and open it in JupyterLab."""
    try:
        report = prepare_workspace(folder)
    except OSError as error:
        raise click.ClickException(f"The workspace folder {folder} could not be set up: {error}") from None
    click.echo(report.sentence())
    settings = report.folder / ".course" / "lab-settings"
    write_lab_settings(settings)
    from .home import write_home

    home = write_home(report.folder)
    # nbgrader's instructor tools (formgrader, Create Assignment, course list) are off for learners; the
    # Assignments tab stays for cohorts, and goes for a learner on their own.
    alone = [] if in_a_cohort() else [str(LAB_CONFIG_ALONE)]
    config_path = os.pathsep.join(p for p in (*alone, str(LAB_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH", ""))
                                  if p)
    layouts = report.folder / ".course" / "lab-workspaces"
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTER_CONFIG_PATH": config_path,
           "JUPYTERLAB_WORKSPACES_DIR": str(layouts)}
    fresh_lab_layout(layouts, home.name)  # the course home first, alone, with the file list folded away
    # (-W: a library's notice to developers is not printed to a learner's terminal; kernels are not affected.)
    command = [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "jupyterlab",
               f"--ServerApp.root_dir={report.folder}",
               f"--LabApp.default_url=/lab/tree/{quote(home.name)}", *LAB_SETTINGS]
    if no_browser:
        command.append("--no-browser")
    if port:
        command.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    command += list(jupyter_args)
    if not installed("jupyterlab"):
        raise click.ClickException(f"JupyterLab is not installed. Install the course with: {INSTALL_HINT}")
    click.echo("Starting JupyterLab. Stop it with Ctrl+C in this window when you are done.")
    # JupyterLab runs in the workspace: nbgrader fetches assignments into the folder it was started in.
    raise SystemExit(run_until_stopped(command, folder=report.folder, env=env))


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("lesson", required=False, default="")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER,
              show_default=True, help="Where your course workspace lives.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option("--port", type=int, default=None, help="Port for the app (default: the first free one from 8866).")
@click.argument("voila_args", nargs=-1, type=click.UNPROCESSED)
def app(lesson: str, folder: Path, no_browser: bool, port: int | None, voila_args: tuple[str, ...]) -> None:
    """Open one lesson as an app, without code: course app 02. Answers are shared with JupyterLab."""
    try:
        report = prepare_workspace(folder)
    except OSError as error:
        raise click.ClickException(f"The workspace folder {folder} could not be set up: {error}") from None
    click.echo(report.sentence())
    try:
        notebook = app_view.find_lesson(lesson, report.folder / app_view.LESSONS_FOLDER)
    except app_view.LessonNotFound as problem:
        raise click.ClickException(str(problem)) from None
    if not installed("voila"):
        raise click.ClickException(f"The app view needs Voila. Install the course with: {INSTALL_HINT}")
    port = port or app_view.first_free_port()
    command = app_view.voila_command(notebook, port=port, no_browser=no_browser, extra_args=voila_args)
    click.echo(f"Lesson {app_view.lesson_label(notebook)} opens as an app at {app_view.app_url(port)}")
    click.echo("The lesson runs before it shows, which takes a few seconds. "
               "Stop it with Ctrl+C in this window when you are done.")
    raise SystemExit(run_until_stopped(command, folder=notebook.parent, env=app_view.voila_environment(os.environ)))


@main.command()
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."),
              show_default=True, help="The course repository (with solutions/ and nbgrader_config.py).")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the student versions (default: exercises/ in the repository).")
def build(root: Path, into: Path | None) -> None:
    """Make the student versions in exercises/ from solutions/ with nbgrader (instructors)."""
    if not (root / "solutions").is_dir() or not (root / "nbgrader_config.py").is_file():
        raise click.ClickException(f"{root.resolve()} is not the course repository: it needs solutions/ and "
                                   "nbgrader_config.py.")
    try:
        from .build import BuildError, generate
    except ImportError:
        raise click.ClickException("Building exercises needs nbgrader: pip install "
                                   "'ai-adoption-course[instructor]'") from None
    try:
        names = generate(root, into or root / "exercises")
    except BuildError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Built {len(names)} assignment(s): {', '.join(names)}.")


@main.group(help="Run a cohort's grading (instructors; needs the course's instructor extra).")
def cohort() -> None:
    pass


@cohort.command()
@click.argument("assignment", required=False)
@click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The course folder (with nbgrader_config.py and gradebook.db).")
@click.option("--dry-run", is_flag=True, help="Report what differs without changing the gradebook.")
def verify(assignment: str | None, course_dir: Path, dry_run: bool) -> None:
    """Check every graded score against what the learners' saved answers earn and against the record of scores
    kept outside the gradebook: autograded scores a notebook reported wrongly are corrected and flagged, and
    scores changed by a grading run that stopped half-way are put back. Every assignment unless one is named."""
    _nbgrader_needed()
    from .grading.gradebook import open_gradebook, sqlite_file

    gradebook = sqlite_file(course_dir)
    if gradebook is not None and not gradebook.is_file():
        raise click.ClickException(f"There is no gradebook in {course_dir}: run course cohort grade first.")
    from .grading import record
    from .grading.verify import verify as recompute

    with open_gradebook(course_dir) as book:
        names = [a.name for a in book.assignments]
    if assignment is not None and assignment not in names:
        raise click.ClickException(f"{assignment} is not an assignment of this cohort ({', '.join(names)}).")
    if not dry_run:
        for put in record.settle(course_dir):
            click.echo(f"Put back: {put.sentence()}; changed during a grading run that stopped half-way.")
        kept = record.keep(course_dir, by="people, between grading runs")
        if kept:
            click.echo(f"{kept} score(s) given by people since the last check are now in the record.")
    mismatches = [m for name in ([assignment] if assignment else names)
                  for m in recompute(course_dir, name, fix=not dry_run)]
    if not dry_run:
        record.keep(course_dir, by="verify")
    shown = assignment or "any assignment"
    if not mismatches:
        click.echo(f"Every autograded score of {shown} matches the learners' saved answers.")
        return
    action = "would be corrected" if dry_run else "were corrected and flagged for a person"
    click.echo(f"{len(mismatches)} score(s) {action}:")
    for mismatch in mismatches:
        click.echo(f"  {mismatch.sentence()}")


@cohort.command()
@click.argument("roster_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The course folder (with nbgrader_config.py).")
def roster(roster_file: Path, course_dir: Path) -> None:
    """Add the learners of a CSV roster (id, and optionally first_name, last_name, email, hub_username) to the
    gradebook in one go; lines that cannot be used are listed by number and nothing else is changed for them.
    hub_username is the name a learner signs in to the hub with: their submissions are filed under the id."""
    if not installed("nbgrader"):
        raise click.ClickException("nbgrader is not installed. Install the course with: "
                                   "pip install 'ai-adoption-course[instructor]'")
    from .grading.roster import RosterProblem, add_to_gradebook, read_roster

    try:
        read = read_roster(roster_file.read_bytes())
    except RosterProblem as problem:
        raise click.ClickException(str(problem)) from None
    added = add_to_gradebook(course_dir, read.learners)
    click.echo(f"{len(read.learners)} learner(s) on the roster, {added} new in the gradebook.")
    if read.problems:
        click.echo(f"{len(read.problems)} line(s) not used:")
        for problem in read.problems[:50]:
            click.echo(f"  {problem}")
        if len(read.problems) > 50:
            click.echo(f"  … and {len(read.problems) - 50} more")



@cohort.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--course-id", required=True, help="A short name for the cohort, e.g. managers-2026-spring.")
@click.option("--repository", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The course repository (with solutions/ and nbgrader_config.py).")
@click.option("--seed", type=click.IntRange(0, 2**31 - 1), default=None,
              help="The seed of the cohort's own held-out data for hidden tests (random when not given).")
@click.option("--db-url", default=None, metavar="postgresql://USER@HOST:PORT/DATABASE",
              help="Keep the gradebook in this PostgreSQL database (several graders at once; the postgres extra); "
                   "without it the gradebook is gradebook.db in the folder.")
def create(folder: Path, course_id: str, repository: Path, seed: int | None, db_url: str | None) -> None:
    """Set up a cohort's course folder: nbgrader configuration, an exchange inside it, the gradebook and every
    assignment generated, ready for nbgrader release_assignment."""
    if not installed("nbgrader"):
        raise click.ClickException("nbgrader is not installed. Install the course with: "
                                   "pip install 'ai-adoption-course[instructor]'")
    from .grading.cohort import CohortProblem
    from .grading.cohort import create as create_cohort

    try:
        made = create_cohort(folder, course_id, repository, seed, db_url)
    except CohortProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Cohort {made.course_id} is ready in {made.folder}: {len(made.assignments)} assignments "
               f"({', '.join(made.assignments)}); the exchange is {made.exchange}. Next: cd {made.folder} and "
               "run course cohort release <assignment>.")



@cohort.command()
@click.option("--learner", help="The id of the learner whose records are removed.")
@click.option("--everyone", is_flag=True, help="Remove every learner record of the cohort.")
@click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The cohort folder (made by course cohort create).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(learner: str | None, everyone: bool, course_dir: Path, yes: bool) -> None:
    """Remove a learner's records (or every learner's) from the gradebook, the exchange and the cohort folder;
    docs/data-inventory.md lists where learner data lives and what this removes."""
    if bool(learner) == everyone:
        raise click.ClickException("Say whose records to remove: --learner ID, or --everyone.")
    if not (course_dir / "nbgrader_config.py").is_file():
        raise click.ClickException(f"{course_dir} is not a cohort folder (no nbgrader_config.py).")
    who = f"learner {learner}" if learner else "every learner of the cohort"
    if not yes and not click.confirm(f"Remove all records of {who}? This cannot be undone."):
        raise click.ClickException("Nothing was removed.")
    from .grading.purge import purge_cohort, purge_learner

    done = purge_learner(course_dir, learner) if learner else purge_cohort(course_dir)
    if not done.removed:
        click.echo(f"There were no records of {who}.")
        return
    click.echo(f"Removed {len(done.removed)} record(s) of {who}:")
    for what in done.removed:
        click.echo(f"  {what}")



@cohort.command()
@click.argument("assignment")
@click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The cohort folder (with nbgrader_config.py and submitted/).")
@click.option("--workers", type=click.IntRange(1, 256), default=os.cpu_count() or 1, show_default=True,
              help="How many notebooks run at once.")
@click.option("--cell-timeout", type=click.IntRange(1, 3600), default=60, show_default=True,
              help="Seconds one cell of a learner's notebook may run.")
@click.option("--memory-limit", type=click.FloatRange(0.5, 1024), default=3, show_default=True,
              help="Memory (GB of address space) one learner's notebook may use while it is graded.")
@click.option("--regrade", is_flag=True, help="Grade everyone again, not only what an earlier run did not finish.")
@click.option("--dask", "scheduler", default=None, help="Hand the notebooks to a Dask scheduler at this address.")
@click.option("--unsafe-no-sandbox", "unsafe", is_flag=True,
              help="Grade even where learners' notebooks cannot run in the OS sandbox (bubblewrap). Unsafe: a "
                   "notebook then runs with your rights and can change the gradebook and other learners' work.")
def grade(assignment: str, course_dir: Path, workers: int, cell_timeout: int, memory_limit: float, regrade: bool,
          scheduler: str | None, unsafe: bool) -> None:
    """Autograde every collected submission in parallel (one process writes the gradebook), then recompute every
    score from the saved answers. A run that stops resumes where it stopped."""
    if not installed("nbgrader"):
        raise click.ClickException("nbgrader is not installed. Install the course with: "
                                   "pip install 'ai-adoption-course[instructor]'")
    from tqdm import tqdm

    from .grading.parallel import GradebookBusy, NoSandbox, grade_cohort

    submitted = [p for p in (course_dir / "submitted").glob(f"*/{assignment}") if p.is_dir()]
    if not submitted:
        raise click.ClickException(f"There are no collected submissions of {assignment} in {course_dir}/submitted: "
                                   f"run nbgrader collect {assignment} first.")
    client = None
    if scheduler:
        from distributed import Client

        client = Client(scheduler)
    with tqdm(total=len(submitted), unit="notebook", desc=f"Grading {assignment}") as bar:
        try:
            summary = grade_cohort(course_dir, assignment, workers=workers, cell_timeout=cell_timeout,
                                   memory_gb=memory_limit, regrade=regrade, progress=bar.update,
                                   submit=client.submit if client else None, sandbox=not unsafe)
        except (GradebookBusy, NoSandbox) as refused:
            raise click.ClickException(str(refused)) from None
    if unsafe:
        click.echo("Graded WITHOUT the sandbox (--unsafe-no-sandbox): learners' notebooks ran with your rights.")
    click.echo(summary.sentence())
    for failure in summary.failed:
        click.echo(f"  not graded: {failure.student}: {failure.message}")
    for student, notes in sorted(summary.problems.items()):
        click.echo(f"  look at the submission of {student}: {'; '.join(notes)}")
    for what in summary.tampering:
        click.echo(f"  look at this: {what}")
    for student, reasons in sorted(summary.flags.items()):
        click.echo(f"  flagged: {student}: {'; '.join(reasons)}")



@cohort.command()
@click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
              show_default=True, help="The cohort folder.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("cohort report.html"),
              show_default=True, help="Where to write the report (a web page).")
def report(course_dir: Path, out: Path) -> None:
    """A report for HR and instructors: completion and scores by module and learner, the items most learners
    miss, and what the course's checkers found most often."""
    if not installed("nbgrader"):
        raise click.ClickException("nbgrader is not installed. Install the course with: "
                                   "pip install 'ai-adoption-course[instructor]'")
    from .grading.report import report_html, write_notebook

    out.write_text(report_html(course_dir), encoding="utf-8")
    notebook = write_notebook(course_dir)
    click.echo(f"The cohort report is in {out}; {notebook} shows it in JupyterLab, with its tables to sort.")



def _nbgrader_needed() -> None:
    if not installed("nbgrader"):
        raise click.ClickException("nbgrader is not installed. Install the course with: "
                                   "pip install 'ai-adoption-course[instructor]'")


COHORT_FOLDER = click.option("--course", "course_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                             default=".", show_default=True, help="The cohort folder (made by course cohort create).")


@cohort.command()
@click.argument("assignment")
@COHORT_FOLDER
@click.option("--again", is_flag=True, help="Replace a version already released (learners who fetched it keep theirs).")
def release(assignment: str, course_dir: Path, again: bool) -> None:
    """Release an assignment to the cohort's exchange, for learners to fetch from the Assignments tab."""
    _nbgrader_needed()
    from .grading.cohort import api_for, result_problem

    result = api_for(course_dir, replace_release=again).release_assignment(assignment)
    if not result["success"]:
        problem = result_problem(result)
        if "already exists" in problem:
            raise click.ClickException(f"{assignment} is already released. To replace the released version (learners "
                                       f"who fetched it keep theirs), run: course cohort release {assignment} --again")
        raise click.ClickException(f"{assignment} was not released: {problem}")
    click.echo(f"{assignment} is released: learners fetch it from the Assignments tab.")


@cohort.command()
@click.argument("assignment")
@COHORT_FOLDER
def collect(assignment: str, course_dir: Path) -> None:
    """Collect the learners' submissions of an assignment from the exchange into submitted/."""
    _nbgrader_needed()
    from .grading.cohort import api_for, result_problem
    from .grading.exchange import NOT_COLLECTED

    result = api_for(course_dir).collect(assignment)
    if not result["success"]:
        raise click.ClickException(f"{assignment} was not collected: {result_problem(result)}")
    count = len([p for p in (course_dir / "submitted").glob(f"*/{assignment}") if p.is_dir()])
    click.echo(f"{count} submission(s) of {assignment} are in submitted/. Next: course cohort grade {assignment}.")
    for line in (result.get("log") or "").splitlines():
        if NOT_COLLECTED in line:
            click.echo("  " + line[line.index(NOT_COLLECTED):])


@cohort.command()
@click.argument("assignment")
@COHORT_FOLDER
def feedback(assignment: str, course_dir: Path) -> None:
    """Make and release feedback for every fully graded submission; one with an item still waiting for a person
    gets its feedback once that item is graded."""
    _nbgrader_needed()
    from .grading.cohort import release_feedback

    run = release_feedback(course_dir, assignment)
    click.echo(f"Feedback released to {len(run.released)} learner(s).")
    if run.waiting:
        click.echo(f"{len(run.waiting)} learner(s) still have an item waiting for a person (no feedback yet): "
                   + ", ".join(sorted(run.waiting)))
    for learner, problem in run.failed.items():
        click.echo(f"  not released: {learner}: {problem}")


@cohort.command()
@click.argument("assignment")
@click.argument("item")
@COHORT_FOLDER
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the sheet (default: '<assignment> <item> answers.csv').")
def answers(assignment: str, item: str, course_dir: Path, out: Path | None) -> None:
    """Every learner's saved answer to an item a person grades, with the checker's notes, in one spreadsheet to
    score with the rubric (fill in the score and comment columns, then run course cohort scores)."""
    _nbgrader_needed()
    from .grading.manual import answers_sheet

    out = out or course_dir / f"{assignment} {item} answers.csv"
    try:
        count = answers_sheet(course_dir, assignment, item, out)
    except ValueError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"{count} answer(s) are in {out}: fill in score and comment, then run "
               f"course cohort scores {assignment} {item} \"{out.name}\".")


@cohort.command()
@click.argument("assignment")
@click.argument("item")
@click.argument("sheet", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@COHORT_FOLDER
def scores(assignment: str, item: str, sheet: Path, course_dir: Path) -> None:
    """Write the scores of a filled-in answers sheet into the gradebook; lines that cannot be used are named."""
    _nbgrader_needed()
    from nbgrader.api import MissingEntry

    from .grading.gradebook import open_gradebook
    from .grading.manual import read_scores, write_scores

    with open_gradebook(course_dir) as book:
        try:
            maximum = next(c.max_score for c in book.find_notebook(assignment, assignment).task_cells
                           if c.name == item)
        except (MissingEntry, StopIteration):
            raise click.ClickException(f"{item} is not an item a person grades in {assignment}.") from None
    read = read_scores(sheet.read_bytes(), maximum)
    unknown = write_scores(course_dir, assignment, item, read)
    click.echo(f"{len(read.scores) - len(unknown)} score(s) written for {item}.")
    for problem in read.problems + [f"{learner}: no such learner in this assignment" for learner in unknown]:
        click.echo(f"  not used: {problem}")


if __name__ == "__main__":
    main()
