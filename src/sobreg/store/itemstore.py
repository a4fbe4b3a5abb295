"""The item cache's stores under `.git/sobreg/`: what is kept of each file's content, by a key
made of its path and bytes, and the stats that let a scan trust a file without reading it.

Four marshal files, each replaced whole and atomically (two processes may use them at once: the
last writer wins, every version is complete; a missing, foreign or corrupt one is rebuilt):
`verdicts` (each content's own problems and links, from `validate`, with the files' stats),
`summaries` and `search` (for the reports; what search reads kept apart), and `recent` (the
verdicts of the last few named-file checks, pre-commit's: small, so such a check neither reads
nor rewrites the 10,000-entry verdicts store). Which scan fills which is said in `itemcache`.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from sobreg.store import kept
from sobreg.store.codekey import code_key
from sobreg.store.registry import Registry, git_dir

VERSION = 1
RACY_NS = 2_000_000_000  # mtimes this close to the cache's writing are not trusted
SEARCH = "_search"  # what search reads of a summary (engine/summary.py), kept in its own file
RECENT = 256  # verdicts the recent store keeps: the last named-file checks', newest last


def store_file(found: Path | None, name: str) -> Path | None:
    """Where the cache keeps one of its stores (`verdicts`, `summaries`, `search`, `recent`,
    `snapshot`) in the git folder `found`; None outside a git repository, where nothing is
    kept."""
    return found / "sobreg" / f"{name}-v{VERSION}.marshal" if found else None


def fingerprint(registry: Registry) -> str:
    """What cached verdicts and summaries depend on: sobreg's code and process.yaml."""
    digest = hashlib.blake2b(code_key().encode(), digest_size=16)
    process = registry.root / "process.yaml"
    digest.update(process.read_bytes() if process.is_file() else b"")
    return f"{VERSION}:{digest.hexdigest()}"


def read_store(file: Path | None) -> dict[str, Any]:
    data = kept.load_marshal(file)
    return data if isinstance(data, dict) else {}  # missing, foreign or corrupt: start afresh


def write_store(file: Path, data: dict[str, Any]) -> None:
    """Replace a store whole; its `written` is the file's own mtime (what `RACY_NS` measures
    from), taken from the clock that stamps the registry's files."""
    try:
        file.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".items-", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            data["written"] = os.fstat(handle.fileno()).st_mtime_ns
            marshal.dump(data, handle)
        os.replace(tmp, file)
    except OSError:
        return  # a cache that cannot be written only costs time next run


def entries(file: Path | None, expected: str) -> dict[str, Any]:
    """A store's entries when it was written for the fingerprint `expected`, else none."""
    data = read_store(file)
    return data.get("entries", {}) if data.get("fingerprint") == expected else {}


def kept_summaries(registry: Registry) -> dict[str, Any]:
    """The summaries kept by earlier scans, by content key (without reading the verdicts), and
    without what search reads (`kept_search`)."""
    return entries(store_file(git_dir(registry.root), "summaries"), fingerprint(registry))


def kept_search(registry: Registry) -> dict[str, Any]:
    """What search reads of each summary (the summary's `_search`), by content key."""
    return entries(store_file(git_dir(registry.root), "search"), fingerprint(registry))


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


class Cache:
    """The stores as one scan sees them: verdicts (what `validate` needs) and summaries (for
    reports), each read only by the commands that need it.

    A `named` cache (a check of a few files named on the command line) reads and writes the
    recent store only: its files are read and hashed (a few reads cost less than loading every
    file's stat), and a verdict kept by any earlier named check is used. A whole cache takes the
    recent store's verdicts in too, so a file pre-commit checked is not validated again."""

    def __init__(self, registry: Registry, named: bool = False) -> None:
        found = git_dir(registry.root)
        names = ("verdicts", "summaries", "search", "recent")
        self.files = {n: store_file(found, n) for n in names}
        self.fingerprint = fingerprint(registry)
        self.named = named
        self.recent = entries(self.files["recent"], self.fingerprint)
        data = {} if named else read_store(self.files["verdicts"])
        fresh = data.get("fingerprint") == self.fingerprint
        self.stats: dict[str, tuple[int, int, int, int, str]] = (
            data.get("stats", {}) if fresh else {}
        )
        self.verdicts: dict[str, Any] = data.get("entries", {}) if fresh else {}
        for key, found_verdict in self.recent.items():
            self.verdicts.setdefault(key, found_verdict)
        self.written = int(data.get("written", 0)) if fresh else 0
        self.recorded: set[str] = set()  # files whose stat this process took (see `save`)
        self._summaries: dict[str, Any] | None = None
        self.changed = False
        self.summarised = False  # a summary added: the summaries store is written again

    @property
    def summaries(self) -> dict[str, Any]:
        if self._summaries is None:
            self._summaries = entries(self.files["summaries"], self.fingerprint)
        return self._summaries

    def save(self, keep: set[str]) -> None:
        if self.named:
            self._save_recent(keep)
            return
        file = self.files["verdicts"]
        if file is None or not self.changed:
            return
        # A stat this cache held but never trusted (racily clean: taken within the mtime's
        # resolution of its writing) is dropped, not carried into a cache written later, which
        # would trust it; the next scan of that file reads it again (git smudges such entries).
        racy = self.written - RACY_NS
        write_store(
            file,
            {
                "fingerprint": self.fingerprint,
                "stats": {
                    p: s
                    for p, s in self.stats.items()
                    if s[4] in keep and (s[0] < racy or p in self.recorded)
                },
                "entries": {k: v for k, v in self.verdicts.items() if k in keep},
            },
        )
        self._save_summaries(keep)

    def _save_recent(self, keep: set[str]) -> None:
        # Newest last: the verdicts read from the store first, then this check's.
        keys = [k for k in self.verdicts if k in keep][-RECENT:]
        file = self.files["recent"]
        if file is None or keys == list(self.recent):
            return  # nothing new: nothing written
        recent = {k: self.verdicts[k] for k in keys}
        write_store(file, {"fingerprint": self.fingerprint, "entries": recent})

    def _save_summaries(self, keep: set[str]) -> None:
        summaries, target = self._summaries, self.files["summaries"]
        if summaries is None or target is None:
            return
        # Written when a summary was added or one belongs to a file that is gone: a scan that only
        # re-hashed files touched without a change (racily clean) rewrites the verdicts' stats.
        if self.summarised or any(k not in keep for k in summaries):
            # What search reads is kept apart: half the bytes, needed by search alone.
            fresh = {
                k: v.pop(SEARCH)
                for k, v in summaries.items()
                if k in keep and isinstance(v, dict) and SEARCH in v
            }
            write_store(
                target,
                {
                    "fingerprint": self.fingerprint,
                    "entries": {k: v for k, v in summaries.items() if k in keep},
                },
            )
            searched = self.files["search"]
            if fresh and searched is not None:
                records = {k: v for k, v in entries(searched, self.fingerprint).items()
                           if k in keep}  # fmt: skip
                records.update(fresh)
                write_store(searched, {"fingerprint": self.fingerprint, "entries": records})

    def answers(self, key: str, summaries: bool) -> bool:
        """Whether a verdict (or with `summaries`, a summary) of this content is kept."""
        if summaries:
            return isinstance(self.summaries.get(key), dict)
        return key in self.verdicts

    def known(self, path: str, rel: str) -> str | None:
        """The content key of a file whose stat says it is unchanged since it was hashed, else
        None: then the file must be read."""
        return self.known_stat(os.stat(path), rel)

    def known_stat(self, st: os.stat_result, rel: str) -> str | None:
        """`known`, from a stat already taken."""
        known = self.stats.get(rel)
        # ctime too: nothing in user space can set it back, so a rewrite that restores the
        # size and mtime is still seen.
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        if known and known[:4] == stamp and st.st_mtime_ns < self.written - RACY_NS:
            return known[4]
        return None

    def key(self, path: str, rel: str) -> tuple[str, bytes | None]:
        """The content key of a file, and its bytes when they had to be read."""
        found = self.known(path, rel)
        if found is not None:
            return found, None
        stamp, digest, data = hash_file(path, rel)
        self.stats[rel] = (*stamp, digest)
        self.recorded.add(rel)
        self.changed = True
        return digest, data
