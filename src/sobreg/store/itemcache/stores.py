"""The item cache's stores (cache kind `items`): what is kept of each file's content, by a key
made of its path and bytes, and the stats that let a scan trust a file without reading it.

Each store holds the fingerprint it was written for (`store/cache.fingerprint`) and is used only
under that fingerprint. Five marshal files, each replaced whole and atomically (two processes
may use them at once: the last writer wins, every version is complete; a missing, foreign or
corrupt one is rebuilt): `verdicts` (each content's own problems and links, from `validate`,
with the files' stats), `summaries` and `search` (for the reports; what search reads kept
apart), `recent`: what scans that met few new files added since the others were last written
(stats, verdicts, summaries, search records), so that adding one file's entries to 10,000 writes
one small file (`Recent`), and `snapshot`: the last listings' stats (`scanning.unchanged_keys`).
Which scan fills which is said in `scanning`; how a scan holds them, `held`.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sobreg.store import cache
from sobreg.store.cache import RACY_NS
from sobreg.store.registry import Registry, git_dir

Store = Literal["verdicts", "summaries", "search", "recent", "snapshot"]
SEARCH = "_search"  # what search reads of a summary (engine/summary.py), kept in its own file
Stat = tuple[int, int, int, int, str]  # a file's mtime, ctime, size and inode, and its key


def store_file(found: Path | None, name: Store) -> Path | None:
    """Where one of the stores is kept in the git folder `found`; None outside a git repository,
    where nothing is kept."""
    return cache.file(found, "items", f"{name}.marshal")


def read_store(file: Path | None) -> dict[str, Any]:
    data = cache.load_marshal(file)
    return data if isinstance(data, dict) else {}  # missing, foreign or corrupt: start afresh


def write_store(file: Path, data: dict[str, Any]) -> None:
    """Replace a store whole; its `written` is the file's own creation time (what `RACY_NS`
    measures from), taken from the clock that stamps the registry's files. A write that fails
    leaves the store as it was and no temporary file beside it (it only costs time next run)."""

    def content(written: int) -> bytes:
        data["written"] = written
        return marshal.dumps(data)

    cache.write(file, content)


def entries(file: Path | None, expected: str) -> dict[str, Any]:
    """A store's entries when it was written for the fingerprint `expected`, else none."""
    data = read_store(file)
    return data.get("entries", {}) if data.get("fingerprint") == expected else {}


def cached_summaries(registry: Registry) -> dict[str, Any]:
    """The summaries kept by earlier scans, by content key (without reading the verdicts), and
    without what search reads (`cached_search`)."""
    return _cached_with_recent(registry, "summaries")


def cached_search(registry: Registry) -> dict[str, Any]:
    """What search reads of each summary (the summary's `_search`), by content key."""
    return _cached_with_recent(registry, "search")


def _cached_with_recent(registry: Registry, name: Literal["summaries", "search"]) -> dict[str, Any]:
    """A store's entries (`summaries` or `search`) with the recent store's of the same kind."""
    found, expected = git_dir(registry.root), cache.fingerprint(registry.root)
    kept_now = entries(store_file(found, name), expected)
    recent = load_recent(store_file(found, "recent"), expected)
    for key, value in getattr(recent, name).items():
        kept_now.setdefault(key, value)
    return kept_now


def without_search(key: str, summary: dict[str, Any], records: dict[str, Any]) -> dict[str, Any]:
    """`summary` without what search reads of it, which goes to `records` under `key` (it is
    kept in its own store: search reads it alone)."""
    if SEARCH in summary:
        records[key] = summary.pop(SEARCH)
    return summary


@dataclass
class Recent:
    """The recent store: entries added by scans since the other stores were last written."""

    written: int = 0  # when it was written (the clock of the registry's files)
    stats: dict[str, Stat] = field(default_factory=dict)
    verdicts: dict[str, Any] = field(default_factory=dict)
    summaries: dict[str, Any] = field(default_factory=dict)  # without what search reads
    search: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.stats) + len(self.verdicts) + len(self.summaries)

    def sure(self) -> dict[str, Stat]:
        """The stats this store's writing makes sure of: taken of a file last changed well
        before it (see RACY_NS), so trusted whenever a later store is written."""
        racy = self.written - RACY_NS
        return {rel: stat for rel, stat in self.stats.items() if stat[0] < racy}


def load_recent(file: Path | None, expected: str) -> Recent:
    data = read_store(file)
    if data.get("fingerprint") != expected:
        return Recent()
    try:
        parts = (data["stats"], data["verdicts"], data["summaries"], data["search"])
        if all(isinstance(part, dict) for part in parts):
            return Recent(int(data["written"]), *parts)
    except (KeyError, TypeError, ValueError):
        pass
    return Recent()  # foreign or corrupt: its entries are made again


def save_recent(file: Path, expected: str, recent: Recent) -> None:
    write_store(
        file,
        {
            "fingerprint": expected,
            "stats": recent.stats,
            "verdicts": recent.verdicts,
            "summaries": recent.summaries,
            "search": recent.search,
        },
    )  # sets "written"


def hash_file(path: str, rel: str) -> tuple[tuple[int, int, int, int], str, bytes]:
    """A file's stat (mtime, ctime, size, inode), its content key and its bytes."""
    # os.open and os.read, not open(): a buffered file object costs ~3 µs a file to make.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        data = os.read(fd, st.st_size + 1)
        if len(data) > st.st_size:  # it grew since the stat: read to its end, as read() does
            rest = [data]
            while more := os.read(fd, 1 << 16):
                rest.append(more)
            data = b"".join(rest)
    finally:
        os.close(fd)
    stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    # surrogateescape: a file name that is not UTF-8 is still a name (shown escaped, refused).
    name = rel.encode("utf-8", "surrogateescape")
    return stamp, hashlib.blake2b(name + b"\0" + data, digest_size=20).hexdigest(), data
