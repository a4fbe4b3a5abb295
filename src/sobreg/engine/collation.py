"""Swedish alphabetical order: … x, y, z, å, ä, ö, case and other accents aside (é as e, ü as y,
æ as ä, ø as ö). The one sort key of every list of names sobreg shows."""

from __future__ import annotations

import unicodedata

# After z, in the Swedish order; characters that sort as one of them in Swedish first.
_AFTER_Z = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"}


def swedish(name: object) -> str:
    """A key that sorts names as a Swedish reader expects."""
    out = []
    for char in str(name).casefold():
        if char in _AFTER_Z:
            out.append(_AFTER_Z[char])
            continue
        base = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)
