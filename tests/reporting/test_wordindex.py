"""The word index (reporting/wordindex.py) finds what scoring every item finds: a one-word query's
scores and fields equal `Query.best`'s for every item reaching the cutoff; a longer query's items
are scored in the order of a bound no item's score exceeds, and its best items equal those of
scoring every item. Generated fields and queries from a small alphabet, so words begin, sit
inside and nearly match each other often."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from sobreg.reporting.scoring import CUTOFF, Query
from sobreg.reporting.wordindex import FIELDS, WordIndex, best_of

_letters = st.text(alphabet="abcdeö", min_size=1, max_size=7)


@st.composite
def _items(draw: st.DrawFn, word: str) -> list[dict[str, str]]:
    """Fields whose words are random, or hold the query word: begin with it, end with it or
    hold it inside (a compound), among letters enough that the ratio alone would not match."""
    token = st.one_of(
        _letters,
        st.builds(lambda a, b: a + word + b, _letters, _letters),
        st.builds(lambda a: word + a, _letters),
    )
    text = st.lists(token, min_size=1, max_size=5).map(" ".join)
    found = draw(st.lists(st.dictionaries(st.sampled_from(FIELDS), text, max_size=4), max_size=30))
    return [{name: f[name] for name in FIELDS if name in f} for f in found]  # searchable's order


@settings(max_examples=300, deadline=None)
@given(data=st.data(), word=_letters, cutoff=st.sampled_from([CUTOFF, 50.0, 90.0]))
def test_one_word_scores_equal_scoring_every_item(
    data: st.DataObject, word: str, cutoff: float
) -> None:
    fields = data.draw(_items(word))
    index = WordIndex.build(fields)
    assert index is not None
    query = Query([word], [index.vocabulary.known])  # its compounds split by the index's words
    expected = {}
    for item, found in enumerate(fields):
        value, field = query.best(found)
        if value >= cutoff:
            expected[item] = (value, field)
    assert index.best(word, cutoff, query.parts[0]) == expected
    # As kept between runs: the same answers after a pickle round trip.
    assert pickle.loads(pickle.dumps(index)).best(word, cutoff, query.parts[0]) == expected


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    words=st.lists(_letters, min_size=2, max_size=3),
    limit=st.integers(1, 8),
    cutoff=st.sampled_from([CUTOFF, 60.0]),
)
def test_a_longer_querys_best_items_equal_scoring_every_item(
    data: st.DataObject, words: list[str], limit: int, cutoff: float
) -> None:
    # Every item that can reach the cutoff has a bound at least its score, and the items scored
    # in the order of their bounds, stopping early, are the best `limit` of scoring every item.
    fields = data.draw(_items(words[0])) + data.draw(_items(words[1]))
    index = WordIndex.build(fields)
    assert index is not None
    query = Query(words, [index.vocabulary.known])
    bounds = {
        item: (bound, exact) for item, bound, exact in index.bounds(words, cutoff, query.parts)
    }
    scores = {item: query.best(found) for item, found in enumerate(fields)}
    reaching = {item: found for item, found in scores.items() if found[0] >= cutoff}
    assert all(bounds[item][0] + 1e-9 >= value for item, (value, _) in reaching.items())
    # A bound given as the score is the score, to the last bit, and its field the same.
    assert all(scores[item] == found for item, found in bounds.items() if found[1] is not None)

    def order(item: int, value: float) -> tuple[float, int]:
        return (-round(value, 1), -item)  # ties: the later item first, against the bounds order

    expected = sorted(reaching.items(), key=lambda pair: order(pair[0], pair[1][0]))[:limit]
    found = best_of(
        index.bounds(words, cutoff, query.parts), scores.__getitem__, order, cutoff, limit
    )
    assert found == [(item, value, field) for item, (value, field) in expected]


def test_a_field_outside_the_searched_ones_is_not_indexed() -> None:
    assert WordIndex.build([{"title": "somn"}, {"notes": "somn"}]) is None
