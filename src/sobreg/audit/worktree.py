"""The working tree's side of a write: blob ids, sobreg's scratch folder, placing a committed
file, and updating the real index for exactly the paths a command wrote."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sobreg.audit.repo import Git
from sobreg.store import atomic


def object_id(kind: str, data: bytes, id_size: int = 20) -> str:
    """The id git gives an object, computed without starting git: SHA-1 (20 bytes) or, in a
    SHA-256 repository, SHA-256."""
    algorithm = hashlib.sha1 if id_size == 20 else hashlib.sha256
    header = b"%s %d\0" % (kind.encode(), len(data))
    return algorithm(header + data, usedforsecurity=False).hexdigest()


def blob_id(data: bytes) -> str:
    """The id git gives `data` as a blob (SHA-1)."""
    return object_id("blob", data)


def scratch(git: Git) -> Path:
    """sobreg's own folder for temporary files: inside `.git`, never among registry files."""
    folder = git.git_dir / "sobreg" / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def place(git: Git, path: Path, text: str | None) -> None:
    """Put a committed version into the working tree: atomically, from a temporary file in
    `.git/sobreg/tmp/` (so none is ever left among registry files), keeping its line endings."""
    if text is None:
        path.unlink(missing_ok=True)
        return
    atomic.write(path, text.encode("utf-8"), scratch=scratch(git))


def sync_index(git: Git, rels: list[str]) -> None:
    """The real index takes exactly these paths as they now are in the working tree. A marker
    says the index lock is sobreg's while git holds it, so `repair` can tell a lock left by a
    killed sobreg from one of another git process."""
    marker = git.git_dir / "sobreg" / "index-update"
    marker.write_text(f"{os.getpid()}\n", encoding="ascii")
    try:
        git.call("update-index", "--add", "--remove", "--", *rels)
    finally:
        marker.unlink(missing_ok=True)
