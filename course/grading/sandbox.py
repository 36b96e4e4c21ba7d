"""The OS sandbox every grading kernel runs in: bubblewrap (``bwrap``, Debian package ``bubblewrap``).

A learner's notebook is code the learner wrote. While it is graded, its kernel sees:
- the system and the course's Python environment, read-only (nothing installed can be changed: no ``.py``,
  ``.pyc`` or ``.pth`` file of the package or the environment);
- its own private copy of the one submission (read-write), and the folder of its own connection to the grading
  process (read-write, nothing else in it);
- the cohort's held-out data, read-only, when the hidden tests need it;
- a private, empty ``/tmp``, its own process list, no network and a cleared environment that names none of the
  cohort's folders.
It does not see the cohort folder, the exchange, other learners' submissions, the instructor's home or the real
gradebook: they are not mounted at all, or are covered by an empty folder where they sit inside something the
kernel needs. Memory, file size and the number of processes are limited before the sandbox starts
(``rlimits.py``), so no learner file runs before the limits apply; time is limited per cell by nbgrader.

The kernel talks to the grading process over Unix sockets in its private connection folder (``transport =
"ipc"``), which cross the network isolation without any network.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "fonts", "ssl", "ca-certificates", "localtime",
       "timezone", "passwd", "group", "nsswitch.conf", "host.conf", "hosts", "mime.types", "matplotlibrc")
KEPT_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS", "PYDEVD_DISABLE_FILE_VALIDATION")
HELDOUT_INSIDE = "/course-heldout"  # where the cohort's held-out data appears inside the sandbox
NAMESPACES = ("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try")
NO_SANDBOX_RISK = ("Without the sandbox, a learner's notebook runs with your account's rights while it is graded: "
                   "it can read and change the gradebook, other learners' submissions and the installed course.")


def bwrap() -> str | None:
    return shutil.which("bwrap")


@functools.cache
def problem() -> str:
    """Why grading kernels cannot be sandboxed on this machine, in one sentence ('' when they can)."""
    program = bwrap()
    if not program:
        return ("bubblewrap is not installed (on Debian or Ubuntu: apt-get install bubblewrap), so grading kernels "
                "cannot run in a sandbox")
    try:
        done = subprocess.run([program, *_mounts([], [], []), "--unshare-all", "--die-with-parent", "true"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start ({type(error).__name__}), so grading kernels cannot run in a sandbox"
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1][:200]
        return f"bubblewrap cannot make a sandbox on this machine ({reason}); user namespaces may be switched off"
    return ""


def _outermost(paths: Iterable[Path]) -> list[Path]:
    """The paths that lie inside none of the others, in order."""
    chosen: list[Path] = []
    for path in sorted({p for p in paths if p.exists()}, key=lambda p: len(p.parts)):
        if not any(path.is_relative_to(other) for other in chosen):
            chosen.append(path)
    return chosen


def environment_roots() -> list[Path]:
    """What the kernel needs to read besides the system: Python, the environment and the course package."""
    import course

    package = Path(course.__file__).resolve().parent
    wanted = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), package.parent]
    wanted += [Path(entry) for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))]
    return _outermost(p.resolve() for p in wanted)


def _mounts(readable: Iterable[Path], hidden: Iterable[Path], writable: Iterable[Path]) -> list[str]:
    """bwrap's mount arguments, in the order they must be made (later mounts sit on top of earlier ones)."""
    args = ["--perms", "1777", "--tmpfs", "/tmp", "--perms", "0755", "--dir", "/etc"]
    for system in SYSTEM:
        args += ["--ro-bind-try", system, system]
    for name in ETC:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    readable = [Path(p) for p in readable]
    roots = _outermost(readable)
    writable = [Path(p) for p in writable]
    on_the_way = {a for p in [*roots, *writable] for a in p.parents} - {Path("/"), Path("/tmp")}
    for folder in sorted(on_the_way, key=str):
        args += ["--perms", "0755", "--dir", str(folder)]  # folders on the way, passable by the kernel's account
    for root in roots:
        if not str(root).startswith(SYSTEM):
            args += ["--ro-bind", str(root), str(root)]
    for secret in _outermost(Path(p) for p in hidden):
        if any(secret.is_relative_to(root) for root in roots):
            args += ["--tmpfs", str(secret)]   # an empty folder over what must stay out of sight
            for inside in readable:  # what the kernel needs from inside it comes back, read-only
                if inside.exists() and inside.is_relative_to(secret):
                    args += ["--ro-bind", str(inside), str(inside)]
    for folder in writable:
        args += ["--bind", str(folder), str(folder)]
    return [*args, "--dev", "/dev", "--proc", "/proc"]


def command(kernel_cmd: list[str], *, workdir: Path, runtime: Path, readable: Iterable[Path] = (),
            hidden: Iterable[Path] = (), env: Mapping[str, str] | None = None, account: int | None = None,
            processes: int = 0) -> list[str]:
    """The kernel's command wrapped in the sandbox: ``workdir`` (the submission's copy) and ``runtime`` (its
    connection folder) writable, ``readable`` read-only, ``hidden`` out of sight. Run as root, the sandbox keeps
    only the right to change account, and the kernel becomes ``account`` with at most ``processes`` processes
    before it starts (``rlimits.py``); otherwise the sandbox has a user namespace of its own and no rights."""
    program = bwrap()
    if not program:
        raise RuntimeError(problem())
    given = dict(env or os.environ)
    environment = {name: given[name] for name in KEPT_ENV if name in given}
    environment.update({"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp",
                        "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
                        "JUPYTER_DATA_DIR": "/tmp/jupyter", "PYTHONDONTWRITEBYTECODE": "1",
                        "JPY_PARENT_PID": "1",  # the kernel's parent in there: no 'ipython kernel' banner
                        "LANG": environment.get("LANG", "C.UTF-8")})
    from ..data import HELDOUT

    args = [program, *_mounts([*environment_roots(), *readable], hidden, [Path(workdir), Path(runtime)])]
    if given.get(HELDOUT) and Path(given[HELDOUT]).is_dir():  # seen at a path that names no cohort folder
        environment[HELDOUT] = HELDOUT_INSIDE
        args += ["--ro-bind", given[HELDOUT], HELDOUT_INSIDE]
    inner = _isolated(kernel_cmd)
    if account is None:
        args += ["--unshare-all", "--cap-drop", "ALL"]
    else:  # root: no user namespace, so that the kernel's own account (and its process limit) is a real one
        args += [*NAMESPACES, "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        inner = [sys.executable, "-I", "-m", "course.grading.rlimits", "0", "0", str(processes), str(account), "--",
                 *inner]
    args += ["--die-with-parent", "--hostname", "grading", "--clearenv"]
    for name, value in sorted(environment.items()):
        args += ["--setenv", name, value]
    return [*args, "--chdir", str(workdir), "--", *inner]


def _isolated(kernel_cmd: list[str]) -> list[str]:
    """The kernel's Python started isolated (no folder of the notebook on the import path, no PYTHON* variables,
    no user site), so a ``course.py`` or ``sitecustomize.py`` beside the notebook is never imported in its
    place; IPython is told not to add the notebook's folder to the import path either."""
    cmd = list(kernel_cmd)
    if cmd and Path(cmd[0]).name.startswith("python"):
        cmd[0] = sys.executable
        cmd.insert(1, "-I")
    if "ipykernel_launcher" in cmd:
        cmd.append("--IPKernelApp.ignore_cwd=True")
    return cmd
