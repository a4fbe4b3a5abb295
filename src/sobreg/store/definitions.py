"""Validated definitions (`process.yaml`, `evaluation.yaml`, `roles.yaml`, `sources.yaml`) kept
in the cache (kind `definitions`), keyed by the file's text: a command that reads the process
answers from the kept definition instead of validating the file again (building the process
model's validators alone took ~0.06 s of every read command), and in plain form
(`models/plain.py`), so it does not import pydantic either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sobreg.store import cache


def _file(found: Path | None, root: Path, name: str, text: str) -> Path | None:
    if found is None:
        return None  # not in a repository: validated each time
    return cache.file(found, "definitions", f"{name}-{cache.key(root, name, text)}.pickle")


def cached(found: Path | None, root: Path, name: str, text: str) -> Any:
    """The definition kept for exactly this text of `root/name`, or None (`found`: the git
    folder)."""
    return cache.load_pickle(_file(found, root, name, text))


def keep(found: Path | None, root: Path, name: str, text: str, model: Any) -> None:
    """Keep a validated definition for its text; older versions of the same file are removed."""
    place = _file(found, root, name, text)
    if place is None:
        return
    if place.parent.is_dir():
        cache.remove(list(place.parent.glob(f"{name}-*.pickle")))
    cache.store_pickle(place, model)
