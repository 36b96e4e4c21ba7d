"""Make the student versions (exercises/) from the instructor sources (solutions/) with nbgrader.

Uses nbgrader's own GenerateAssignment through its API, with no gradebook, so the same sources always give
the same bytes. The release folder is rebuilt whole: an assignment removed from solutions/ disappears.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class BuildError(Exception):
    """nbgrader could not generate an assignment; the message says which and why."""


def assignments(root: Path) -> list[str]:
    """The assignment folders in solutions/, in order."""
    source = root / "solutions"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def nbgrader_config(root: Path, release: Path):
    """The course's nbgrader_config.py, pointed at ``release`` and with the gradebook switched off."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.release_directory = str(release)
    config.GenerateAssignment.no_database = True
    config.SaveCells.enabled = False
    return config


def generate(root: Path, release: Path) -> list[str]:
    """Generate every assignment of ``root``/solutions into ``release`` (which is replaced)."""
    from nbgrader.apps import NbGraderAPI

    root = root.resolve()
    names = assignments(root)
    with tempfile.TemporaryDirectory(prefix="course-build-") as temp:
        staging = Path(temp) / "release"
        api = NbGraderAPI(config=nbgrader_config(root, staging))
        for name in names:
            result = api.generate_assignment(name, force=True, create=False)
            if not result["success"]:
                raise BuildError(f"nbgrader could not generate {name}:\n{result.get('error') or result.get('log')}")
        staging.mkdir(exist_ok=True)
        if release.exists():
            shutil.rmtree(release)
        shutil.copytree(staging, release)
    return names
