"""The content-addressed cache under .git/sobreg: used when nothing changed, never trusted when
content changed, rebuilt when missing or corrupt, safe with two processes at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import add_nomination, cli

from sobreg.store.itemcache import ItemCache, held, scan, scanning
from sobreg.store.registry import Registry
from sobreg.validation.check import check, summarised, verdict
from sobreg.validation.summaries import summaries


def _validate() -> tuple[int, str]:
    ran = cli("validate", "--format", "json")
    return ran.code, ran.stdout


def test_cache_is_written_under_git_and_gives_the_same_answer(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(held, "RECENT", 0)  # as in a registry of many files
    add_nomination(repo)
    first = _validate()
    kept = repo / ".git" / "sobreg" / "cache"
    files = sorted(p.name for p in (kept / "items").iterdir() if p.is_file())
    # The verdicts by content, the last scans' stats (snapshot) and the recent store, empty
    # again, and the whole registry's last result (an answer), keyed by what they depend on.
    # No summaries: validate makes no report.
    assert files == ["recent.marshal", "snapshot.marshal", "verdicts.marshal"]
    assert [p.name.split("-")[0] for p in (kept / "answers").iterdir()] == ["validate"]
    assert _validate() == first
    assert cli("status").code == 0  # the first report summarises, and keeps what search reads
    files = sorted(p.name for p in (kept / "items").iterdir() if p.is_file())
    assert {"search.marshal", "summaries.marshal"} <= set(files)


def test_changed_content_is_never_taken_from_the_cache(repo: Path) -> None:
    path = add_nomination(repo)
    assert _validate()[0] == 0
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    # Same size, same mtime: only the content (and ctime) differ.
    bad = text.replace("kind: behandling", "kind: behandlXng")
    assert len(bad) == len(text)
    path.write_text(bad, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, out = _validate()
    assert code == 1 and "kind" in out


_REPORT_AFTER_EDIT = """
import sys
from sobreg.store.registry import Registry
from sobreg.validation.summaries import summaries
from pathlib import Path
found = summaries(Registry(Path(sys.argv[1])))
print(len(found), "pydantic" in sys.modules)
"""


def test_a_report_after_an_invalid_edit_refuses_and_validate_still_refuses(repo: Path) -> None:
    """A report after an edit never counts a file `validate` refuses (issue 33): it refuses,
    naming it; what the summaries keep is never taken for a verdict, so `validate` still
    validates the new content and refuses it, for the whole registry and the one file."""
    path = add_nomination(repo)
    assert _validate()[0] == 0
    assert cli("status").code == 0
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: behandling", "kind: behandlXng"),
        encoding="utf-8",
    )
    ran = cli("status")
    assert ran.code == 1 and "N-2026-001.yaml" in ran.stderr
    code, out = _validate()
    assert code == 1 and "kind" in out
    assert cli("validate", path.as_posix()).code == 1  # pre-commit's run on the one file


def test_a_corrupt_or_foreign_cache_is_rebuilt_silently(repo: Path) -> None:
    add_nomination(repo)
    expected = _validate()
    for junk in (b"", b"\x00garbage", b"\xe3" * 1000):
        for file in (p for p in (repo / ".git" / "sobreg" / "cache").rglob("*") if p.is_file()):
            file.write_bytes(junk)
        assert _validate() == expected


def test_process_yaml_changes_invalidate_every_verdict(repo: Path) -> None:
    add_nomination(repo, step="b")
    assert _validate()[0] == 0
    process = repo / "registry" / "process.yaml"
    process.write_text(process.read_text(encoding="utf-8").replace("  - id: b\n", "  - id: bb\n"))
    code, out = _validate()
    assert code == 1 and "step" in out


def test_scan_reports_hits_without_reading(repo: Path) -> None:
    add_nomination(repo)
    reg = Registry(repo / "registry")
    scan(reg, reg.item_paths(), verdict)
    os.utime(reg.item_paths()[0], ns=(0, 0))  # an old mtime: trusted once re-hashed and saved
    scan(reg, reg.item_paths(), verdict)
    cache = ItemCache(reg)
    key, data = cache.key(reg.item_paths()[0], "nominations/N-2026-001.yaml")
    assert data is None and key in cache.verdicts


def test_two_processes_at_once(repo: Path) -> None:
    for n in range(1, 40):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    command = [sys.executable, "-m", "sobreg", "validate"]
    procs = [subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    assert len(set(outs)) == 1
    assert _validate()[0] == 0


def _counting(calls: list[str], analysis: Any = verdict) -> Any:
    def analyse(registry: Registry, path: str, kind: str, raw: bytes | None) -> Any:
        calls.append(os.path.basename(path))
        return analysis(registry, path, kind, raw)

    return analyse


def test_a_scan_of_some_files_forgets_none_of_the_others(repo: Path) -> None:
    """Pre-commit validates the staged files only, `due` reads the programs only: neither may
    drop what the cache knows of the other files (it once kept only the scanned ones, so the
    next whole-registry command parsed everything again)."""
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    reg = Registry(repo / "registry")
    check(reg)  # every file validated once
    summaries(reg)  # and summarised once
    path = Path(reg.item_paths()[0])
    path.write_text(path.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    assert check(reg, [path]).ok  # what pre-commit runs: the one changed file
    summaries(reg, "program")  # a folder's listing
    calls: list[str] = []
    scan(reg, reg.item_paths(), _counting(calls))
    assert calls == []  # nothing parsed again: every verdict was kept
    found = scan(reg, reg.item_paths(), _counting(calls, summarised), summaries=True)
    assert calls == ["N-2026-001.yaml"]  # only the summary the one-file check did not keep
    assert [s.summary["id"] for s in found if s.summary] == ["N-2026-001", "N-2026-002",
                                                              "N-2026-003"]  # fmt: skip


def test_files_analysed_in_worker_processes_give_what_this_process_gives(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold scan of many files runs in worker processes (forked, inheriting the models and
    the cache): the same verdicts, summaries and keys as analysed here, an invalid file's
    issues and an unreadable file's problem included."""
    for n in range(1, 6):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    nominations = repo / "registry" / "nominations"
    bad = nominations / "N-2026-002.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("kind: behandling", "kind: x"),
                   encoding="utf-8")  # fmt: skip
    (nominations / "N-2026-004.yaml").write_bytes(b"id: N-2026-004\ntitle: \xff\n")
    reg = Registry(repo / "registry")

    def both(analyse: Any, summaries: bool) -> list[tuple[str, str | None, Any, Any]]:
        found = []
        for parallel_from in (10_000, 1):  # here, then in workers
            shutil.rmtree(repo / ".git" / "sobreg", ignore_errors=True)
            monkeypatch.setattr(scanning, "PARALLEL_FROM", parallel_from)
            scanned = scan(reg, reg.item_paths(), analyse, summaries=summaries)
            found.append([(s.path, s.key, s.issues, s.summary) for s in scanned])
        assert found[0] == found[1]
        return found[1]

    verdicts = both(verdict, False)
    errors = [[i[3] for i in found if not i[3].startswith("chain.")] for _, _, found, _ in verdicts]
    assert [bool(e) for e in errors] == [False, True, False, True, False], errors
    summaries_found = both(summarised, True)
    assert [s is not None for _, _, _, s in summaries_found] == [True, True, True, False, True]


@pytest.mark.parametrize("where", ["here", "in workers"])
def test_entries_that_are_not_regular_files_are_refused_whether_stats_are_known_or_not(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A first scan (no file's stat known) looks at each file where it is read; a later one
    looks first, here. Either way a link, a folder or a FIFO named like an item is refused by
    its name, never followed, read or opened."""
    import signal

    written = add_nomination(repo, commit=False)
    os.utime(written, (time.time() - 60, time.time() - 60))  # not racily clean: its stat is kept
    programs = repo / "registry" / "programs"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: elsewhere\n", encoding="utf-8")
    (programs / "lank.yaml").symlink_to(outside)
    (programs / "mapp.yaml").mkdir()
    if where == "here":  # a FIFO opened would block: the alarm turns that into a failure
        os.mkfifo(programs / "ror.yaml")
        signal.signal(signal.SIGALRM, lambda *_: pytest.fail("a FIFO was opened"))
        signal.alarm(20)
    monkeypatch.setattr(scanning, "PARALLEL_FROM", 10_000 if where == "here" else 1)
    reg = Registry(repo / "registry")
    shutil.rmtree(repo / ".git" / "sobreg", ignore_errors=True)
    try:
        assert not ItemCache(
            reg
        ).stats  # nothing known: the files are looked at where they are read
        first = scan(reg, reg.item_paths(), verdict)
        assert ItemCache(reg).stats  # now known: looked at first, here
        second = scan(reg, reg.item_paths(), verdict)
    finally:
        signal.alarm(0)
    names = {"lank.yaml", "mapp.yaml"} | ({"ror.yaml"} if where == "here" else set())
    for scanned in (first, second):
        odd = {Path(s.path).name: s for s in scanned if s.key is None}
        assert set(odd) == names
        assert all([i[3] for i in s.issues] == ["validate.not_regular"] for s in odd.values())
    assert [(s.path, s.key, s.issues) for s in first] == [(s.path, s.key, s.issues) for s in second]
