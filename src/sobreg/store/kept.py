"""sobreg's own kept files under `.git/sobreg/` (caches and state): read whole, replaced
atomically, so a reader sees the old or the new version, never half of one. A kept file that
cannot be read is missing, foreign or corrupt and is built afresh; one that cannot be written
only costs time next run."""

from __future__ import annotations

import contextlib
import marshal
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sobreg.store import atomic


def replace(file: Path, data: bytes) -> None:
    """Put `data` in `file` whole (its folder made when missing); errors only cost time."""
    atomic.write(file, data, durable=False, best_effort=True)


def _load(file: Path | None, loads: Callable[[bytes], Any]) -> Any:
    if file is None:
        return None
    try:
        # loads() of the whole file: load() on a file object reads in small pieces.
        return loads(file.read_bytes())
    except Exception:  # missing, foreign or corrupt
        return None


def load_marshal(file: Path | None) -> Any:
    """The value kept in `file` by `store_marshal`, or None."""
    return _load(file, marshal.loads)


def store_marshal(file: Path, value: Any) -> None:
    replace(file, marshal.dumps(value))


def load_pickle(file: Path | None) -> Any:
    """The object kept in `file` by `store_pickle`, or None (only sobreg writes there: whoever
    can write in `.git` can already change the repository's hooks)."""
    return _load(file, pickle.loads)


def store_pickle(file: Path, value: Any) -> None:
    replace(file, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class KeptMap:
    """A dict kept by content-derived keys in a pickle file, with what later runs add kept in a
    small second file beside it (`<name>-new<suffix>`) until there is much: adding a few entries
    to thousands writes the few, not the thousands. Entries no longer used stay in the first
    file until it is rewritten (then with the used ones only). A value never changes for its
    key, so any mix of the two files' versions (two processes at once) is a valid map."""

    def __init__(self, file: Path | None, small: int = 256) -> None:
        self.file = file
        self.side = file.with_name(f"{file.stem}-new{file.suffix}") if file else None
        self.small = small
        main, side = load_pickle(file), load_pickle(self.side)
        self.main: dict[str, Any] = main if isinstance(main, dict) else {}
        self.kept_side: dict[str, Any] = side if isinstance(side, dict) else {}
        self.added: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        found = self.added.get(key)
        if found is None:
            found = self.kept_side.get(key)
        return self.main.get(key) if found is None else found

    def put(self, key: str, value: Any) -> None:
        self.added[key] = value

    def save(self, used: set[str]) -> None:
        """Keep what was added (and still used). The small file takes it while it stays
        small and the first file holds few unused entries; else both become one file again."""
        if self.file is None or self.side is None:
            return
        side = {k: v for k, v in (*self.kept_side.items(), *self.added.items()) if k in used}
        unused = sum(1 for k in self.main if k not in used)
        if len(side) <= self.small and unused <= self.small:
            if side.keys() != self.kept_side.keys():
                store_pickle(self.side, side)
            return
        whole = {k: v for k, v in self.main.items() if k in used}
        whole.update(side)
        store_pickle(self.file, whole)
        with contextlib.suppress(OSError):
            self.side.unlink()
