"""Annual reports kept under `.git/sobreg/`, keyed by everything they are computed from.

The key is a hash of the content keys of every item (see itemcache), the year, today's date,
process.yaml and the code that computes reports. When nothing changed, `report` reads its result
instead of loading 10,000 summaries; anything that changed gives another key, so a stale result
is never used. Old results are pruned; a missing or corrupt one is recomputed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from typing import Any

from sobreg.reporting import annual as reports
from sobreg.store.itemcache import content_keys, fingerprint
from sobreg.store.registry import Registry, git_dir
from sobreg.validation.check import summaries

KEEP = 8


def annual(registry: Registry, year: int, today: dt.date, progress: Any = None) -> dict[str, Any]:
    """`reports.annual` over the registry, from the cache when nothing it reads has changed."""
    folder = git_dir(registry.root)
    paths = registry.item_paths()
    known = content_keys(registry, paths) if folder else None
    file = None
    if known is not None and folder is not None:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(fingerprint(registry).encode())
        digest.update(f"\0{year}\0{today.isoformat()}\0{registry.skip_invalid}\0".encode())
        digest.update("\0".join(known[1]).encode())
        file = folder / "sobreg" / f"report-{digest.hexdigest()}.pickle"
        try:
            with file.open("rb") as handle:
                found = pickle.loads(handle.read())
            if isinstance(found, dict):
                return found
        except Exception:  # missing or corrupt: compute
            pass
    data = reports.annual(registry.process, summaries(registry, progress=progress), year, today)
    if file is not None:
        _store(file, data)
    return data


def _store(file: Any, data: dict[str, Any]) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".report-", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, file)
        old = sorted(file.parent.glob("report-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:
        return  # a result that cannot be kept only costs time next run
