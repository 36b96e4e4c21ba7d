"""Optional: log in with the organisation's single sign-on (OpenID Connect) instead of the machine's accounts.

Use it in place of jupyterhub_config.py, which it loads first:
    jupyterhub -f deploy/oidc_example.py
It needs the `hub` extra (oauthenticator) and these settings from the identity provider (Entra ID, Okta, Keycloak,
Google Workspace...), given as environment variables so that no secret sits in a file in the repository:
    OIDC_ISSUER         e.g. https://login.example.org/realms/staff   (the provider's issuer address)
    OIDC_CLIENT_ID      the id of the application registered for this hub
    OIDC_CLIENT_SECRET  its secret
    HUB_PUBLIC_URL      e.g. https://course.example.org   (the callback is HUB_PUBLIC_URL/hub/oauth_callback)
    COURSE_HUB_ID_MAP   a CSV file with the columns email,id mapping each person's e-mail to their course id

Hub names stay pseudonymous: the gradebook, the exchange and every grade export know a learner as `mgr-0417`, not
by e-mail. The CSV (kept by HR, outside the repository) says who is who; the cohort settings (cohort.toml) list
the ids.
With the machine's accounts gone, learners' servers run as the hub's account: pair this with a spawner that gives
each learner their own account or container (systemdspawner, dockerspawner, or Kubernetes: z2jh-values.yaml).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

load_subconfig("jupyterhub_config.py")  # noqa: F821 (provided by JupyterHub), relative to this file
c = get_config()  # noqa: F821

issuer = os.environ["OIDC_ISSUER"].rstrip("/")
c.JupyterHub.authenticator_class = "generic-oauth"
c.GenericOAuthenticator.login_service = "your organisation's sign-in"
c.GenericOAuthenticator.client_id = os.environ["OIDC_CLIENT_ID"]
c.GenericOAuthenticator.client_secret = os.environ["OIDC_CLIENT_SECRET"]
c.GenericOAuthenticator.oauth_callback_url = f"{os.environ['HUB_PUBLIC_URL'].rstrip('/')}/hub/oauth_callback"
# The usual OpenID Connect addresses (Keycloak's shape; the provider's /.well-known/openid-configuration lists its own).
c.GenericOAuthenticator.authorize_url = f"{issuer}/protocol/openid-connect/auth"
c.GenericOAuthenticator.token_url = f"{issuer}/protocol/openid-connect/token"
c.GenericOAuthenticator.userdata_url = f"{issuer}/protocol/openid-connect/userinfo"
c.GenericOAuthenticator.scope = ["openid", "email", "profile"]
# Which claim of the provider's answer names the person. Here the e-mail; many providers also offer
# "preferred_username". A callable may build the name from several claims.
c.GenericOAuthenticator.username_claim = "email"


def id_map(path: Path) -> dict[str, str]:
    """e-mail (lower case, as JupyterHub compares them) -> course id, from HR's CSV with the columns email,id."""
    with path.open(newline="", encoding="utf-8-sig") as rows:
        return {row["email"].strip().lower(): row["id"].strip() for row in csv.DictReader(rows) if row.get("email")}


# JupyterHub lower-cases a name and then looks it up in username_map: a mapped e-mail becomes its course id.
# Anyone else keeps their e-mail as hub name: cohort.toml lists ids, so they are not let in (with learners =
# "anyone" they would be, under their e-mail: map everyone then).
c.Authenticator.username_map = id_map(Path(os.environ["COURSE_HUB_ID_MAP"]))

