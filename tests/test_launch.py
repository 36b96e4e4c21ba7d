"""Stopping `course lab` or `course app` stops the server it started: nothing is left running."""

import os
import signal
import subprocess
import sys
import time

import pytest

LAUNCHER = """
import sys
from course.launch import run_until_stopped
server = [sys.executable, "-c", "import os, sys, time; open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(120)",
          sys.argv[1]]
raise SystemExit(run_until_stopped(server))
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a finished child not yet reaped counts as gone
        return stat.read().split()[2] != "Z"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["stopped", "terminal closed"])
def test_the_server_stops_with_the_command_that_started_it(tmp_path, stop):
    pid_file = tmp_path / "server.pid"
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(pid_file)])
    deadline = time.time() + 30
    while not (pid_file.exists() and pid_file.read_text()):
        assert time.time() < deadline and launcher.poll() is None, "the server never started"
        time.sleep(0.1)
    server = int(pid_file.read_text())
    assert alive(server)
    launcher.send_signal(stop)
    launcher.wait(30)
    deadline = time.time() + 10
    while alive(server) and time.time() < deadline:
        time.sleep(0.1)
    assert not alive(server)
