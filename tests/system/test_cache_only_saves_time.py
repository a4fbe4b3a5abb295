"""The cache only saves time (docs/architecture.md, "One cache, one rule"): every read command
answers the same with the cache as the last run left it, with `.git/sobreg/cache` deleted, and
with every cache file in it overwritten by junk. Nothing else under `.git/sobreg` is a cache."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from conftest import active_program, add_nomination, cli

COMMANDS = [
    ["validate", "--format", "json"],
    ["status", "--json"],
    ["list", "--json"],
    ["list", "programs", "--json"],
    ["due", "--json"],
    ["search", "sömnbesvär", "--json"],
    ["report", "--year", "2026", "--format", "json"],
    ["agenda", "--council", "Samordningsråd psykiatri", "--format", "json"],
]


def _answers(site: Path) -> list[str]:
    found = []
    for command in COMMANDS:
        ran = cli(*command)
        assert ran.code == 0, (command, ran.stderr)
        found.append(ran.stdout)
    assert cli("publish", "--out", str(site)).code == 0
    for page in ("index.html", "catalogue.json", "catalogue.csv", "nominera.html"):
        found.append((site / page).read_text(encoding="utf-8"))
    return found


def _age(repo: Path) -> None:
    # Older than the racily clean window, so a warm run trusts the files' stats.
    past = time.time() - 60
    for file in (repo / "registry").rglob("*.yaml"):
        os.utime(file, (past, past))


def test_every_answer_is_the_same_warm_without_the_cache_and_with_a_corrupt_one(
    repo: Path, tmp_path: Path
) -> None:
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-00{n}")
    active_program(repo, "somnhjalpen")
    active_program(repo, "oroshjalpen", name="Oroshjälpen")
    _age(repo)
    cold = _answers(tmp_path / "site")
    cache = repo / ".git" / "sobreg" / "cache"
    kinds = sorted(p.name for p in cache.iterdir())
    assert kinds == ["answers", "definitions", "items", "templates", "views"]
    assert _answers(tmp_path / "site") == cold  # warm: answered from the cache
    shutil.rmtree(cache)
    assert _answers(tmp_path / "site") == cold  # nothing kept at all
    junk = [file for file in cache.rglob("*") if file.is_file()]
    assert junk
    for file in junk:
        file.write_bytes(b"\x80\x04junk, not what sobreg wrote")
    assert _answers(tmp_path / "site") == cold  # every file foreign or corrupt
    outside = sorted(p.name for p in (repo / ".git" / "sobreg").iterdir() if p.name != "cache")
    assert all(not name.endswith((".pickle", ".marshal")) for name in outside), outside
