"""The working tree's side of a write: blob ids, sobreg's scratch folder, placing a committed
file, and updating the real index for exactly the paths a command wrote."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from sobreg.audit.repo import Git


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
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = scratch(git)
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
