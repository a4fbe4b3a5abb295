"""A scan of registry files through the item cache: each file's verdict or summary, from its
stores (`stores`) where the file's content is known.

Each file's entry is keyed by a hash of its path and bytes, so an entry is never used for content
that changed. Like git's index, a file whose size, mtime and inode match the last scan is not
read again, unless its mtime is too close to when the cache was written to be trusted ("racily
clean"). Files not in the cache are analysed (validated by `validate`, summarised by the
reports) by this process and forked children together when there are many (`parallel`). A
check of a few named files (pre-commit's) uses the small recent store instead of the whole
registry's.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sobreg.models.layout import FOLDER_KINDS, kind_of_rel, model_for
from sobreg.store.cache import RACY_NS, fingerprint, load_marshal
from sobreg.store.itemcache.held import ItemCache
from sobreg.store.itemcache.stores import hash_file, store_file, write_store
from sobreg.store.parallel import share
from sobreg.store.registry import Registry, git_dir

SNAPSHOTS = 4  # listings remembered: the whole registry, its items, nominations, programs
PARALLEL_FROM = 300  # below this many files to parse, forking children costs more than it saves
# Fewer named files than this are checked against the recent store: reading them costs less
# than loading (and rewriting) every file's stat and verdict.
NAMED_FEW = 300
Progress = Callable[[int, int], None]  # (files done, files to parse)
Listing = Literal["all", "folder", "files"]  # what a scan's paths are (see `scan`)
# What the cache stores for one file's content: (its own issues, its links) from a validating
# scan, (the issues of reading it, its summary) from a summarising one. Given by the caller
# (validation), so the store knows how to keep results, not how to compute them.
Analyse = Callable[[Registry, str, str, bytes | None], Any]


@dataclass(slots=True)
class Scanned:
    """One file: its kind, its own problems (issues without a path), and its summary."""

    path: str
    kind: str
    issues: list[tuple[int, int, str, str, dict[str, Any]]]
    summary: dict[str, Any] | None
    key: str | None = None  # the content key; None: the file has no content to key (see Slot)


@dataclass(slots=True)
class Slot:
    """One path of a scan while it runs: its content key once known, or, for a path whose
    content cannot be had (not a regular file, unreadable), no key and its own verdict."""

    path: str
    kind: str
    key: str | None = None
    own: Any = None  # the verdict of a path without content


def _snapshot_file(registry: Registry) -> Path | None:
    return store_file(git_dir(registry.root), "snapshot")


def _stamps(paths: list[str]) -> array[int] | None:
    """Every path's (mtime, ctime, size, inode) in one flat array, or None when one is gone."""
    flat: list[int] = []
    add, lstat = flat.extend, os.lstat
    try:
        for path in paths:
            st = lstat(path)
            add((st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
    except OSError:
        return None
    return array("q", flat)


def _listing_key(paths: list[str]) -> bytes:
    joined = "\0".join(paths).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(joined, digest_size=16).digest()


def unchanged_keys(registry: Registry, paths: list[str]) -> list[str] | None:
    """The content keys of `paths` when the last scan of exactly these paths kept a snapshot
    and no file's stat differs from it (nor is racily clean): the cost of one `lstat` per file
    and one comparison of two arrays. None: a scan must look (see `scan`)."""
    data = load_marshal(_snapshot_file(registry))
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint(registry.root):
        return None
    found = data.get("listings", {}).get(_listing_key(paths))
    if found is None:
        return None
    stamps, keys = found
    current = _stamps(paths)
    if current is None or current.tobytes() != stamps:
        return None
    if current and max(current[0::4]) >= int(data["written"]) - RACY_NS:
        return None  # a file changed within the mtime's resolution of the snapshot: unsure
    return list(keys)


def _keep_snapshot(registry: Registry, cache: ItemCache, paths: list[str], keys: list[str]) -> None:
    """Remember these paths' stats and keys for `unchanged_keys` (the last few listings)."""
    file = _snapshot_file(registry)
    root = str(registry.root.resolve()) + os.sep
    rels = [p[len(root) :].replace(os.sep, "/") if p.startswith(root) else "" for p in paths]
    if file is None or "" in rels:
        return
    flat: list[int] = []
    for rel in rels:
        known = cache.stats.get(rel)
        if known is None:
            return
        flat.extend(known[:4])
    old = load_marshal(file)
    listings = {}
    if isinstance(old, dict) and old.get("fingerprint") == cache.fingerprint:
        listings = dict(list(old.get("listings", {}).items())[-(SNAPSHOTS - 1) :])
    listing = _listing_key(paths)
    listings.pop(listing, None)
    listings[listing] = (array("q", flat).tobytes(), tuple(keys))
    write_store(file, {"fingerprint": cache.fingerprint, "listings": listings})  # sets "written"


# Set before forking: the children inherit the registry (its process.yaml read) and the cache.
_WORKER: dict[str, Any] = {}
# One file to read: (its place in the scan, path, path in the registry, kind, whether it is still
# to be looked at with lstat: see `scan`).
Job = tuple[int, str, str, str, bool]


# The verdict of a path that is not a regular file (it has no content to key).
NOT_REGULAR: tuple[list[Any], None] = ([(1, 1, "", "validate.not_regular", {})], None)


def _read_and_check(job: Job) -> tuple[int, Any, str | None, Any]:
    """Read and hash one file; analyse it unless the cache knows its content. Its stat, its
    content key and what was found (None: known to the cache); no stat and no key for a path
    without content, found then being its own verdict."""
    index, path, rel, kind, look = job
    registry, cache, summaries = _WORKER["registry"], _WORKER["cache"], _WORKER["summaries"]
    analyse: Analyse = _WORKER["analyse"]
    if look:
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return index, None, None, NOT_REGULAR
        except OSError:
            pass  # one that cannot be looked at cannot be read either: hash_file says why
    try:
        stamp, key, data = hash_file(path, rel)
    except OSError:
        return index, None, None, analyse(registry, path, kind, None)
    if cache.answers(key, summaries):
        return index, stamp, key, None
    return index, stamp, key, analyse(registry, path, kind, data)


def scan(
    registry: Registry,
    paths: list[str] | list[Path],
    analyse: Analyse,
    progress: Progress | None = None,
    summaries: bool = False,
    listing: Listing = "all",
) -> list[Scanned]:
    """Every file's verdict and links or (with `summaries`) its summary, from the cache where
    its content is unchanged. Each is made only by a scan that asks for it: a summarising scan
    (the reports) does not validate, a validating one (`validate`, CI's cold run and
    pre-commit's named files) does not summarise.

    `listing` says what `paths` are: "all" (every item file, maybe with the definitions: the
    cache forgets files no longer among them), "folder" (every file of one item type: its stats
    are kept as a snapshot, nothing is forgotten) or "files" (files named by the user, such as
    pre-commit's staged ones: only their entries are added; fewer than `NAMED_FEW` are checked
    against the recent store, see `ItemCache`)."""
    named = listing == "files" and not summaries and len(paths) < NAMED_FEW
    cache = ItemCache(registry, named=named)
    if summaries:
        cache.summaries  # noqa: B018 (loaded before any fork, so the children see it)
    root = str(registry.root.resolve()) + os.sep
    read: dict[str, Any] = {}  # what this scan analysed, by content key
    slots: list[Slot] = []
    jobs: list[Job] = []
    # When no file's stat is known (a first scan, a new sobreg or process.yaml), every file is
    # read: each is looked at where it is read (here or in a child), not in one pass here first.
    cold = not cache.stats
    for given in paths:
        # String work, not Path.resolve(): the registry's own file list is already absolute,
        # and 10,000 resolves cost half a second.
        path = str(given)
        full = path if path.startswith(root) else str(Path(path).resolve())
        rel = full[len(root) :].replace(os.sep, "/") if full.startswith(root) else ""
        folder, _, name = rel.partition("/")
        kind = FOLDER_KINDS.get(folder) if name.endswith(".yaml") and "/" not in name else None
        kind = kind or (kind_of_rel(rel) if rel else None) or "outside"
        if cold:
            jobs.append((len(slots), path, rel or full, kind, True))
            slots.append(Slot(path, kind))
            continue
        try:
            # lstat, not stat: a link, a folder or a FIFO named like an item is refused by its
            # name, never followed or opened (a FIFO would never end).
            st = os.lstat(path)
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            slots.append(Slot(path, kind, None, NOT_REGULAR))
            continue
        key = cache.known_stat(st, rel or full) if st is not None else None
        if key is None or not cache.answers(key, summaries):
            jobs.append((len(slots), path, rel or full, kind, False))
        slots.append(Slot(path, kind, key))
    if jobs:
        rels = {job[0]: job[2] for job in jobs}
        for index, stamp, key, found in _run(registry, cache, analyse, summaries, jobs, progress):
            slot = slots[index]
            slot.key = key
            if key is None:
                slot.own = found
                continue
            if stamp is not None:
                cache.record(rels[index], stamp, key)
            if found is None:
                continue
            read[key] = found
            if not summaries:
                cache.add_verdict(key, found)
            elif isinstance(found[1], dict):  # one not read is read again, to say why
                cache.add_summary(key, found[1])
    result = []
    for slot in slots:
        key = slot.key
        if key is None:
            issues, found = slot.own
        else:
            issues, found = read.get(key) or (
                ([], cache.summaries[key]) if summaries else cache.verdicts[key]
            )
        result.append(Scanned(slot.path, slot.kind, issues, found, key))
    usable = {slot.key for slot in slots if slot.key is not None}
    # Only a scan of every item file knows which entries belong to files that are gone.
    if listing == "all":
        cache.save(usable)
    else:
        cache.save(usable | cache.known_keys())
    if listing != "files" and all(slot.key is not None for slot in slots):
        keys = [slot.key for slot in slots if slot.key is not None]
        _keep_snapshot(registry, cache, [slot.path for slot in slots], keys)
    return result


def _run(
    registry: Registry,
    cache: ItemCache,
    analyse: Analyse,
    summaries: bool,
    jobs: list[Job],
    progress: Progress | None,
) -> list[tuple[int, Any, str | None, Any]]:
    """`_read_and_check` over the jobs: in this process for a few, shared with forked children
    for many."""
    _WORKER.update(registry=registry, cache=cache, analyse=analyse, summaries=summaries)
    processes = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or processes < 2:
        found = []
        for job in jobs:
            found.append(_read_and_check(job))
            if progress:
                progress(len(found), len(jobs))
        return found
    # The models (through the analysing function's module) and process.yaml are loaded before
    # forking, so the children inherit them instead of each paying ~0.1 s for them.
    model_for("nomination")
    model_for("program")
    with contextlib.suppress(Exception):  # its own problems are reported on process.yaml
        registry.process  # noqa: B018
    # What the children inherit is frozen first: their collector never walks it (nor touches
    # its pages, which stay shared).
    gc.freeze()
    try:
        return share(jobs, _read_and_check, processes, progress)
    finally:
        gc.unfreeze()
