"""Items indexed by the words of their searched fields, so a query scores only the items that
hold a word it can meet.

A query word scores the cutoff or more only against a field word it begins, sits inside (four
letters or more) or is as close to as the cutoff by RapidFuzz's ratio (`Vocabulary.near`); an
item's score is its best field's mean over the query's words, so an item holding no such word
for any query word cannot reach the cutoff. `WordIndex` keeps, for every field word of this
registry's search records, the items and fields holding it: a one-word query (the common one) is
scored from the index alone; a longer one exactly (`Query.best`), item by item in the order of a
bound on its score, until no item left can enter the best `limit`.
`tests/reporting/test_wordindex.py` compares both with scoring every item.
"""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from sobreg.reporting.scoring import WEIGHTS, meeting, meeting_value

FIELDS = tuple(WEIGHTS)  # engine.summary.searchable's order: ties go to the first field
_WIDTH = len(FIELDS)  # a posting is item * _WIDTH + field


class Vocabulary:
    """Field words, sorted and joined, to find those a query word can meet without comparing it
    with each word in Python."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = sorted(tokens)
        self.blob = "\n".join(self.tokens)
        self.starts = [0]
        for token in self.tokens[:-1]:
            self.starts.append(self.starts[-1] + len(token) + 1)
        self.found: dict[tuple[str, float, tuple[str, ...]], set[str]] = {}
        self._known: frozenset[str] | None = None

    @property
    def known(self) -> frozenset[str]:
        """The words, as a set: each may be the first part of a compound (engine/compounds.py)."""
        if self._known is None:
            self._known = frozenset(self.tokens)
        return self._known

    def near(self, word: str, cutoff: float, parts: Sequence[str] = ()) -> set[str]:
        """The words `word` begins, sits inside (four letters or more) or is `cutoff` close to,
        and those that begin with one of its first `parts` (scoring.meeting)."""
        key = (word, cutoff, tuple(parts))
        found = self.found.get(key)
        if found is not None:
            return found
        found = set()
        for start in (word, *parts):
            at = bisect.bisect_left(self.tokens, start)
            while at < len(self.tokens) and self.tokens[at].startswith(start):
                found.add(self.tokens[at])
                at += 1
        if len(word) >= 4:
            for hit in re.finditer(re.escape(word), self.blob):
                found.add(self.tokens[bisect.bisect_right(self.starts, hit.start()) - 1])
        for token, _, _ in process.extract(
            word, self.tokens, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            found.add(token)
        self.found[key] = found
        return found

    def __getstate__(self) -> dict[str, Any]:
        return {"tokens": self.tokens}  # the rest is rebuilt: cheaper than pickling it

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["tokens"])  # type: ignore[misc]


class WordIndex:
    """Every field word of a list of items' folded fields (`{field: "word word"}`, fields in
    `FIELDS`), with the items and fields holding it. None from `build` when a field is not one
    of `FIELDS`: such items are scored one by one."""

    def __init__(self, count: int, postings: dict[str, bytes]) -> None:
        self.count = count
        self.postings = postings  # word -> array("I") of item * _WIDTH + field, as bytes
        self.vocabulary = Vocabulary(list(postings))

    @classmethod
    def build(cls, fields: list[dict[str, str]]) -> WordIndex | None:
        lists: dict[str, array[int]] = {}
        order = {name: at for at, name in enumerate(FIELDS)}
        for item, found in enumerate(fields):
            for name, text in found.items():
                at = order.get(name)
                if at is None:
                    return None
                for token in set(text.split()):
                    held = lists.get(token)
                    if held is None:
                        held = lists[token] = array("I")
                    held.append(item * _WIDTH + at)
        return cls(len(fields), {token: held.tobytes() for token, held in lists.items()})

    def best(
        self, word: str, cutoff: float, parts: Sequence[str] = ()
    ) -> dict[int, tuple[float, str]]:
        """A one-word query's score and field of every item that reaches `cutoff`, as
        `Query.best` gives them: the best field's value, the first field on a tie."""
        found: dict[int, tuple[float, int]] = {}
        for token in self.vocabulary.near(word, cutoff, parts):
            value = meeting_value(meeting(word, token, parts))
            for posting in array("I", self.postings[token]):
                item, at = divmod(posting, _WIDTH)
                score = value * WEIGHTS[FIELDS[at]]
                old = found.get(item)
                if old is None or score > old[0] or (score == old[0] and at < old[1]):
                    found[item] = (score, at)
        return {item: (score, FIELDS[at]) for item, (score, at) in found.items() if score >= cutoff}

    def bounds(
        self, query: list[str], cutoff: float, parts: Sequence[Sequence[str]]
    ) -> list[tuple[int, float, str | None]]:
        """Every item that may reach `cutoff`, with a bound its score cannot exceed, highest
        first: per field, the mean over the query's words of each word's best value among the
        field words it meets, a word meeting none counted at `cutoff` (its ratio with any of them
        is below), weighted as `Query.best` weighs it. Where every word meets a word of the
        item's best field, and no other field comes near, the bound is its score: that field is
        given too (else None), summed in `Query.best`'s order, so the number is the same."""
        total: dict[int, float] = {}  # posting -> Σ of its words' best values, in query order
        met: dict[int, int] = {}  # posting -> how many of the query's words meet it
        for word, its_parts in zip(query, parts, strict=True):
            best: dict[int, float] = {}
            for token in self.vocabulary.near(word, cutoff, its_parts):
                value = meeting_value(meeting(word, token, its_parts))
                for posting in array("I", self.postings[token]):
                    if best.get(posting, -1.0) < value:
                        best[posting] = value
            for posting, value in best.items():
                total[posting] = total.get(posting, 0.0) + value
                met[posting] = met.get(posting, 0) + 1
        count = len(query)
        found: dict[int, tuple[float, str | None]] = {}
        for posting, summed in total.items():
            item, at = divmod(posting, _WIDTH)
            missing = count - met[posting]
            bound = (summed + missing * cutoff) / count * WEIGHTS[FIELDS[at]]
            old = found.get(item)
            if old is None or bound > old[0] + 1e-9:
                exact = missing == 0 and (old is None or bound > old[0] + 1e-6)
                found[item] = (bound, FIELDS[at] if exact else None)
            elif bound >= old[0] - 1e-6:
                found[item] = (old[0], None)  # two fields about as good: `Query.best` decides
        ordered = sorted(found.items(), key=lambda pair: -pair[1][0])
        return [(item, bound, field) for item, (bound, field) in ordered]


def best_of(
    bounds: Sequence[tuple[int, float, str | None]],
    score: Callable[[int], tuple[float, str]],
    order: Callable[[int, float], tuple[Any, ...]],
    cutoff: float,
    limit: int,
) -> list[tuple[int, float, str]]:
    """The best `limit` items reaching `cutoff`, as (item, score, field) in `order` (whose first
    part is the score rounded to a tenth, negated): in the order of their bounds, each scored
    (`score`, unless its bound is its score), until the next bound, rounded, is below the
    `limit`-th score found."""
    scored: list[tuple[tuple[Any, ...], int, float, str]] = []
    kept: list[float] = []  # the best `limit` rounded scores, smallest first
    for item, bound, exact in bounds:
        # 1e-9: a bound summed in another order than the score may be a rounding error lower.
        if len(kept) == limit and round(bound + 1e-9, 1) < kept[0]:
            break
        value, field = (bound, exact) if exact is not None else score(item)
        if value < cutoff:
            continue
        scored.append((order(item, value), item, value, field))
        if len(kept) < limit:
            heapq.heappush(kept, round(value, 1))
        else:
            heapq.heappushpop(kept, round(value, 1))
    return [(item, value, field) for _, item, value, field in heapq.nsmallest(limit, scored)]
