"""`course cohort create`: one command sets up a cohort folder that nbgrader's release works in at once, with
the exchange inside the folder, the gradebook made and every assignment generated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from course.cli import main
from tests.nbgrader_course import gradebook, nbgrader
from tests.notebooks import ROOT

SYSTEM_EXCHANGE = Path("/usr/local/share/nbgrader/exchange")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohorts") / "spring"
    result = CliRunner().invoke(main, ["cohort", "create", str(folder), "--course-id", "managers-spring",
                                       "--repository", str(ROOT)])
    assert result.exit_code == 0, result.output
    return folder, result.output


def test_the_cohort_folder_has_its_config_exchange_gradebook_and_every_assignment(cohort):
    folder, output = cohort
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()  # as nbgrader reads it
    assert config.CourseDirectory.course_id == "managers-spring" and config.Exchange.root == str(folder / "exchange")
    assert (folder / "exchange").stat().st_mode & 0o1777 == 0o1777  # sticky: nobody renames what is not theirs
    shipped = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    with gradebook(folder) as book:
        assert sorted(a.name for a in book.assignments) == shipped
    assert all((folder / "exercises" / name / f"{name}.ipynb").is_file() for name in shipped)
    assert "course cohort release" in output


def test_the_cohort_has_held_out_data_of_its_own_that_its_configuration_points_grading_to(cohort):
    import os

    import nbformat
    from nbclient import NotebookClient
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    from course.data import HELDOUT

    folder, _output = cohort
    made = sorted(p.name for p in (folder / "heldout").iterdir())
    assert made == ["meeting_notes.csv", "pilot_log_2.csv", "pilot_weekly_2.csv", "seed.txt", "support_tickets.csv"]
    before = dict(os.environ)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()  # as nbgrader reads it
    assert dict(os.environ) == before  # reading the configuration changes no process's environment
    code = f"import os; where = os.environ[{HELDOUT!r}]; print(where, open(where + '/seed.txt').read())"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    manager = import_item(config.Execute.kernel_manager_class)(config=config)
    NotebookClient(nb, km=manager, timeout=60).execute()  # a grading kernel, as nbgrader's Execute starts it
    where, seed = nb.cells[0].outputs[0]["text"].split(maxsplit=1)
    assert seed.strip() == (folder / "heldout" / "seed.txt").read_text("utf-8").strip()
    assert str(folder) not in where  # in its sandbox, the kernel reads the data at a path that names no folder


def test_release_works_at_once_and_stays_inside_the_cohort_folder(cohort):
    folder, _output = cohort
    existed = SYSTEM_EXCHANGE.exists()
    result = nbgrader("release_assignment", "02_prompt_basics", cwd=folder)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (folder / "exchange" / "managers-spring" / "outbound" / "02_prompt_basics").is_dir()
    assert SYSTEM_EXCHANGE.exists() == existed  # nothing created outside the cohort's folder


def test_creating_again_is_safe_and_another_cohort_in_the_same_folder_is_refused(cohort):
    folder, _output = cohort
    again = CliRunner().invoke(main, ["cohort", "create", str(folder), "--course-id", "managers-spring",
                                      "--repository", str(ROOT)])
    assert again.exit_code == 0, again.output
    other = CliRunner().invoke(main, ["cohort", "create", str(folder), "--course-id", "managers-autumn",
                                      "--repository", str(ROOT)])
    assert other.exit_code != 0 and "already holds another cohort" in other.output


@pytest.mark.parametrize("course_id, repository, words", [
    ("bad id!", ROOT, "can only hold letters"),
    ("ok-id", ROOT / "course", "not the course repository"),
])
def test_a_cohort_that_cannot_be_set_up_says_why(tmp_path, course_id, repository, words):
    result = CliRunner().invoke(main, ["cohort", "create", str(tmp_path / "c"), "--course-id", course_id,
                                       "--repository", str(repository)])
    assert result.exit_code != 0 and words in result.output


def test_releasing_again_says_how_and_then_replaces_the_release(cohort):
    from click.testing import CliRunner

    from course.cli import main

    folder, _output = cohort
    first = CliRunner().invoke(main, ["cohort", "release", "03_acceptance_criteria", "--course", str(folder)])
    assert first.exit_code == 0, first.output
    twice = CliRunner().invoke(main, ["cohort", "release", "03_acceptance_criteria", "--course", str(folder)])
    assert twice.exit_code != 0 and "--again" in twice.output and "--force" not in twice.output
    again = CliRunner().invoke(main, ["cohort", "release", "03_acceptance_criteria", "--again", "--course",
                                      str(folder)])
    assert again.exit_code == 0, again.output


def test_the_roster_help_names_the_hub_username_column():
    from click.testing import CliRunner

    from course.cli import main

    assert "hub_username" in CliRunner().invoke(main, ["cohort", "roster", "--help"]).output


def test_a_copied_cohort_folder_points_at_itself(cohort, tmp_path):
    from traitlets.config.loader import PyFileConfigLoader

    folder, _output = cohort
    copy = tmp_path / "copy of spring"
    shutil.copytree(folder, copy)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(copy)).load_config()
    assert config.CourseDirectory.root == str(copy) and config.Exchange.root == str(copy / "exchange")
    assert config.LimitedKernelManager.heldout == str(copy / "heldout") and str(folder) not in str(config)


def test_collect_names_and_skips_an_oversized_or_broken_submission_and_collects_everyone_else(tmp_path):
    from click.testing import CliRunner

    from course.cli import main

    folder = tmp_path / "autumn"
    made = CliRunner().invoke(main, ["cohort", "create", str(folder), "--course-id", "managers-autumn",
                                     "--repository", str(ROOT)])
    assert made.exit_code == 0, made.output
    with (folder / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("c.CourseDirectory.max_dir_size = 50  # kB, so a test can make an oversized submission\n")
    inbound = folder / "exchange" / "managers-autumn" / "inbound"
    inbound.mkdir(parents=True)
    for learner in ("honest", "huge", "broken"):
        submission = inbound / f"{learner}+03_acceptance_criteria+2026-12-01 10:00:00.000000 UTC"
        submission.mkdir()
        (submission / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC", encoding="utf-8")
        (submission / "03_acceptance_criteria.ipynb").write_text("{}", encoding="utf-8")
    huge = next(inbound.glob("huge+*"))
    (huge / "video.bin").write_bytes(b"0" * 200_000)
    broken = next(inbound.glob("broken+*"))
    (broken / "notes.txt").symlink_to(tmp_path / "nowhere" / "notes.txt")  # points at nothing
    result = CliRunner().invoke(main, ["cohort", "collect", "03_acceptance_criteria", "--course", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "submitted" / "honest" / "03_acceptance_criteria" / "03_acceptance_criteria.ipynb").exists()
    assert not (folder / "submitted" / "huge" / "03_acceptance_criteria").exists()
    assert "Not collected: huge: it is larger than the limit" in result.output
    assert "Not collected: broken: it could not be read" in result.output
    assert huge.exists() and broken.exists()  # nothing a learner handed in is lost
