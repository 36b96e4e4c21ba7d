"""JupyterHub for one manager cohort on one machine or VM: `jupyterhub -f deploy/jupyterhub_config.py`.

What it sets up, from the cohort settings in deploy/cohort.toml (or the file named by COURSE_HUB_COHORT):
- groups `nbgrader-<course>` (the learners) and `formgrade-<course>` (the instructors);
- the formgrader as a hub service at /services/<course>/, a Jupyter server running in the cohort folder that only
  the formgrade-<course> group may open;
- learners' servers: JupyterLab in their home folder with the course and nbgrader's Assignments tab, and none of
  nbgrader's instructor tools (formgrader, Create Assignment, course list);
- the idle culler, which stops a learner's server nobody has used for `idle_minutes`.
Log-in is left to JupyterHub's default (the machine's accounts, PAM); deploy/oidc_example.py shows an OIDC log-in.
docs/operator-guide.md says how to run it, size it and update the course mid-cohort.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

import fastjsonschema

DEPLOY = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # the hub's environment also holds the course, JupyterLab and nbgrader
USERNAME = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._@-]{0,63}$"}
COHORT_SCHEMA = {
    "type": "object",
    "properties": {
        "course_id": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"},
        "cohort_folder": {"type": "string", "minLength": 1},
        "instructors": {"type": "array", "items": USERNAME, "minItems": 1},
        "learners": {"anyOf": [{"const": "anyone"}, {"type": "array", "items": USERNAME}]},
        "admins": {"type": "array", "items": USERNAME},
        "grader_account": {"type": "string"},
        "formgrader_port": {"type": "integer", "minimum": 1024, "maximum": 65535},
        "idle_minutes": {"type": "integer", "minimum": 5},
    },
    "required": ["course_id", "cohort_folder", "instructors", "learners"],
    "additionalProperties": False,
}
check_cohort = fastjsonschema.compile(COHORT_SCHEMA)


def read_cohort(path: Path) -> dict:
    """The cohort settings in the TOML file ``path``, checked; a problem stops the hub with a plain sentence."""
    try:
        settings = tomllib.loads(path.read_text("utf-8"))
        check_cohort(settings)
    except OSError as error:
        raise SystemExit(f"The cohort settings file {path} could not be read: {error.strerror}.") from None
    except tomllib.TOMLDecodeError as error:
        raise SystemExit(f"The cohort settings file {path} is not valid TOML: {error}.") from None
    except fastjsonschema.JsonSchemaValueException as error:
        where = error.name.replace("data.", "", 1) if error.name != "data" else "the file"
        raise SystemExit(f"In the cohort settings file {path}, {where}: {error.message.replace('data.', '')}. "
                         "Usernames are lower case letters, digits and . _ @ -; see deploy/cohort.toml.") from None
    folder = Path(settings["cohort_folder"]).expanduser()
    config = folder / "nbgrader_config.py"
    if not config.is_file() or f'"{settings["course_id"]}"' not in config.read_text("utf-8"):
        raise SystemExit(f"{folder} is not the cohort folder of {settings['course_id']}: make it with "
                         f"`course cohort create {folder} --course-id {settings['course_id']}`.")
    return {"admins": [], "grader_account": "", "formgrader_port": 9999, "idle_minutes": 60, **settings,
            "cohort_folder": folder.resolve()}


cohort = read_cohort(Path(os.environ.get("COURSE_HUB_COHORT", DEPLOY / "cohort.toml")))
course = cohort["course_id"]
folder = cohort["cohort_folder"]
learners = cohort["learners"]

c = get_config()  # noqa: F821 (provided by JupyterHub when it reads this file)

# --- who may log in, and the cohort's two groups -------------------------------------------------------------------
c.Authenticator.admin_users = set(cohort["admins"])
if learners == "anyone":
    c.Authenticator.allow_all = True
    learners = []
else:
    c.Authenticator.allowed_users = set(learners) | set(cohort["instructors"])
c.JupyterHub.load_groups = {
    # nbgrader's naming: nbgrader-<course> takes the course, formgrade-<course> grades it. With "anyone" the learner
    # group starts empty; the Assignments tab needs no group (each learner's nbgrader is given the course id).
    f"nbgrader-{course}": {"users": learners},
    f"formgrade-{course}": {"users": cohort["instructors"]},
}
c.JupyterHub.load_roles = [
    {
        "name": f"formgrade-{course}",
        "description": f"Open the formgrader of {course}",
        "groups": [f"formgrade-{course}"],
        "scopes": [f"access:services!service={course}", "list:services", f"read:services!service={course}"],
    },
    {
        "name": "idle-culler",
        "description": "Stop servers nobody has used for a while",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]

# --- the formgrader: a Jupyter server in the cohort folder, opened only by the formgrade group ----------------------
formgrader = {
    "name": course,
    "display": True,
    "url": f"http://127.0.0.1:{cohort['formgrader_port']}",
    # nbgrader reads the cohort's nbgrader_config.py from the folder the server starts in.
    "command": [str(BIN / "jupyterhub-singleuser")],
    "cwd": str(folder),
    "oauth_no_confirm": True,  # the hub's own grading tool: no "authorize this application?" page
    "environment": {
        "JUPYTERHUB_DEFAULT_URL": "/formgrader",
        # Lets JupyterLab show the formgrader in a tab: JupyterHub >= 4.1 forbids framing by default
        # (frame-ancestors 'none'); this server allows its own pages only (frame-ancestors 'self').
        "JUPYTER_CONFIG_PATH": str(DEPLOY / "formgrader-jupyter"),
    },
}
if cohort["grader_account"]:
    formgrader["user"] = cohort["grader_account"]  # needs the hub to run as root
c.JupyterHub.services = [
    formgrader,
    {
        # Stops a server nobody has used for idle_minutes. Nothing a learner typed is lost: each form saves the
        # answer to a file in the learner's home about two seconds after each change, and notebooks autosave;
        # culling stops only the server (and its kernels). Opening the hub again starts a fresh server, and the
        # forms read the saved answers back.
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={cohort['idle_minutes'] * 60}"],
    },
]

# --- learners' servers -----------------------------------------------------------------------------------------------
# Each learner's JupyterLab runs as that learner (the default spawner uses the machine's accounts) in their home
# folder, which holds their lessons, fetched assignments and answers; the cohort folder with its solutions and
# gradebook is not in it. deploy/learner-jupyter is added to Jupyter's configuration path for these servers only:
# nbgrader's instructor tools off (server and JupyterLab), the Assignments tab on, the exchange and course id given,
# and the course's no-code view on. The learners' own ~/.jupyter still takes precedence, so on a shared machine the
# cohort folder's permissions, not this switch, keep the gradebook out of reach (docs/operator-guide.md).
# --- a hub restart leaves learners working ----------------------------------------------------------------------------
# Restarting the hub (new settings, an update of the course) leaves learners' servers and the proxy running: a fetch or
# submit under way finishes, and nobody loses the page they are on. The restarted hub talks to the same proxy, so the
# proxy's token is kept in a file beside the hub's own database (created once, readable by the hub's account only).
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False
_proxy_token = Path("jupyterhub_proxy_token")
if not _proxy_token.exists():
    import secrets

    _proxy_token.touch(mode=0o600)
    _proxy_token.write_text(secrets.token_hex(32), encoding="utf-8")
c.ConfigurableHTTPProxy.auth_token = _proxy_token.read_text(encoding="utf-8").strip()

c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": str(DEPLOY / "learner-jupyter"),
    "COURSE_HUB_COURSE_ID": course,
    "COURSE_HUB_EXCHANGE": str(folder / "exchange"),
    "COURSE_HUB_LESSONS": "1",  # lessons and data copied into the learner's folder when the server starts
}
c.Spawner.mem_guarantee = "300M"  # informative for the local spawner; enforced by Kubernetes (see z2jh-values.yaml)
