"""What cached results depend on in sobreg itself: a hash of its source files."""

from __future__ import annotations

import hashlib
from pathlib import Path


def code_key() -> str:
    """A hash of every source file of the installed sobreg package: any change to the code that
    computes verdicts and summaries (or to anything it uses) makes the cached ones stale, with no
    hand-kept list of the modules that matter."""
    global _CODE_KEY
    if _CODE_KEY is None:
        digest = hashlib.blake2b(digest_size=16)
        for source in sorted(_PACKAGE.rglob("*.py")):
            digest.update(source.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(source.read_bytes())
        _CODE_KEY = digest.hexdigest()
    return _CODE_KEY


_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_KEY: str | None = None
