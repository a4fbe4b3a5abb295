"""The warm path: a scan's stats kept as a snapshot answer "nothing changed" at the cost of a stat
per file; every kind of change voids it, a racily clean file is never trusted, and what the warm
path answers (`validate`'s kept result, the summaries) equals a fresh computation."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import add_nomination, cli

from sobreg.store.itemcache import held, scan, scanning, unchanged_keys
from sobreg.store.registry import Registry
from sobreg.validation.check import verdict
from sobreg.validation.summaries import summaries

HOUR_NS = 3_600_000_000_000


def _age(repo: Path) -> None:
    """Every registry file an hour old, so none is racily clean against the next snapshot."""
    old = time.time_ns() - HOUR_NS
    for path in (repo / "registry").rglob("*.yaml"):
        os.utime(path, ns=(old, old))


def _registry(repo: Path, count: int = 3) -> Registry:
    for n in range(1, count + 1):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    _age(repo)
    return Registry(repo / "registry")


def test_unchanged_keys_are_the_scans_keys(repo: Path) -> None:
    reg = _registry(repo)
    paths = reg.item_paths()
    assert unchanged_keys(reg, paths) is None  # no scan yet
    keys = [found.key for found in scan(reg, paths, verdict)]
    assert unchanged_keys(reg, paths) == keys
    assert unchanged_keys(reg, paths[:-1]) is None  # another listing: not the one kept


def _same_size_same_mtime(path: Path) -> None:
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: behandling", "kind: behandlXng"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # only the ctime tells


def _copied_over(path: Path) -> None:
    copy = path.with_suffix(".copy")
    shutil.copy2(path, copy)  # same bytes, same mtime: another inode
    os.replace(copy, path)


def _replaced_by_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


CHANGES: dict[str, Callable[[Path], None]] = {
    "content, same size and mtime": _same_size_same_mtime,
    "mtime": lambda path: os.utime(path, ns=(0, 0)),
    "removed": lambda path: path.unlink(),
    "a folder in its place": _replaced_by_a_folder,
    "copied over itself (same bytes, mtime)": _copied_over,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_voids_the_snapshot(repo: Path, change: str) -> None:
    reg = _registry(repo)
    paths = reg.item_paths()
    scan(reg, paths, verdict)
    assert unchanged_keys(reg, paths) is not None
    CHANGES[change](Path(paths[1]))
    assert unchanged_keys(reg, paths) is None


def test_a_racily_clean_file_is_not_trusted(repo: Path) -> None:
    reg = _registry(repo)
    paths = reg.item_paths()
    now = time.time_ns()
    os.utime(paths[0], ns=(now, now))  # changed as the snapshot is written
    scan(reg, paths, verdict)
    assert unchanged_keys(reg, paths) is None


@pytest.mark.parametrize("store", ["verdicts", "recent"])
def test_a_racily_clean_stat_is_not_trusted_later_when_another_scan_writes_the_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch, store: str
) -> None:
    """A stat taken within the mtime's resolution of the cache's writing is never trusted; a
    later scan of other files writes the cache again, later: the untrusted stat must not ride
    along into it and be trusted then (git smudges such index entries for the same reason).
    Both stores that keep stats: the verdicts store (a scan that writes everything) and the
    recent store (a scan that adds a few entries)."""
    import marshal

    # Named-file scans of this size use the whole store (as pre-commit's --all-files does).
    monkeypatch.setattr(scanning, "NAMED_FEW", 0)
    monkeypatch.setattr(held, "RECENT", 0 if store == "verdicts" else 10_000)
    reg = _registry(repo)
    first, other = reg.item_paths()[:2]
    scan(reg, reg.item_paths(), verdict)
    rel = Path(first).relative_to(repo / "registry").as_posix()
    now = time.time_ns()
    os.utime(first, ns=(now - 1_500_000_000, now - 1_500_000_000))  # changed as it is scanned
    seen = scan(reg, [first], verdict, listing="files")[0].key
    # Changed again within the same clock tick as the stat just taken (simulated: its stat is
    # what the cache holds, its bytes are not), then another file is scanned a moment later.
    text = Path(first).read_text(encoding="utf-8").replace("title: ", "title: X", 1)[:-1]
    Path(first).write_text(text, encoding="utf-8")
    os.utime(first, ns=(now - 1_500_000_000, now - 1_500_000_000))
    cache_file = repo / ".git" / "sobreg" / "cache" / "items" / f"{store}.marshal"
    data = marshal.loads(cache_file.read_bytes())
    st = os.stat(first)
    data["stats"][rel] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, seen)
    cache_file.write_bytes(marshal.dumps(data))
    assert scan(reg, [first], verdict, listing="files")[0].key != seen  # racy: read again
    data["stats"][rel] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, seen)
    cache_file.write_bytes(marshal.dumps(data))  # the coincidence once more
    time.sleep(0.6)  # the next writing of the cache is more than two seconds after the mtime
    scan(reg, [other], verdict, listing="files")
    os.utime(other, ns=(now, now))  # that scan must write the cache: make it see a change
    scan(reg, [other], verdict, listing="files")
    assert scan(reg, [first], verdict, listing="files")[0].key != seen


def test_a_changed_file_is_found_by_validate_after_a_warm_run(repo: Path) -> None:
    reg = _registry(repo)
    assert cli("validate").code == 0
    assert cli("validate").code == 0  # from the kept result
    _same_size_same_mtime(Path(reg.item_paths()[1]))
    ran = cli("validate", "--format", "json")
    assert ran.code == 1 and "kind" in ran.stdout


def test_the_kept_result_is_a_fresh_checks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reg = _registry(repo)
    (Path(reg.item_paths()[2])).write_text("id: N-2026-003\n", encoding="utf-8")  # invalid
    _age(repo)
    fresh = cli("validate", "--format", "json")
    warm = cli("validate", "--format", "json")
    assert (warm.code, warm.stdout) == (fresh.code, fresh.stdout) and fresh.code == 1
    assert json.loads(fresh.stdout)["errors"]
    kept = repo / ".git" / "sobreg" / "cache" / "answers"
    assert [p.name.split("-")[0] for p in kept.iterdir()] == ["validate"]
    # From another folder the paths are shown from there: not the result kept for the root.
    monkeypatch.chdir(repo / "registry")
    below = cli("validate", "--format", "json")
    assert "nominations/N-2026-003.yaml" in below.stdout
    assert "registry/nominations" not in below.stdout


def test_warm_summaries_equal_scanned_ones(repo: Path) -> None:
    reg = _registry(repo)
    first = summaries(reg)  # scanned, snapshot kept
    assert unchanged_keys(reg, reg.item_paths()) is not None
    assert summaries(reg) == first
    assert [data["id"] for _, data in first] == ["N-2026-001", "N-2026-002", "N-2026-003"]


def test_search_words_are_kept_apart_and_joined_on_request(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sobreg.reporting.search import search
    from sobreg.validation.summaries import search_records

    monkeypatch.setattr(held, "RECENT", 0)  # as in a registry of many files
    reg = _registry(repo)
    cold = summaries(reg, words=True)  # scanned: the words come back from their own file
    assert all("_words" in data for _, data in cold)
    assert all("_words" not in data and "_search" not in data for _, data in summaries(reg))
    assert summaries(reg, words=True) == cold  # warm, with
    # What search loads when nothing changed: the record alone, equal to the summary's fields.
    records = search_records(reg)
    assert [kind for kind, _ in records] == [kind for kind, _ in cold]
    for (_, record), (_, whole) in zip(records, cold, strict=True):
        assert set(record) <= {"id", "title", "name", "status", "_words"}
        assert record == {k: whole[k] for k in record}
    hits = [(h.id, h.score) for h in search(reg, "sömnbesvär", local_only=True)]
    assert len(hits) == 3
    # Folded anew from the summaries:
    (repo / ".git" / "sobreg" / "cache" / "items" / "search.marshal").unlink()
    assert [(h.id, h.score) for h in search(reg, "sömnbesvär", local_only=True)] == hits


def test_the_kept_result_is_not_used_by_other_code(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 32: the kept result's key holds sobreg's code and process.yaml itself, so a newer
    # sobreg never answers from an older one's result, whatever the item cache does.
    from sobreg.store import cache

    _registry(repo)
    _age(repo)
    assert cli("validate").code == 0
    kept = repo / ".git" / "sobreg" / "cache" / "answers"
    first = {p.name for p in kept.glob("validate-*")}
    assert len(first) == 1
    monkeypatch.setattr(cache, "_CODE_KEY", "another sobreg")
    assert cli("validate").code == 0
    second = {p.name for p in kept.glob("validate-*")}
    assert len(second) == 2 and first < second  # the same files, another key
