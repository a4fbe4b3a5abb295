"""Answers of the registry-wide read commands kept under `.git/sobreg/`, keyed by everything
they are computed from.

The key is a hash of the command, its parameters (year, today's date, filters, a search's words
and the sources' state), the content keys of every item it reads (see itemcache), process.yaml
and sobreg's code (the fingerprint). When the files' stats say nothing changed, `report`,
`status`, `due`, `list` and `search` read their answer instead of loading 10,000 summaries or
search records and computing it again; anything that changed gives another key, so a stale answer
is never used. Old answers are pruned; a missing or corrupt one is recomputed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sobreg.reporting import annual as reports
from sobreg.store import kept
from sobreg.store.files import newest_last, prune
from sobreg.store.itemcache import unchanged_keys
from sobreg.store.itemstore import fingerprint
from sobreg.store.registry import Registry, git_dir
from sobreg.validation.summaries import keyed_search_records, keyed_summaries

KEEP = 16  # answers remembered: a few commands, years and filters
T = TypeVar("T")


def kept_answer(
    registry: Registry,
    command: str,
    params: tuple[Any, ...],
    compute: Callable[..., T],
    item_type: str | None = None,
    progress: Any = None,
    records: bool = False,
    keyed: bool = False,
) -> T:
    """`compute(summaries)` over the registry's items (of `item_type`), or its kept answer when
    no item and nothing else it depends on changed since it was computed. `records`: computed
    from what search reads of each item instead of its summary; `keyed`: called as
    `compute(items, keys)`, the items' content keys (None: not known) to keep more by."""
    folder = git_dir(registry.root)
    paths = registry.item_paths(item_type)
    stat_keys = unchanged_keys(registry, paths) if folder else None
    found = _kept(_answer_file(registry, folder, command, params, stat_keys), command)
    if found is not None:
        return found[0]
    load = keyed_search_records if records else keyed_summaries
    keys, items = load(registry, item_type, progress, listed=(paths, stat_keys) if folder else None)
    file = _answer_file(registry, folder, command, params, keys)
    if stat_keys is None:  # the files were read: touched, maybe, but the same content
        found = _kept(file, command)
        if found is not None:
            return found[0]
    answer = compute(items, keys) if keyed else compute(items)
    if file is not None:
        _store(file, (command, answer))
    return answer


def kept_for(
    registry: Registry,
    command: str,
    params: tuple[Any, ...],
    keys: list[str] | None,
    compute: Callable[[], T],
    keep: int = KEEP,
) -> T:
    """`compute()`, or its answer kept for these items' content keys (see `kept_answer`), among
    the last `keep` of this command's (not pruned by the other commands' answers)."""
    file = _answer_file(registry, git_dir(registry.root), command, params, keys, command)
    found = _kept(file, command)
    if found is not None:
        return found[0]
    answer = compute()
    if file is not None:
        _store(file, (command, answer), command, keep)
    return answer


def _kept(file: Path | None, command: str) -> tuple[Any] | None:
    """The answer kept in `file`, as a 1-tuple (an answer may be None), or None."""
    found = kept.load_pickle(file)  # missing or corrupt: None, computed anew
    if isinstance(found, tuple) and len(found) == 2 and found[0] == command:
        return (found[1],)
    return None


def _answer_file(
    registry: Registry,
    folder: Path | None,
    command: str,
    params: tuple[Any, ...],
    keys: list[str] | None,
    kind: str = "answer",
) -> Path | None:
    if folder is None or keys is None:
        return None  # no place to keep it, or an item that could not be read: not kept
    digest = hashlib.blake2b(digest_size=20)
    digest.update(fingerprint(registry).encode())
    digest.update(repr((command, params, registry.skip_invalid)).encode())
    digest.update("\0".join(keys).encode())
    return folder / "sobreg" / f"{kind}-{digest.hexdigest()}.pickle"


def _store(file: Path, value: Any, kind: str = "answer", keep: int = KEEP) -> None:
    """Keep `value` in `file`; of the files of its kind, only the newest `keep` stay."""
    kept.store_pickle(file, value)  # written whole, or not at all: it only costs time next run
    # Another process may be pruning them too: what it removed first is simply gone.
    prune(newest_last(file.parent, f"{kind}-*.pickle")[:-keep])


def annual(registry: Registry, year: int, today: dt.date, progress: Any = None) -> dict[str, Any]:
    """`reports.annual` over the registry, kept (see `kept_answer`)."""
    return kept_answer(
        registry,
        "report",
        (year, today.isoformat()),
        lambda items: reports.annual(registry.process, items, year, today),
        progress=progress,
    )
