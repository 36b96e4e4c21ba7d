"""The self-check quiz form: one question after another, "Check my answers", an explanation for each choice.

The bank and the scoring are pure and live in ``course.checks.quiz``; this module only shows them. Every text
shown as HTML passes through ``render.escape``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import render
from ..answers import AnswerStore, StoreError
from ..checks.quiz import ENGINE, Question, QuestionResult, Quiz, QuizResult, clean_answers, score_answers
from .base import AUTOSAVE_DELAY, Debouncer, local_time

__all__ = ["QuizForm", "question_feedback_html"]


# --- display --------------------------------------------------------------------------------------------
def question_feedback_html(result: QuestionResult, *, show_all: bool = False) -> str:
    """One question's feedback: verdict in words with a symbol (never colour alone), then explanations."""
    parts = [f'<div class="course-quiz-feedback"><p><strong>{result.symbol} '
             f"{render.escape(result.verdict)}</strong> {render.escape(result.note)}</p>"]
    shown = result.all_choices if show_all else result.feedback
    if shown:
        parts.append("<ul>")
        for choice in shown:
            mark = "✔ right answer" if choice.right else "✘ not right"
            picked = "you picked" if choice.chosen else "not picked"
            label = f"{mark}, {picked}" if show_all else mark
            parts.append(f"<li><strong>{render.escape(choice.text)}</strong> ({label}): "
                         f"{render.escape(choice.explanation)}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


# --- the widget -----------------------------------------------------------------------------------------
class QuizForm:
    """A self-check quiz: one question after another, "Check my answers", explanations per question.

    The picks are saved in ``store`` under ``quiz.key`` (when checked, and automatically as the learner picks)
    and put back when the form is created again. Saving never raises: a problem shows in the status line.
    """

    kind = "quiz"

    def __init__(self, store: AnswerStore, quiz: Quiz) -> None:
        self.store = store
        self.quiz = quiz
        self.key = quiz.key
        self.checked = False
        self._restoring = False
        self._autosave_later = Debouncer(AUTOSAVE_DELAY, lambda: self.save(autosave=True))
        intro = f"<p>{render.escape(quiz.intro)}</p>" if quiz.intro else ""
        self.header = widgets.HTML(
            f"<h3>{render.escape(quiz.title)}</h3>{intro}<p><em>A self-check: it is not graded and you can "
            "change your answers as often as you like.</em></p>")
        self.inputs: dict[str, widgets.Widget] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.prompts: dict[str, widgets.HTML] = {}
        blocks = []
        for number, question in enumerate(quiz.questions, start=1):
            self.prompts[question.id] = prompt = widgets.HTML(
                f"<p><strong>Question {number} of {len(quiz.questions)}.</strong> {render.escape(question.prompt)}"
                f" <em>{render.escape(question.how_to_answer)}</em></p>", layout=widgets.Layout(width="100%"))
            self.inputs[question.id] = self._build_input(question)
            self.feedback[question.id] = widgets.HTML(layout=widgets.Layout(width="100%"))
            blocks.append(widgets.VBox([prompt, self.inputs[question.id], self.feedback[question.id]],
                                       layout=widgets.Layout(width="100%", margin="0 0 12px 0")))
        self.check_button = widgets.Button(description="Check my answers", icon="check", button_style="primary",
                                           tooltip="See which answers are right, with an explanation for each",
                                           layout=widgets.Layout(width="auto"))
        self.show_all_button = widgets.ToggleButton(description="Show all explanations", icon="lightbulb-o",
                                                    value=False, layout=widgets.Layout(width="auto"),
                                                    tooltip="Explain every choice, including the right answers")
        self.check_button.on_click(lambda _b: self.check())
        self.show_all_button.observe(lambda _c: self.show_feedback() if self.checked else None, names="value")
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.restore()
        self.widget = widgets.VBox(
            [self.header, *blocks, widgets.HBox([self.check_button, self.show_all_button]), self.summary,
             self.status],
            layout=widgets.Layout(width="100%", max_width="900px"))
        self.widget.add_class("course-quiz")

    def _build_input(self, question: Question) -> widgets.Widget:
        if question.multiple:
            boxes = [widgets.Checkbox(value=False, description=c.text, indent=False, tooltip=c.text,
                                      layout=widgets.Layout(width="100%")) for c in question.choices]
            for box in boxes:
                box.observe(lambda _c, qid=question.id: self._on_pick(qid), names="value")
            return widgets.VBox(boxes, layout=widgets.Layout(width="100%"))
        radio = widgets.RadioButtons(options=[(c.text, c.id) for c in question.choices], value=None,
                                     layout=widgets.Layout(width="100%"))
        radio.observe(lambda _c, qid=question.id: self._on_pick(qid), names="value")
        return radio

    # --- reading and writing the widgets ----------------------------------------------------------------
    def value(self) -> dict[str, list[str]]:
        """The learner's picks as they would be saved: ``{question id: [choice id, ...]}``."""
        picks: dict[str, list[str]] = {}
        for question in self.quiz.questions:
            field = self.inputs[question.id]
            if question.multiple:
                picks[question.id] = [c.id for c, box in zip(question.choices, field.children, strict=True)
                                      if box.value]
            else:
                picks[question.id] = [] if field.value is None else [field.value]
        return picks

    def set_value(self, value: Any) -> tuple[str, ...]:
        """Put saved picks back into the widgets; returns notes about picks that no longer fit the quiz."""
        picks, notes = clean_answers(self.quiz, value)
        self._restoring = True
        try:
            for question in self.quiz.questions:
                field = self.inputs[question.id]
                chosen = picks[question.id]
                if question.multiple:
                    for choice, box in zip(question.choices, field.children, strict=True):
                        box.value = choice.id in chosen
                else:
                    field.value = chosen[0] if len(chosen) == 1 else None
        finally:
            self._restoring = False
        return notes

    def pick(self, **picks: str | list[str] | None) -> None:
        """Answer questions by id, as a learner would (used by walkthroughs and tests)."""
        current = self.value()
        for question_id, chosen in picks.items():
            current[question_id] = [chosen] if isinstance(chosen, str) else list(chosen or [])
        self.set_value(current)
        self._on_pick(None)

    # --- behaviour -------------------------------------------------------------------------------------
    def _on_pick(self, question_id: str | None) -> None:
        if self._restoring:
            return
        if self.checked:
            targets = [question_id] if question_id else list(self.feedback)
            for qid in targets:
                self.feedback[qid].value = ("<p><em>Changed since you last checked: press Check my answers "
                                            "again.</em></p>")
        self._autosave_later()

    def result(self) -> QuizResult:
        return score_answers(self.quiz, self.value())

    def show_feedback(self) -> QuizResult:
        result = self.result()
        for question in result.questions:
            self.feedback[question.question_id].value = question_feedback_html(
                question, show_all=self.show_all_button.value)
        self.summary.value = (f'<p role="status" aria-live="polite"><strong>Your result:</strong> '
                              f"{render.escape(result.summary)}</p>")
        return result

    def check(self) -> QuizResult:
        """Save the picks and show feedback for every question."""
        self.checked = True
        self.save()
        return self.show_feedback()

    def save(self, *, autosave: bool = False) -> bool:
        """Save the picks; returns True when they were saved. Never raises."""
        self._autosave_later.cancel()
        try:
            answer = self.store.save(self.key, self.value(), engine=ENGINE, autosave=autosave)
        except StoreError as problem:
            self.status.value = f'<span role="alert">⚠ Not saved. {render.escape(problem)}</span>'
            return False
        how = "automatically " if autosave else ""
        where = " in memory only (instructor copy)" if not self.store.persist else ""
        self.status.value = f"<span>✔ Your answers were saved {how}at {local_time(answer.saved_at)}{where}.</span>"
        return True

    def restore(self) -> None:
        """Fill the quiz with the saved picks, if there are any."""
        saved = self.store.get(self.key)
        if self.store.problem:
            self.status.value = f'<span role="alert">⚠ {render.escape(self.store.problem)}</span>'
        if saved is None:
            return
        notes = self.set_value(saved.value)
        if self.store.problem:
            return
        message = f"✔ Your saved answers from {local_time(saved.saved_at)} are back."
        if notes:
            message += " Some of them no longer match this quiz's questions and were left out."
        self.status.value = f"<span>{render.escape(message)}</span>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
