"""Where a notebook is: running in JupyterLab, running as an app (``course app``, with Voila), or not running.

The two running places need different instructions: JupyterLab has menus (Run › Restart Kernel and Run All
Cells…), the app has none and has already run the lesson. A lesson's Markdown keeps its JupyterLab steps inside
``<div class="course-lab-only">``; in the app, ``app_view_note()`` hides them and says what applies there.
A notebook opened without running shows ``NOT_RUNNING`` where its forms will be.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping

# Voila sets these in every kernel it starts (voila/utils.py ENV_VARIABLE); JupyterLab sets none of them.
VOILA_VARIABLES = ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID")

# Where a form was, in a notebook opened again without running it (and in nbgrader's formgrader and feedback).
NOT_RUNNING = "This form appears when the notebook runs: choose Run › Restart Kernel and Run All Cells…"
APP_VIEW_HOW_TO = ("This lesson has already run: answer in the forms, and your answers are saved automatically. "
                   "If a form stops reacting, reload the page; your saved answers come back.")


def in_app_view(environ: Mapping[str, str] | None = None) -> bool:
    """True when the notebook runs as an app (in a kernel Voila started)."""
    environ = os.environ if environ is None else environ
    return any(environ.get(name) for name in VOILA_VARIABLES)


def app_view_note() -> str:
    """HTML for the top of a lesson in the app: the JupyterLab-only steps hidden, the app's own how-to shown."""
    return ("<style>.course-lab-only { display: none !important; }</style>"
            f'<p class="course-app-how-to"><strong>How to use this page:</strong> {APP_VIEW_HOW_TO}</p>')


def not_running_html() -> str:
    """``NOT_RUNNING`` as the HTML that stands in for a form."""
    return f'<p class="course-form-placeholder">{html.escape(NOT_RUNNING)}</p>'


def show_app_view_note() -> None:
    """In the app view, show ``app_view_note()`` (the lesson's JupyterLab steps hidden); elsewhere nothing."""
    if in_app_view():
        from IPython.display import HTML, display

        display(HTML(app_view_note()))
