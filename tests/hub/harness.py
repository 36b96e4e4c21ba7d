"""A real JupyterHub with the course's deploy/ configuration, on 127.0.0.1, for the hub smoke test and benchmark.

The hub reads deploy/jupyterhub_config.py through a small test configuration that adds only what a test needs:
a password log-in for invented users (the dummy authenticator), servers started as the current OS account in
homes of their own under a temporary folder (JupyterHub's SimpleLocalProcessSpawner), free ports, the proxy from
tests/hub/node_modules, and an API token for the test. A real deployment runs each learner as an account of their
own (the default spawner) or in a container of their own (Kubernetes), and the formgrader as the grader account:
the file permissions between those accounts are what keep learners out of the cohort folder; here every process
runs as one account, so the test proves the configuration (who is let in where, what each server offers), not
the operating system's separation.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY = Path(__file__).resolve().parent / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
PASSWORD = "a-test-password"
PAGE_CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, check, deadline: float = 120.0, pause: float = 0.25):
    """Call ``check`` until it returns something truthy (which is returned) or ``deadline`` seconds pass."""
    end = time.monotonic() + deadline
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > end:
            raise TimeoutError(f"{what} did not happen within {deadline:.0f} s")
        time.sleep(pause)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


@dataclass
class Hub:
    url: str
    token: str
    course_id: str
    cohort: Path
    folder: Path
    process: subprocess.Popen
    log: Path
    homes: Path
    formgrader_url: str
    command: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    _user_tokens: dict[str, str] = field(default_factory=dict)
    _left_running: list[psutil.Process] = field(default_factory=list)  # servers and proxy a restart kept

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A call to the hub's REST API with the test's token."""
        return requests.request(method, f"{self.url}/hub/api{path}", timeout=30,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text("utf-8", errors="replace").splitlines()[-lines:])

    def login(self, username: str, password: str = PASSWORD) -> tuple[requests.Session, requests.Response]:
        """Log in through the hub's login form as a browser would; the session keeps the hub's cookies."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30)
        answer = session.post(f"{self.url}/hub/login", allow_redirects=False, timeout=30,
                              data={"username": username, "password": password, "_xsrf": session.cookies["_xsrf"]})
        return session, answer

    def start_server(self, username: str) -> None:
        """Start ``username``'s server through the API and wait until the hub says it is ready."""
        answer = self.api("POST", f"/users/{username}/server")
        assert answer.status_code in (201, 202, 400), answer.text  # 400: already running
        wait_for(f"{username}'s server", lambda: self.api("GET", f"/users/{username}").json()["servers"]
                 .get("", {}).get("ready"))

    def user_token(self, username: str) -> str:
        """An API token of ``username``'s own (what their browser session can do, no more)."""
        if username not in self._user_tokens:
            answer = self.api("POST", f"/users/{username}/tokens", json={"note": "hub smoke test"})
            assert answer.status_code == 201, answer.text
            self._user_tokens[username] = answer.json()["token"]
        return self._user_tokens[username]

    def as_user(self, username: str, method: str, path: str, **kwargs) -> requests.Response:
        """A call to ``username``'s own server (``path`` below /user/<name>/) with their token."""
        return requests.request(method, f"{self.url}/user/{username}/{path.lstrip('/')}", timeout=60,
                                headers={"Authorization": f"token {self.user_token(username)}"}, **kwargs)

    def run_code(self, user: str, kernel_id: str, code: str) -> str:
        """Run ``code`` in a kernel of ``user``'s server over its websocket, as JupyterLab does; returns its output."""
        url = f"{self.url.replace('http', 'ws', 1)}/user/{user}/api/kernels/{kernel_id}/channels"
        channel = websocket.create_connection(url, timeout=120,
                                              header=[f"Authorization: token {self.user_token(user)}"])
        msg_id = uuid.uuid4().hex
        channel.send(json.dumps({
            "header": {"msg_id": msg_id, "username": user, "session": uuid.uuid4().hex, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        output = []
        try:
            while True:
                message = json.loads(channel.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "stream":
                    output.append(message["content"]["text"])
                elif message["msg_type"] == "error":
                    raise AssertionError("\n".join(message["content"]["traceback"]))
                elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                    return "".join(output)  # the kernel has sent everything this code printed
        finally:
            channel.close()

    def stop_hub_only(self) -> None:
        """Stop the hub process alone, as an operator's restart does; what it leaves running (learners' servers,
        the proxy) is stopped with the hub at the end of the test."""
        if self.process.poll() is None:
            self._left_running += psutil.Process(self.process.pid).children(recursive=True)
            self.process.terminate()
        self.process.wait(timeout=60)

    def restart(self) -> None:
        """Stop the hub process (if it runs) and start it again with the same configuration."""
        self.stop_hub_only()
        with self.log.open("a") as sink:
            self.process = subprocess.Popen(self.command, cwd=self.folder, env=self.env, stdout=sink,
                                            stderr=subprocess.STDOUT)
        wait_for("the restarted hub and its formgrader", self._up)

    def _up(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"The hub stopped at start:\n{self.log_tail()}")
        return _answers(f"{self.url}/hub/api/") and _answers(self.formgrader_url)

    def stop(self) -> None:
        """Stop the hub and everything it started (proxy, services, servers, kernels)."""
        try:
            family = [psutil.Process(self.process.pid), *psutil.Process(self.process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = []
        for kept in self._left_running:
            with contextlib.suppress(psutil.NoSuchProcess):
                family += [kept, *kept.children(recursive=True)]
        for process in family:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.terminate()
        _ended, alive = psutil.wait_procs(family, timeout=20)
        for process in alive:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        psutil.wait_procs(alive, timeout=10)
        self.process.wait(timeout=10)


def page_config(html: str) -> dict:
    """The JupyterLab page's configuration (the JSON JupyterLab reads when the page loads)."""
    found = PAGE_CONFIG.search(html)
    assert found, html[:500]
    return json.loads(found.group(1))


def start_hub(folder: Path, cohort: Path, course_id: str, instructors: list[str], learners: list[str]) -> Hub:
    """Start a hub in ``folder`` for the cohort folder ``cohort`` and wait until the hub and the formgrader answer."""
    assert PROXY.exists(), "configurable-http-proxy is missing: run `npm ci --prefix tests/hub` (as .ci/run does)"
    ports = {name: free_port() for name in ("public", "hub", "proxy_api", "formgrader")}
    token = secrets.token_hex(24)
    homes = folder / "homes"
    (folder / "cohort.toml").write_text(
        f'course_id = "{course_id}"\ncohort_folder = "{cohort}"\ninstructors = {json.dumps(instructors)}\n'
        f'learners = {json.dumps(learners)}\nformgrader_port = {ports["formgrader"]}\n', encoding="utf-8")
    root = os.geteuid() == 0  # Jupyter servers refuse to run as root without --allow-root
    (folder / "test_hub_config.py").write_text(f"""\
load_subconfig({str(DEPLOY_CONFIG)!r})
c = get_config()
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{ports["public"]}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{ports["hub"]}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports["proxy_api"]}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.Spawner.args = {["--allow-root"] if root else []!r}
formgrader = c.JupyterHub.services[0]
formgrader["command"] += {["--allow-root"] if root else []!r}
formgrader["environment"]["JUPYTER_RUNTIME_DIR"] = {str(folder / "runtime")!r}
c.JupyterHub.services.append({{"name": "smoke-test", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "smoke-test", "services": ["smoke-test"],
                                 "scopes": ["admin:users", "admin:servers", "tokens", "list:groups", "read:groups",
                                            "list:services", "read:services"]}})
""", encoding="utf-8")
    log = folder / "hub.log"
    env = {**os.environ, "COURSE_HUB_COHORT": str(folder / "cohort.toml")}
    command = [str(BIN / "jupyterhub"), "-f", str(folder / "test_hub_config.py")]
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT)
    hub = Hub(f"http://127.0.0.1:{ports['public']}", token, course_id, cohort, folder, process, log, homes,
              f"http://127.0.0.1:{ports['formgrader']}/services/{course_id}/api", command, env)
    try:
        wait_for("the hub and its formgrader", hub._up)
    except BaseException:
        hub.stop()
        raise
    return hub
