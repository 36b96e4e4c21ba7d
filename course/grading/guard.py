"""Keep what grading depends on out of a learner's reach: the course package, the sources and every submission.

The second line of defence (the first is the OS sandbox of ``sandbox.py``, which makes all of this read-only).
Without the sandbox a learner's notebook runs with the rights of the account that grades it. Each notebook runs in a
copy of its own submission (``parallel.py``), and this guard takes a fingerprint of the course package, the
sources, the collected submissions and the exchange before a batch, looks again after each notebook, puts back
anything a notebook changed, added or removed, and removes any .pth file planted in the environment, naming the
learners whose notebooks ran since the last clean look. The gradebook is
guarded differently: workers never write it, and every autograded score is recomputed at the end (``verify``).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path


def _fingerprint(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Guard:
    """Fingerprints and a copy of every file under ``roots``, to compare with and restore from."""

    roots: list[Path]
    backup: Path
    files: dict[Path, tuple[tuple[int, int], str]] = field(default_factory=dict)
    startup_files: frozenset[Path] = frozenset()  # every .pth file Python runs at start-up, when the guard began

    @classmethod
    def take(cls, roots: list[Path], backup: Path) -> Guard:
        """Fingerprint and copy every file under ``roots`` (folders or single files) into ``backup``."""
        guard = cls([r.resolve() for r in roots if r.exists()], backup, startup_files=_startup_files())
        for number, root in enumerate(guard.roots):
            if root.is_dir():
                shutil.copytree(root, backup / str(number), symlinks=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                (backup / str(number)).mkdir(parents=True)
                shutil.copy2(root, backup / str(number) / root.name)
            for path in guard._walk(root):
                guard.files[path] = (_fingerprint(path), _digest(path))
        return guard

    @staticmethod
    def _walk(root: Path) -> list[Path]:
        if root.is_file():
            return [root]
        return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]

    def _copy_of(self, path: Path) -> Path:
        for number, root in enumerate(self.roots):
            if path == root:
                return self.backup / str(number) / root.name
            if path.is_relative_to(root):
                return self.backup / str(number) / path.relative_to(root)
        raise ValueError(path)

    def restore_changes(self) -> list[str]:
        """Put back every guarded file that changed, came or went since the fingerprints, and remove any .pth file
        planted in the environment (it would run in every later Python process); what was put back."""
        restored = []
        for planted in sorted(_startup_files() - self.startup_files):
            planted.unlink(missing_ok=True)
            restored.append(f"{planted} (added: it would run in every Python process)")
        present = {p for root in self.roots if root.exists() for p in self._walk(root)}
        for path in sorted(present - set(self.files)):
            path.unlink()
            restored.append(f"{path} (added)")
        for path, (fingerprint, digest) in self.files.items():
            if path in present and _fingerprint(path) == fingerprint:
                continue
            if path in present and _digest(path) == digest:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self._copy_of(path), path)
            self.files[path] = (_fingerprint(path), digest)
            restored.append(f"{path} ({'changed' if path in present else 'removed'})")
        return restored


def _startup_files() -> frozenset[Path]:
    """The .pth files of the environment's site folders: Python runs their import lines at every start."""
    import site
    import sys

    folders = {Path(p) for p in [*site.getsitepackages(), site.getusersitepackages()] if p}
    folders |= {Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    return frozenset(f for folder in folders if folder.is_dir() for f in folder.glob("*.pth"))
