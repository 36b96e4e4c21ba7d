"""Settings for every test run from the repository root, including nbval's runs of lessons and solutions.

nbval starts one real kernel per notebook. On a busy machine running tests in parallel, a kernel now and then dies
while starting, before it answers its first message (seen once in seven full runs). That is the machine, not the
notebook: nbval then reports every cell as an error. Such a start is tried once more; any other failure, and a
second death, is reported as it is.
"""

import nbval.kernel

_start_new_kernel = nbval.kernel.start_new_kernel


def _start_with_one_retry(*args, **kwargs):
    try:
        return _start_new_kernel(*args, **kwargs)
    except RuntimeError as error:
        if "Kernel died before replying to kernel_info" not in str(error):
            raise
        return _start_new_kernel(*args, **kwargs)


nbval.kernel.start_new_kernel = _start_with_one_retry
