"""Memory and file-size limits for a learner's notebook while it is graded.

A notebook that allocates without end would take the grading machine's memory from every other learner being
graded at the same time, and one that writes without end would fill its disk. The kernel manager here starts
each grading kernel through ``rlimits.py``, a tiny module that lowers its limits (both the soft and the hard one,
so code in the kernel cannot raise them again) and then becomes the kernel. Past the memory limit the learner's
cell fails with a MemoryError and the rest of the notebook runs; past the file limit the kernel stops and the
notebook is graded with what ran. Time is limited per cell by nbgrader (``Execute.timeout``) and output by
nbgrader's LimitOutput. In a cohort folder the kernel is also told where the cohort's own held-out data is
(``COURSE_HELDOUT``, see ``heldout.py``), in its own environment only: the grading process's environment is
never changed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Float, Unicode

from ..data import HELDOUT

MEMORY_GB = 4.0   # a lesson's kernel with pandas and charts uses about 1 GB of address space
FILE_MB = 512.0   # far more than any file a course notebook writes


class LimitedKernelManager(AsyncKernelManager):
    """nbgrader's kernel for one notebook, started under the memory and file-size limits."""

    memory_gb = Float(MEMORY_GB, config=True, help="Address space a grading kernel may use, in GB.")
    file_mb = Float(FILE_MB, config=True, help="Largest file a grading kernel may write, in MB.")
    heldout = Unicode("", config=True, help="The cohort's held-out data folder, for the hidden tests.")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        if self.heldout:
            kw["env"] = {**(kw.get("env") or os.environ), HELDOUT: self.heldout}
        wrapped = [sys.executable, "-m", "course.grading.rlimits", f"{self.memory_gb:g}", f"{self.file_mb:g}", "--",
                   *kernel_cmd]
        await super()._async_launch_kernel(wrapped, **kw)
