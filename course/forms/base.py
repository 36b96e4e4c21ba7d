"""What every course form shares: live feedback after a pause in typing, autosave, Save, Check and restore.

A form binds one task (its engine) to the answer store. Subclasses only say which fields they have and how
the fields become an answer value.

Where things are, top to bottom: the fields, each with a column beside it where a short summary of the feedback
appears next to the field being edited (so it is in view whenever that field is), then the form's one feedback
block (live while typing; Check puts the saved answer's feedback in the same place), the buttons, and whatever a
kind of form adds (a preview, an illustrative output). On a narrow screen the summary goes under its field.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from .. import place, render
from ..answers import AnswerStore, StoreError, answers_in_file, is_blank, json_safe
from ..checks.feedback import Feedback
from ..grade import points_earned
from ..tasks import Task

FEEDBACK_DELAY = 0.6   # seconds without typing before the feedback updates
AUTOSAVE_DELAY = 2.0   # seconds without typing before the answer is saved

DATA_NOTICE = ("Do not type real names, customer details or anything confidential here: describe your team's "
               "work in general words, or use made-up examples.")
_LANDED: weakref.WeakSet = weakref.WeakSet()  # answer stores whose first form has been brought into view


class Debouncer:
    """Run ``action`` once typing has paused for ``delay`` seconds.

    Inside a running kernel the call is scheduled on its event loop; without one (a script or a test) the
    action runs at once, so behaviour stays easy to test.
    """

    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self.delay = delay
        self.action = action
        self._handle: asyncio.TimerHandle | None = None

    def __call__(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.action()
            return
        self.cancel()
        self._handle = loop.call_later(self.delay, self._fire)

    def _fire(self) -> None:
        self._handle = None
        self.action()

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> None:
        """Run a waiting action now."""
        if self.pending:
            self.cancel()
            self.action()


class Form:
    """A form for one task. Build the widgets with ``build_fields``; read them with ``value``."""

    kind = "form"

    def __init__(self, store: AnswerStore, task: Task, *, title: str, intro: str = "",
                 points: float | None = None, unseen_points: float = 0) -> None:
        self.store = store
        self.task = task
        self.key = task.name
        self.points = points
        self.unseen_points = unseen_points  # what grading adds on data the learner has not seen
        self.reveal_fixes = False
        self.header = widgets.HTML(
            f"<h3>{render.escape(title)}</h3><p>{render.escape(intro)}</p>"
            f'<p class="course-notice"><strong>Data safety:</strong> {render.escape(DATA_NOTICE)}</p>')
        self.feedback = widgets.HTML(layout=widgets.Layout(width="100%"))  # the form's one feedback block
        self.status = widgets.HTML()
        self.save_button = widgets.Button(description="Save", icon="save", button_style="primary",
                                          tooltip="Save your answer in this assignment's folder")
        self.check_button = widgets.Button(description="Check", icon="check",
                                           tooltip="Check your saved answer exactly as grading will")
        self.hint_button = widgets.ToggleButton(description="Show me how", icon="lightbulb-o", value=False,
                                                tooltip="Show a worked example after each hint")
        self.save_button.on_click(lambda _b: self.save())
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.observe(self._toggle_fixes, names="value")
        self._feedback_later = Debouncer(FEEDBACK_DELAY, self.refresh_feedback)
        self._autosave_later = Debouncer(AUTOSAVE_DELAY, lambda: self.save(autosave=True))
        self._restoring = False
        self.latest: Feedback | None = None  # the feedback shown now
        self.saved_listeners: list[Callable[[], None]] = []  # told after each save (the graded cells below)
        self.fields = self.build_fields()
        self.field_lines = {name: self._feedback_line_widget() for name in self.fields}
        self.editing: str | None = None  # the field typed in last: its line shows the feedback summary
        for field in self.fields.values():
            field.observe(self._on_edit, names="value")
        self.restore()
        buttons = [self.save_button, self.check_button, self.hint_button]
        self.lesson_button = None
        if self.lesson_answer() is not None:  # the exercise asks what the learner already answered in the lesson
            self.lesson_button = widgets.Button(description="Use my answer from the lesson", icon="clone",
                                                tooltip="Copy your practice answer from the lesson into this form")
            self.lesson_button.on_click(lambda _b: self.use_lesson_answer())
            buttons.append(self.lesson_button)
        self.widget = widgets.VBox(
            [self.header, *self.extra_widgets_before(),
             *self.field_rows(),
             self.feedback, widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap")),
             self.status, *self.extra_widgets_after()],
            layout=widgets.Layout(width="100%", max_width="1000px"))
        self.widget.add_class("course-form")

    @staticmethod
    def _feedback_line_widget() -> widgets.HTML:
        line = widgets.HTML(layout=widgets.Layout(width="250px", flex="0 0 250px", margin="2px 0 2px 8px",
                                                  visibility="hidden"))
        line.add_class("course-feedback-summary")
        return line

    @staticmethod
    def _field_row(field: widgets.Widget, line: widgets.HTML) -> widgets.HBox:
        """A field with its summary column beside it (the column's room is kept, so the field never narrows
        while the learner types); below the field when the screen is too narrow for both."""
        field.layout.width = "auto"
        field.layout.flex = "1 1 400px"
        row = widgets.HBox([field, line], layout=widgets.Layout(width="100%", flex_flow="row wrap",
                                                                align_items="flex-start"))
        row.add_class("course-field-row")
        return row

    # --- to be provided by each kind of form -----------------------------------------------------
    def build_fields(self) -> dict[str, widgets.ValueWidget]:
        raise NotImplementedError

    def value(self) -> Any:
        """The answer as it would be saved."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Put a saved answer back into the fields."""
        raise NotImplementedError

    def extra_widgets_before(self) -> list[widgets.Widget]:
        return []

    def extra_widgets_after(self) -> list[widgets.Widget]:
        return []

    def on_values_changed(self) -> None:
        """Called after any field changes (for previews)."""

    def field_rows(self) -> list[widgets.Widget]:
        """The fields, each in its row with its feedback summary beside it (a form may put more between them)."""
        return [self._field_row(field, self.field_lines[name]) for name, field in self.fields.items()]

    def first_field(self) -> widgets.DOMWidget:
        """The field a learner starts with: it takes the cursor when the notebook's first form is shown."""
        return next(iter(self.fields.values()))

    # --- behaviour -------------------------------------------------------------------------------
    def fill(self, **values: str) -> None:
        """Type into fields by name, as a learner would (used by walkthroughs and tests)."""
        for name, text in values.items():
            self.fields[name].value = text

    def _on_edit(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        self.editing = next((name for name, field in self.fields.items() if field is change["owner"]), None)
        self.on_values_changed()
        self.status.value = "<span>Typing… your answer is saved automatically when you pause.</span>"
        self._feedback_later()
        self._autosave_later()

    def _on_row_edit(self, change: dict[str, Any]) -> None:
        """Typing in a row of a form with rows (criteria, steps) counts as an edit of the form."""
        if not self._restoring:
            self._on_edit(change)

    def _rows_changed(self) -> None:
        """A row was added, moved or removed: feedback and autosave follow, as after typing."""
        if self._restoring:
            return
        self.on_values_changed()
        self.status.value = "<span>Changed… your answer is saved automatically in a moment.</span>"
        self._feedback_later()
        self._autosave_later()

    def _toggle_fixes(self, change: dict[str, Any]) -> None:
        self.reveal_fixes = bool(change["new"])
        self.refresh_feedback()

    def refresh_feedback(self) -> None:
        """Show live feedback on what is in the form now: in detail, and in one line under the field being edited."""
        result = self.latest = self.task.check(self.value())
        score = self.score(result)
        self.feedback.value = render.feedback_html(result, reveal_fixes=self.reveal_fixes,
                                                   heading="Live feedback", score=score)
        for name, line in self.field_lines.items():
            if name == self.editing:
                line.value = render.feedback_line(result, field=self.fields[name].description, score=score)
                line.layout.visibility = "visible"
            else:
                line.value = ""
                line.layout.visibility = "hidden"

    def score(self, result: Feedback) -> tuple[float, ...] | None:
        """The points an answer earns in this form's scale: the exercise's points (and those grading adds on new
        data), or the engine's own in a lesson."""
        if self.points:
            return (points_earned(result, self.points), float(self.points), float(self.unseen_points),
                    self.in_lesson())
        if not result.total or result.total <= 1:
            return None  # an engine that scores 0 to 1 has no points to show in a lesson ("0 of 1 points")
        return points_earned(result, result.total), result.total  # half points

    def save(self, *, autosave: bool = False) -> bool:
        """Save the form's answer; returns True when it was saved. Never raises."""
        self._autosave_later.cancel()
        self._feedback_later.flush()  # the feedback shown is about what was saved, even right after typing
        try:
            answer = self.store.save(self.key, self.value(), engine=self.task.engine, autosave=autosave)
        except StoreError as problem:
            self.status.value = f'<span role="alert">⚠ Not saved. {render.escape(problem)}</span>'
            return False
        when = local_time(answer.saved_at)
        how = " automatically" if autosave else ""
        where = " in memory only (instructor copy)" if not self.store.persist else ""
        self.status.value = f"<span>✔ Saved{how} at {when}{where}</span>"
        for listener in self.saved_listeners:
            try:
                listener()
            except Exception:  # a graded cell that cannot be updated must not make a save look failed
                continue
        return True

    def check(self) -> None:
        """Show exactly what grading will use: the saved answer, checked by the same engine."""
        self._feedback_later.flush()
        saved = self.store.get(self.key)
        if saved is None:
            self.feedback.value = ("<p><strong>Nothing saved yet.</strong> Press Save: grading uses "
                                       "your saved answer.</p>")
            return
        result = self.task.check(saved.value)
        note = ""
        if saved.value != json_safe(self.value()):
            note = ("<p><strong>Your form has changes that are not saved yet.</strong> Press Save so that "
                    "grading uses them.</p>")
        self.feedback.value = note + render.feedback_html(result, reveal_fixes=self.reveal_fixes,
                                                              heading="Your saved answer", score=self.score(result))

    def in_lesson(self) -> bool:
        """True in a lesson, which is not graded: lessons sit together in the workspace's "lessons" folder (the
        project's "modules"), while an exercise sits in a folder named after it (nbgrader's layout)."""
        return self.store.folder.name in ("lessons", "modules")

    def lesson_answer(self) -> Any:
        """In an exercise, this task's answer saved in the module's lesson (None: there is none, or this is not an
        exercise). The lesson's file is only read; grading never sees it, only what the learner copies in."""
        if self.store.folder.parent.name != "exercises":
            return None
        try:
            answers, problem = answers_in_file(self.store.folder.parent.parent / "lessons" / self.store.path.name)
        except OSError:
            return None
        value = None if problem else answers.get(self.key)
        return None if value is None or is_blank(value) else value

    def use_lesson_answer(self) -> None:
        """Put the lesson's answer into the form, to edit; it is saved and checked as if typed."""
        value = self.lesson_answer()
        if value is None:
            self.status.value = "<span>Your lesson has no saved answer to this any more.</span>"
            return
        self._restoring = True
        try:
            self.set_value(value)
        finally:
            self._restoring = False
        self.on_values_changed()
        self.status.value = "<span>Your answer from the lesson is in the form: change what you like.</span>"
        self._feedback_later()
        self._autosave_later()

    def restore(self) -> None:
        """Fill the form with the saved answer, if there is one."""
        saved = self.store.get(self.key)
        if self.store.problem:
            self.status.value = f'<span role="alert">⚠ {render.escape(self.store.problem)}</span>'
        if saved is None:
            self.refresh_feedback()
            return
        self._restoring = True
        try:
            self.set_value(saved.value)
        finally:
            self._restoring = False
        self.on_values_changed()
        self.refresh_feedback()
        if not self.store.problem:
            self.status.value = f"<span>✔ Your saved answer from {local_time(saved.saved_at)} is back.</span>"

    def _ipython_display_(self) -> None:
        """Show the form. Where it cannot be drawn (a notebook opened again without running it, nbgrader's
        pages) a plain sentence stands in for it; the first form of a notebook is brought into view."""
        from IPython.display import display

        if self.store not in _LANDED and not place.in_app_view():
            _LANDED.add(self.store)
            self._focus_when_shown(self.first_field())
        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = place.NOT_RUNNING
        bundle["text/html"] = place.not_running_html()
        display(bundle, raw=True)

    @staticmethod
    def _focus_when_shown(field: widgets.DOMWidget) -> None:
        """Put the cursor in ``field`` once the browser shows it: after Run All, JupyterLab has scrolled to the
        last cell; this brings the learner back to the first form. The browser reports shown views through
        ``_view_count``."""
        def shown(change: dict[str, Any]) -> None:
            if change["new"]:
                field.unobserve(shown, names="_view_count")
                field.focus()

        field.observe(shown, names="_view_count")
        field._view_count = 0


def uploaded(upload: widgets.FileUpload) -> bytes | None:
    """The bytes of the file just chosen with ``upload``, or None when there is none."""
    files = upload.value
    return bytes(files[0]["content"]) if files else None


def as_field_text(value: Any) -> str:
    """A saved value as the text a field shows: text as it is, a number as written, anything else empty."""
    if isinstance(value, str):
        return value[:100_000]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return ""


def local_time(iso: str) -> str:
    """A saved time (ISO, UTC) as the learner's local clock time, safe to put in HTML; never raises."""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%H:%M:%S")
    except (TypeError, ValueError, OverflowError, OSError):
        return render.escape(iso)
