"""Reading a source: from git objects in one batch, cached by its commit, never run."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import add_nomination, cli, git
from worlds import World

from sobreg.audit import repo as git_repo
from sobreg.store.registry import open_registry
from sobreg.validation import sources


def test_a_source_is_read_in_a_few_git_processes_whatever_its_size(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(10, 70):
        add_nomination(world.skane, f"N-2026-{number:03d}", commit=False)
    git(world.skane, "add", "-A")
    git(world.skane, "commit", "-q", "-m", "sextio till")
    world.push(world.skane)
    assert cli("sources", "fetch").code == 0
    (Path(".git") / "sobreg" / "cache" / "sources").rename(Path(".git") / "sobreg" / "away")
    calls: list[list[str]] = []
    real = git_repo.git_process

    def counted(args: list[str], *rest: object, **kw: object) -> object:
        calls.append(args)
        return real(args, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(git_repo, "git_process", counted)
    views = {v.name: v for v in sources.read(open_registry())}
    assert len(views["skane"].items) == 63 and views["skane"].refused == []
    # The repository found, its refs listed; per source one ls-tree and one cat-file --batch:
    # not one process per file.
    assert len(calls) == 2 + 2 * 2, calls
    calls.clear()
    again = {v.name: v for v in sources.read(open_registry())}
    assert again["skane"].items == views["skane"].items
    assert [c[0] for c in calls] == ["rev-parse", "for-each-ref"]  # warm: the reading is kept
