"""sobreg's code key (store/codekey.py): what every kept verdict, summary and answer is keyed by.
It changes when a source file is added, removed or changed as CPython tells a change (its size
or mtime), and not for compiled bytecode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sobreg.store import codekey


def _key(monkeypatch: pytest.MonkeyPatch, package: Path) -> str:
    monkeypatch.setattr(codekey, "_PACKAGE", str(package))
    monkeypatch.setattr(codekey, "_CODE_KEY", None)
    return codekey.code_key()


def test_the_code_key_follows_the_source_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "sobreg"
    (package / "store").mkdir(parents=True)
    module = package / "store" / "rules.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    first = _key(monkeypatch, package)
    assert _key(monkeypatch, package) == first  # computed again: the same
    (package / "store" / "__pycache__").mkdir()
    (package / "store" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"x")
    (package / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert _key(monkeypatch, package) == first
    stat = module.stat()
    module.write_text("LIMIT = 2\n", encoding="utf-8")  # same size: its mtime tells
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = _key(monkeypatch, package)
    assert changed != first
    module.write_text("LIMIT = 20\n", encoding="utf-8")  # another size
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _key(monkeypatch, package) not in (first, changed)
    (package / "store" / "more.py").write_text("", encoding="utf-8")
    added = _key(monkeypatch, package)
    (package / "store" / "more.py").rename(package / "store" / "other.py")
    assert _key(monkeypatch, package) != added  # renamed: another file
