"""nbgrader's collect, filing each submission under the learner's roster id.

On a hub, nbgrader names a submission after the hub username the learner signed in with (often an e-mail or a
staff number). A cohort graded under pseudonyms imports a roster whose ``hub_username`` column says which hub
username belongs to which pseudonymous id; the gradebook keeps that username as the learner's ``lms_user_id``.
This collect (set as ``c.ExchangeFactory.collect`` in the cohort's configuration, so nbgrader's own
``nbgrader collect`` and the formgrader's collect button use it too) files every submission under the id, so
the submitted, autograded and feedback folders, the gradebook, exports and reports hold only pseudonyms. A hub
username that is not on the roster is collected under that username and named in the log.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.exchange.default.collect import ExchangeCollect

try:
    import pwd
except ImportError:  # Windows: no owners to compare
    pwd = None


def ids_by_hub_username(db_url: str) -> dict[str, str]:
    """Roster id by hub username (lower case, as JupyterHub keeps usernames), from the gradebook."""
    with Gradebook(db_url) as book:
        return {s.lms_user_id.lower(): s.id for s in book.students if s.lms_user_id}


NOT_COLLECTED = "Not collected:"


class RosterCollect(ExchangeCollect):
    """``nbgrader collect`` that files each submission under the roster id of the hub username that sent it."""

    def init_src(self) -> None:
        super().init_src()
        ids = ids_by_hub_username(self.coursedir.db_url)
        unknown = []
        for record in self.src_records:
            hub_username = record["username"]
            self._same_owner(hub_username, Path(self.inbound_path) / record["filename"])
            if hub_username.lower() in ids:
                record["username"] = ids[hub_username.lower()]
            elif ids:
                unknown.append(hub_username)
        if unknown:
            self.log.warning("Not on the roster, collected under their hub username: %s", ", ".join(sorted(unknown)))
        self.check_owner = False  # done above, against the hub username rather than the roster id

    def do_copy(self, src: str, dest: str, log: object = None) -> None:
        """Copy one submission; one that is too big or cannot be read is named and skipped, never stopping the
        collection of everyone else (nbgrader's own copy stops the whole run)."""
        try:
            super().do_copy(src, dest, log)
        except (RuntimeError, OSError, shutil.Error) as error:
            shutil.rmtree(dest, ignore_errors=True)
            reason = "it is larger than the limit" if "too big" in str(error) else \
                f"it could not be read ({type(error).__name__})"
            self.log.error("%s %s: %s; everyone else was collected", NOT_COLLECTED, Path(dest).parent.name, reason)

    def _same_owner(self, hub_username: str, path: Path) -> None:
        if not self.check_owner or pwd is None:
            return
        try:
            owner = pwd.getpwuid(os.stat(path).st_uid).pw_name
        except KeyError:
            owner = "unknown id"
        if owner != hub_username:
            self.log.warning("%s claims to be submitted by %s but is owned by %s", path.name, hub_username, owner)
