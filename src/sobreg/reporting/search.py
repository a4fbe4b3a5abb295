"""Find programs and nominations like a text: accent- and typo-tolerant, best first.

Text is case- and accent-folded first (`Sömnhjälpen` → `somnhjalpen`, so `somn` finds it). Each
word of the query then scores against a field's words: a word that begins one of them, or sits
inside a Swedish compound (`besvar` in `somnbesvar`), scores full; otherwise the closest word by
RapidFuzz's edit-distance ratio counts, which forgives typos (`depresion`). A field's score is the
mean over the query's words, so every word has to be found for a high score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from sobreg.engine.collation import fold, words
from sobreg.engine.summary import searchable
from sobreg.store.registry import Registry
from sobreg.validation.check import summaries

# Long free text matches many short queries by chance; it counts a little less than a name.
_WEIGHTS = {"id": 1.0, "title": 1.0, "need": 0.9, "target_group": 0.9}
CUTOFF = 75.0
SIMILAR_CUTOFF = 75.0
__all__ = ["fold", "words"]  # the search's text folding, where the catalogue and CLI find it


def _word_score(word: str, text: str, candidates: list[str]) -> float:
    if f" {word}" in f" {text}":
        return 100.0
    if len(word) >= 4 and word in text:
        return 95.0
    best = process.extractOne(word, candidates, scorer=fuzz.ratio)
    return float(best[1]) if best else 0.0


def score(query: list[str], text: str) -> float:
    """How well the query's words are found in a folded field, 0–100."""
    candidates = text.split()
    if not query or not candidates:
        return 0.0
    return sum(_word_score(w, text, candidates) for w in query) / len(query)


@dataclass
class Hit:
    id: str
    title: str
    score: float
    type: str
    status: str | None
    field: str
    closeness: float = 0.0  # of the whole name to the whole query: orders equal scores

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "score": self.score}


def _folded(fields: dict[str, str]) -> dict[str, str]:
    return {k: " ".join(words(v)) for k, v in fields.items()}


def _fields(item_type: str, data: dict[str, Any]) -> dict[str, str]:
    """An item's searched fields, folded: from its summary (folded when the cache was built)."""
    found = data.get("_words")
    return found if isinstance(found, dict) else _folded(searchable(item_type, data))


def _best(query: list[str], fields: dict[str, str]) -> tuple[float, str]:
    best, where = 0.0, ""
    for name, text in fields.items():
        value = score(query, text) * _WEIGHTS[name]
        if value > best:
            best, where = value, name
    return best, where


def _rank(
    registry: Registry,
    scorer: Callable[[str, dict[str, str]], tuple[float, str]],
    limit: int,
    cutoff: float,
    open_only: bool,
    query: str,
) -> list[Hit]:
    hits = []
    for item_type, data in summaries(registry):
        if open_only and item_type == "nomination" and data.get("status") != "open":
            continue
        fields = _fields(item_type, data)
        value, field = scorer(item_type, fields)
        if value >= cutoff:
            title = data.get("title") if item_type == "nomination" else data.get("name")
            item_id = str(data.get("id", ""))
            status = data.get("status")
            close = fuzz.ratio(query, fields.get("title", ""))
            hits.append(
                Hit(item_id, str(title or ""), round(value, 1), item_type, status, field, close)
            )
    # Equal scores: the name closest to the query as a whole first (`somn` → Sömnhjälpen before
    # a long title that merely starts with sömn), then by id so the order is stable.
    hits.sort(key=lambda h: (-h.score, -h.closeness, h.id))
    return hits[:limit]


def search(registry: Registry, text: str, *, limit: int = 20, cutoff: float = CUTOFF) -> list[Hit]:
    """Items like `text`, best first."""
    query = words(text)
    if not query:
        return []
    scorer = lambda _, fields: _best(query, fields)  # noqa: E731
    return _rank(registry, scorer, limit, cutoff, False, " ".join(query))


def similar(registry: Registry, fields: dict[str, Any], limit: int = 5) -> list[Hit]:
    """Programs and open nominations like a new nomination: its title's words found in theirs,
    or their name's words found in its title, need and target group."""
    title = words(str(fields.get("title") or ""))
    target = fields.get("target_group")
    parts = [fields.get("title"), fields.get("need")]
    parts.append(target.get("description") if isinstance(target, dict) else None)
    whole = " ".join(words(" ".join(str(p) for p in parts if isinstance(p, str))[:5000]))

    def both(_: str, found: dict[str, str]) -> tuple[float, str]:
        forward = _best(title, found) if title else (0.0, "")
        backward = score(found.get("title", "").split(), whole) if whole else 0.0
        return forward if forward[0] >= backward else (backward, "title")

    return _rank(registry, both, limit, SIMILAR_CUTOFF, True, " ".join(title))
