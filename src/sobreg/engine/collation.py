"""Swedish alphabetical order: … x, y, z, å, ä, ö, case and other accents aside (é as e, ü as y,
æ as ä, ø as ö), the one sort key of every list of names sobreg shows; and the folded words that
`search` compares (case, accents and punctuation aside)."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import utils

# Words that say nothing about what a program is for; kept out of queries and of what is searched.
STOPWORDS = frozenset(
    {"och", "i", "pa", "vid", "for", "med", "av", "till", "hos", "som", "en", "ett", "det"}
    | {"den", "de", "att", "om", "inom", "utan", "eller", "the", "of", "and"}
)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation: `Sömnhjälpen!` → `somnhjalpen`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # A regex over the combining marks, not a loop over characters: fold runs over the long
    # free text of every item when the cache is built.
    return str(utils.default_process(_COMBINING.sub("", decomposed)))


def words(text: str) -> list[str]:
    """The folded words of `text` that say something (no stopwords)."""
    return [w for w in fold(text).split() if w not in STOPWORDS]


# After z, in the Swedish order; characters that sort as one of them in Swedish first.
_AFTER_Z = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}
_AFTER_Z_TABLE = str.maketrans(_AFTER_Z)


class _Marks(dict[int, int | None]):
    """A translation table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def swedish(name: object) -> str:
    """A key that sorts names as a Swedish reader expects."""
    # translate + one normalisation + one regex, not a loop over characters: this keys every
    # name of every list, 4,000 of them for a catalogue.
    base = unicodedata.normalize("NFD", str(name).casefold().translate(_AFTER_Z_TABLE))
    return base if base.isascii() else base.translate(_MARKS)
