"""Validated definitions (`process.yaml`, `evaluation.yaml`, `roles.yaml`) kept under
`.git/sobreg/definitions/`, keyed by the file's text and sobreg's code: a command that reads the
process answers from the kept model instead of validating the file again (building the process
model's validators alone took ~0.06 s of every read command).

The kept form is a pickle, like the catalogue's views (`reporting/reuse.py`), in the repository's
own `.git`: whoever can write there can already change the registry's hooks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from sobreg.store.codekey import code_key

VERSION = 1


def _file(path: Path, name: str, text: str) -> Path | None:
    for folder in (path.parent, *path.parent.parents):
        dot = folder / ".git"
        if dot.is_dir():
            digest = hashlib.blake2b(
                f"{VERSION}\0{code_key()}\0{name}\0{text}".encode(), digest_size=16
            ).hexdigest()
            return dot / "sobreg" / "definitions" / f"{name}-{digest}.pickle"
    return None  # not a plain repository (a worktree, no git): validated each time


def cached(path: Path, name: str, text: str) -> Any:
    """The model kept for exactly this text, or None."""
    file = _file(path, name, text)
    if file is None:
        return None
    try:
        return pickle.loads(file.read_bytes())
    except Exception:  # missing, foreign or corrupt: validated anew
        return None


def keep(path: Path, name: str, text: str, model: Any) -> None:
    """Keep a validated model for its text; older versions of the same file are removed."""
    file = _file(path, name, text)
    if file is None:
        return
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        file.parent.mkdir(parents=True, exist_ok=True)
        for old in file.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".definition-", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, file)
