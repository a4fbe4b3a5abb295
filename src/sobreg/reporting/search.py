"""Find programs and nominations like a text: accent- and typo-tolerant, best first.

Text is stemmed by Snowball's Swedish stemmer, then case- and accent-folded (`Sömnhjälpen` →
`somnhjalp`, `tonåringar` → `tonaring`, so `somn` finds the first and `tonåring` the second).
Each word of the query then scores against a field's words: a word that begins one of them, or
sits inside a Swedish compound (`besvar` in `somnbesvar`), scores full; a compound whose first
part (or subject at the end) begins one scores 90 (`sömnproblem` meets `sömnbesvär` and
Sömnhjälpen, engine/compounds.py); otherwise the closest word by RapidFuzz's edit-distance
ratio counts, which forgives typos (`depresion`). A field's score is the mean over the query's
words, so every word has to be found for a high score.

Beside this registry's items, the sources' are ranked (other regions' programs and open
nominations, the national competence group's assessed programs), each hit marked with its
source and when that source was fetched.

The same search again is a kept answer (reporting/cache.py); a new one ranks this registry's
items and the sources' each through a kept word index (reporting/wordindex.py), which finds
exactly what scoring every item (`rank`) finds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from sobreg.engine import compounds
from sobreg.engine.collation import fold, words
from sobreg.engine.summary import searchable
from sobreg.reporting.scoring import CUTOFF, SIMILAR_CUTOFF, Query, score
from sobreg.reporting.wordindex import Vocabulary, WordIndex, best_of
from sobreg.store.registry import Registry
from sobreg.validation.summaries import search_records

if TYPE_CHECKING:
    from sobreg.validation.sources import SourceView

# Where the catalogue, the CLI and the tests find the search's folding and scores.
__all__ = ["CUTOFF", "SIMILAR_CUTOFF", "Query", "fold", "score", "words"]


@dataclass
class Hit:
    id: str
    title: str
    score: float
    type: str
    status: str | None
    field: str
    closeness: float = 0.0  # of the whole name to the whole query: orders equal scores
    source: str | None = None  # None: this registry
    source_label: str | None = None
    fetched_at: str | None = None
    national: bool = False  # from the national competence group's registry

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "score": self.score, "source": self.source,
                "fetched_at": self.fetched_at}  # fmt: skip


# One item to rank: (its source's view or None for this registry, item type, summary).
Entry = tuple["SourceView | None", str, dict[str, Any]]  # the view only named: loaded lazily


def _folded(fields: dict[str, str]) -> dict[str, str]:
    return {k: " ".join(words(v)) for k, v in fields.items()}


def _fields(item_type: str, data: dict[str, Any]) -> dict[str, str]:
    """An item's searched fields, folded: from its summary (folded when the cache was built)."""
    found = data.get("_words")
    if not isinstance(found, dict):  # a source's summary: its search record still inside
        record = data.get("_search")
        found = record.get("_words") if isinstance(record, dict) else None
    return found if isinstance(found, dict) else _folded(searchable(item_type, data))


def pool(registry: Registry, local: bool = True, sources: bool = True,
         region_nominations_only: bool = False) -> list[Entry]:  # fmt: skip
    """The items a search ranks: this registry's and (unless left out) every source's programs
    and open nominations; `region_nominations_only`: only other regions' open nominations."""
    found: list[Entry] = []
    if local:
        found += [(None, kind, data) for kind, data in search_records(registry)]
    if sources and (registry.root / "sources.yaml").is_file():
        # Lazy: a registry without sources never loads their reader (and git's) for a search.
        from sobreg.validation.sources import read

        for view in read(registry):
            if region_nominations_only and view.kind != "region":
                continue
            for kind, data in view.items:
                if kind == "nomination" and data.get("status") != "open":
                    continue  # another region's closed nominations are its own business
                if region_nominations_only and kind != "nomination":
                    continue
                found.append((view, kind, data))
    return found


def subjects() -> frozenset[str]:
    """The built-in first parts of Swedish compounds, as searched words (engine/compounds.py)."""
    if not _SUBJECTS:
        _SUBJECTS.append(compounds.subjects(words))
    return _SUBJECTS[0]


_SUBJECTS: list[frozenset[str]] = []


def _known(index: WordIndex | None, entries: list[Entry]) -> frozenset[str]:
    """The words of what is searched, each a possible first part of a compound."""
    if index is not None and index.count == len(entries):
        return index.vocabulary.known
    return frozenset(t for _, kind, data in entries for text in _fields(kind, data).values()
                     for t in text.split())  # fmt: skip


def rank(
    entries: Iterable[Entry],
    scorer: Callable[[str, dict[str, str]], tuple[float, str]],
    limit: int,
    cutoff: float,
    open_only: bool,
    query: str,
) -> list[Hit]:
    """The best `limit` of `entries` by `scorer`, scoring every one (the word index's reference,
    and the way for entries it cannot index)."""
    hits = []
    for view, item_type, data in entries:
        if open_only and item_type == "nomination" and data.get("status") != "open":
            continue
        fields = _fields(item_type, data)
        value, field = scorer(item_type, fields)
        if value >= cutoff:
            hits.append(_hit(view, item_type, data, fields, value, field, query))
    hits.sort(key=_order)
    return hits[:limit]


def _hit(
    view: SourceView | None,
    item_type: str,
    data: dict[str, Any],
    fields: dict[str, str],
    value: float,
    field: str,
    query: str,
) -> Hit:
    title = data.get("title") if item_type == "nomination" else data.get("name")
    close = fuzz.ratio(query, fields.get("title", ""))
    hit = Hit(str(data.get("id", "")), str(title or ""), round(value, 1), item_type,
              data.get("status"), field, close)  # fmt: skip
    if view is not None:
        hit.source, hit.source_label = view.name, view.label
        hit.fetched_at, hit.national = view.fetched_at, view.kind == "national"
    return hit


def _order(hit: Hit) -> tuple[float, float, str, str]:
    # Equal scores: the name closest to the query as a whole first (`somn` → Sömnhjälpen before
    # a long title that merely starts with sömn), then this registry before the sources, then by
    # source and id so the order is stable.
    return (-hit.score, -hit.closeness, hit.source or "", hit.id)


def _indexed(
    index: WordIndex,
    query: Query,
    entries: list[Entry],
    fields: list[dict[str, str]],
    limit: int,
    cutoff: float,
) -> list[Hit]:
    """The best `limit` hits among `entries`, through their word index (see `wordindex`):
    ordered as `_order` orders hits before any is made, as thousands of items may score alike."""
    joined = " ".join(query.words)

    def order(i: int, value: float) -> tuple[float, float, str, str]:
        view, _, data = entries[i]
        close = fuzz.ratio(joined, fields[i].get("title", ""))
        return (-round(value, 1), -close, view.name if view else "", str(data.get("id", "")))

    if len(query.words) == 1:
        best = index.best(query.words[0], cutoff, query.parts[0])
        bounds = sorted(((i, value, field) for i, (value, field) in best.items()),
                        key=lambda found: -found[1])  # fmt: skip
        found = best_of(bounds, best.__getitem__, order, cutoff, limit)
    else:
        ordered = index.bounds(query.words, cutoff, query.parts)
        found = best_of(ordered, lambda i: query.best(fields[i]), order, cutoff, limit)
    return [_hit(*entries[i], fields[i], value, field, joined) for i, value, field in found]


def _ranked(
    index: WordIndex | None, entries: list[Entry], query: Query, limit: int, cutoff: float,
) -> list[Hit]:  # fmt: skip
    """The best `limit` hits among `entries`: through their word index, or (none) by scoring
    every one."""
    if index is None or index.count != len(entries):
        scorer = lambda _, found: query.best(found)  # noqa: E731
        return rank(entries, scorer, limit, cutoff, False, " ".join(query.words))
    fields = [_fields(kind, data) for _, kind, data in entries]
    return _indexed(index, query, entries, fields, limit, cutoff)


_SHOWN = ("id", "title", "name", "status")  # what a hit shows of an item (see `_hit`)


def _searched(entries: list[Entry]) -> tuple[list[Entry], WordIndex | None]:
    """The sources' entries as search reads them (id, name, status, folded words; the view
    without its items), and their word index: kept together, read instead of every source's
    summaries."""
    views: dict[str, Any] = {}
    light: list[Entry] = []
    for view, kind, data in entries:
        if view is not None and view.name not in views:
            views[view.name] = dataclasses.replace(view, items=[], refused=[])
        record: dict[str, Any] = {k: data[k] for k in _SHOWN if k in data}
        record["_words"] = _fields(kind, data)
        light.append((views[view.name] if view is not None else None, kind, record))
    return light, WordIndex.build([record["_words"] for _, _, record in light])


def search(
    registry: Registry, text: str, *, limit: int = 20, cutoff: float = CUTOFF,
    local_only: bool = False,
) -> list[Hit]:  # fmt: skip
    """Items like `text`, best first: this registry's and, unless `local_only`, the sources'.
    The same search again finds its kept answer while no item and no source changed."""
    query = words(text)
    if not query:
        return []
    sources = not local_only and (registry.root / "sources.yaml").is_file()
    # Lazy: the kept answers' module brings the reports' engine, which search does not use.
    from sobreg.reporting.answers import cached_answer, cached_for

    if sources:
        # Lazy: a registry without sources never loads their reader (and git's) for a search.
        from sobreg.validation.sources import fetched_key

    def ranked(records: list[tuple[str, dict[str, Any]]], keys: list[str] | None) -> list[Hit]:
        local: list[Entry] = [(None, kind, data) for kind, data in records]
        fields = [_fields(kind, data) for kind, data in records]
        index = cached_for(registry, "wordindex", (), keys, lambda: WordIndex.build(fields), keep=2)
        theirs: list[Entry] = []
        their_index = None
        if sources:
            # The sources' items, indexed apart: they change with a fetch, not with this registry.
            theirs, their_index = cached_for(
                registry, "sourceindex", (fetched,), [],
                lambda: _searched(pool(registry, local=False)), keep=2,
            )  # fmt: skip
        known = [subjects(), _known(index, local), _known(their_index, theirs)]
        compiled = Query(query, known, subjects())
        hits = _ranked(index, local, compiled, limit, cutoff)
        if sources:
            hits += _ranked(their_index, theirs, compiled, limit, cutoff)
        hits.sort(key=_order)
        return hits[:limit]

    fetched = fetched_key(registry) if sources else None
    params = (tuple(query), limit, cutoff, fetched)
    return cached_answer(registry, "search", params, ranked, records=True, keyed=True)


def similar(
    registry: Registry, fields: dict[str, Any], limit: int = 5, *,
    entries: list[Entry] | None = None, exclude: str | None = None,
) -> list[Hit]:  # fmt: skip
    """Programs and open nominations like a new nomination: its title's words found in theirs,
    or their name's words found in its title, need and target group. `entries`: what to rank
    (default: this registry and every source); `exclude`: this item's own id here."""
    ranked = entries if entries is not None else pool(registry)
    if exclude is not None:
        ranked = [e for e in ranked if e[0] is not None or e[2].get("id") != exclude]
    target = fields.get("target_group")
    parts = [fields.get("title"), fields.get("need")]
    parts.append(target.get("description") if isinstance(target, dict) else None)
    whole = " ".join(words(" ".join(str(p) for p in parts if isinstance(p, str))[:5000]))
    known = [subjects(), _known(None, ranked), frozenset(whole.split())]
    title = Query(words(str(fields.get("title") or "")), known, subjects())

    def both(_: str, found: dict[str, str]) -> tuple[float, str]:
        forward = title.best(found) if title.words else (0.0, "")
        backward = score(found.get("title", "").split(), whole, known, subjects()) if whole else 0.0
        return forward if forward[0] >= backward else (backward, "title")

    return rank(ranked, both, limit, SIMILAR_CUTOFF, True, " ".join(title.words))


def other_regions(registry: Registry, fields: dict[str, Any], limit: int = 10) -> list[Hit]:
    """Open nominations in other regions whose need resembles this one (seed 001, step b: "om
    flera regioner har samma behov")."""
    entries = pool(registry, local=False, region_nominations_only=True)
    return similar(registry, fields, limit, entries=entries) if entries else []


class Candidates:
    """Items found again and again by short queries (the national catalogue's similar open
    nominations for each of thousands of programs): indexed by word, so a query scores only the
    items that share a distinctive word with it.

    A query word nominates the items holding a field word it begins, sits in, or is as close to
    as the cutoff; nominated items are then scored exactly as `search` scores them. Two kinds of
    word nominate nothing: numbers, and words found in more than `common_share` of the items
    ("behandling", "stöd"): sharing only those is not a similar need, and letting them nominate
    would score every item for every query (4,000 programs × 5,000 nominations). With
    `common_share=1.0` the lookup finds exactly what scoring every item finds (a test compares)."""

    def __init__(self, items: list[tuple[Any, dict[str, Any]]], common_share: float = 0.05) -> None:
        self.items = items
        # What a need is: the title, the need and the target group; not the id.
        self.fields = [
            {k: v for k, v in _fields("nomination", data).items() if k != "id"} for _, data in items
        ]
        by_word: dict[str, list[int]] = {}
        for index, fields in enumerate(self.fields):
            for token in {tok for text in fields.values() for tok in text.split()}:
                by_word.setdefault(token, []).append(index)
        limit = len(items) if common_share >= 1.0 else max(20, common_share * len(items))
        self.common = {token for token, found in by_word.items() if len(found) > limit}
        self.by_word = by_word
        self.vocabulary = Vocabulary(list(by_word))

    def nominated(self, query: Query, cutoff: float, skip_numbers: bool = False) -> set[int]:
        """The indexes of the items a query could find at `cutoff` (see the class)."""
        indexes: set[int] = set()
        for word, parts in zip(query.words, query.parts, strict=True):
            if skip_numbers and word.isdigit():
                continue
            for token in self.vocabulary.near(word, cutoff, parts):
                if token not in self.common:
                    indexes.update(self.by_word[token])
        return indexes

    def like(
        self, text: str, limit: int, cutoff: float = SIMILAR_CUTOFF
    ) -> list[tuple[tuple[Any, dict[str, Any]], float]]:
        """The items whose fields hold `text`'s words (as `search` scores them), best first."""
        query = Query(words(text), [subjects(), self.vocabulary.known], subjects())
        if not query.words or not self.items:
            return []
        indexes = self.nominated(query, cutoff, skip_numbers=True)
        scored = []
        for index in indexes:
            value, _ = query.best(self.fields[index])
            if value >= cutoff:
                scored.append((index, value))
        scored.sort(key=lambda pair: (-pair[1], str(self.items[pair[0]][1].get("id"))))
        return [(self.items[i], value) for i, value in scored[:limit]]
