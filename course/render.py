"""The only place learner text becomes HTML. Everything shown in a widget passes through ``escape``.

Learner text may hold anything: ``<script>``, ``<img onerror=...>``, ``javascript:`` links, ``$maths$``
or a megabyte paste. It is always shown literally, never run, and very long text is cut for display
(the saved answer itself is never cut).
"""

from __future__ import annotations

import html
import re

from .checks.feedback import Feedback, Finding

SHOW_AT_MOST = 5000


def shorten(text: str, limit: int = SHOW_AT_MOST) -> str:
    """Text cut to ``limit`` characters for display, saying how much was left out."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… ({len(text) - limit:,} more characters not shown)"


def escape(text: object, limit: int = SHOW_AT_MOST) -> str:
    """Learner text made safe to put inside HTML: tags, quotes and maths markers are shown as typed."""
    safe = html.escape(shorten(str(text), limit), quote=True)
    # JupyterLab typesets $...$ as maths in some outputs; show dollars literally instead.
    return safe.replace("$", "&#36;").replace("\\", "&#92;")


def text_block(text: object, limit: int = SHOW_AT_MOST) -> str:
    """Learner text as a preformatted block that keeps line breaks."""
    style = ("white-space: pre-wrap; overflow-wrap: break-word; word-break: normal; margin: 0; line-height: 1.4; "
             "font-family: var(--jp-code-font-family, monospace); font-size: var(--jp-code-font-size, 13px)")
    return f'<pre class="course-text" style="{style}">{escape(text, limit)}</pre>'


def points_text(earned: float, out_of: float, unseen: float = 0, practice: bool = False) -> str:
    """Points as the course shows them everywhere: "7 of 10 points". When grading adds points on data the learner
    has not seen, the total is the heading's: "7 of 12 points (2 of the 12 are given at grading, on new data)".
    A form worth nothing says so: "no points". In a lesson, which is not graded, ``practice`` says what the same
    answer would earn in the exercise: "not graded here; in the exercise: 4 of 9 points"."""
    if not out_of and not unseen:
        return "no points"
    if practice:
        return f"not graded here; in the exercise: {earned:g} of {out_of + unseen:g} points"
    if not unseen:
        return f"{earned:g} of {out_of:g} points"
    total = out_of + unseen
    return f"{earned:g} of {total:g} points ({unseen:g} of the {total:g} are given at grading, on new data)"


def feedback_html(feedback: Feedback, *, reveal_fixes: bool = False, heading: str = "Feedback",
                  score: tuple[float, ...] | None = None) -> str:
    """Feedback as HTML: the summary sentence, then problems and suggestions as lists.

    Pass and fail are said in words and marked with a symbol, never by colour alone. ``score`` (earned, out of)
    is shown beside the verdict, in the points of the form that shows it (a third number: the points grading
    adds on new data). Each finding gives one nudge; the
    worked example is shown only when ``reveal_fixes`` is set (the learner asked for it).
    """
    points = f" · {points_text(*score)}" if score else ""
    parts = [
        '<div class="course-feedback" role="status" aria-live="polite">',
        f"<p><strong>{escape(heading)}: {_verdict(feedback)}{points}.</strong> {escape(feedback.summary)}</p>",
    ]
    gains = tuple(f for f in feedback.suggestions if f.gain)
    advice = tuple(f for f in feedback.suggestions if not f.gain)
    for title, items in (("To fix (costs points)", feedback.problems), ("To earn more points", gains),
                         ("Suggestions (no points)", advice)):
        if not items:
            continue
        parts.append(f"<p>{escape(title)}:</p><ul>")
        for finding in items:
            why = f" <span>{escape(finding.why)}</span>" if finding.why else ""
            parts.append(f"<li><strong>{escape(finding.where.capitalize())}:</strong> "
                         f"{escape(finding.message)}.{why}{_help(finding, feedback.summary, reveal_fixes)}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def _verdict(feedback: Feedback) -> str:
    return "✔ Ready to use" if feedback.passed else "✘ Not ready yet"


def _help(finding: Finding, summary: str, reveal_fixes: bool) -> str:
    """One nudge, then (on request) one worked example: ``Hint: … Worked example: …``.

    A nudge the summary sentence already says is not repeated; an engine's "For example:" is said once, as
    "Worked example:".
    """
    nudge, *examples = finding.hints or ("",)
    parts = [f" <em>Hint:</em> {escape(nudge)}"] if nudge and nudge not in summary else []
    if reveal_fixes and examples:
        example = _FOR_EXAMPLE.sub("", examples[0])
        parts.append(f' <span class="course-worked-example"><em>Worked example:</em> {escape(example)}</span>')
    return "".join(parts)


_FOR_EXAMPLE = re.compile(r"^\s*(for example|e\.g\.)\s*[:,]?\s*", re.IGNORECASE)


def feedback_line(feedback: Feedback, *, field: str = "", score: tuple[float, ...] | None = None) -> str:
    """The feedback in one short line, shown right under the field being edited so it stays in view.

    It says pass or fail in words, the points when the form has them (``score``, as ``feedback_html``), and the one
    thing to do next: what is wrong with ``field`` (the label of the field being edited) if anything, otherwise
    the first problem.
    """
    points = f" · {points_text(*score)}" if score else ""
    problems = feedback.problems
    own = [f for f in problems if field and f.where.lower() == field.lower()]
    if own:
        next_step = f"{own[0].where.capitalize()}: {own[0].message}."
    elif problems or any(f.gain for f in feedback.suggestions):
        first = (problems or [f for f in feedback.suggestions if f.gain])[0].message
        next_step = f"Next: {first[:1].lower()}{first[1:]}."
    else:
        next_step = "Details below."
    return (f'<p class="course-feedback-line" style="margin: 2px 0; line-height: 1.35">'
            f"<strong>{_verdict(feedback)}{points}.</strong> {escape(next_step)}</p>")


def feedback_text(feedback: Feedback) -> str:
    """Feedback as plain text for ordinary cell output (what formgrader and feedback pages show)."""
    lines = [feedback.summary]
    for finding in feedback.problems:
        lines.append(f"  - {finding.where.capitalize()}: {finding.message}.")
    for finding in feedback.suggestions:
        kind = "To earn more points" if finding.gain else "Suggestion"
        lines.append(f"  - {kind} ({finding.where}): {finding.message}.")
    return "\n".join(lines)
