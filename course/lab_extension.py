"""What `course lab` adds to JupyterLab: no code on screen, and saved notebooks that reopen without errors.

A small Jupyter server extension, switched on by `course lab` (and by any server configured with
``c.ServerApp.jpserver_extensions = {"course.lab_extension": True}`` and ``c.LabApp.custom_css = True``):

- the page loads the course's stylesheet (``lab_style/custom.css``), which hides code cells' input completely:
  a manager sees prose, forms and results, not even a first line of code;
- every notebook is saved with a plain sentence where a form (an ipywidgets view) was. A widget cannot be drawn
  without the kernel that made it, so a notebook opened again shows that sentence instead of "Error displaying
  widget: model not found", and so does a submission opened in nbgrader's formgrader;
- on a cohort hub (the spawner sets ``COURSE_HUB_LESSONS``), the learner's folder gets the lessons and data each
  time their server starts, new ones added and nothing of theirs overwritten (exercises come from the Assignments
  tab).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .place import NOT_RUNNING, not_running_html

STYLE_FOLDER = Path(__file__).resolve().parent / "lab_style"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stand_in_for_widgets(notebook: dict[str, Any]) -> int:
    """Replace every widget view among ``notebook``'s outputs with plain text; returns how many were replaced.

    An output that already carries its own HTML (every course form does) keeps it; any other widget gets the
    general sentence. Widget state saved in the notebook's metadata is dropped too: nothing refers to it now.
    """
    replaced = 0
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs") or []:
            data = output.get("data")
            if not isinstance(data, dict) or WIDGET_VIEW not in data:
                continue
            del data[WIDGET_VIEW]
            if "text/html" not in data:
                data["text/html"] = not_running_html()
                data["text/plain"] = NOT_RUNNING
            replaced += 1
    notebook.get("metadata", {}).pop("widgets", None)
    return replaced


def pre_save_hook(model: dict[str, Any], **_kwargs: Any) -> None:
    """Jupyter's pre-save hook: notebooks are written with plain stand-ins for widgets (the page keeps its
    live forms; only the file changes)."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        stand_in_for_widgets(model["content"])


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "course.lab_extension"}]


HUB_LESSONS = "COURSE_HUB_LESSONS"


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    if os.environ.get(HUB_LESSONS):
        from .workspace import prepare_workspace

        serverapp.log.info(prepare_workspace(Path(serverapp.root_dir), exercises=False).sentence())
    # JupyterLab serves custom.css from these folders, first match first (with LabApp.custom_css). The list is
    # the one its handler reads on every request, so the course's folder goes in at the front.
    serverapp.web_app.settings["static_custom_path"].insert(0, str(STYLE_FOLDER))
    serverapp.log.info("Course: code cells hidden, widgets saved as plain text.")
