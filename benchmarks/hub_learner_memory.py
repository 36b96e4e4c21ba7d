"""What one active learner costs on the cohort hub: memory and start-up time of a learner's server with the course open.

Starts a real hub with deploy/jupyterhub_config.py (tests/hub/harness.py), then for each learner: starts their
server, fetches an exercise from the Assignments tab, opens it (a kernel in the exercise's folder, as JupyterLab
does) and runs every code cell, so the forms, the engines and the data are loaded. Then it measures each learner's
Jupyter server and kernel: RSS (what `top` shows) and USS (memory no other process shares, what one more learner
adds). Also the hub, the proxy, the formgrader and the idle culler, which are paid once. Prints figures; asserts
nothing.

Run: python benchmarks/hub_learner_memory.py [learners] [assignment]   (defaults: 3, 05_metrics; needs npm ci in
tests/hub, see .ci/run)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course.cli import main  # noqa: E402
from tests.hub.harness import ROOT, start_hub  # noqa: E402

COURSE = "managers-bench"
MB = 1024 * 1024


def memory(processes: list[psutil.Process]) -> tuple[float, float]:
    """RSS and USS of ``processes`` together, in MB."""
    infos = [p.memory_full_info() for p in processes]
    return sum(i.rss for i in infos) / MB, sum(i.uss for i in infos) / MB


def open_exercise(hub, user: str, assignment: str) -> int:
    """Fetch ``assignment`` and run all its code cells in a kernel started in its folder, as Run All would;
    returns how many modules the kernel then holds."""
    hub.as_user(user, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": assignment})
    path = f"{COURSE}/{assignment}/{assignment}.ipynb"
    notebook = hub.as_user(user, "GET", f"api/contents/{path}", params={"content": 1}).json()["content"]
    session = hub.as_user(user, "POST", "api/sessions", json={"path": path, "type": "notebook", "name": "",
                                                              "kernel": {"name": "python3"}}).json()
    code = "\n\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    output = hub.run_code(user, session["kernel"]["id"], f"{code}\n\nimport sys\nprint(len(sys.modules))")
    return int(output.split()[-1])


def main_benchmark(learners: int, assignment: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        cohort = folder / "cohort"
        for command in (["create", str(cohort), "--course-id", COURSE, "--repository", str(ROOT)],
                        ["release", assignment, "--course", str(cohort)]):
            result = CliRunner().invoke(main, ["cohort", *command])
            assert result.exit_code == 0, result.output
        names = [f"mgr-{n:04d}" for n in range(1, learners + 1)]
        hub = start_hub(folder, cohort, COURSE, ["coach-bench"], names)
        try:
            starts, modules = [], []
            for name in names:
                began = time.perf_counter()
                hub.start_server(name)
                starts.append(time.perf_counter() - began)
                modules.append(open_exercise(hub, name, assignment))
            family = psutil.Process(hub.process.pid).children(recursive=True)
            servers = {p.environ().get("JUPYTERHUB_USER"): p for p in family
                       if "jupyterhub-singleuser" in " ".join(p.cmdline()) and p.environ().get("JUPYTERHUB_USER")}
            print(f"Cohort hub, {learners} learners, each with {assignment} open and run (every code cell; "
                  f"{min(modules)} Python modules loaded in each kernel):")
            print(f"{'learner':<12}{'server RSS':>12}{'kernel RSS':>12}{'total RSS':>11}{'total USS':>11}")
            totals = []
            for name in names:
                server = servers[name]
                kernels = server.children(recursive=True)
                server_rss, _ = memory([server])
                kernel_rss, _ = memory(kernels)
                rss, uss = memory([server, *kernels])
                totals.append((rss, uss))
                print(f"{name:<12}{server_rss:>10.0f}MB{kernel_rss:>10.0f}MB{rss:>9.0f}MB{uss:>9.0f}MB")
            shared = [psutil.Process(hub.process.pid)] + [p for p in family if p.pid not in
                                                           {q.pid for s in servers.values() for q in
                                                            [s, *s.children(recursive=True)]}]
            rss, uss = memory(shared)
            print(f"hub, proxy, formgrader and idle culler (paid once): RSS {rss:.0f} MB, USS {uss:.0f} MB")
            print(f"per active learner: RSS {statistics.mean(t[0] for t in totals):.0f} MB, "
                  f"USS {statistics.mean(t[1] for t in totals):.0f} MB")
            print(f"server start (request to ready): median {statistics.median(starts):.1f} s, "
                  f"max {max(starts):.1f} s on {psutil.cpu_count()} cores")
        finally:
            hub.stop()


if __name__ == "__main__":
    main_benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 3, sys.argv[2] if len(sys.argv) > 2 else "05_metrics")
