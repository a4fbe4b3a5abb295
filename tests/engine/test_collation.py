"""The Swedish sort key and search folding: fast forms, checked against their definitions."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import utils

from sobreg.engine.collation import fold, swedish, words

_AFTER_Z = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}


def by_definition(name: str) -> str:
    """Character by character, as the docstring says: å ä ö after z, other accents dropped."""
    out = []
    for char in name.casefold():
        if char in _AFTER_Z:
            out.append(_AFTER_Z[char])
            continue
        base = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


_LETTERS = st.sampled_from([*"abczåäöÅÄÖéÉüÜæøßİﬁǅ -1", "\u0301", "\u0308", "a\u030a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LETTERS, max_size=10).map("".join) | st.text(max_size=10))
def test_the_sort_key_is_its_definition(name: str) -> None:
    assert swedish(name) == by_definition(name)


def test_swedish_order() -> None:
    names = ["Östra", "Ärlig", "Åtgärd", "zebra", "Ängel", "ödla", "Émile", "apa"]
    assert sorted(names, key=swedish) == [
        "apa", "Émile", "zebra", "Åtgärd", "Ängel", "Ärlig", "ödla", "Östra",
    ]  # fmt: skip


def test_folding_for_search() -> None:
    assert fold("Sömnhjälpen!") == "somnhjalpen"
    assert words("Stöd för sömn och oro") == ["stod", "somn", "oro"]


def fold_by_definition(text: str) -> str:
    """Search folding as the docstring says it: case folded, decomposed (NFKD), every combining
    mark dropped, then rapidfuzz's default processing (punctuation to spaces)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return str(utils.default_process(kept))


@settings(max_examples=500, deadline=None)
@given(st.lists(_LETTERS, max_size=12).map("".join) | st.text(max_size=12))
@example("0\ua6740")  # a combining mark outside the ranges the fast path once listed
def test_folding_is_its_definition(text: str) -> None:
    # The fast path replaces å ä ö é ü before normalising; text mixing them with anything else
    # (other marks, ligatures, combining characters) must fold exactly as the definition says.
    assert fold(text) == fold_by_definition(text)
