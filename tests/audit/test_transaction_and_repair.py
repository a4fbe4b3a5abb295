"""The write transaction and `repair`: what a person meets after a crash or a hand edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SCREENING, add_nomination, cli, git, write_doc

ADMIN = "admin@vgregion.se"


def _advance(repo: Path) -> None:
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING), "--as", ADMIN)
    assert ran.code == 0, ran.stderr


def test_an_uncommitted_jump_is_refused_not_committed(repo: Path) -> None:
    path = add_nomination(repo)
    path.write_text(path.read_text(encoding="utf-8").replace("step: a", "step: c"), "utf-8")
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING), "--as", ADMIN)
    assert ran.code == 1
    assert "N-2026-001.yaml" in ran.stderr and "git diff" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert "step: c" in path.read_text(encoding="utf-8")  # the person's edit is left alone


def test_a_users_staged_and_unstaged_work_survives_a_write(repo: Path) -> None:
    add_nomination(repo)
    (repo / "notes.txt").write_text("staged\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    (repo / "README.local").write_text("unstaged\n", encoding="utf-8")
    _advance(repo)
    assert git(repo, "status", "--porcelain") == "A  notes.txt\n?? README.local".strip()
    assert git(repo, "show", "--stat", "--format=", "HEAD").count("|") == 1


def test_a_detached_head_moves_and_the_branch_stays(repo: Path) -> None:
    add_nomination(repo)
    branch_tip = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "--detach")
    _advance(repo)
    assert git(repo, "rev-parse", "HEAD") != branch_tip
    assert git(repo, "rev-parse", "main") == branch_tip


def test_repair_completes_a_torn_write(repo: Path) -> None:
    path = add_nomination(repo)
    old = path.read_bytes()
    _advance(repo)
    new = path.read_bytes()
    path.write_bytes(old)  # killed after the branch moved, before the file was written
    git(repo, "reset", "-q", "HEAD^", "--", str(path))  # ... and before the index was updated
    ran = cli("repair", "--json")
    assert ran.code == 0, ran.stdout
    report = json.loads(ran.stdout)
    assert {"path": "registry/nominations/N-2026-001.yaml", "what": "completed"} in report[
        "repaired"
    ]
    assert path.read_bytes() == new
    assert git(repo, "status", "--porcelain") == ""


def test_the_next_writing_command_repairs_first(repo: Path) -> None:
    path = add_nomination(repo)
    old = path.read_bytes()
    _advance(repo)
    path.write_bytes(old)
    ran = cli("set", "N-2026-001", "patient_involvement=Efter kraschen", "--as", ADMIN)
    assert ran.code == 0, ran.stderr
    assert "step: b" in path.read_text(encoding="utf-8")
    assert git(repo, "status", "--porcelain") == ""


def test_repair_removes_leftovers_and_names_the_rest(repo: Path) -> None:
    path = add_nomination(repo)
    leftover = path.parent / ".N-2026-001.yaml.abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    scratch = repo / ".git" / "sobreg" / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "index-xyz").write_bytes(b"")
    (repo / ".git" / "index.lock").write_bytes(b"")
    (repo / ".git" / "sobreg" / "index-update").write_text("999999\n", encoding="ascii")
    path.write_text(path.read_text(encoding="utf-8") + "# a person's note\n", encoding="utf-8")
    ran = cli("repair", "--json")
    report = json.loads(ran.stdout)
    assert ran.code == 1
    removed = {Path(r["path"]).name for r in report["repaired"] if r["what"] == "removed"}
    assert removed == {".N-2026-001.yaml.abc123.tmp", "index-xyz", "index.lock"}
    assert report["left"] == [
        {"path": "registry/nominations/N-2026-001.yaml", "why": "uncommitted"}
    ]
    assert "# a person's note" in path.read_text(encoding="utf-8")


def test_a_foreign_index_lock_is_named_not_removed(repo: Path) -> None:
    add_nomination(repo)
    lock = repo / ".git" / "index.lock"
    lock.write_bytes(b"")
    ran = cli("repair")
    assert ran.code == 1 and lock.exists() and "index.lock" in ran.stdout


def test_a_write_builds_on_the_head_it_read_and_refuses_one_moved_meanwhile(repo: Path) -> None:
    # A write reads HEAD once under the registry lock; two commits in one write chain on each
    # other, and a commit made meanwhile by another process (the lock binds sobreg only) makes
    # the compare-and-swap refuse, leaving that commit and the working tree as they were.
    from sobreg.audit.transaction import commit_files, writing
    from sobreg.errors import EnvironmentFailure
    from sobreg.store.registry import Registry

    path = add_nomination(repo)
    registry = Registry(repo / "registry")
    first, second = repo / "registry" / "a.txt", repo / "registry" / "b.txt"
    with writing(registry, path) as held:
        one = commit_files(held, {first: "1\n"}, "one\n", ADMIN)
        two = commit_files(held, {second: "2\n"}, "two\n", ADMIN)
    assert git(repo, "rev-parse", "HEAD^") == one and git(repo, "rev-parse", "HEAD") == two
    (repo / "other.txt").write_text("x\n", encoding="utf-8")
    with writing(registry, path) as held:
        git(repo, "add", "other.txt")
        git(repo, "-c", "user.name=p", "-c", "user.email=p@e.se", "commit", "-qm", "other")
        theirs = git(repo, "rev-parse", "HEAD")
        try:
            commit_files(held, {first: "changed\n"}, "three\n", ADMIN)
        except EnvironmentFailure as refused:
            assert refused.key == "git.moved"
        else:
            raise AssertionError("a commit over a moved HEAD was not refused")
    assert git(repo, "rev-parse", "HEAD") == theirs
    assert first.read_text(encoding="utf-8") == "1\n"


def test_an_advance_looks_at_its_file_once_for_uncommitted_changes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 32: the refusal ran twice, when the write began and again at its commit. Once now;
    # an uncommitted change is still refused (the test above).
    from sobreg.audit import transaction

    add_nomination(repo)
    compared: list[bytes] = []
    real = transaction.blob_id

    def counting(data: bytes) -> str:
        compared.append(data)
        return real(data)

    monkeypatch.setattr(transaction, "blob_id", counting)
    done = cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING), "--as", ADMIN)
    assert done.code == 0, done.stderr
    assert len([d for d in compared if b"N-2026-001" in d]) == 1
