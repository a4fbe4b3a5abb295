"""The one writer (`store/atomic.py`): the old file or the new one, never half of one, no
temporary file left; a cache's write that fails only returns False."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sobreg.store import atomic


def test_a_write_replaces_the_file_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    assert atomic.write(target, b"new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
    fresh = tmp_path / "sub" / "b.yaml"
    assert atomic.write(fresh, b"x")
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_a_write_that_fails_midway_leaves_the_old_file_and_nothing_beside_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old\n")

    def content(_: int) -> bytes:
        raise KeyboardInterrupt  # as a Ctrl-C while the new content is made

    with pytest.raises(KeyboardInterrupt):
        atomic.write(target, content)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_kept_file_is_told_when_it_was_written(tmp_path: Path) -> None:
    seen: list[int] = []

    def content(written: int) -> bytes:
        seen.append(written)
        return b"kept"

    target = tmp_path / "kept.marshal"
    assert atomic.write(target, content, durable=False)
    assert seen and abs(seen[0] - target.stat().st_mtime_ns) < 5_000_000_000


def test_a_cache_that_cannot_be_written_costs_nothing_but_a_registry_file_says_so(
    tmp_path: Path,
) -> None:
    # A folder that cannot be made (a file stands where it would be), as root too.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    assert atomic.write(blocked / "cache", b"x", durable=False, best_effort=True) is False
    with pytest.raises(OSError):
        atomic.write(blocked / "file.yaml", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_a_scratch_folder_holds_the_temporary_file(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    target = tmp_path / "registry" / "a.yaml"
    made: list[list[str]] = []

    def content(_: int) -> bytes:
        made.append(sorted(p.name for p in scratch.iterdir()))
        return b"x"

    assert atomic.write(target, content, scratch=scratch)
    assert made[0] and made[0][0].startswith(".a.yaml.")  # it was there, not beside the target
    assert list(scratch.iterdir()) == [] and target.read_bytes() == b"x"
