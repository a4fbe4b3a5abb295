"""`store/itemcache/held.py`: the item cache as a scan holds it, and the small recent store a
check of a few named files (pre-commit's) and a report after a few edits read and write instead
of the whole registry's stores."""

from __future__ import annotations

import json
import marshal
import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import add_nomination, cli

from sobreg.store.itemcache import held, scan, stores
from sobreg.store.registry import Registry
from sobreg.validation.check import check, summarised, verdict
from sobreg.validation.summaries import summaries


def _counting(calls: list[str], analysis: Any = verdict) -> Any:
    def analyse(registry: Registry, path: str, kind: str, raw: bytes | None) -> Any:
        calls.append(os.path.basename(path))
        return analysis(registry, path, kind, raw)

    return analyse


def test_a_check_of_a_few_named_files_reads_and_writes_the_recent_store_only(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pre-commit checks the staged files: loading and rewriting every file's stat and verdict
    (10,000 entries, ~20 ms) to add one costs more than the check. A few named files are read,
    hashed and checked against the small recent store; a whole scan takes its verdicts in."""
    monkeypatch.setattr(held, "RECENT", 2)  # the whole check writes the other stores
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    reg = Registry(repo / "registry")
    check(reg)
    kept = repo / ".git" / "sobreg" / "cache" / "items"
    whole = (kept / "verdicts.marshal").read_bytes()
    opened: list[str] = []
    reading = stores.read_store

    def read_store(file: Path | None) -> dict[str, Any]:
        opened.append(file.name if file else "")
        return reading(file)

    monkeypatch.setattr(stores, "read_store", read_store)
    monkeypatch.setattr(held, "read_store", read_store)
    path = Path(reg.item_paths()[0])
    path.write_text(path.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    calls: list[str] = []
    scan(reg, [path], _counting(calls), listing="files")
    assert calls == ["N-2026-001.yaml"]
    assert opened == ["recent.marshal"]
    assert (kept / "verdicts.marshal").read_bytes() == whole
    scan(reg, [path], _counting(calls), listing="files")
    assert calls == ["N-2026-001.yaml"]  # the same content: its kept verdict
    # Another change of the same size and mtime: the bytes are what is looked up, not the stat.
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# ändrad", "# ÄNDRAD"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    scan(reg, [path], _counting(calls), listing="files")
    assert calls == ["N-2026-001.yaml"] * 2
    opened.clear()
    scan(reg, reg.item_paths(), _counting(calls))  # the whole registry: nothing parsed again
    assert calls == ["N-2026-001.yaml"] * 2
    assert sorted(opened) == ["recent.marshal", "verdicts.marshal"]
    assert check(reg, [path]).ok and check(reg).ok


def test_the_recent_store_keeps_the_newest_verdicts_only(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named-file check does not read the other stores, so it cannot write into them: the
    recent store keeps its newest entries."""
    monkeypatch.setattr(held, "RECENT", 2)
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    reg = Registry(repo / "registry")
    keys = [scan(reg, [p], verdict, listing="files")[0].key for p in reg.item_paths()]
    recent = marshal.loads(
        (repo / ".git" / "sobreg" / "cache" / "items" / "recent.marshal").read_bytes()
    )
    assert list(recent["verdicts"]) == keys[1:]
    # Each file was written just before its check: the stats taken of the earlier ones were
    # not yet sure (racily clean) when a later check wrote the store, so it dropped them.
    assert [stat[4] for stat in recent["stats"].values()] == keys[-1:]


def test_reports_after_a_few_edits_follow_each_edit(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each of a few edits, `list` and `search` answer from the edited files, whatever
    the item cache writes where (with the recent store held small). Since every reader first
    asks `validate`'s verdicts (issue 33), which stores a scan writes is validate's business;
    the recent store itself is for issue 32 to keep or remove."""
    monkeypatch.setattr(held, "RECENT", 4)
    for n in range(1, 6):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    hour_ago = time.time_ns() - 3_600_000_000_000  # no file racily clean against the stores
    for path in (repo / "registry").rglob("*.yaml"):
        os.utime(path, ns=(hour_ago, hour_ago))
    assert cli("status").code == 0
    paths = sorted((repo / "registry" / "nominations").glob("*.yaml"))
    words = ["Kakadua", "Flamingo", "Pelikan"]
    for step, path in enumerate(paths[:3], 1):
        word = words[step - 1]
        text = path.read_text(encoding="utf-8").replace("title: ", f"title: {word} ", 1)
        path.write_text(text, encoding="utf-8")
        listed = json.loads(cli("list", "--json").stdout)
        assert {item["title"].split()[0] for item in listed} >= set(words[:step])
        hits = json.loads(cli("search", word.lower(), "--json").stdout)
        assert [h["id"] for h in hits] == [path.stem]
    assert cli("status").code == 0


def test_a_check_of_named_files_keeps_what_a_report_put_in_the_recent_store(
    repo: Path,
) -> None:
    """Pre-commit's check writes the recent store, which also holds what the reports added:
    those summaries stay (a report after it summarises nothing again)."""
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    reg = Registry(repo / "registry")
    summaries(reg)  # every summary, in the recent store
    path = Path(reg.item_paths()[0])
    path.write_text(path.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    assert check(reg, [path]).ok  # pre-commit: a verdict added to the recent store
    calls: list[str] = []
    scan(reg, reg.item_paths(), _counting(calls, summarised), summaries=True)
    assert calls == ["N-2026-001.yaml"]  # the two unchanged files' summaries were kept
