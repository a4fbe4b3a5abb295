"""Answers of the registry-wide read commands, kept in the cache (kind `answers`) by everything
they are computed from.

The key (`store/cache.key`) is the fingerprint, the command, its parameters (year, today's date,
filters, a search's words and the sources' state) and the content keys of every item it reads
(see `store/itemcache`). When the files' stats say nothing changed, `report`, `status`, `due`,
`list`, `agenda` and `search` read their answer instead of loading 10,000 summaries or search
records and computing it again; anything that changed gives another key, so a stale answer is
never used. Of each command's answers the newest few are kept; a missing or corrupt one is
recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sobreg.reporting import annual as reports
from sobreg.store import cache
from sobreg.store.itemcache import unchanged_keys
from sobreg.store.registry import Registry, git_dir
from sobreg.validation.summaries import keyed_search_records, keyed_summaries

KEEP = 16  # answers remembered per command: a few years, dates and filters
T = TypeVar("T")


def cached_answer(
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
    place, found = _cached(registry, folder, command, params, stat_keys)
    if found is not None:
        return found[0]
    load = keyed_search_records if records else keyed_summaries
    keys, items = load(registry, item_type, progress, listed=(paths, stat_keys) if folder else None)
    if stat_keys is None:  # the files were read: touched, maybe, but the same content
        place, found = _cached(registry, folder, command, params, keys)
        if found is not None:
            return found[0]
    answer = compute(items, keys) if keyed else compute(items)
    cache.keep_answer(place, command, answer, KEEP)
    return answer


def cached_for(
    registry: Registry,
    command: str,
    params: tuple[Any, ...],
    keys: list[str] | None,
    compute: Callable[[], T],
    keep: int = KEEP,
) -> T:
    """`compute()`, or its answer kept for these items' content keys (see `cached_answer`), among
    the last `keep` of this command's."""
    place, found = _cached(registry, git_dir(registry.root), command, params, keys)
    if found is not None:
        return found[0]
    answer = compute()
    cache.keep_answer(place, command, answer, keep)
    return answer


def _cached(
    registry: Registry,
    folder: Path | None,
    command: str,
    params: tuple[Any, ...],
    keys: list[str] | None,
) -> tuple[Path | None, tuple[Any] | None]:
    if folder is None or keys is None:
        return None, None  # no place to keep it, or an item that could not be read: not kept
    parts = repr((params, registry.skip_invalid)), "\0".join(keys)
    place = cache.answer_file(folder, registry.root, command, *parts)
    return place, cache.load_answer(place, command)


def annual(registry: Registry, year: int, today: dt.date, progress: Any = None) -> dict[str, Any]:
    """`reports.annual` over the registry, kept (see `cached_answer`)."""
    return cached_answer(
        registry,
        "report",
        (year, today.isoformat()),
        lambda items: reports.annual(registry.process, items, year, today),
        progress=progress,
    )
