"""Start a server (JupyterLab or the app view) and keep it tied to the ``course`` command that started it.

Stopping ``course lab`` or ``course app`` (Ctrl+C, closing the terminal, or a signal from a script) stops the
server and its kernels too, so nothing is left running in the background.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path

INSTALL_HINT = "pip install 'ai-adoption-course[learner]'"


def installed(module: str) -> bool:
    """True when the Python package ``module`` (for example ``jupyterlab`` or ``voila``) is installed."""
    return importlib.util.find_spec(module) is not None


def run_until_stopped(command: list[str], *, folder: Path | None = None,
                      env: Mapping[str, str] | None = None) -> int:
    """Run ``command`` until it ends or is stopped; returns its exit code.

    A stop request (SIGTERM or SIGHUP) is passed on, so the server shuts its kernels down; Ctrl+C reaches the
    server by itself and is given 30 seconds to finish.
    """
    process = subprocess.Popen(command, cwd=folder, env=dict(env) if env is not None else None)

    def stop(_signal: int, _frame: object) -> None:
        process.terminate()

    stops = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])  # no SIGHUP on Windows
    previous = {sig: signal.signal(sig, stop) for sig in stops}
    try:
        return process.wait()
    except KeyboardInterrupt:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
