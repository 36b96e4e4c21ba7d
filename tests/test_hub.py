"""The cohort hub (deploy/jupyterhub_config.py) in a real JupyterHub: who logs in, who reaches the formgrader, and
what a learner's JupyterLab offers (the course, the Assignments tab) and does not (nbgrader's instructor tools).

One hub for the module, on 127.0.0.1 with free ports, for a cohort made by `course cohort create`. Every server
runs as the current OS account here (tests/hub/harness.py says what a real deployment adds: an account or a
container per learner, and a grader account owning the cohort folder).
"""

from __future__ import annotations

import inspect
import json

import psutil
import pytest
import yaml
from click.testing import CliRunner
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course.cli import main
from tests.hub.harness import DEPLOY_CONFIG, Hub, page_config, start_hub
from tests.notebooks import ROOT

COURSE = "managers-spring"
INSTRUCTOR, LEARNER = "coach-ana", "mgr-0417"
ASSIGNMENT = "02_prompt_basics"
INSTRUCTOR_TOOLS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                    "@jupyter/nbgrader:course-list")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hub")
    cohort = folder / "spring"
    for command in (["create", str(cohort), "--course-id", COURSE, "--repository", str(ROOT)],
                    ["release", ASSIGNMENT, "--course", str(cohort)]):
        result = CliRunner().invoke(main, ["cohort", *command])
        assert result.exit_code == 0, result.output
    running = start_hub(folder, cohort, COURSE, [INSTRUCTOR], [LEARNER, "mgr-0418"])
    try:
        running.start_server(LEARNER)
        yield running
    finally:
        running.stop()


def _lands_in_hub(answer, hub: Hub) -> bool:
    return answer.status_code == 302 and not answer.headers["location"].startswith("/hub/login")


def test_an_instructor_and_a_learner_log_in_and_nobody_else_does(hub):
    for user in (INSTRUCTOR, LEARNER):
        _session, answer = hub.login(user)
        assert _lands_in_hub(answer, hub), (user, answer.status_code, answer.headers.get("location"))
    _session, wrong_password = hub.login(LEARNER, "not-the-password")
    assert not _lands_in_hub(wrong_password, hub) and "Invalid username or password" in wrong_password.text
    _session, stranger = hub.login("someone-else")  # right password, but not in the cohort settings
    assert not _lands_in_hub(stranger, hub)


def test_the_cohort_groups_hold_its_learners_and_instructors(hub):
    groups = {group["name"]: sorted(group["users"]) for group in hub.api("GET", "/groups").json()}
    assert groups[f"nbgrader-{COURSE}"] == [LEARNER, "mgr-0418"]
    assert groups[f"formgrade-{COURSE}"] == [INSTRUCTOR]


def test_the_formgrader_answers_the_instructor_and_refuses_a_learner(hub):
    instructor, _answer = hub.login(INSTRUCTOR)
    page = instructor.get(f"{hub.url}/services/{COURSE}/formgrader", timeout=60)
    assert page.status_code == 200 and "nbgrader formgrade" in page.text, hub.log_tail()
    # It grades this cohort: the assignments come from the cohort folder's gradebook.
    listed = instructor.get(f"{hub.url}/services/{COURSE}/formgrader/api/assignments", timeout=60).json()
    assert ASSIGNMENT in {item["name"] for item in listed}
    # JupyterLab may show it in a tab: the service allows its own pages to frame it (JupyterHub's default forbids).
    assert page.headers["Content-Security-Policy"].startswith("frame-ancestors 'self'")

    learner, _answer = hub.login(LEARNER)
    refused = learner.get(f"{hub.url}/services/{COURSE}/formgrader", timeout=60)
    assert refused.status_code == 403 and "do not have permission" in refused.text
    api = learner.get(f"{hub.url}/services/{COURSE}/formgrader/api/assignments", timeout=60)
    assert api.status_code == 403 and ASSIGNMENT not in api.text


def test_a_learners_jupyterlab_has_the_assignments_tab_and_no_instructor_tools(hub):
    session, _answer = hub.login(LEARNER)
    lab = session.get(f"{hub.url}/user/{LEARNER}/lab", timeout=60)
    assert lab.status_code == 200, hub.log_tail()
    config = page_config(lab.text)
    assert "@jupyter/nbgrader" in {extension["name"] for extension in config["federated_extensions"]}
    disabled = config["disabledExtensions"]
    assert set(INSTRUCTOR_TOOLS) <= set(disabled) and "@jupyter/nbgrader:assignment-list" not in disabled
    assert "custom.css" in lab.text  # the course's no-code view (course.lab_extension) is on
    # The Assignments tab's server side lists what the instructor released with `course cohort release`.
    listed = session.get(f"{hub.url}/user/{LEARNER}/assignments", params={"course_id": COURSE}, timeout=60).json()
    assert listed["success"] and [(a["assignment_id"], a["status"]) for a in listed["value"]] == [
        (ASSIGNMENT, "released")]
    # nbgrader's instructor endpoints are not there at all for a learner.
    for path in ("formgrader", "formgrader/api/assignments", "formgrader/api/students"):
        assert session.get(f"{hub.url}/user/{LEARNER}/{path}", timeout=60).status_code == 404, path


def test_a_learner_fetches_and_submits_and_the_instructor_collects(hub):
    fetched = hub.as_user(LEARNER, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    assert fetched.status_code == 200, fetched.text
    notebook = f"{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # the exchange keeps courses apart, so does the home
    assert hub.as_user(LEARNER, "GET", f"api/contents/{notebook}").status_code == 200
    submitted = hub.as_user(LEARNER, "POST", "assignments/submit", data={"course_id": COURSE,
                                                                          "assignment_id": ASSIGNMENT})
    assert submitted.status_code == 200 and "error" not in submitted.json(), submitted.text
    collected = CliRunner().invoke(main, ["cohort", "collect", ASSIGNMENT, "--course", str(hub.cohort)])
    assert collected.exit_code == 0, collected.output
    assert (hub.cohort / "submitted" / LEARNER / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()


def test_the_course_runs_in_a_learners_kernel_and_no_solution_is_in_their_folder(hub):
    kernel = hub.as_user(LEARNER, "POST", "api/kernels", json={"name": "python3"}).json()
    try:
        output = hub.run_code(LEARNER, kernel["id"], (
            "import json, os, course, course.forms\n"
            "print(json.dumps({'home': os.environ['HOME'], 'cwd': os.getcwd(), 'course': course.__name__}))"))
    finally:
        hub.as_user(LEARNER, "DELETE", f"api/kernels/{kernel['id']}")
    seen = json.loads(output)
    assert seen == {"home": str(hub.homes / LEARNER), "cwd": str(hub.homes / LEARNER), "course": "course"}

    hub.as_user(LEARNER, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    notebooks = _notebooks(hub, LEARNER, "")
    assert f"{COURSE}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb" in notebooks  # the walk below reaches the assignment
    for path in notebooks:
        text = hub.as_user(LEARNER, "GET", f"api/contents/{path}", params={"content": 1}).text
        assert "BEGIN SOLUTION" not in text, f"{path} in the learner's folder holds a solution"


def test_the_idle_culler_runs_beside_the_hub(hub):
    services = hub.api("GET", "/services").json()
    assert services["idle-culler"]["pid"] and "--timeout=3600" in services["idle-culler"]["command"][-1]
    assert psutil.Process(services["idle-culler"]["pid"]).is_running()


@pytest.mark.parametrize("settings, words", [
    ('course_id = "managers-spring"\ninstructors = ["coach-ana"]\nlearners = "anyone"\n', "cohort_folder"),
    ('course_id = "managers-spring"\ncohort_folder = "{folder}"\ninstructors = ["Coach Ana"]\nlearners = []\n',
     "Usernames are lower case"),
    ('course_id = "managers-spring"\ncohort_folder = "{folder}"\ninstructors = ["ana"]\nlearners = [',
     "not valid TOML"),
    ('course_id = "managers-autumn"\ncohort_folder = "{folder}"\ninstructors = ["ana"]\nlearners = "anyone"\n',
     "course cohort create"),
])
def test_cohort_settings_the_hub_cannot_use_stop_it_with_a_plain_sentence(tmp_path, monkeypatch, settings, words):
    folder = tmp_path / "spring"
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text('c.CourseDirectory.course_id = "managers-spring"\n', "utf-8")
    (tmp_path / "cohort.toml").write_text(settings.format(folder=folder), "utf-8")
    monkeypatch.setenv("COURSE_HUB_COHORT", str(tmp_path / "cohort.toml"))
    with pytest.raises(SystemExit) as stopped:
        PyFileConfigLoader(DEPLOY_CONFIG.name, path=str(DEPLOY_CONFIG.parent)).load_config()
    assert words in str(stopped.value) and "Traceback" not in str(stopped.value)



def test_the_oidc_example_maps_e_mails_to_pseudonymous_course_ids(tmp_path, monkeypatch):
    from oauthenticator.generic import GenericOAuthenticator

    folder = tmp_path / "spring"
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text(f'c.CourseDirectory.course_id = "{COURSE}"\n', "utf-8")
    (tmp_path / "cohort.toml").write_text(f'course_id = "{COURSE}"\ncohort_folder = "{folder}"\n'
                                          f'instructors = ["{INSTRUCTOR}"]\nlearners = ["{LEARNER}"]\n', "utf-8")
    (tmp_path / "ids.csv").write_text("\ufeffemail,id\nAna.Lopez@Example.org,coach-ana\n"
                                      "jo.ng@example.org,mgr-0417\n", "utf-8")
    for name, value in {"COURSE_HUB_COHORT": tmp_path / "cohort.toml", "COURSE_HUB_ID_MAP": tmp_path / "ids.csv",
                        "OIDC_ISSUER": "https://login.example.org/realms/staff/", "OIDC_CLIENT_ID": "course-hub",
                        "OIDC_CLIENT_SECRET": "not-a-real-secret", "HUB_PUBLIC_URL": "https://course.example.org"
                        }.items():
        monkeypatch.setenv(name, str(value))
    config = PyFileConfigLoader("oidc_example.py", path=str(DEPLOY_CONFIG.parent)).load_config()
    assert config.JupyterHub.authenticator_class == "generic-oauth"
    authenticator = GenericOAuthenticator(config=config)
    assert authenticator.userdata_url == "https://login.example.org/realms/staff/protocol/openid-connect/userinfo"
    assert authenticator.oauth_callback_url == "https://course.example.org/hub/oauth_callback"
    assert authenticator.normalize_username("ANA.LOPEZ@example.org") == INSTRUCTOR
    assert authenticator.normalize_username("Jo.Ng@Example.org") == LEARNER
    stranger = authenticator.normalize_username("Eve@Example.org")
    assert stranger == "eve@example.org" and stranger not in authenticator.allowed_users
    assert {INSTRUCTOR, LEARNER} <= authenticator.allowed_users


def test_the_kubernetes_values_are_valid_and_their_hub_code_runs():
    values = yaml.safe_load((DEPLOY_CONFIG.parent / "z2jh-values.yaml").read_text("utf-8"))
    config = Config()
    for name, code in values["hub"]["extraConfig"].items():
        exec(compile(code, f"z2jh-values.yaml:{name}", "exec"), {"c": config})
    assert set(config.JupyterHub.load_groups) == {f"nbgrader-{COURSE}", f"formgrade-{COURSE}"}
    assert inspect.iscoroutinefunction(config.KubeSpawner.pre_spawn_hook)
    assert values["cull"]["enabled"] and values["cull"]["timeout"] == 3600

def _notebooks(hub: Hub, user: str, path: str) -> list[str]:
    """Every notebook under ``path`` in ``user``'s folder, through the server's contents API."""
    listing = hub.as_user(user, "GET", f"api/contents/{path}", params={"content": 1}).json()
    found = []
    for item in listing["content"]:
        if item["type"] == "directory":
            found += _notebooks(hub, user, item["path"])
        elif item["type"] == "notebook":
            found.append(item["path"])
    return found


def test_a_learner_whose_server_is_culled_mid_answer_finds_every_autosaved_answer_again(hub):
    """The learner types into a form; the autosave writes the answer a moment later; the idle culler stops the
    server (the hub API call it makes); the learner comes back: a new server and kernel put the answer back."""
    from tests.hub.harness import wait_for

    hub.as_user(LEARNER, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    folder = f"{COURSE}/{ASSIGNMENT}"
    form = (f"import os, json, course\nos.chdir(os.path.join(os.environ['HOME'], {folder!r}))\n"
            f"wb = course.Workbook({ASSIGNMENT!r})\n"
            "form = wb.form('meeting_summary', title='Exercise 1')\n")
    kernel = hub.as_user(LEARNER, "POST", "api/kernels", json={"name": "python3"}).json()
    hub.run_code(LEARNER, kernel["id"], form + "form.fill(role='You are a team lead.', "
                                              "task='Summarise the weekly meeting notes in five bullets.')")
    answers = f"{folder}/your answers - {ASSIGNMENT}.json"
    wait_for("the autosave", lambda: hub.as_user(LEARNER, "GET", f"api/contents/{answers}").status_code == 200)

    assert hub.api("DELETE", f"/users/{LEARNER}/server").status_code in (202, 204)  # what the culler does
    wait_for("the culled server to stop", lambda: not hub.api("GET", f"/users/{LEARNER}").json()["servers"])
    hub.start_server(LEARNER)
    kernel = hub.as_user(LEARNER, "POST", "api/kernels", json={"name": "python3"}).json()
    try:
        restored = json.loads(hub.run_code(LEARNER, kernel["id"], form + "print(json.dumps(form.value()))"))
    finally:
        hub.as_user(LEARNER, "DELETE", f"api/kernels/{kernel['id']}")
    assert restored["role"] == "You are a team lead."
    assert restored["task"] == "Summarise the weekly meeting notes in five bullets."


def test_a_learners_folder_gets_the_lessons_and_data_but_no_exercise_and_no_hidden_data(hub):
    listing = {item["name"] for item in hub.as_user(LEARNER, "GET", "api/contents/").json()["content"]}
    assert {"lessons", "data"} <= listing and "exercises" not in listing  # exercises come from the Assignments tab
    lessons = {item["name"] for item in hub.as_user(LEARNER, "GET", "api/contents/lessons").json()["content"]}
    assert {p.name for p in (ROOT / "modules").glob("*.ipynb")} <= lessons
    data = {item["name"] for item in hub.as_user(LEARNER, "GET", "api/contents/data").json()["content"]}
    assert "task_inventory.csv" in data and not {"task_inventory_2.csv", "pilot_log_2.csv"} & data


def test_a_hub_restart_leaves_learners_working_and_an_exchange_operation_on_it_finishes(hub):
    """The operator restarts the hub; while it is down the learner submits (their server and the proxy keep
    running); the restarted hub knows the same server, the learner's kernel is still there, the submission is
    collected."""
    hub.as_user(LEARNER, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    kernel = hub.as_user(LEARNER, "POST", "api/kernels", json={"name": "python3"}).json()
    hub.stop_hub_only()  # the operator stops the hub ...
    submitted = hub.as_user(LEARNER, "POST", "assignments/submit", data={"course_id": COURSE,
                                                                          "assignment_id": ASSIGNMENT})
    assert submitted.status_code == 200 and "error" not in submitted.json(), submitted.text  # ... the learner works on
    hub.restart()  # ... and starts it again
    assert hub.api("GET", f"/users/{LEARNER}").json()["servers"][""]["ready"]
    kernels = [k["id"] for k in hub.as_user(LEARNER, "GET", "api/kernels").json()]
    assert kernel["id"] in kernels  # the same server, not a new one
    hub.as_user(LEARNER, "DELETE", f"api/kernels/{kernel['id']}")
    collected = CliRunner().invoke(main, ["cohort", "collect", ASSIGNMENT, "--course", str(hub.cohort)])
    assert collected.exit_code == 0 and (hub.cohort / "submitted" / LEARNER / ASSIGNMENT).is_dir(), collected.output
