"""`sync` as a transaction (issue 33, point 1): a conflict stops with the user's branch and files
untouched, `--continue` re-seals the resolved chain, `--abort` puts everything back; renumbering
changes only the renumbered nomination's own commits and leaves no lasting warning; a set
waiting for the lock while sync renumbers its id is refused, never applied to a colleague's."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from clones import BO, clone, run
from conftest import git

from sobreg.store import yamlio


def form(where: Path, title: str) -> str:
    path = where.parent / f"{title}.yaml"
    path.write_text(f"title: {title}\nkind: stod\n", encoding="utf-8")
    return str(path)


def conflicted(remote: Path, tmp: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    anna, bo = clone(remote, tmp, "anna"), clone(remote, tmp, "bo")
    assert run(anna, "set", "N-2026-001", "need=Annas behov").returncode == 0
    assert run(anna, "sync").returncode == 0
    assert run(bo, "set", "N-2026-001", "need=Bos behov", actor=BO).returncode == 0
    before = git(bo, "rev-parse", "HEAD")
    done = run(bo, "sync", actor=BO)
    assert done.returncode == 1 and "sync --continue" in done.stderr
    return anna, bo, before


def test_a_conflict_leaves_the_branch_and_the_files_untouched(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _, bo, before = conflicted(remote, tmp_path_factory)
    assert git(bo, "rev-parse", "HEAD") == before
    assert git(bo, "status", "--porcelain") == ""
    assert "Bos behov" in (bo / "registry/nominations/N-2026-001.yaml").read_text("utf-8")
    # Waiting for --continue or --abort: a new sync says so; other writes go on.
    again = run(bo, "sync", actor=BO)
    assert again.returncode == 1 and "--abort" in again.stderr
    assert run(bo, "repair", "--json").returncode == 1  # named as left for a person


def test_abort_puts_everything_back(remote: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _, bo, before = conflicted(remote, tmp_path_factory)
    done = run(bo, "sync", "--abort", actor=BO)
    assert done.returncode == 0, done.stderr
    assert git(bo, "rev-parse", "HEAD") == before and git(bo, "status", "--porcelain") == ""
    assert not (bo / ".git/sobreg/sync-work").exists()
    assert run(bo, "sync", "--abort", actor=BO).returncode == 1  # nothing left to abort


def test_continue_reseals_the_resolved_chain_and_pushes(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo, _ = conflicted(remote, tmp_path_factory)
    path = bo / ".git/sobreg/sync-work/registry/nominations/N-2026-001.yaml"
    text = path.read_text("utf-8")
    assert "<<<<<<<" in text
    assert run(bo, "sync", "--continue", actor=BO).returncode == 1  # markers still there
    # As the README says: both sides' content, upstream's history entries first, then ours.
    ours = yamlio.load_safe(git(bo, "show", "HEAD:registry/nominations/N-2026-001.yaml"), "o")
    theirs = yamlio.load_safe(
        git(bo, "show", "origin/main:registry/nominations/N-2026-001.yaml"), "t"
    )
    merged = dict(theirs)
    merged["need"] = "Annas och Bos behov"
    merged["history"] = [*theirs["history"], ours["history"][-1]]
    path.write_text(yamlio.dump_roundtrip(merged), "utf-8")
    done = run(bo, "sync", "--continue", "--json", actor=BO)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pushed"] == 1
    assert git(remote, "rev-parse", "main") == git(bo, "rev-parse", "HEAD")
    root = git(bo, "rev-list", "--max-parents=0", "HEAD")
    assert run(bo, "verify", "--base", root).returncode == 0
    validated = run(bo, "validate", "--format", "json")
    assert validated.returncode == 0 and json.loads(validated.stdout)["warnings"] == []
    assert run(anna, "sync").returncode == 0


def test_renumbering_touches_only_the_renumbered_nominations_commits(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = clone(remote, tmp_path_factory, "anna"), clone(remote, tmp_path_factory, "bo")
    assert run(bo, "nominate", "--from-file", form(bo, "Bos idé"), actor=BO).returncode == 0
    assert run(bo, "set", "N-2026-001", "need=Bos ändring", actor=BO).returncode == 0
    assert run(anna, "nominate", "--from-file", form(anna, "Annas idé")).returncode == 0
    assert run(anna, "sync").returncode == 0
    done = run(bo, "sync", "--json", actor=BO)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["renumbered"] == [{"from": "N-2026-002", "to": "N-2026-003"}]
    # The set on N-2026-001 is replayed as it was: it touches that file alone.
    files = git(bo, "show", "--name-only", "--format=", "HEAD~1").splitlines()
    assert files == ["registry/nominations/N-2026-001.yaml"]
    assert yamlio.load_safe(git(bo, "show", "HEAD:registry/nominations/N-2026-002.yaml"),
                            "x")["title"] == "Annas idé"  # fmt: skip
    root = git(bo, "rev-list", "--max-parents=0", "HEAD")
    assert run(bo, "verify", "--base", root).returncode == 0
    validated = json.loads(run(bo, "validate", "--format", "json").stdout)
    assert validated["errors"] == [] and validated["warnings"] == []  # no lasting warning


def test_a_set_that_waited_while_sync_renumbered_its_id_is_refused(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = clone(remote, tmp_path_factory, "anna"), clone(remote, tmp_path_factory, "bo")
    assert run(bo, "nominate", "--from-file", form(bo, "Bos idé"), actor=BO).returncode == 0
    assert run(anna, "nominate", "--from-file", form(anna, "Annas idé")).returncode == 0
    assert run(anna, "sync").returncode == 0
    seen = git(bo, "rev-parse", "HEAD")
    assert run(bo, "sync", actor=BO).returncode == 0
    # A set typed before the sync landed (it saw `seen`), run after it: refused, not applied to
    # Anna's N-2026-002.
    env = {**os.environ, "SOBREG_ACTOR": BO, "SOBREG_TODAY": "2026-03-10", "SOBREG_SEEN_HEAD": seen}
    done = subprocess.run([sys.executable, "-m", "sobreg", "set", "N-2026-002", "need=Mitt"],
                          cwd=bo, env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "N-2026-003" in done.stderr
    assert "Mitt" not in (bo / "registry/nominations/N-2026-002.yaml").read_text("utf-8")


def test_repair_finishes_or_undoes_a_killed_sync(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = clone(remote, tmp_path_factory, "anna"), clone(remote, tmp_path_factory, "bo")
    assert run(anna, "set", "N-2026-001", "need=Annas behov").returncode == 0
    assert run(anna, "sync").returncode == 0
    assert run(bo, "nominate", "--from-file", form(bo, "Bos idé"), actor=BO).returncode == 0
    old = git(bo, "rev-parse", "HEAD")
    git(bo, "fetch", "-q")
    # Killed after the replay, before the branch moved: undone.
    git(bo, "worktree", "add", "-q", "--detach", str(bo / ".git/sobreg/sync-work"), "origin/main")
    (bo / ".git/sobreg/sync.json").write_text(json.dumps(
        {"ref": "refs/heads/main", "old": old, "upstream": "origin/main"}), "utf-8")  # fmt: skip
    (bo / ".git/HEAD.lock").write_text("", "utf-8")  # a git killed while moving the branch
    report = json.loads(run(bo, "repair", "--json", actor=BO).stdout)
    whats = {r["what"] for r in report["repaired"]}
    assert {"sync_undone", "lock_removed"} <= whats
    assert git(bo, "rev-parse", "HEAD") == old and not (bo / ".git/sobreg/sync-work").exists()
    # Killed after the branch moved, before the working tree followed: finished.
    new = git(bo, "rev-parse", "origin/main")
    (bo / ".git/sobreg/sync.json").write_text(
        json.dumps({"ref": "refs/heads/main", "old": old, "new": new, "upstream": "origin/main"}),
        "utf-8",
    )
    git(bo, "update-ref", "refs/heads/main", new, old)  # fmt: skip
    assert run(bo, "set", "N-2026-001", "patient_involvement=Ja", actor=BO).returncode == 0
    assert git(bo, "status", "--porcelain") == ""
    assert "Annas behov" in (bo / "registry/nominations/N-2026-001.yaml").read_text("utf-8")
    assert re.search(
        r"patient_involvement: Ja", git(bo, "show", "HEAD:registry/nominations/N-2026-001.yaml")
    )


def test_nothing_is_committed_on_a_rebase_left_half_done(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # As a killed `sync` of sobreg 0.10 left it: a rebase stopped in the clone itself.
    anna, bo = clone(remote, tmp_path_factory, "anna"), clone(remote, tmp_path_factory, "bo")
    assert run(anna, "set", "N-2026-001", "need=Annas behov").returncode == 0
    assert run(anna, "sync").returncode == 0
    assert run(bo, "set", "N-2026-001", "need=Bos behov", actor=BO).returncode == 0
    git(bo, "fetch", "-q")
    subprocess.run(["git", "rebase", "origin/main"], cwd=bo, capture_output=True, check=False)
    assert (bo / ".git/rebase-merge").exists() or (bo / ".git/rebase-apply").exists()
    done = run(bo, "set", "N-2026-001", "patient_involvement=x", actor=BO)
    assert done.returncode == 3 and "rebase" in done.stderr
    report = json.loads(run(bo, "repair", "--json", actor=BO).stdout)
    assert "rebase_in_progress" in {item["why"] for item in report["left"]}
