"""Item ids: patterns, slugs of program names, and checks made before a path is built from an id."""

from __future__ import annotations

import re
import unicodedata

from sobreg.errors import UsageError
from sobreg.models.patterns import NOMINATION_ID_PATTERN, PROGRAM_ID_MAX, PROGRAM_ID_PATTERN

NOMINATION_RE = re.compile(NOMINATION_ID_PATTERN)
PROGRAM_RE = re.compile(PROGRAM_ID_PATTERN)


def is_nomination_id(value: str) -> bool:
    return bool(NOMINATION_RE.match(value))


def is_program_id(value: str) -> bool:
    return bool(PROGRAM_RE.match(value)) and len(value) <= PROGRAM_ID_MAX


def item_type_of(item_id: str) -> str:
    """'nomination' or 'program'; refuses anything else before it can become a path."""
    if is_nomination_id(item_id):
        return "nomination"
    if is_program_id(item_id):
        return "program"
    raise UsageError("id.invalid", id=item_id[:100])


def slugify(name: str) -> str:
    """A program id from its name: ASCII-folded (å ä → a, ö → o), lower case, dashes, ≤ 64 chars."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    ascii_text = ascii_text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > PROGRAM_ID_MAX:
        slug = slug[:PROGRAM_ID_MAX].rstrip("-")
    return slug


def nomination_id(year: int, seq: int) -> str:
    return f"N-{year:04d}-{seq:03d}"


def nomination_seq(item_id: str) -> tuple[int, int]:
    _, year, seq = item_id.split("-")
    return int(year), int(seq)
