"""Become a command under lower memory and file-size limits: ``python -m course.grading.rlimits GB MB -- cmd ...``.

The grading kernel is started through this (see ``limits.py``). It imports nothing beyond the standard library, so
it adds almost nothing to each notebook's start. Both the soft and the hard limit are lowered, so code in the
kernel cannot raise them again.
"""

from __future__ import annotations

import os
import sys


def apply(memory_gb: float, file_mb: float) -> None:
    """Lower this process's address-space and file-size limits (never raise them)."""
    import resource

    for which, amount in ((resource.RLIMIT_AS, int(memory_gb * 2**30)), (resource.RLIMIT_FSIZE, int(file_mb * 2**20))):
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            amount = min(amount, hard)
        resource.setrlimit(which, (amount, amount))


def main(argv: list[str]) -> None:
    memory_gb, file_mb, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: python -m course.grading.rlimits MEMORY_GB FILE_MB -- command ...")
    apply(float(memory_gb), float(file_mb))
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
