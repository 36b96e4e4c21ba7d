"""How long a first-time learner needs for a lesson or an exercise: an estimate from what the notebook asks.

The estimate adds two parts.

**Reading**: the words the learner reads, at ``WORDS_PER_MINUTE``. Counted:

- every markdown cell, in full (text behind a "show more" disclosure too: we count what can be shown);
- the text the notebook's other code cells show: tables, printed notes (a chart adds ``MINUTES_PER_CHART``);
- inside each form: its headings and paragraphs, the labels and hints (placeholders) of its fields, the options of
  a choice (once per set of options), the words beside a tick box, and text the learner must open to do the task
  (the house rules behind a button, the AI drafts inside a "details" block of a results table).

Not counted as reading: the words on buttons, tooltips, the code of code cells, and the form's feedback and status
lines (reading feedback is part of ``MINUTES_PER_FORM``). A text shown several times in one form (the same label
on every row, the same options on every line) is read once.

**Doing**: minutes for each field the form shows, by its kind (``MINUTES_PER_FIELD``), plus ``MINUTES_PER_FORM``
for each form that has a Save or Check button. Fields are counted as a new, empty form shows them: a table of rows
(criteria, SOP steps) counts the rows it starts with, so a learner who adds rows takes longer.

These are estimates, to be checked against timed pilot learners. ``estimate(path)`` gives the estimate for one
notebook; ``stated_minutes(path)`` reads the time the notebook itself states.

The pure part (counting words, adding minutes) comes first; the part that builds a notebook's forms without a
kernel and walks their widgets comes last.
"""

from __future__ import annotations

import ast
import contextlib
import html
import io
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --- the constants, each with its reason --------------------------------------------------------------------
WORDS_PER_MINUTE = 180  # a careful pace for business prose on screen; adults skim at 250 or more
MINUTES_PER_FIELD = {
    "text line": 0.75,      # a few words or a number: ~20 s to type, ~25 s to decide what to write
    "text box": 1.5,        # a sentence or two (~25 words) composed at ~20 words a minute, then read over
    "long text box": 6.0,   # a paragraph of 80-150 words composed at ~20 words a minute, read over once
    "choice": 0.3,          # pick one option of a row once its line is read (~18 s; the line's words are reading)
    "checkbox": 0.1,        # tick a box or leave it (~6 s)
    "combo box": 0.5,       # open a list of suggestions and pick the one that fits (~30 s)
}
LONG_TEXT_ROWS = 6          # a multi-line field shown 6 rows high or more asks for a paragraph, not a sentence
MINUTES_PER_FORM = 2.0      # press Save and Check, read the feedback, fix one thing it points out
MINUTES_PER_CHART = 0.5     # look at one chart and find what it shows (~30 s)

KINDS = tuple(MINUTES_PER_FIELD)
SKIPPED_CELLS = ("wb.grade(", "wb.model_answer(", "wb.show_saved(", "### BEGIN")  # grading and solution cells
SAVE_BUTTONS = ("Save", "Check", "Check my answers")  # a form with one of these counts MINUTES_PER_FORM
STATED = re.compile(r"\*\*Time:\*\*\s*about\s+(\d+)\s+minutes", re.IGNORECASE)


# --- pure logic: words and minutes ---------------------------------------------------------------------------
def count_words(text: str) -> int:
    """The words in ``text``: runs of letters or digits ("don't" is one word, "60-30-10" three)."""
    return len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))


def html_text(markup: str) -> str:
    """The text a page of HTML shows: tags removed, style and script dropped, charts (SVG) dropped."""
    markup = re.sub(r"<(style|script|svg)\b.*?</\1\s*>", " ", markup, flags=re.IGNORECASE | re.DOTALL)
    return html.unescape(re.sub(r"<[^>]*>", " ", markup))


def count_charts(markup: str) -> int:
    """How many charts (SVG pictures) a page of HTML shows."""
    return len(re.findall(r"<svg\b", markup, flags=re.IGNORECASE))


def markdown_text(source: str) -> str:
    """The text a markdown cell shows: link addresses and HTML tags removed."""
    source = re.sub(r"\]\([^)]*\)", "]", source)
    return html_text(source)


def stated_in(texts: Iterable[str]) -> int | None:
    """The minutes stated by the first "**Time:** about N minutes" in ``texts`` (for a lesson, "about N minutes
    for this lesson and M for the exercise" gives N), or None when no text states a time."""
    for text in texts:
        found = STATED.search(text)
        if found:
            return int(found.group(1))
    return None


def doing_minutes(fields: Mapping[str, int], forms: int = 0) -> float:
    """Minutes to fill in ``fields`` (a count by kind) in ``forms`` forms that are saved or checked."""
    return sum(MINUTES_PER_FIELD[kind] * count for kind, count in fields.items()) + MINUTES_PER_FORM * forms


@dataclass(frozen=True)
class FormCount:
    """What one form asks of a learner: the words it shows, its fields by kind, its charts, whether it is saved."""

    name: str
    words: int
    fields: dict[str, int]
    charts: int = 0
    saved: bool = False   # it has a Save or Check button

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + MINUTES_PER_CHART * self.charts

    @property
    def doing_minutes(self) -> float:
        return doing_minutes(self.fields, int(self.saved))

    @property
    def total_minutes(self) -> float:
        return self.reading_minutes + self.doing_minutes


@dataclass(frozen=True)
class Estimate:
    """How long a first-time learner needs for one notebook, and where the time goes."""

    notebook: str
    text_words: int           # in the markdown cells
    form_words: int           # shown inside the forms
    table_words: int          # shown by other code cells: tables and printed text
    fields: dict[str, int]    # the forms' fields, by kind
    forms: int                # forms with a Save or Check button
    charts: int = 0
    parts: tuple[FormCount, ...] = ()  # each form's own count, in the notebook's order

    @property
    def words(self) -> int:
        """Every word read."""
        return self.text_words + self.form_words + self.table_words

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + MINUTES_PER_CHART * self.charts

    @property
    def doing_minutes(self) -> float:
        return doing_minutes(self.fields, self.forms)

    @property
    def total_minutes(self) -> float:
        return self.reading_minutes + self.doing_minutes


def combine(notebook: str, markdown: Iterable[str], forms: Iterable[FormCount], shown: Iterable[str]) -> Estimate:
    """The estimate for a notebook from its markdown cells, its forms and the HTML its other cells show."""
    forms, shown = list(forms), list(shown)
    fields: Counter[str] = Counter()
    for form in forms:
        fields.update(form.fields)
    return Estimate(notebook=notebook, text_words=sum(count_words(markdown_text(m)) for m in markdown),
                    form_words=sum(f.words for f in forms), table_words=sum(count_words(html_text(s)) for s in shown),
                    fields={kind: fields[kind] for kind in KINDS if fields[kind]},
                    forms=sum(f.saved for f in forms),
                    charts=sum(f.charts for f in forms) + sum(count_charts(s) for s in shown), parts=tuple(forms))


# --- the widgets of a form ------------------------------------------------------------------------------------
def field_kind(widget: Any) -> str | None:
    """The kind of field ``widget`` is (a key of ``MINUTES_PER_FIELD``), or None when nothing is typed or picked
    in it (text, a button, a box of other widgets)."""
    import ipywidgets as w

    if isinstance(widget, w.Combobox):  # a text box with suggestions: before Text, which it extends
        return "combo box"
    if isinstance(widget, w.Textarea):
        return "long text box" if (widget.rows or 0) >= LONG_TEXT_ROWS else "text box"
    if isinstance(widget, w.Text | w.Password | w.IntText | w.FloatText | w.BoundedIntText | w.BoundedFloatText):
        return "text line"
    if isinstance(widget, w.ToggleButtons | w.RadioButtons | w.Dropdown | w.Select | w.SelectMultiple
                  | w.IntSlider | w.FloatSlider | w.SelectionSlider):
        return "choice"
    if isinstance(widget, w.Checkbox):
        return "checkbox"
    return None


def widget_texts(widget: Any) -> list[str]:
    """The texts one widget shows for reading (not those of the widgets inside it), HTML as it is."""
    import ipywidgets as w

    if isinstance(widget, w.HTML | w.HTMLMath):
        return [widget.value]
    if isinstance(widget, w.Label):
        return [html.escape(widget.value)]
    if isinstance(widget, w.Button | w.ToggleButton | w.FileUpload) or field_kind(widget) is None:
        return []
    texts = [getattr(widget, "description", ""), getattr(widget, "placeholder", "")]
    labels = getattr(widget, "_options_labels", None) or getattr(widget, "options", None) or ()
    if labels and all(isinstance(label, str) for label in labels):
        texts.append(" / ".join(labels))
    return [html.escape(text) for text in texts if text and text.strip()]


def walk(widget: Any, skip: frozenset[int] = frozenset()) -> Iterable[Any]:
    """``widget`` and every widget inside it, top to bottom, leaving out those whose id is in ``skip``."""
    if id(widget) in skip:
        return
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child, skip)


def count_form(form: Any) -> FormCount:
    """What a form (or any widget) asks of a learner. Its feedback and status lines are left out: reading them
    is part of ``MINUTES_PER_FORM``."""
    import ipywidgets as w

    top = form if isinstance(form, w.Widget) else form.widget
    texts: dict[str, None] = {}   # each text once, in order
    fields: Counter[str] = Counter()
    saved = False
    for widget in walk(top, feedback_widgets(form)):
        for text in widget_texts(widget):
            texts.setdefault(text.strip())
        kind = field_kind(widget)
        if kind:
            fields[kind] += 1
        saved = saved or (isinstance(widget, w.Button) and widget.description in SAVE_BUTTONS)
    return FormCount(name=str(getattr(form, "key", "") or type(form).__name__),
                     words=sum(count_words(html_text(t)) for t in texts),
                     fields={kind: fields[kind] for kind in KINDS if fields[kind]},
                     charts=sum(count_charts(t) for t in texts), saved=saved)


def feedback_widgets(form: Any) -> frozenset[int]:
    """The ids of a form's feedback, status and summary lines, and of the notes under its rows: what they say
    changes as the learner types, and reading it is counted in ``MINUTES_PER_FORM``."""
    import ipywidgets as w

    found: list[Any] = []
    for name in ("feedback", "status", "summary", "field_lines"):
        part = getattr(form, name, None)
        found += list(part.values()) if isinstance(part, dict) else [part]
    for widget in walk(form if isinstance(form, w.Widget) else form.widget):
        if {"course-feedback-summary", "course-row-note"} & set(getattr(widget, "_dom_classes", ())):
            found.append(widget)
    return frozenset(id(widget) for widget in found if isinstance(widget, w.Widget))


# --- a notebook, run without a kernel -------------------------------------------------------------------------
def read_cells(path: str | Path) -> list[tuple[str, str]]:
    """A notebook's cells as (type, source)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return [(cell["cell_type"], "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
            for cell in notebook["cells"]]


def stated_minutes(notebook_path: str | Path) -> int | None:
    """The minutes the notebook says it takes ("**Time:** about N minutes"); for a lesson, the lesson's part."""
    return stated_in(source for kind, source in read_cells(notebook_path) if kind == "markdown")


def shown_by_cells(path: str | Path, folder: Path) -> list[Any]:
    """What the notebook's code cells show, run in order in one plain Python namespace (no kernel, nothing
    displayed): each cell's last value and anything it prints. ``course.start`` opens a workbook in ``folder``;
    grading and solution cells are skipped."""
    from .workbook import Workbook

    namespace: dict[str, Any] = {"__start__": lambda name: Workbook(name, folder=folder), "__name__": "__lesson__"}
    shown: list[Any] = []
    for number, (kind, source) in enumerate(read_cells(path), start=1):
        if kind != "code" or any(marker in source for marker in SKIPPED_CELLS):
            continue
        tree = ast.parse(re.sub(r"\bcourse\.start\(", "__start__(", source))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        printed = io.StringIO()
        where = f"{Path(path).name}, cell {number}"
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, where, "exec"), namespace)  # the course's own notebooks, nothing else
            if last is not None:
                shown.append(eval(compile(ast.Expression(last.value), where, "eval"), namespace))
        if printed.getvalue().strip():
            shown.append(html.escape(printed.getvalue()))
    return [value for value in shown if value is not None]


def is_form(value: Any) -> bool:
    """True for a form or any other widget a cell shows (a quiz, the dashboard); False for a table or text."""
    import ipywidgets as w

    return isinstance(value, w.Widget) or isinstance(getattr(value, "widget", None), w.Widget)


def as_html(value: Any) -> str:
    """A value a cell shows, as the HTML (or text) the notebook would show for it."""
    if hasattr(value, "_repr_html_"):
        return value._repr_html_() or ""
    return value if isinstance(value, str) else html.escape(repr(value))


def estimate(notebook_path: str | Path) -> Estimate:
    """How long a first-time learner needs for this lesson or exercise: its forms are built in a temporary
    folder without a kernel, their widgets counted, and the notebook's words added."""
    path = Path(notebook_path)
    with tempfile.TemporaryDirectory() as folder:
        shown = shown_by_cells(path, Path(folder))
    markdown = [source for kind, source in read_cells(path) if kind == "markdown"]
    return combine(path.stem, markdown, [count_form(v) for v in shown if is_form(v)],
                   [as_html(v) for v in shown if not is_form(v)])
