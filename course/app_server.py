"""The server behind ``course app``: Voila, with three things a learner's computer needs on top.

1. Closing or reloading the page ends its kernel. Voila's page asks the server to stop the kernel as it
   unloads, and proves the request comes from the page with the ``_xsrf`` cookie. Voila 0.5 never sets that
   cookie, so every request was refused (403) and each visit left a kernel of about 130 MB running.
   ``send_the_shutdown_cookie`` sets it before the page is sent; the cross-site request check stays on.
2. The kernel's messages are encrypted (CurveZMQ) when the installed Jupyter can do it, so the kernel has
   no reason to warn "running over TCP without encryption" in the learner's terminal.
3. The terminal shows warnings and errors only, less one harmless warning (see ``HARMLESS``).

``course/app.py`` works out the command line (which lesson, which port, which page template);
this module only runs it: ``python -m course.app_server LESSON.ipynb --port=8866 ...``.
"""

from __future__ import annotations

import logging
import sys

HARMLESS = (
    # Voila runs every cell afresh, so a notebook's signature (its "trust") changes nothing in the app view.
    "is not trusted",
)


def send_the_shutdown_cookie(request, notebook, cwd):
    """Voila calls this before it sends the page; reading the token sets the ``_xsrf`` cookie on the reply.

    The page's script sends that cookie's value back when it asks for its kernel to be shut down. Returning
    nothing keeps the notebook as it is.
    """
    _ = request.xsrf_token


class HideHarmless(logging.Filter):
    """Leaves out the warnings listed in ``HARMLESS``; every other message goes through."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(harmless in message for harmless in HARMLESS)


def kernel_encryption_available() -> bool:
    """True when jupyter_client can give kernels CurveZMQ keys (8.10 or later) and pyzmq supports CurveZMQ."""
    import zmq
    from jupyter_client.manager import KernelManager

    return "transport_encryption" in KernelManager.class_traits() and bool(zmq.has("curve"))


def course_config():
    """What ``course app`` sets in code: the shutdown cookie and, where possible, encrypted kernel messages."""
    from traitlets.config import Config

    config = Config()
    config.VoilaConfiguration.prelaunch_hook = send_the_shutdown_cookie
    if kernel_encryption_available():
        # "auto": keys for every kernel whose kernelspec says it supports CurveZMQ (ipykernel does)
        config.KernelManager.transport_encryption = "auto"
    return config


def main(argv: list[str] | None = None) -> None:
    """Run Voila with the course's configuration; options on the command line still win."""
    from voila.app import Voila

    app = Voila.instance(config=course_config())
    app.initialize(sys.argv[1:] if argv is None else argv)
    app.log.addFilter(HideHarmless())
    app.start()


if __name__ == "__main__":
    main()
