"""The course home `course lab` opens first: every module with the learner's progress, links that open the lesson
and the exercise, and where to continue, read from the answers files and nothing else."""

from __future__ import annotations

import json

from course.answers import AnswerStore
from course.home import EXERCISE_STARTED, LESSON_STARTED, NOT_STARTED, home_markdown, progress, write_home
from course.workspace import prepare_workspace


def test_a_new_workspace_starts_at_module_00_and_lists_every_module(tmp_path):
    folder = prepare_workspace(tmp_path / "ws").folder
    home = home_markdown(folder)
    assert "**Start here:** [00 Orientation](lessons/00_lesson_orientation.ipynb)" in home
    assert "[Exercise](exercises/05_metrics/05_metrics.ipynb)" in home
    assert "| 08 Capstone: the manager's AI playbook |" in home and "coming later" in home
    assert all(progress(folder, m) == NOT_STARTED for m in ("00", "03", "05"))


def test_progress_follows_the_answers_saved_and_the_home_says_where_to_continue(tmp_path):
    folder = prepare_workspace(tmp_path / "ws").folder
    AnswerStore(folder / "lessons", "02_prompt_basics").save("meeting_summary", {"task": "Summarise"},
                                                              engine="prompt/1")
    assert progress(folder, "02") == LESSON_STARTED
    home = home_markdown(folder)
    assert "**Continue where you left off:** [02 Prompt basics](lessons/02_lesson_prompt_basics.ipynb)" in home
    AnswerStore(folder / "exercises" / "03_acceptance_criteria", "03_acceptance_criteria").save(
        "review_steps", "Every draft is read by the team lead.", engine="text/1")
    assert progress(folder, "03") == EXERCISE_STARTED
    assert ("**Continue where you left off:** [03 Acceptance criteria and quality bars]"
            "(exercises/03_acceptance_criteria/03_acceptance_criteria.ipynb)") in home_markdown(folder)


def test_writing_the_home_replaces_only_the_home(tmp_path):
    folder = prepare_workspace(tmp_path / "ws").folder
    (folder / "Course home.md").write_text("old", encoding="utf-8")
    (folder / "notes.md").write_text("mine", encoding="utf-8")
    write_home(folder)
    assert (folder / "Course home.md").read_text("utf-8").startswith("# Your course home")
    assert (folder / "notes.md").read_text("utf-8") == "mine"


def test_a_save_in_a_form_updates_the_progress_on_the_course_home(tmp_path):
    from course.workbook import Workbook
    from tests.cards_examples import GOOD_CARDS

    folder = prepare_workspace(tmp_path / "ws").folder
    write_home(folder)
    assert "| 05 Metric design and the 60-30-10 rule |" in (folder / "Course home.md").read_text("utf-8")
    form = Workbook("05_metrics", folder=folder / "exercises" / "05_metrics").form(
        "pilot_metric_cards", title="T", points=9)
    form.fill(cards=GOOD_CARDS)
    form.save()
    home = (folder / "Course home.md").read_text("utf-8")
    assert "Exercise started" in home and "**Continue where you left off:** [05 Metric design" in home


def test_course_lab_opens_the_home_in_a_fresh_layout_with_a_working_address_and_a_quiet_terminal(tmp_path,
                                                                                                    monkeypatch):
    """The tabs of last time are not reopened (the saved layout is removed; answers stay), the address JupyterLab
    prints takes its token as a query of its own, and the server logs only warnings."""
    from click.testing import CliRunner

    from course import cli

    started = {}
    monkeypatch.setattr(cli, "run_until_stopped", lambda command, **kw: started.update(command=command, **kw) or 0)
    folder = tmp_path / "ws"
    layout = folder / ".course" / "lab-workspaces" / "default.jupyterlab-workspace"
    layout.parent.mkdir(parents=True)
    layout.write_text('{"data": {"layout-restorer:data": {"main": "thirteen tabs"}}}', "utf-8")
    result = CliRunner().invoke(cli.main, ["lab", "--folder", str(folder), "--no-browser"])
    assert result.exit_code == 0, result.output
    assert not layout.exists() and (folder / "Course home.md").exists()
    saved = [json.loads(p.read_text("utf-8")) for p in layout.parent.iterdir()]  # JupyterLab's own layout file
    assert len(saved) == 1 and "thirteen tabs" not in json.dumps(saved)
    restored = saved[0]["data"]["layout-restorer:data"]
    assert restored["main"]["current"] == "markdownviewer-widget:Course home.md" and restored["left"]["collapsed"]
    assert "--LabApp.default_url=/lab/tree/Course%20home.md" in started["command"]  # no "?" for the token to follow
    assert "--ServerApp.log_level=ERROR" in started["command"]
    assert started["env"]["JUPYTERLAB_WORKSPACES_DIR"] == str(layout.parent.resolve())


def test_an_exercise_with_every_form_answered_is_done_and_the_home_moves_on(tmp_path):
    from course.home import EXERCISE_DONE, exercise_tasks
    from tests.answers_for_00 import CONFIDENCE, FIRST, RIGHT, RULE

    folder = prepare_workspace(tmp_path / "ws").folder
    exercise = folder / "exercises" / "00_orientation"
    assert exercise_tasks(exercise / "00_orientation.ipynb") == {"first_form", "data_rule", "self_assessment"}
    store = AnswerStore(exercise, "00_orientation")
    store.save("first_form", FIRST, engine="first-form/1")
    store.save("data_rule", {**RULE, **RIGHT}, engine="data-rule/1")
    assert progress(folder, "00") == EXERCISE_STARTED  # the self-assessment is not answered yet
    store.save("self_assessment", CONFIDENCE, engine="self-assessment/1")
    assert progress(folder, "00") == EXERCISE_DONE
    home = home_markdown(folder)
    assert "| Every part answered ·" in home
    assert "**Start here:** [01 Why adoption stalls" in home  # the first module not done yet
