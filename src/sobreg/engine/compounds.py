"""Swedish compounds: the first part a compound is about (`sömnproblem` → `sömn`), so that a
search for one compound meets another on the same subject (`sömnproblem` / `sömnbesvär`) and the
plain word (`sömn`).

A compound is split by a dictionary, as Elasticsearch's dictionary decompounder splits it: its
first part must be a known word: one of the words below (common subjects of care in Swedish,
folded and stemmed like every searched word) or a word standing on its own somewhere in the
text searched. The first part is taken: in most of these compounds it names the subject, the
last part a generic head (`-problem`, `-besvär`, `-behandling`) that would join unrelated
subjects. The last part counts only when it is one of the subjects below (`rygg|smärta` is
about pain, `smärt|behandling` not about treatment in general). A part has at least four
letters and leaves at least three, so `par|kinson` is never split.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

# Subjects of care that begin Swedish compounds, as written (folded and stemmed when used).
# A region's own vocabulary adds to these: any word standing alone in what is searched.
_SUBJECTS = """
alkohol anhörig astma autism barn beroende cancer demens depression diabetes drog epilepsi
familj fetma fobi förälder hjärna hjärta hud huvud impuls kris kropp ljud lung mage mat
migrän minne missbruk nacke oro panik psykos rygg rök självskada smärta snus sorg spel stress
stroke sömn tarm tinnitus tobak tonår trauma tvång ungdom vikt yrsel ångest ätstörning
"""

MIN_PART = 4  # letters in a first part
MIN_REST = 3  # letters left after it (a linking s included)


def subjects(normalise: Callable[[str], list[str]]) -> frozenset[str]:
    """The built-in first parts, normalised as the searched words are (`words`)."""
    return frozenset(w for word in _SUBJECTS.split() for w in normalise(word))


def compound_parts(
    word: str, known: Sequence[Collection[str]], subjects: Collection[str] = ()
) -> list[str]:
    """The parts of a compound `word` that say what it is about, longest first: its first part
    when one of `known` holds it (`somnproblem` → `somn`), and its last part when that is one
    of the built-in `subjects` (`ryggsmart` → `smart`); none for a word that is not a compound
    of a known word. A word is never its own part."""
    found = []
    for end in range(len(word) - MIN_REST, MIN_PART - 1, -1):
        part = word[:end]
        if any(part in words for words in known):
            found.append(part)
        elif part.endswith("s") and len(part) > MIN_PART and any(part[:-1] in w for w in known):
            found.append(part[:-1])  # the linking s: `tonarsdepression` → `tonar`
    for start in range(MIN_REST, len(word) - MIN_PART + 1):
        if word[start:] in subjects:
            found.append(word[start:])
            break  # the longest subject that ends the word
    return list(dict.fromkeys(found))  # `ryggs|märta` and `rygg|smärta`: one part
