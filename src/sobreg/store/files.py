"""Files other than the registry's YAML: what `publish` builds (a folder made whole beside the
target, then swapped in), input and shipped files read whole, folders made.

Everything sobreg reads or writes goes through `store` or `audit`; the layers above call these
(`tests/architecture/test_io.py` holds them to it).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it is not there (or not a file)."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def make_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_text(path: Path, text: str) -> None:
    """A file no reader sees before it is complete: one of a folder built whole and swapped in
    (`Build`), or a new file of its own (a crash log). Anything else: `atomic.write`."""
    path.write_text(text, encoding="utf-8")


def carry(old: str, new: str) -> bool:
    """Put the previous build's file `old` at `new` (a hard link, else a copy): paths as
    strings, one `lstat` each, for the thousands of pages a republish carries over."""
    try:
        if not stat.S_ISREG(os.lstat(old).st_mode):  # a link or a folder is not a file of ours
            return False
        try:
            os.link(old, new)
        except OSError:
            shutil.copyfile(old, new)
        return True
    except OSError:
        return False


class Build:
    """A folder built beside `target` and put in its place whole (`swap_in`), or removed
    (`abandon`): a failed build leaves the previous one as it was."""

    def __init__(self, target: Path, prefix: str = ".sobreg-publish-") -> None:
        self.target = target
        self.root = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def folder(self, rel: str) -> Path:
        return make_folder(self.root / rel)

    def swap_in(self, stamp: str) -> None:
        """Put the build where the target is, replacing the previous one whole."""
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{stamp}")
            shutil.rmtree(old, ignore_errors=True)
            self.target.rename(old)
        self.root.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
