"""Learner text is always shown literally: no markup, no script, no maths typesetting."""

import pytest

from course.checks.feedback import Feedback, Finding
from course.render import escape, feedback_html, shorten, text_block

NASTY = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[x](javascript:alert(1))",
    "$\\alert{1}$ and $$x$$",
    "\"quoted\" & 'single'",
]


@pytest.mark.parametrize("text", NASTY)
def test_escape_leaves_no_markup_and_no_maths_markers(text):
    safe = escape(text)
    assert "<" not in safe and ">" not in safe and '"' not in safe and "$" not in safe
    assert "\\" not in safe


def test_escaped_text_reads_back_as_typed():
    import html

    for text in NASTY:
        assert html.unescape(escape(text)) == text


def test_long_text_is_cut_for_display_with_a_note():
    shown = shorten("x" * 12_000, 5000)
    assert shown.startswith("x" * 5000) and "7,000 more characters not shown" in shown
    assert "not shown" in text_block("y" * 9000)


def test_feedback_html_escapes_findings_and_says_pass_or_fail_in_words():
    finding = Finding("k", "<b>task</b>", "<script>bad()</script>", why="<i>why</i>",
                      hints=("nudge <x>", "fix <y>"), cost=1)
    html_text = feedback_html(Feedback("e", 1, 2, False, (finding,), "<summary>"))
    assert "<script>" not in html_text and "<b>task" not in html_text and "&lt;script&gt;" in html_text
    assert "Not ready yet" in html_text and "✘" in html_text
    assert "nudge" in html_text and "fix &lt;y&gt;" not in html_text
    assert "fix &lt;y&gt;" in feedback_html(Feedback("e", 1, 2, False, (finding,), "s"), reveal_fixes=True)
    assert "Ready to use" in feedback_html(Feedback("e", 2, 2, True, (), "s"))
