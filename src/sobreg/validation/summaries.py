"""Every item's summary (engine/summary.py) for the registry-wide commands, and what search
reads of each: from the kept stores when the files' stats say nothing changed, else from a scan
that parses and summarises what changed (`check.summarised`), with each file's content key."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from sobreg.errors import Issue, RefusedError
from sobreg.models.layout import FOLDER_KINDS
from sobreg.store.itemcache import (
    SEARCH,
    Listing,
    cached_search,
    cached_summaries,
    scan,
    unchanged_keys,
)
from sobreg.store.registry import Registry
from sobreg.validation.check import check, summarised


def summaries(
    registry: Registry, item_type: str | None = None, progress: Any = None, words: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    """(type, summary) of every item (see engine.summary), from the cache where unchanged; a
    file that cannot be read is refused, named, unless the registry skips invalid files.
    `words`: with what search reads of each (its folded words, `_words`)."""
    return keyed_summaries(registry, item_type, progress, words)[1]


def keyed_summaries(
    registry: Registry,
    item_type: str | None = None,
    progress: Any = None,
    words: bool = False,
    listed: tuple[list[str], list[str] | None] | None = None,
) -> tuple[list[str] | None, list[tuple[str, dict[str, Any]]]]:
    """`summaries`, with the content keys of every item file they come from (None when a file
    could not be read and was skipped). `listed`: the item paths the caller just listed and what
    `unchanged_keys` said of them (None: something changed, so the files are scanned at once)."""
    paths, keys = listed or _listed(registry, item_type)
    refused = refused_items(registry)
    if keys is not None and not refused:
        table = cached_summaries(registry)
        found: list[dict[str, Any]] = [table.get(key) for key in keys]  # type: ignore[misc]
        if all(isinstance(data, dict) for data in found):  # else a scan says why, or refuses
            if words:
                _with_search(registry, zip(keys, found, strict=True))
            kinds = _kinds_of(registry, paths)
            return keys, list(zip(kinds, found, strict=True))
    listing: Listing = "all" if item_type is None else "folder"
    scanned = scan(registry, paths, summarised, progress, summaries=True, listing=listing)
    fresh = [(s.key, s.summary) for s in scanned if isinstance(s.summary, dict) and s.key]
    if words:
        _with_search(registry, fresh)
    else:  # a cache that could not be written leaves them in: the same answer either way
        for _, data in fresh:
            data.pop(SEARCH, None)
    unreadable = []
    for s in scanned:
        if not isinstance(s.summary, dict):
            line, col, field, key, params = (s.issues or [(1, 1, "", "validate.not_mapping", {})])[
                0
            ]
            unreadable.append(Issue(registry.rel(s.path), line, col, field, key, params))
    registry.refuse_unreadable(unreadable)
    keys = [s.key for s in scanned if s.key is not None]
    usable = not unreadable and not refused and len(keys) == len(scanned)
    return (
        keys if usable else None,
        [(s.kind, s.summary) for s in scanned
         if isinstance(s.summary, dict) and s.path not in refused],
    )  # fmt: skip


def refused_items(registry: Registry) -> set[str]:
    """The item files `validate` refuses (the one check every whole-registry reader shares: two
    files with one id, an id unlike its file name, anything else invalid). A reader refuses the
    registry, naming them (exit 1); with `--skip-invalid` it leaves them out, and this gives
    their paths. `validate`'s own kept result answers when nothing changed."""
    result = check(registry)
    bad = sorted({issue.path for issue in result.errors})
    if not bad:
        return set()
    if not registry.skip_invalid:
        raise RefusedError("registry.invalid", count=len(bad), files=bad[:20], more=len(bad) > 20)
    # `check` shows each path as seen from the current folder.
    return {os.path.abspath(path) for path in bad}


def _with_search(registry: Registry, pairs: Iterable[tuple[str, dict[str, Any]]]) -> None:
    # A summary without its kept search record is searched by folding its fields anew
    # (reporting/search).
    table = cached_search(registry)
    for key, data in pairs:
        found = data.pop(SEARCH, None) or table.get(key)
        if isinstance(found, dict):
            data.update(found)


def search_records(registry: Registry) -> list[tuple[str, dict[str, Any]]]:
    """(type, what search reads) of every item: id, name and status and the folded words, from
    their own kept file when no item changed (a tenth of the summaries' bytes), else the
    summaries with their words."""
    return keyed_search_records(registry)[1]


def keyed_search_records(
    registry: Registry,
    item_type: str | None = None,
    progress: Any = None,
    listed: tuple[list[str], list[str] | None] | None = None,
) -> tuple[list[str] | None, list[tuple[str, dict[str, Any]]]]:
    """`search_records`, with the content keys they come from (as `keyed_summaries`)."""
    paths, keys = listed or _listed(registry, item_type)
    if keys is not None:
        table = cached_search(registry)
        found = [table.get(key) for key in keys]
        if all(isinstance(record, dict) for record in found):
            return keys, list(zip(_kinds_of(registry, paths), found, strict=True))  # type: ignore[arg-type]
    return keyed_summaries(registry, item_type, progress, words=True, listed=(paths, keys))


def _listed(registry: Registry, item_type: str | None) -> tuple[list[str], list[str] | None]:
    paths = registry.item_paths(item_type)
    return paths, unchanged_keys(registry, paths)


def _kinds_of(registry: Registry, paths: list[str]) -> list[str]:
    """Each item file's kind, from its folder (`item_paths` lists only the item folders): one
    slice and one lookup a file, where `os.path` took a third of a warm `status`'s own work."""
    root = str(registry.root)
    by_folder = {os.path.join(root, f) + os.sep: kind for f, kind in FOLDER_KINDS.items()}
    return [by_folder[path[: path.rfind(os.sep) + 1]] for path in paths]
