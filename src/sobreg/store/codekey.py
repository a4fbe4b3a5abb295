"""What cached results depend on in sobreg itself: its source files, as Python tells them apart."""

from __future__ import annotations

import hashlib
import os


def code_key() -> str:
    """A hash of every source file of the installed sobreg package, by its path, size and mtime:
    the rule CPython itself uses to decide that a module's compiled bytecode is stale, so a cached
    verdict or summary is used exactly while the code that computed it is the code that runs. Any
    change to the code (or to anything it uses) makes them stale, with no hand-kept list of the
    modules that matter; read on every cached command, so stats, not 700 kB of source."""
    global _CODE_KEY
    if _CODE_KEY is None:
        found: list[tuple[str, int, int]] = []
        _walk(_PACKAGE, "", found)
        digest = hashlib.blake2b(digest_size=16)
        for rel, size, mtime in sorted(found):
            digest.update(f"{rel}\0{size}\0{mtime}\0".encode("utf-8", "surrogateescape"))
        _CODE_KEY = digest.hexdigest()
    return _CODE_KEY


def _walk(folder: str, prefix: str, found: list[tuple[str, int, int]]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(entry.path, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(".py"):
                st = entry.stat()
                found.append((prefix + entry.name, st.st_size, st.st_mtime_ns))


_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
_CODE_KEY: str | None = None
