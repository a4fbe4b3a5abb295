"""`verify --base` over every commit: each way of rewriting or forging the audit trail that a
hostile tester tried, caught and named with its commit, file and field."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import COUNCIL, DECISION, INVENTORY, SCREENING, add_nomination, cli, git, write_doc

from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
ITEM = "registry/nominations/N-2026-001.yaml"


def _advance(repo: Path, values: dict[str, Any]) -> None:
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, values), "--as", ADMIN)
    assert ran.code == 0, ran.stderr


def _verify(base: str, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    ran = cli("verify", "--base", base, "--json", *extra)
    return ran.code, json.loads(ran.stdout)["violations"]


def _messages(violations: list[dict[str, Any]]) -> str:
    return " | ".join(f"{v['field']}: {v['message']}" for v in violations)


def _edit(repo: Path, change: Any) -> None:
    path = repo / ITEM
    doc = yamlio.load_roundtrip(path.read_text(encoding="utf-8"), ITEM)
    change(doc)
    path.write_text(yamlio.dump_roundtrip(doc), encoding="utf-8")


@pytest.fixture
def decided(repo: Path) -> Path:
    """N-2026-001 taken a → e by sobreg, decided build (program created)."""
    add_nomination(repo)
    for values in (SCREENING, INVENTORY, COUNCIL, DECISION):
        _advance(repo, values)
    return repo


def test_the_honest_history_verifies(decided: Path) -> None:
    root = git(decided, "rev-list", "--max-parents=0", "HEAD")
    assert _verify(root) == (0, [])


def test_a_base_rewritten_away_is_refused(decided: Path) -> None:
    tip = git(decided, "rev-parse", "HEAD")
    git(decided, "commit", "-q", "--amend", "--no-edit", "--date=2026-01-01T00:00:00")
    code, found = _verify(tip)
    assert code == 1 and found[0]["commit"] == tip and "förfader" in found[0]["message"]


def test_a_past_decision_amended_is_caught_against_the_previous_tip(decided: Path) -> None:
    tip = git(decided, "rev-parse", "HEAD")
    script = (
        "f=registry/nominations/N-2026-001.yaml; "
        "[ -f $f ] && sed -i 's/decision: support/decision: reject/' $f || true"
    )
    subprocess.run(["git", "filter-branch", "-f", "--tree-filter", script, "HEAD"], cwd=decided,
                   check=True, capture_output=True,
                   env={"FILTER_BRANCH_SQUELCH_WARNING": "1", "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert _verify(tip)[0] == 1


def test_a_dropped_commit_is_caught(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _advance(repo, SCREENING)  # a -> b
    _advance(repo, INVENTORY)  # b -> c
    # What `git rebase -i` dropping a -> b gives: b -> c's commit on top of the nomination.
    content = (repo / ITEM).read_bytes()
    message = git(repo, "log", "-1", "--format=%B")
    git(repo, "reset", "-q", "--hard", base)
    (repo / ITEM).write_bytes(content)
    git(repo, "commit", "-qam", message, f"--author=Admin <{ADMIN}>")
    code, found = _verify(base)
    assert code == 1 and "trailers" in _messages(found)


def test_a_rewritten_author_is_caught(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _advance(repo, SCREENING)
    git(repo, "commit", "-q", "--amend", "--no-edit", "--author=Mallory <mallory@example.org>")
    code, found = _verify(base)
    assert code == 1 and "mallory@example.org" in _messages(found)


def test_rewritten_trailers_are_caught(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _advance(repo, SCREENING)
    message = git(repo, "log", "-1", "--format=%B").replace("Sobreg-To: b", "Sobreg-To: e")
    git(repo, "commit", "-q", "--amend", "-m", message)
    code, found = _verify(base)
    assert code == 1 and found[0]["path"] == ITEM and found[0]["field"] == "history"


def test_a_closed_decision_changed_later_is_caught(decided: Path) -> None:
    base = git(decided, "rev-parse", "HEAD")
    _edit(decided, lambda doc: doc["decision"].__setitem__("outcome", "reject"))
    git(decided, "commit", "-qam", "fix")
    code, found = _verify(base)
    assert code == 1 and [v["field"] for v in found] == ["decision"]


def test_a_settled_step_changed_without_reopen_is_caught(repo: Path) -> None:
    add_nomination(repo)
    _advance(repo, SCREENING)
    base = git(repo, "rev-parse", "HEAD")
    _edit(repo, lambda doc: doc["screening"].__setitem__("feasible_in_sob", False))
    git(repo, "commit", "-qam", "hand edit")
    code, found = _verify(base)
    assert code == 1 and [v["field"] for v in found] == ["screening"]


def test_an_illegal_commit_reverted_later_is_still_reported(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _edit(repo, lambda doc: doc.__setitem__("step", "e"))
    git(repo, "commit", "-qam", "jump")
    illegal = git(repo, "rev-parse", "HEAD")
    git(repo, "revert", "--no-edit", "HEAD")
    code, found = _verify(base)
    assert code == 1 and {v["commit"] for v in found} == {illegal}


def test_an_entry_inserted_in_the_middle_is_caught(repo: Path) -> None:
    add_nomination(repo)
    _advance(repo, SCREENING)
    base = git(repo, "rev-parse", "HEAD")

    def insert(doc: Any) -> None:
        doc["history"].insert(1, {**doc["history"][1], "note": "efterhandskonstruktion"})

    _edit(repo, insert)
    git(repo, "commit", "-qam", "insert")
    code, found = _verify(base)
    assert code == 1 and "historikpost 2" in _messages(found)


def test_an_entry_date_moved_is_caught(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _edit(repo, lambda doc: doc["history"][0].__setitem__("at", "2025-01-01"))
    git(repo, "commit", "-qam", "backdate")
    code, found = _verify(base)
    assert code == 1 and "historikpost 1" in _messages(found)


def test_an_item_copied_from_another_repository_is_caught(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(repo, other)
    add_nomination(other)
    base = git(repo, "rev-parse", "HEAD")
    import os

    here = Path.cwd()
    os.chdir(other)
    try:
        _advance(other, SCREENING)
    finally:
        os.chdir(here)
    (repo / ITEM).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(other / ITEM, repo / ITEM)
    git(repo, "add", ITEM)
    git(repo, "commit", "-qm", "imported")
    code, found = _verify(base)
    assert code == 1 and "Sobreg-trailers saknas" in _messages(found)


def test_the_working_tree_is_checked_too(repo: Path) -> None:
    add_nomination(repo)
    _edit(repo, lambda doc: doc["history"].pop())
    code, found = _verify("HEAD")
    assert code == 1 and found[0]["commit"] is None
