"""A real PostgreSQL server for tests: made with ``initdb`` in a temp folder, started with ``pg_ctl`` on 127.0.0.1
and a free port, stopped and removed at the end.

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` account (Debian's package
makes it) or ``nobody``, in a folder that account owns. The binaries are looked for on PATH, then where Debian
puts them (/usr/lib/postgresql/<version>/bin). ``.ci/run`` installs them where they are missing; a test that
cannot find them fails and says so.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "course_tests"


def binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else the newest under /usr/lib/postgresql."""
    on_path = [shutil.which(name) for name in ("initdb", "pg_ctl")]
    if all(on_path):
        return Path(os.path.realpath(on_path[0])).parent
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                    key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.parent.name)] or [0])
    if debian and (debian[-1].parent / "initdb").exists():
        return debian[-1].parent
    pytest.fail("PostgreSQL's initdb and pg_ctl were not found (on PATH or in /usr/lib/postgresql/<version>/bin). "
                "Install the PostgreSQL server: apt-get install postgresql (bash .ci/run does it).", pytrace=False)


def _account() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server as under root (None: run as the current account)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    pytest.fail("Running as root, and there is neither a postgres nor a nobody account to run PostgreSQL as.",
                pytrace=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    folder: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """A new, empty database called ``name`` on this server; its address."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url("postgres").replace("postgresql:", "postgresql+psycopg:"),
                               isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)


@contextlib.contextmanager
def running_server() -> Iterator[Server]:
    """A PostgreSQL server for the duration of the ``with`` block."""
    bin_folder = binaries()
    account = _account()
    folder = Path(tempfile.mkdtemp(prefix="course-postgres-"))
    as_account = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []} if account else {}
    if account:
        os.chown(folder, account.pw_uid, account.pw_gid)
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "HOME": str(folder)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bin_folder / args[0]), *args[1:]], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=120, **as_account)

    made = run("initdb", "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
               "--no-locale", "--no-sync")
    if made.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"initdb could not make a database folder:\n{made.stderr[-2000:]}", pytrace=False)
    server = Server(folder, _free_port())
    options = f"-h 127.0.0.1 -p {server.port} -k {folder} -F -c max_connections=200"
    started = run("pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-o", options, "-w",
                  "-t", "60", "start")
    try:
        if started.returncode != 0:
            log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
            pytest.fail(f"PostgreSQL did not start:\n{started.stderr[-1000:]}\n{log[-2000:]}", pytrace=False)
        yield server
    finally:
        run("pg_ctl", "-D", str(folder / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A real PostgreSQL server for the test session (each test module makes its own database on it)."""
    with running_server() as server:
        yield server
