"""The only place learner text becomes HTML. Everything shown in a widget passes through ``escape``.

Learner text may hold anything: ``<script>``, ``<img onerror=...>``, ``javascript:`` links, ``$maths$``
or a megabyte paste. It is always shown literally, never run, and very long text is cut for display
(the saved answer itself is never cut).
"""

from __future__ import annotations

import html

from .checks.feedback import Feedback

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


def feedback_html(feedback: Feedback, *, reveal_fixes: bool = False, heading: str = "Feedback") -> str:
    """Feedback as HTML: the summary sentence, then problems and suggestions as lists.

    Pass and fail are said in words and marked with a symbol, never by colour alone. Hints nudge first;
    the worked fix is shown only when ``reveal_fixes`` is set (the learner asked for it).
    """
    verdict = "Meets the bar" if feedback.passed else "Not there yet"
    mark = "✔" if feedback.passed else "✘"
    parts = [
        '<div class="course-feedback" role="status" aria-live="polite">',
        f"<p><strong>{escape(heading)}: {mark} {verdict}.</strong> {escape(feedback.summary)}</p>",
    ]
    for title, items in (("To fix (costs points)", feedback.problems), ("Suggestions (no points)",
                                                                        feedback.suggestions)):
        if not items:
            continue
        parts.append(f"<p>{escape(title)}:</p><ul>")
        for finding in items:
            hints = finding.hints if reveal_fixes else finding.hints[:1]
            hint_text = " ".join(f"<em>Hint:</em> {escape(h)}" for h in hints)
            why = f" <span>{escape(finding.why)}</span>" if finding.why else ""
            parts.append(f"<li><strong>{escape(finding.where.capitalize())}:</strong> "
                         f"{escape(finding.message)}.{why} {hint_text}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def feedback_text(feedback: Feedback) -> str:
    """Feedback as plain text for ordinary cell output (what formgrader and feedback pages show)."""
    lines = [feedback.summary]
    for finding in feedback.problems:
        lines.append(f"  - {finding.where.capitalize()}: {finding.message}.")
    for finding in feedback.suggestions:
        lines.append(f"  - Suggestion ({finding.where}): {finding.message}.")
    return "\n".join(lines)
