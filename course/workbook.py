"""The object a lesson or exercise notebook works with: its answer store, its forms and its grading.

A notebook's first (hidden) cell runs ``wb = course.start("02_prompt_basics")``; later cells show forms
with ``wb.form("meeting_summary", title=...)`` and test cells call ``wb.grade(...)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import grade as grading
from . import place
from .answers import AnswerStore, is_blank
from .render import feedback_text, shorten
from .tasks import get_task

SOURCE_FOLDER = "solutions"


def is_source_folder(folder: Path) -> bool:
    """True inside an instructor's nbgrader source folder, where nothing may be written."""
    return folder.parent.name == SOURCE_FOLDER and (folder.parent.parent / "nbgrader_config.py").exists()


class Workbook:
    """Forms, saved answers and grading for one lesson or assignment, kept in the notebook's folder."""

    def __init__(self, name: str, folder: str | Path | None = None) -> None:
        self.name = name
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.store = AnswerStore(self.folder, name, persist=not is_source_folder(self.folder))
        self.forms: dict[str, Any] = {}
        self.graded_cells: dict[tuple[str, float, tuple[int, ...]], Any] = {}  # what a learner's graded cells show
        self.saved_views: dict[str, Any] = {}  # the saved answers shown for a person to read, kept up to date

    def __repr__(self) -> str:
        return f"Workbook({self.name!r})"

    def welcome(self) -> str:
        if not self.store.persist:
            return "Instructor copy: answers stay in memory while this notebook runs; nothing is written here."
        return "Ready. Your answers are saved as you go, in this notebook's folder."

    # --- forms -----------------------------------------------------------------------------------
    def form(self, task: str, *, title: str, intro: str = "", points: float | None = None, unseen_points: float = 0):
        """The form for ``task``, of the kind its declaration names (``"form"`` in ``course/tasks/<module>.json``:
        a class of ``course.forms``, or ``"package.module:Class"`` for a module's own form). It is shown when it is
        the last line of a cell; ``points`` gives Check the exercise's points, and ``unseen_points`` those grading
        adds on data the learner has not seen (so the form's total is the heading's)."""
        from . import forms
        from .tasks import declarations

        declared = declarations().get(task, {}).get("form")
        if not declared:
            get_task(task)  # an unknown task says which tasks there are
            raise ValueError(f"The task {task!r} declares no form: add \"form\" to its declaration.")
        module, _, name = declared.rpartition(":")
        kind = getattr(importlib.import_module(module), name) if module else getattr(forms, name)
        return self._keep(kind(self.store, get_task(task), title=title, intro=intro, points=points,
                               unseen_points=unseen_points))

    def inventory_explorer(self):
        """Rank your own team's task list with the same score and rules (nothing saved or graded)."""
        from .data import task_inventory
        from .forms.use_cases import InventoryExplorer

        return InventoryExplorer(task_inventory(1))

    def dashboard(self, variant: int = 1):
        """The pilot dashboard: charts and findings per use case, team-level only (nothing is saved)."""
        from .data import load_pilot_log
        from .forms.dashboard import Dashboard

        return Dashboard(load_pilot_log(variant))

    def quiz(self, quiz_id: str | None = None):
        """A self-check quiz (ungraded); the learner's picks are saved and come back when the cell runs again."""
        from .checks.quiz import load_quiz
        from .forms.quiz import QuizForm

        return self._keep(QuizForm(self.store, load_quiz(quiz_id or self.name)))

    def _keep(self, form):
        self.forms[form.key] = form
        if hasattr(form, "saved_listeners"):
            form.saved_listeners.append(lambda key=form.key: self._saved(key))
        return form

    # --- answers ---------------------------------------------------------------------------------
    def model_answer(self, task: str, value: Any) -> None:
        """Put the model answer in memory (solution notebooks only); no file is written."""
        self.store.put_in_memory(task, value, engine=get_task(task).engine)
        if task in self.forms:
            self.forms[task].restore()

    def grade(self, task: str, *, points: float, cases: Sequence[int] | None = None,
              echo: bool = True) -> float:
        """Grade the saved answer for ``task``: the points it earns. nbgrader gets a plain sentence and the number;
        a learner sees the points of their saved answer, kept up to date each time the form saves."""
        if grading.run_by_nbgrader() or not grading.in_kernel():
            return grading.grade(self.store, task, points=points, cases=cases, echo=echo)
        with grading.quiet():  # an import here must not print anything into the graded cell
            from .live_grade import LivePoints
        form = self.forms.get(task)
        unseen = 0 if cases or form is None else getattr(form, "unseen_points", 0)
        shown = LivePoints(self.store, task, points, cases, unseen=unseen)
        self.graded_cells[(task, points, tuple(cases or ()))] = shown  # a cell run again replaces its block
        return shown

    def _saved(self, task: str) -> None:
        """A form saved ``task``: every graded cell of it shows the new points, and the course home its progress."""
        for (graded_task, _points, _cases), shown in self.graded_cells.items():
            if graded_task == task:
                shown.refresh()
        if task in self.saved_views:
            self._refresh_saved_view(task)
        if self.store.persist:
            from .home import refresh_near

            refresh_near(self.folder)

    def show_saved(self, task: str) -> None:
        """Show the saved answer as plain text with the engine's notes, for the person who grades it (and the
        learner reading it against a self-check). In a learner's notebook it follows each Save."""
        if grading.run_by_nbgrader() or not grading.in_kernel():
            self._print_saved(task)
            return
        from IPython.display import display

        from .live_grade import SavedAnswerView

        self.saved_views[task] = SavedAnswerView("")  # a cell run again replaces its view
        self._refresh_saved_view(task)
        display(self.saved_views[task])

    def _refresh_saved_view(self, task: str) -> None:
        import contextlib
        import io

        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            self._print_saved(task)
        self.saved_views[task].show(printed.getvalue())

    def _print_saved(self, task: str) -> None:
        with grading.quiet():
            answer = self.store.get(task)
            spec = get_task(task)
        if answer is None or is_blank(answer.value):
            print(grading.NO_ANSWER)
            return
        print(f"Saved answer ({spec.title}):")
        print(shorten(spec.describe(answer.value), 20000))
        print()
        print("Notes from the course's checker (no points; read them beside the rubric below):")
        print(feedback_text(spec.check(answer.value)))


class Line(str):
    """A sentence shown in the page's own font (not as program output); plain text where HTML cannot be shown."""

    def _repr_html_(self) -> str:
        from .render import escape

        return f'<p class="course-line">{escape(self)}</p>'

    def __repr__(self) -> str:
        return str(self)


def start(name: str) -> Workbook:
    """Start a lesson or an exercise: answers are kept beside the notebook."""
    from IPython.display import display

    workbook = Workbook(name)
    display(Line(workbook.welcome()))
    place.show_app_view_note()
    return workbook
