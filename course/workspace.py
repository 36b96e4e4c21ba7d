"""The learner's workspace: lessons, exercises and data copied from the course, never over a learner's work.

Layout of a workspace folder:
    lessons/              the lesson notebooks
    exercises/<name>/     one folder per assignment, where that assignment's answers are saved
    data/                 the synthetic data sets, to look at (notebooks load them from the package)
Running the set-up again adds course files that are new and leaves every existing file alone.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ._content import content_dir

DEFAULT_FOLDER = Path.home() / "ai-adoption-course"
LAB_SETTINGS = {
    # No "get notified about Jupyter news?" pop-up and no update checks for learners.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
    # The course home (Markdown) opens as a page, not as text to edit; a notebook is saved 10 seconds after a
    # change, so closing its tab seldom asks "Save your work?" (the answers themselves are saved by the forms).
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"defaultViewers": {"markdown":
                                                                                       "Markdown Preview"},
                                                                    "autosaveInterval": 10},
    # Closing a lesson's tab stops its kernel: kernels do not pile up as modules go by.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"kernelShutdown": True},
    # Restarting a notebook loses nothing (every answer is saved beside it), so it asks no "All variables will be
    # lost" question.
    "@jupyterlab/apputils-extension/sessionDialogs.jupyterlab-settings": {"skipKernelRestartDialog": True},
    # A notebook's toolbar keeps Save and "restart and run everything"; no cell editing, cell types or kernel name.
    "@jupyterlab/notebook-extension/panel.jupyterlab-settings": {"toolbar": [
        {"name": name, "disabled": True}
        for name in ("insert", "cut", "copy", "paste", "run", "interrupt", "restart", "cellType", "kernelName")]},
    # No Kernel or Tabs menu: Run › Restart Kernel and Run All Cells… is the one step a learner needs.
    "@jupyterlab/mainmenu-extension/plugin.jupyterlab-settings": {"menus": [
        {"id": "jp-mainmenu-kernel", "disabled": True}, {"id": "jp-mainmenu-tabs", "disabled": True}]},
    # No status bar ("Python 3 (ipykernel) | Idle", "Mode: Command", "Ln 1, Col 1"): the notebook's own toolbar
    # still shows when the course is busy. View › Appearance › Show Status Bar brings it back.
    "@jupyterlab/statusbar-extension/plugin.jupyterlab-settings": {"visible": False},
    # The printable SOP page opens with no "Trust HTML" prompt: it needs no scripts, and they stay blocked.
    "@jupyterlab/htmlviewer-extension/plugin.jupyterlab-settings": {"toolbar": [{"name": "trust",
                                                                                 "disabled": True}]},
}
# The labelled AI outputs stay in the package: the forms show the sample batch, and the hidden batch is for grading.
# So do the hidden tests' pilot and task inventory.
IGNORED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "your answers - *.json", "*.answers*.json",
                                 ".*.answers*", "*.lock", "*.tmp", "generate*.py", "ai_outputs_*.json",
                                 "pilot_*_2.csv", "task_inventory_2.csv")


@dataclass
class WorkspaceReport:
    """What preparing a workspace did."""

    folder: Path
    added: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    def sentence(self) -> str:
        kept = f" {len(self.kept)} files you already had were left exactly as they were." if self.kept else ""
        return f"Course workspace: {self.folder} ({len(self.added)} new course files added).{kept}"


def prepare_workspace(folder: Path, *, exercises: bool = True) -> WorkspaceReport:
    """Create or top up the workspace in ``folder``; never overwrites a file that is already there. Without
    ``exercises`` (a cohort on a hub) only lessons and data are copied: exercises come from the Assignments tab."""
    folder = folder.expanduser().resolve()
    report = WorkspaceReport(folder)
    for source_name, target_name in (("modules", "lessons"), ("exercises", "exercises"), ("datasets", "data")):
        if exercises or source_name != "exercises":
            _copy_missing(content_dir(source_name), folder / target_name, report)
    return report


def _copy_missing(source: Path, target: Path, report: WorkspaceReport) -> None:
    ignored = IGNORED(str(source), [p.name for p in source.iterdir()])
    for item in sorted(source.iterdir()):
        if item.name in ignored:
            continue
        destination = target / item.name
        if item.is_dir():
            _copy_missing(item, destination, report)
        elif destination.exists():
            report.kept.append(destination)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, destination)
            report.added.append(destination)


def fresh_lab_layout(layouts_dir: Path, home_name: str) -> None:
    """JupyterLab's saved layout replaced by a fresh one: the course home open alone, the side panels (file list,
    running kernels) folded away. The tabs of last time are not reopened; their answers are saved beside them."""
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    home = f"markdownviewer-widget:{home_name}"
    layout = {"data": {"layout-restorer:data": {
        "main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [home]}, "current": home},
        "left": {"collapsed": True, "visible": True, "widgets": ["filebrowser", "running-sessions"]},
        "right": {"collapsed": True, "visible": True, "widgets": []}},
        home: {"data": {"path": home_name, "factory": "Markdown Preview"}}},
        "metadata": {"id": "default"}}
    shutil.rmtree(layouts_dir, ignore_errors=True)
    WorkspacesManager(str(layouts_dir)).save("default", json.dumps(layout))


def write_lab_settings(settings_dir: Path) -> None:
    """Learner-friendly JupyterLab settings, kept inside the workspace (the learner's own settings win)."""
    for relative, values in LAB_SETTINGS.items():
        path = settings_dir / relative
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2), encoding="utf-8")
