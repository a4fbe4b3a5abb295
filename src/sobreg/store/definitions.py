"""Validated definitions (`process.yaml`, `evaluation.yaml`, `roles.yaml`) kept under
`.git/sobreg/definitions/`, keyed by the file's text and sobreg's code: a command that reads the
process answers from the kept definition instead of validating the file again (building the
process model's validators alone took ~0.06 s of every read command), and in plain form
(`models/plain.py`), so it does not import pydantic either.

The kept form is a pickle, like the catalogue's views (`reporting/reuse.py`; see `kept`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sobreg.store import kept
from sobreg.store.codekey import code_key

VERSION = 2  # 2: kept as plain objects (models/plain.py), not pydantic models


def _file(git_dir: Path | None, name: str, text: str) -> Path | None:
    if git_dir is None:
        return None  # not in a repository: validated each time
    key = f"{VERSION}\0{code_key()}\0{name}\0{text}".encode()
    digest = hashlib.blake2b(key, digest_size=16).hexdigest()
    return git_dir / "sobreg" / "definitions" / f"{name}-{digest}.pickle"


def cached(git_dir: Path | None, name: str, text: str) -> Any:
    """The model kept for exactly this text, or None."""
    return kept.load_pickle(_file(git_dir, name, text))


def keep(git_dir: Path | None, name: str, text: str, model: Any) -> None:
    """Keep a validated model for its text; older versions of the same file are removed."""
    file = _file(git_dir, name, text)
    if file is None:
        return
    if file.parent.is_dir():
        for old in file.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)
    kept.store_pickle(file, model)
