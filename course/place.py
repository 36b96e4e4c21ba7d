"""Where a notebook is running: in JupyterLab, or as an app (``course app``, which runs it with Voila).

The two places need different instructions: JupyterLab has menus (Run › Restart Kernel and Run All Cells…),
the app has none and has already run the lesson. A lesson's Markdown keeps its JupyterLab steps inside
``<div class="course-lab-only">``; in the app, ``app_view_note()`` hides them and says what applies there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# Voila sets these in every kernel it starts (voila/utils.py ENV_VARIABLE); JupyterLab sets none of them.
VOILA_VARIABLES = ("VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID")

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
