"""Items indexed by the words of their searched fields, so a query scores only the items that
hold a word it can meet.

A query word scores the cutoff or more only against a field word it begins, sits inside (four
letters or more) or is as close to as the cutoff by RapidFuzz's ratio (`Vocabulary.near`); an
item's score is its best field's mean over the query's words, so an item holding no such word
for any query word cannot reach the cutoff. `WordIndex` keeps, for every field word of this
registry's search records, the items and fields holding it: a one-word query (the common one) is
scored from the index alone, a longer one exactly (`Query.best`) on the items it nominates.
`tests/reporting/test_wordindex.py` compares both with scoring every item.
"""

from __future__ import annotations

import bisect
import re
from array import array
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
        self.found: dict[tuple[str, float], set[str]] = {}

    def near(self, word: str, cutoff: float) -> set[str]:
        """The words `word` begins, sits inside (four letters or more) or is `cutoff` close to."""
        found = self.found.get((word, cutoff))
        if found is not None:
            return found
        found = set()
        at = bisect.bisect_left(self.tokens, word)
        while at < len(self.tokens) and self.tokens[at].startswith(word):
            found.add(self.tokens[at])
            at += 1
        if len(word) >= 4:
            for hit in re.finditer(re.escape(word), self.blob):
                found.add(self.tokens[bisect.bisect_right(self.starts, hit.start()) - 1])
        for token, _, _ in process.extract(
            word, self.tokens, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            found.add(token)
        self.found[(word, cutoff)] = found
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

    def best(self, word: str, cutoff: float) -> dict[int, tuple[float, str]]:
        """A one-word query's score and field of every item that reaches `cutoff`, as
        `Query.best` gives them: the best field's value, the first field on a tie."""
        found: dict[int, tuple[float, int]] = {}
        for token in self.vocabulary.near(word, cutoff):
            value = meeting_value(meeting(word, token))
            for posting in array("I", self.postings[token]):
                item, at = divmod(posting, _WIDTH)
                score = value * WEIGHTS[FIELDS[at]]
                old = found.get(item)
                if old is None or score > old[0] or (score == old[0] and at < old[1]):
                    found[item] = (score, at)
        return {item: (score, FIELDS[at]) for item, (score, at) in found.items() if score >= cutoff}

    def nominated(self, query: list[str], cutoff: float) -> set[int]:
        """The items holding a word one of the query's words can meet at `cutoff`: the only ones
        whose score can reach it."""
        items: set[int] = set()
        for word in query:
            for token in self.vocabulary.near(word, cutoff):
                items.update(p // _WIDTH for p in array("I", self.postings[token]))
        return items
