"""What a manager sees on screen, read from the page as drawn: the checks every lesson and exercise must pass.

``look_through(page)`` scrolls the open notebook from top to bottom (JupyterLab draws only the cells in view) and
returns what it saw, cell by cell: anything wider than the page or scrolling sideways, any label or button whose
text is cut off, any shown number with more than one decimal place, any internal name or file path, how many
feedback blocks each form has, and the points said by each exercise heading, form and graded cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Runs in the page: one record per drawn cell, keyed by its place in the notebook.
_READ_CELLS = r"""() => {
  const notebook = document.querySelector('.jp-Notebook');
  const page = notebook.getBoundingClientRect();
  const name = el => {
    const text = (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 70);
    return `${el.tagName.toLowerCase()} "${text}"`;
  };
  const drawn = el => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  const cells = [];
  notebook.querySelectorAll('.jp-Cell').forEach(cell => {
    const index = Number(cell.dataset.windowedListIndex ?? -1);
    const record = {index, wide: [], cut: [], text: '', headings: [], forms: [], graded: []};
    if (!drawn(cell)) { return; }
    cell.querySelectorAll('.jp-OutputArea-output, .jp-OutputArea-output *').forEach(el => {
      if (!drawn(el)) return;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.right > page.right + 1) record.wide.push('wider than the page: ' + name(el));
      if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        record.wide.push('scrolls sideways: ' + name(el));
      const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      const label = el.matches('button, label, .widget-label, .widget-label-basic, th, td, .jupyter-button')
      if (label && clips && el.scrollWidth > el.clientWidth + 1) record.cut.push('cut off: ' + name(el));
      if (el.matches('button') && style.fontSize !== '0px' && /\(\d+\)$/.test((el.innerText || '').trim()))
        record.cut.push('a count of files on a button: ' + name(el));
    });
    record.text = [...cell.querySelectorAll('.jp-OutputArea-output, .jp-RenderedMarkdown')]
      .map(el => el.innerText).join('\n');
    record.headings = [...cell.querySelectorAll('.jp-RenderedMarkdown h2')]
      .map(h => h.textContent.replace('¶', '').trim());
    record.forms = [...cell.querySelectorAll('.course-form')].map(form => ({
      feedback_blocks: [...form.querySelectorAll('.course-feedback')].filter(drawn).length,
      points: (form.querySelector('.course-feedback strong') || {}).textContent || ''}));
    record.graded = [...cell.querySelectorAll('.course-graded')].map(el => el.textContent);
    cells.push(record);
  });
  return cells;
}"""

NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Words a manager should never meet: file paths, file names and internal names written like_this.
INTERNAL = re.compile(r"(?:/(?:tmp|work|home|root|usr)/|\b\w+\.(?:json|csv|py|ipynb)\b|\b[a-z]+(?:_[a-z0-9]+)+\b)")
LONG_DECIMAL = re.compile(r"(?<![\d.£$€])\d+\.\d{2,}(?![\d.])")  # money keeps its pence
HEADING_POINTS = re.compile(r"^Part \d+\b.*\((\d+(?:\.\d+)?) points?\b")
SHOWN_POINTS = re.compile(r"of (\d+(?:\.\d+)?) points")


@dataclass
class Seen:
    """Everything ``look_through`` noticed in one notebook."""

    problems: set[str] = field(default_factory=set)
    cells: dict[int, dict] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(cell["text"] for _index, cell in sorted(self.cells.items()))

    def internal_names(self) -> set[str]:
        return set(INTERNAL.findall(self.text))

    def long_decimals(self) -> set[str]:
        return set(LONG_DECIMAL.findall(self.text))

    def feedback_blocks_per_form(self) -> list[int]:
        return [form["feedback_blocks"] for _i, cell in sorted(self.cells.items()) for form in cell["forms"]]

    def points_by_exercise(self) -> list[dict]:
        """Per exercise heading, in order: the points it promises, and the totals its forms and graded cells show
        (points checked here and those added at grading, in one total)."""
        found: list[dict] = []
        for _index, cell in sorted(self.cells.items()):
            for heading in cell["headings"]:
                promised = HEADING_POINTS.search(heading)
                found.append({"heading": heading, "promised": float(promised.group(1)) if promised else None,
                              "forms": [], "graded": []})
            if not found:
                continue
            for form in cell["forms"]:
                found[-1]["forms"] += _totals(form["points"])
            for graded in cell["graded"]:
                found[-1]["graded"] += _totals(graded)
        return found


def _totals(text: str) -> list[float]:
    return [float(total) for total in SHOWN_POINTS.findall(text)]


def look_through(page) -> Seen:
    """Scroll the open notebook from top to bottom as a reader would, reading every cell as it is drawn."""
    seen = Seen()
    scroller = ".jp-Notebook .jp-WindowedPanel-outer"
    page.mouse.move(700, 400)
    page.evaluate(f"() => document.querySelector('{scroller}').scrollTo(0, 0)")
    for _ in range(300):
        for cell in page.evaluate(_READ_CELLS):
            seen.problems.update(cell["wide"] + cell["cut"])
            before = seen.cells.setdefault(cell["index"], cell)  # a cell's widgets may be drawn a frame later:
            for key in ("text", "headings", "forms", "graded"):  # keep the fullest reading of each part
                if cell[key]:
                    before[key] = cell[key]
        before = page.evaluate(f"() => document.querySelector('{scroller}').scrollTop")
        page.mouse.wheel(0, 400)
        page.evaluate(NEXT_FRAMES)  # JupyterLab draws the cells that came into view on its next frame
        if page.evaluate(f"() => document.querySelector('{scroller}').scrollTop") == before:
            return seen
    return seen


def problems_a_manager_would_see(seen: Seen) -> list[str]:
    """Everything on screen that breaks the course's promises to a manager, in plain sentences (none: [])."""
    problems = sorted(seen.problems)
    problems += [f"internal name or path on screen: {name}" for name in sorted(seen.internal_names())]
    problems += [f"a number with more than one decimal place: {number}" for number in sorted(seen.long_decimals())]
    problems += [f"a form with {count} feedback blocks" for count in seen.feedback_blocks_per_form() if count != 1]
    for exercise in seen.points_by_exercise():
        shown = exercise["forms"] + exercise["graded"]
        if exercise["promised"] is not None and any(total != exercise["promised"] for total in shown):
            problems.append(f"{exercise['heading']!r} promises {exercise['promised']:g} points; the form and graded "
                            f"cell show {shown}")
    return problems
