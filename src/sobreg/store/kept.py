"""sobreg's own kept files under `.git/sobreg/` (caches and state): read whole, replaced
atomically, so a reader sees the old or the new version, never half of one. A kept file that
cannot be read is missing, foreign or corrupt and is built afresh; one that cannot be written
only costs time next run."""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def replace(file: Path, data: bytes) -> None:
    """Put `data` in `file` whole (its folder made when missing); errors only cost time."""
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}-", dir=file.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, file)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


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
