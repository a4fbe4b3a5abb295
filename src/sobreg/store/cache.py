"""The cache: files under `.git/sobreg/cache/` that only save time. Deleting the folder, or any
file in it, costs the next command time and changes no answer; a file that cannot be read is
missing, foreign or corrupt and is built afresh; one that cannot be written is not kept.

Every cache file is placed by `file(found, KIND, name)` in its kind's folder, and every key is
made by `key(root, ...)`, which always mixes in the fingerprint: sobreg's code (its source files,
as Python tells stale bytecode) and `process.yaml`. A new sobreg or a new process therefore never
meets an answer computed by the old one, whatever the other parts of a key say. The kinds
(docs/architecture.md lists each with its key and what invalidates it):

- `definitions`: process.yaml, evaluation.yaml, roles.yaml and sources.yaml, validated, as plain
  objects, by the file's text;
- `items`: the item cache (`store/itemcache`): each file's verdict and summary by its content;
- `answers`: whole answers of the read commands and of `validate`, and the word indexes;
- `sources`: what was read of each fetched source, by its commit;
- `views`: publish's program views and index rows, by page key;
- `templates`: the templates compiled by Jinja (checked by Jinja against each one's source).

Two more things only save time and live elsewhere: the published folder's record of each page's
key (`reporting/republish`) and the HEAD git's commit-graph was last written for
(`audit/repo`).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sobreg.store import atomic

Kind = Literal["definitions", "items", "answers", "sources", "views", "templates"]
KINDS: tuple[Kind, ...] = ("definitions", "items", "answers", "sources", "views", "templates")
RACY_NS = 2_000_000_000  # a file changed this close to a moment is not trusted as of it


def folder(found: Path | None, kind: Kind) -> Path | None:
    """The folder of one kind of cache file in the git folder `found` (None outside a
    repository, where nothing is kept)."""
    return found / "sobreg" / "cache" / kind if found else None


def file(found: Path | None, kind: Kind, name: str) -> Path | None:
    place = folder(found, kind)
    return place / name if place else None


def key(root: Path, *parts: str | bytes) -> str:
    """A cache key: the fingerprint of the registry at `root` and `parts`, hashed."""
    return digest(fingerprint(root), *parts)


def digest(*parts: str | bytes) -> str:
    """`parts` hashed, each kept apart from the next: a key made of other keys (a page's, from
    its view's key), which hold the fingerprint already."""
    found = hashlib.blake2b(digest_size=20)
    for part in parts:
        found.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape"))
        found.update(b"\0")
    return found.hexdigest()


def fingerprint(root: Path) -> str:
    """What every cached result depends on: sobreg's code and the registry's process.yaml."""
    digest = hashlib.blake2b(code_key().encode(), digest_size=16)
    # Read on every call: remembering it by its stat measured no gain (~1 % of a warm status).
    with contextlib.suppress(OSError):  # none: the code alone (such a registry is refused)
        digest.update((root / "process.yaml").read_bytes())
    return digest.hexdigest()


def code_key() -> str:
    """A hash of every source file of the installed sobreg package, by its path, size and mtime:
    the rule CPython itself uses to decide that a module's compiled bytecode is stale, so a cached
    result is used exactly while the code that computed it is the code that runs, with no
    hand-kept list of the modules that matter; stats, not 700 kB of source."""
    global _CODE_KEY
    if _CODE_KEY is None:
        found: list[tuple[str, int, int]] = []
        _walk(_PACKAGE, "", found)
        digest = hashlib.blake2b(digest_size=16)
        for rel, size, mtime in sorted(found):
            digest.update(f"{rel}\0{size}\0{mtime}\0".encode("utf-8", "surrogateescape"))
        _CODE_KEY = digest.hexdigest()
    return _CODE_KEY


def _walk(place: str, prefix: str, found: list[tuple[str, int, int]]) -> None:
    with os.scandir(place) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(entry.path, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(".py"):
                st = entry.stat()
                found.append((prefix + entry.name, st.st_size, st.st_mtime_ns))


_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
_CODE_KEY: str | None = None


def _load(place: Path | None, loads: Callable[[bytes], Any]) -> Any:
    if place is None:
        return None
    try:
        # loads() of the whole file: load() on a file object reads in small pieces.
        return loads(place.read_bytes())
    except Exception:  # missing, foreign or corrupt
        return None


def load_marshal(place: Path | None) -> Any:
    """The value kept in `place` by `store_marshal`, or None."""
    return _load(place, marshal.loads)


def store_marshal(place: Path, value: Any) -> None:
    write(place, marshal.dumps(value))


def load_pickle(place: Path | None) -> Any:
    """The object kept in `place` by `store_pickle`, or None (only sobreg writes there: whoever
    can write in `.git` can already change the repository's hooks)."""
    return _load(place, pickle.loads)


def store_pickle(place: Path, value: Any) -> None:
    write(place, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write(place: Path, content: atomic.Content) -> None:
    """Replace a cache file whole (its folder made when missing); a failure only costs time."""
    atomic.write(place, content, durable=False, best_effort=True)


class CacheMap:
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
        remove([self.side])


def answer_file(found: Path | None, root: Path, command: str, *parts: str | bytes) -> Path | None:
    """Where the answer of `command` for `parts` is kept (kind `answers`) in the git folder
    `found` of the registry at `root`."""
    return file(found, "answers", f"{command}-{key(root, command, *parts)}.pickle")


def load_answer(place: Path | None, command: str) -> tuple[Any] | None:
    """The answer kept in `place` as a 1-tuple (an answer may be None), or None."""
    found = load_pickle(place)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == command:
        return (found[1],)
    return None


def keep_answer(place: Path | None, command: str, answer: Any, keep: int) -> None:
    """Keep `answer` in `place`; of this command's kept answers, only the newest `keep` stay."""
    if place is None:
        return
    store_pickle(place, (command, answer))
    stamped = []
    for found in place.parent.glob(f"{command}-*.pickle"):
        with contextlib.suppress(OSError):  # another process pruning too: it is simply gone
            stamped.append((found.stat().st_mtime_ns, found))
    remove([old for _, old in sorted(stamped)[:-keep]])


def remove(places: list[Path]) -> None:
    """Remove cache files; one already gone (another process pruning too) is simply gone."""
    for place in places:
        with contextlib.suppress(OSError):
            place.unlink()
