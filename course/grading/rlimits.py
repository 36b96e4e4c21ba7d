"""Become a command under lower limits: ``python -I -m course.grading.rlimits GB MB PROCESSES UID -- cmd ...``.

The grading kernel is started through this (see ``limits.py``) before its sandbox (``sandbox.py``) starts, so the
limits hold before any learner file can run; 0 leaves a limit as it is. It imports nothing beyond the standard
library, so it adds almost nothing to each notebook's start. Both the soft and the hard limit are lowered, so code
in the kernel cannot raise them again. When grading runs as root, the sandbox runs it once more inside, to become
the unprivileged account ``UID`` ('-' keeps the account) and limit that account's processes: the process limit
counts an account's processes, and root's are never counted.
"""

from __future__ import annotations

import os
import resource
import signal
import sys


def _processes_of(uid: int) -> int:
    """How many processes and threads the account runs now (the process limit counts them all)."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if os.stat(entry.path).st_uid == uid:
                    count += len(os.listdir(f"{entry.path}/task"))
            except OSError:
                continue
    return count


def apply(memory_gb: float, file_mb: float, processes: int = 0) -> None:
    """Lower this process's address-space, file-size and (when ``processes``) process limits; never raise them."""
    limits = [(resource.RLIMIT_AS, int(memory_gb * 2**30)), (resource.RLIMIT_FSIZE, int(file_mb * 2**20)),
              (resource.RLIMIT_NPROC, _processes_of(os.getuid()) + processes if processes else 0)]
    for which, amount in (limit for limit in limits if limit[1]):
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            amount = min(amount, hard)
        resource.setrlimit(which, (amount, amount))


def become(uid: int) -> None:
    """Drop root for the unprivileged account ``uid`` (its own group, no other groups)."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def main(argv: list[str]) -> None:
    try:
        memory_gb, file_mb, processes, uid, separator, *command = argv
    except ValueError:
        command, separator = [], ""
    if separator != "--" or not command:
        raise SystemExit("usage: python -I -m course.grading.rlimits MEMORY_GB FILE_MB PROCESSES UID -- command ...")
    if uid != "-" and os.getuid() == 0:
        become(int(uid))
    apply(float(memory_gb), float(file_mb), int(processes))
    # nbgrader interrupts a cell past its time limit with SIGINT to the kernel's process group: the sandbox's
    # own process must ignore it (it would end, and the kernel with it); the kernel inside handles it.
    sandbox = os.path.basename(command[0]) == "bwrap"
    signal.signal(signal.SIGINT, signal.SIG_IGN if sandbox else signal.SIG_DFL)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
