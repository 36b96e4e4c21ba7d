"""Charts of the pilot's team-level figures, drawn with matplotlib as SVG with a text alternative.

Colours are Okabe-Ito (told apart by people with any common colour-vision deficiency), and every line also has
its own marker and dash, so no line is known by colour alone. Axes are labelled; the figure carries its title and
a sentence that says what the chart shows, for screen readers and for anyone who cannot see it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from .render import escape

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00")
MARKERS = ("o", "s", "^", "D", "v")
DASHES = ("-", "--", ":", "-.", (0, (5, 1)))


def line_chart(title: str, x: Sequence[float], lines: Mapping[str, Sequence[float | None]], *, x_label: str,
               y_label: str, description: str, shade_until: float | None = None) -> str:
    """An SVG line chart inside a <figure> with its title and a text alternative; ``shade_until`` greys the
    baseline weeks."""
    figure = line_figure(title, x, lines, x_label=x_label, y_label=y_label, shade_until=shade_until)
    return _figure(figure, title, description)


def line_figure(title: str, x: Sequence[float], lines: Mapping[str, Sequence[float | None]], *, x_label: str,
                y_label: str, shade_until: float | None = None) -> Any:
    """The line chart as a matplotlib figure: every point inside the axes with room above it, an axis from zero
    for figures that are never negative, and the legend under the chart, where it covers no line."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 3.6), dpi=100, layout="constrained")
    axes = figure.subplots()
    if shade_until is not None:
        axes.axvspan(min(x) - 0.5, shade_until + 0.5, color="#DDDDDD", label="baseline weeks")
    for number, (label, values) in enumerate(lines.items()):
        points = [(a, b) for a, b in zip(x, values, strict=True) if b is not None]
        axes.plot([a for a, _ in points], [b for _, b in points], label=label, color=COLOURS[number % 5],
                  marker=MARKERS[number % 5], linestyle=DASHES[number % 5], linewidth=2, clip_on=False)
    shown = [v for values in lines.values() for v in values if v is not None]
    if shown and min(shown) >= 0:  # minutes, rates and shares are never below zero: the axis starts at 0
        axes.set_ylim(bottom=0, top=max(shown) * 1.15 or 1)
    axes.set_title(title)
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.grid(True, color="#EEEEEE")
    figure.legend(loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    return figure


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], *, x_label: str, description: str) -> str:
    """An SVG horizontal bar chart inside a <figure> with its title and a text alternative; each bar carries its
    value as a label, so no bar is read by colour or length alone."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 1.5 + 0.45 * max(1, len(labels))), dpi=100)  # room for title and axis: one bar
    axes = figure.subplots()
    bars = axes.barh(list(labels), list(values), color=COLOURS[0])
    axes.bar_label(bars, fmt="%g%%" if "%" in x_label else "%g")
    if "%" in x_label:
        axes.set_xlim(0, max(100.0, *values) * 1.08)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel(x_label)
    figure.tight_layout()
    return _figure(figure, title, description)


def _figure(figure: Any, title: str, description: str) -> str:
    """A matplotlib figure as inline SVG in a <figure> named by its title, with the description as its caption."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):].replace("<svg ", '<svg role="img" aria-hidden="true" ', 1)
    return (f'<figure class="course-chart" aria-label="{escape(title)}" style="margin:6px 0">{svg}'
            f'<figcaption class="course-chart-text">{escape(description)}</figcaption></figure>')
