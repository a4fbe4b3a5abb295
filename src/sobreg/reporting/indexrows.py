"""The catalogue index's rows, kept rendered between publishes.

A row shows what its program's page shows, on the same date, from the same templates, so it is
kept by its page's key (in the cache, kind `views`): a republish renders the rows of the
programs that changed and reads the others' html, what the index's filters need (kind, status
and their labels) and the row's place in Swedish name order. The row's other fields are kept
too, read only if an index template overridden beside the registry asks for one.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from sobreg.engine.collation import swedish
from sobreg.store import cache
from sobreg.store.registry import Registry, git_dir

# What is kept of a row: its html, kind, kind label, status, status label, its sort key, every
# field (pickled), and its open-data record as JSON and as a CSV line (`data_of`).
Cached = tuple[str, Any, Any, Any, Any, Any, bytes, str, str]


class IndexRow:
    """One row of the index: its `html` and the fields the index's filters use; any other field
    of the row (`name`, `assessed`...) is read from the kept row when a template asks."""

    __slots__ = ("_all", "_pickled", "csv", "html", "json", "kind", "kind_label", "order", "page",
                 "status", "status_label")  # fmt: skip

    def __init__(self, entry: Cached, fields: dict[str, Any] | None = None) -> None:
        self.html, self.kind, self.kind_label, self.status, self.status_label, self.order = entry[
            :6
        ]
        self._pickled = entry[6]
        self.json, self.csv = entry[7], entry[8]
        self.page = ""  # the page's key (`index_rows`)
        self._all = fields

    def __getattr__(self, name: str) -> Any:
        # Called only for a name that is not one of the slots above.
        if name.startswith("_"):
            raise AttributeError(name)
        if self._all is None:
            self._all = pickle.loads(self._pickled)
        try:
            return self._all[name]
        except KeyError:
            raise AttributeError(name) from None


def index_rows(
    registry: Registry,
    row_macro: Callable[[Any], Any],
    pages: Sequence[str],
    fields_of: Callable[[int], dict[str, Any]],
    data_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> list[IndexRow]:
    """The rows of the programs whose pages' keys are `pages`, in Swedish name order: kept ones
    as they were, the others made (`fields_of(index)`: the row's fields) and rendered by the
    row macro, with their open-data record (`data_of(fields)`: JSON, CSV line), then kept."""
    store = cache.CacheMap(cache.file(git_dir(registry.root), "views", "rows.pickle"))
    rows = []
    for index, page in enumerate(pages):
        entry = store.get(page)
        if isinstance(entry, tuple) and len(entry) == 9:
            rows.append(IndexRow(entry))
            rows[-1].page = page
            continue
        fields = fields_of(index)
        html = str(row_macro(SimpleNamespace(**fields)))  # escaped by the macro
        order = swedish(fields["name"] or "")
        entry = (html, fields["kind"], fields["kind_label"], fields["status"],
                 fields["status_label"], order, pickle.dumps(fields), *data_of(fields))  # fmt: skip
        store.put(page, entry)
        rows.append(IndexRow(entry, fields))
        rows[-1].page = page
    store.save(set(pages))
    return sorted(rows, key=lambda row: row.order)
