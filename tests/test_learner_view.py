"""What a learner sees outside the forms themselves: saved notebooks reopen with a plain sentence where a form
was (also in nbgrader's pages), and the app view says only what applies in the app."""

import copy
import html
import json
import os
from unittest import mock

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from nbconvert import HTMLExporter
from traitlets.config import PyFileConfigLoader

from course import place
from course.lab_extension import WIDGET_VIEW, pre_save_hook, stand_in_for_widgets
from tests.notebooks import EXERCISES, LESSONS, ROOT, cell_text, run_notebook


def widget_output(model_id: str = "abc", html: str | None = None) -> dict:
    data = {WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": model_id},
            "text/plain": "VBox(children=(HTML(value='<h3>learner text</h3>'),))"}
    if html is not None:
        data["text/html"] = html
    return {"output_type": "display_data", "data": data, "metadata": {}}


def notebook_with(*outputs: dict) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("wb.form('x', title='T')"), nbformat.v4.new_markdown_cell("# Hi")]
    nb.cells[0].outputs = [nbformat.from_dict(o) for o in outputs]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return json.loads(json.dumps(nb))  # as JupyterLab sends it: plain JSON


def test_widget_views_are_replaced_by_their_own_plain_text_or_the_general_sentence():
    nb = notebook_with(widget_output("a", html="<p>Exercise 1 appears when the notebook runs</p>"), widget_output("b"),
                       {"output_type": "stream", "name": "stdout", "text": "Ready."})
    before = copy.deepcopy(nb)
    assert stand_in_for_widgets(nb) == 2
    first, second, stream = nb["cells"][0]["outputs"]
    assert first["data"] == {"text/plain": before["cells"][0]["outputs"][0]["data"]["text/plain"],
                             "text/html": "<p>Exercise 1 appears when the notebook runs</p>"}
    assert second["data"] == {"text/plain": place.NOT_RUNNING, "text/html": place.not_running_html()}
    assert stream == before["cells"][0]["outputs"][2] and nb["cells"][1] == before["cells"][1]
    assert "widgets" not in nb["metadata"]
    assert stand_in_for_widgets(nb) == 0  # nothing left to replace
    nbformat.validate(nbformat.from_dict(nb))


def test_the_pre_save_hook_works_inside_jupyters_own_contents_manager(tmp_path):
    manager = FileContentsManager(root_dir=str(tmp_path))
    manager.register_pre_save_hook(pre_save_hook)
    model = {"type": "notebook", "format": "json", "content": notebook_with(widget_output())}
    manager.save(model, "saved.ipynb")
    manager.save({"type": "file", "format": "text", "content": WIDGET_VIEW}, "notes.txt")  # other files untouched
    on_disk = nbformat.read(tmp_path / "saved.ipynb", as_version=4)
    assert WIDGET_VIEW not in json.dumps(on_disk) and place.NOT_RUNNING in json.dumps(on_disk, ensure_ascii=False)
    assert (tmp_path / "notes.txt").read_text() == WIDGET_VIEW


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    """The exercise run the way nbgrader's autograde runs a submission: its Execute step with the course's
    nbgrader configuration, in a fresh kernel."""
    from nbgrader.preprocessors import Execute

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    folder = tmp_path_factory.mktemp("submission")
    exercise = next(p for p in EXERCISES if p.stem == "02_prompt_basics")  # four forms, counted below
    with mock.patch.dict(os.environ, {"NBGRADER_EXECUTION": "autograde"}):  # as nbgrader's autograde sets it
        nb, _ = Execute(config=config).preprocess(nbformat.read(exercise, as_version=4),
                                                  {"metadata": {"path": str(folder)}})
    return nb


def test_formgrader_and_feedback_pages_show_a_plain_sentence_where_a_form_was(autograded):
    forms = [cell for cell in autograded.cells if cell.cell_type == "code"
             and any(WIDGET_VIEW in o.get("data", {}) for o in cell.outputs)]
    assert len(forms) == 5  # four Larkfield exercises and the prompt for the learner's own team
    assert "widgets" not in autograded.metadata  # nbgrader keeps no widget state (nbgrader_config.py)
    # what formgrader and nbgrader's feedback pages make of it: nbconvert's HTML
    page, _ = HTMLExporter(template_name="classic").from_notebook_node(autograded)
    text = html.unescape(page)
    assert text.count(place.NOT_RUNNING) == len(forms)
    assert "VBox(" not in text and "widget-view+json" not in text


def test_in_jupyterlab_the_lesson_prints_no_app_instructions(tmp_path, monkeypatch):
    for name in place.VOILA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    nb = run_notebook(LESSONS[0], tmp_path)
    setup = cell_text(nb.cells[1])
    assert "Ready." in setup and place.APP_VIEW_HOW_TO not in setup and "course-lab-only" not in setup


def test_in_the_app_view_the_lesson_hides_its_jupyterlab_steps_and_says_what_applies(tmp_path):
    lesson = nbformat.read(LESSONS[0], as_version=4)
    how_to = lesson.cells[0].source
    lab_only = how_to.split('<div class="course-lab-only">')[1].split("</div>")[0]
    assert "Run › Restart Kernel and Run All Cells…" in lab_only and "menu bar" in lab_only
    outside = how_to.replace(lab_only, "")
    assert "Run ›" not in outside and "menu" not in outside and "course app" not in outside
    nb = run_notebook(LESSONS[0], tmp_path, env={"VOILA_BASE_URL": "/", "VOILA_SERVER_URL": "http://127.0.0.1/"})
    setup = cell_text(nb.cells[1])
    assert "Ready." in setup and place.APP_VIEW_HOW_TO in setup
    assert ".course-lab-only { display: none !important; }" in setup


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, False), ({"VOILA_KERNEL_ID": "k"}, True), ({"VOILA_BASE_URL": "/"}, True), ({"VOILA_BASE_URL": ""}, False),
    ({"JUPYTERHUB_USER": "x", "JPY_SESSION_NAME": "y"}, False),
])
def test_the_app_view_is_told_apart_by_the_variables_voila_sets(environ, expected):
    assert place.in_app_view(environ) is expected
