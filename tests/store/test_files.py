"""`store/files.py`: a build folder put in place whole or not at all, files carried over from the
previous build by hard link, reads that say "missing" instead of raising."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sobreg.store import files


def test_a_build_replaces_the_previous_folder_whole(tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    (target / "old.html").write_text("old")
    build = files.Build(target)
    assert build.root.parent == tmp_path and build.root.name.startswith(".sobreg-publish-")
    build.write("programs/a.html", "a")
    build.write("index.html", "index")
    build.swap_in("2026-12-07")
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.html")) == [
        "index.html", "programs/a.html"]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # nothing left beside it


def test_an_abandoned_build_leaves_the_previous_folder_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    (target / "index.html").write_text("previous")
    build = files.Build(target)
    build.write("index.html", "half")
    with pytest.raises(RuntimeError):
        try:
            raise RuntimeError("a page that could not be rendered")
        except BaseException:
            build.abandon()
            raise
    assert (target / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_carried_file_is_the_same_file_and_only_a_regular_one_is_carried(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    old.write_text("page")
    new = tmp_path / "new.html"
    assert files.carry(str(old), str(new))
    assert new.read_text() == "page" and os.stat(new).st_ino == os.stat(old).st_ino
    link = tmp_path / "link.html"
    link.symlink_to(old)
    assert not files.carry(str(link), str(tmp_path / "from-link.html"))
    assert not files.carry(str(tmp_path / "missing.html"), str(tmp_path / "x.html"))


def test_reads_say_missing_and_folders_are_made(tmp_path: Path) -> None:
    # Pruning kept answers moved to store/cache (tests/store/test_cache.py).
    assert files.read_bytes(tmp_path / "missing") is None
    assert files.read_bytes(tmp_path) is None  # a folder is not a file
    assert files.make_folder(tmp_path / "x" / "y").is_dir()
