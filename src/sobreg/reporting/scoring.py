"""How a search query meets a field's words: the scores `search`, `similar` and the word index
share (their rules: reporting/search.py's docstring)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rapidfuzz import fuzz

from sobreg.engine.compounds import compound_parts

# Long free text matches many short queries by chance; it counts a little less than a name.
WEIGHTS = {"id": 1.0, "title": 1.0, "need": 0.9, "target_group": 0.9}
CUTOFF = 75.0
SIMILAR_CUTOFF = 75.0
# How one query word meets one word of a field, as a number whose order is the order of
# preference: it begins the word (2000), sits inside it (1000), else the edit-distance ratio.
_PREFIX, _INSIDE = 2000.0, 1000.0
# A field word that begins with the query word's first part (`somnproblem` meets `somnbesvar`
# through `somn`, engine/compounds.py): close, but below the word itself found whole.
PART = 90.0


def meeting(word: str, token: str, parts: Sequence[str] = ()) -> float:
    """One query word's meeting with one field word (see `_PREFIX`); `parts`: the query word's
    first parts, if it is a compound."""
    if token.startswith(word):
        return _PREFIX
    if len(word) >= 4 and word in token:
        return _INSIDE
    ratio = fuzz.ratio(word, token)
    if ratio < PART:
        for part in parts:
            if token.startswith(part):
                return PART
    return ratio


def meeting_value(code: float) -> float:
    """A meeting as a score, 0–100: beginning 100, inside 95, else the ratio."""
    return 100.0 if code >= _PREFIX else 95.0 if code >= _INSIDE else code


class Query:
    """A query's words, and each word's meeting with every field word seen so far: a field word
    is compared once per search, however many items use it (a registry's vocabulary is far
    smaller than its items' words)."""

    def __init__(
        self, query: list[str], known: Sequence[Collection[str]] = (),
        subjects: Collection[str] = (),
    ) -> None:  # fmt: skip
        """`known`: the words a compound's first part may be; `subjects`: those its last part
        may be (engine/compounds.py); none, no compound is split."""
        self.words = query
        self.memo: list[dict[str, float]] = [{} for _ in query]
        self.parts: list[list[str]] = [compound_parts(word, known, subjects) for word in query]

    def score(self, text: str) -> float:
        """How well the query's words are found in a folded field, 0–100: per query word its
        best meeting with the field's words, averaged over the query's words."""
        return self._score(text.split())

    def _score(self, tokens: list[str]) -> float:
        if not self.words or not tokens:
            return 0.0
        total = 0.0
        for word, memo, parts in zip(self.words, self.memo, self.parts, strict=True):
            try:
                # The field's words all met before (the common case once a few hundred items
                # are ranked): the best meeting found at C speed, no Python loop over words.
                best = max(map(memo.__getitem__, tokens))
            except KeyError:
                for token in tokens:
                    if token not in memo:
                        memo[token] = meeting(word, token, parts)
                best = max(map(memo.__getitem__, tokens))
            total += meeting_value(best)
        return total / len(self.words)

    def best(self, fields: dict[str, str]) -> tuple[float, str]:
        """The best weighted score of an item's folded fields, and the field that gave it: it runs
        for every item of every search, so a one-word query (the common one) is met inline."""
        best, where = 0.0, ""
        if len(self.words) == 1:
            memo = self.memo[0]
            for name, text in fields.items():
                tokens = text.split()
                if not tokens:
                    continue
                try:
                    code = max(map(memo.__getitem__, tokens))
                except KeyError:
                    value = self._score(tokens) * WEIGHTS[name]  # fills the memo
                else:
                    value = meeting_value(code) * WEIGHTS[name]
                if value > best:
                    best, where = value, name
            return best, where
        for name, text in fields.items():
            value = self._score(text.split()) * WEIGHTS[name]
            if value > best:
                best, where = value, name
        return best, where


def score(
    query: list[str], text: str, known: Sequence[Collection[str]] = (),
    subjects: Collection[str] = (),
) -> float:  # fmt: skip
    """How well the query's words are found in a folded field, 0–100."""
    return Query(query, known, subjects).score(text)
