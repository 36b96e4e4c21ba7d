"""The grading kernel: sandboxed, and limited in memory, file size and processes, for a learner's notebook.

A notebook that allocates without end would take the grading machine's memory from every other learner being
graded at the same time, one that writes without end would fill its disk, and one that forks without end would
fill the process table. The kernel manager here starts each grading kernel through ``rlimits.py``, a tiny module
that lowers its limits (both the soft and the hard one, so code in the kernel cannot raise them again) and then
becomes the kernel inside its OS sandbox (``sandbox.py``), which sees only the notebook's own folder. Past the
memory limit the learner's cell fails with a MemoryError and the rest of the notebook runs; past the file limit
the kernel stops and the notebook is graded with what ran. Time is limited per cell by nbgrader
(``Execute.timeout``) and output by nbgrader's LimitOutput. In a cohort folder the kernel is also told where the
cohort's own held-out data is (``COURSE_HELDOUT``, see ``heldout.py``), in its own environment only: the grading
process's environment is never changed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Float, Int, List, Unicode

from ..data import HELDOUT

MEMORY_GB = 3.0   # a graded kernel with pandas and charts uses about 1 GB of address space: 3 GB more never fits
FILE_MB = 512.0   # far more than any file a course notebook writes
PROCESSES = 256   # threads count too: a kernel with pandas and matplotlib runs a few dozen
SANDBOX_UIDS = (60000, 5000)  # run as root, each grading kernel becomes an unprivileged account from this range


class LimitedKernelManager(AsyncKernelManager):
    """nbgrader's kernel for one notebook, started under the limits and inside the OS sandbox."""

    memory_gb = Float(MEMORY_GB, config=True, help="Address space a grading kernel may use, in GB.")
    file_mb = Float(FILE_MB, config=True, help="Largest file a grading kernel may write, in MB.")
    processes = Int(PROCESSES, config=True, help="Processes and threads a grading kernel may add.")
    heldout = Unicode("", config=True, help="The cohort's held-out data folder, for the hidden tests.")
    sandbox = Bool(True, config=True, help="Run the kernel in the OS sandbox (bubblewrap); off only when the "
                                           "operator asked for --unsafe-no-sandbox.")
    hidden = List(Unicode(), config=True, help="Folders the kernel must not see (the cohort, the exchange).")
    private_copy = Bool(False, config=True, help="The notebook's folder is a private copy made for this kernel "
                                                 "alone (``course cohort grade``), which it may own: run as root, "
                                                 "the kernel then becomes an account of its own, whose processes "
                                                 "are limited.")

    _runtime: str = ""

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:
        if self.sandbox:  # the connection file and sockets in a folder of this kernel's own
            self._runtime = tempfile.mkdtemp(prefix="course-kernel-")
            self.connection_file = os.path.join(self._runtime, "kernel.json")
            self.transport = "ipc"
            self.ip = os.path.join(self._runtime, "socket")
            self.transport_encryption = "disabled"
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        env = dict(kw.get("env") or os.environ)
        if self.heldout:
            env[HELDOUT] = self.heldout
        processes = self.processes
        if self.sandbox:
            from . import sandbox

            workdir = Path(kw.get("cwd") or os.getcwd()).resolve()
            account = None
            if os.getuid() == 0 and self.private_copy:  # the kernel becomes an account of its own, owning its copy
                account = SANDBOX_UIDS[0] + os.getpid() % SANDBOX_UIDS[1]
                for folder in (workdir, Path(self._runtime)):
                    _hand_over(folder, account)
                processes = 0  # limited inside, once the kernel is that account
            kernel_cmd = sandbox.command(kernel_cmd, workdir=workdir, runtime=Path(self._runtime),
                                         hidden=[Path(h) for h in [*self.hidden, str(Path.home())]], env=env,
                                         account=account, processes=self.processes)
        kw["env"] = env
        wrapped = [sys.executable, "-I", "-m", "course.grading.rlimits", f"{self.memory_gb:g}", f"{self.file_mb:g}",
                   str(processes), "-", "--", *kernel_cmd]
        await super()._async_launch_kernel(wrapped, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._runtime and not restart:
            shutil.rmtree(self._runtime, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


def _hand_over(folder: Path, uid: int) -> None:
    """Give the sandboxed kernel's account a folder of its own copy (it runs as that account, not as root)."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, uid, follow_symlinks=False)
