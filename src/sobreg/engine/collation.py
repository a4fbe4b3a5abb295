"""Swedish alphabetical order: … x, y, z, å, ä, ö, case and other accents aside (é as e, ü as y,
æ as ä, ø as ö), the one sort key of every list of names sobreg shows; and the folded words that
`search` compares (case, accents and punctuation aside)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

# Words that say nothing about what a program is for; kept out of queries and of what is searched.
STOPWORDS = frozenset(
    {"och", "i", "pa", "vid", "for", "med", "av", "till", "hos", "som", "en", "ett", "det"}
    | {"den", "de", "att", "om", "inom", "utan", "eller", "the", "of", "and"}
)


class _Marks(dict[int, int | None]):
    """A translation table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation: `Sömnhjälpen!` → `somnhjalpen`."""
    folded = text.casefold()
    if not folded.isascii():
        # What NFKD and dropping the marks make of the common accented letters, by replacement:
        # both work letter by letter, so the result is the same, and the normalisation (4/5 of
        # folding a Swedish text) is left for text that still holds something else.
        for accented, plain in _PLAIN_LETTERS:
            if accented in folded:
                folded = folded.replace(accented, plain)
        if not folded.isascii():
            # Every combining mark, as unicodedata says (a fixed list of ranges missed some,
            # U+A674 among them), by one translate, not a loop over characters.
            folded = unicodedata.normalize("NFKD", folded).translate(_MARKS)
    return str(_default_process()(folded))


_PLAIN_LETTERS = tuple(
    (letter, unicodedata.normalize("NFKD", letter).translate(_MARKS))
    for letter in "åäöéü"  # Swedish text; any other is normalised below
)


_PROCESS: list[Callable[[str], str]] = []  # rapidfuzz's default_process, once imported


def _default_process() -> Callable[[str], str]:
    if not _PROCESS:
        # Lazy: rapidfuzz costs ~6 ms to import, and only commands that fold text need it.
        from rapidfuzz import utils

        _PROCESS.append(utils.default_process)
    return _PROCESS[0]


def words(text: str) -> list[str]:
    """The words of `text` that say something (no stopwords), each as `search` compares them:
    stemmed by Snowball's Swedish stemmer (`tonåringar` → `tonåring`, `ångesten` → `ångest`),
    then folded (`tonaring`)."""
    found: list[str] = []
    for word in _default_process()(text.casefold()).split():
        known = _WORDS.get(word)
        if known is None:
            known = _WORDS[word] = _word(word)
        found += known
    return found


def _word(word: str) -> list[str]:
    if fold(word) in STOPWORDS:
        return []
    if not _STEMMER:
        # Lazy: the stemmer's package imports every language's (~17 ms); only search needs it.
        from snowballstemmer.swedish_stemmer import SwedishStemmer

        _STEMMER.append(SwedishStemmer())
    return fold(_STEMMER[0].stemWord(word)).split()


# Stemming is the slow part of folding a text (~7 µs a word), and a registry's vocabulary is far
# smaller than its words: each distinct word is stemmed once per process.
_WORDS: dict[str, list[str]] = {}
_STEMMER: list[Any] = []


# After z, in the Swedish order; characters that sort as one of them in Swedish first.
_AFTER_Z = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}
_AFTER_Z_TABLE = str.maketrans(_AFTER_Z)


def swedish(name: object) -> str:
    """A key that sorts names as a Swedish reader expects."""
    # translate + one normalisation + one regex, not a loop over characters: this keys every
    # name of every list, 4,000 of them for a catalogue.
    base = unicodedata.normalize("NFD", str(name).casefold().translate(_AFTER_Z_TABLE))
    return base if base.isascii() else base.translate(_MARKS)
