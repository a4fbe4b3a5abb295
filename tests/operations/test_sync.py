"""`sync` with a bare repository as the shared remote and two or three clones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clones import clone as _clone
from clones import run
from conftest import add_nomination, git

from sobreg.store import yamlio


def _form(clone: Path, title: str) -> Path:
    form = clone.parent / f"{title}.yaml"
    form.write_text(f"title: {title}\nkind: stod\n", encoding="utf-8")
    return form


def _data(clone: Path, item: str) -> dict[str, object]:
    folder = "nominations" if item.startswith("N-") else "programs"
    path = clone / "registry" / folder / f"{item}.yaml"
    data: dict[str, object] = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
    return data


def test_offline_nominations_are_renumbered(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = (_clone(remote, tmp_path_factory, w) for w in ("anna", "bo"))
    assert run(anna, "nominate", "--from-file", str(_form(anna, "Annas idé"))).returncode == 0
    assert run(bo, "nominate", "--from-file", str(_form(bo, "Bos idé")),
               actor="bo@vgregion.se").returncode == 0  # fmt: skip
    assert (anna / "registry/nominations/N-2026-002.yaml").exists()
    assert (bo / "registry/nominations/N-2026-002.yaml").exists()
    first = run(anna, "sync", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"pulled": 0, "pushed": 1, "renumbered": []}
    second = run(bo, "sync", "--json", actor="bo@vgregion.se")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {
        "pulled": 1, "pushed": 2, "renumbered": [{"from": "N-2026-002", "to": "N-2026-003"}]
    }  # fmt: skip
    assert _data(bo, "N-2026-003")["title"] == "Bos idé"
    assert _data(bo, "N-2026-003")["id"] == "N-2026-003"
    assert _data(bo, "N-2026-002")["title"] == "Annas idé"
    log = git(bo, "log", "--format=%s", "-3").splitlines()
    assert log[0] == "N-2026-003: omnumrerad från N-2026-002 (numret var redan taget uppströms)"
    assert log[1].startswith("N-2026-003: ny nominering")
    # The item's log follows it back through the renumbering.
    entries = json.loads(run(bo, "log", "N-2026-003", "--json").stdout)
    assert len(entries) == 2
    third = run(anna, "sync", "--json")
    assert json.loads(third.stdout)["pulled"] == 2
    assert _data(anna, "N-2026-003")["title"] == "Bos idé"
    assert run(anna, "validate").returncode == 0


def test_edits_to_different_items_are_merged(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = (_clone(remote, tmp_path_factory, w) for w in ("anna", "bo"))
    assert run(anna, "set", "N-2026-001", "usage=Annas text").returncode == 0
    assert run(anna, "sync").returncode == 0
    assert run(bo, "nominate", "--from-file", str(_form(bo, "Bos idé")),
               actor="bo@vgregion.se").returncode == 0  # fmt: skip
    assert run(bo, "set", "N-2026-002", "need=Bos behov", actor="bo@vgregion.se").returncode == 0
    done = run(bo, "sync", "--json", actor="bo@vgregion.se")
    assert done.returncode == 0, done.stderr
    assert _data(bo, "N-2026-001")["usage"] == "Annas text"
    assert _data(bo, "N-2026-002")["need"] == "Bos behov"
    assert git(remote, "log", "--format=%ae", "-3", "main").splitlines() == [
        "bo@vgregion.se", "bo@vgregion.se", "anna.berg@vgregion.se"
    ]  # fmt: skip


def test_a_conflicting_edit_stops_cleanly(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = (_clone(remote, tmp_path_factory, w) for w in ("anna", "bo"))
    assert run(anna, "set", "N-2026-001", "usage=Annas text").returncode == 0
    assert run(anna, "sync").returncode == 0
    assert run(bo, "set", "N-2026-001", "usage=Bos text", actor="bo@vgregion.se").returncode == 0
    before = git(bo, "rev-parse", "HEAD")
    done = run(bo, "sync", actor="bo@vgregion.se")
    assert done.returncode == 1
    assert "N-2026-001" in done.stderr
    assert "bo@vgregion.se" in done.stderr and "anna.berg@vgregion.se" in done.stderr
    assert git(bo, "rev-parse", "HEAD") == before  # no half-rebased surprise
    assert not (bo / ".git" / "rebase-merge").exists()
    assert not (bo / ".git" / "rebase-apply").exists()
    assert git(bo, "status", "--porcelain") == ""
    assert git(remote, "log", "-1", "--format=%ae", "main") == "anna.berg@vgregion.se"


def test_a_push_rejected_by_a_faster_colleague_is_retried(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anna, bo = (_clone(remote, tmp_path_factory, w) for w in ("anna", "bo"))
    assert run(anna, "set", "N-2026-001", "usage=Annas text").returncode == 0
    # Bo's first push attempt is overtaken: just before it, Anna pushes (a pre-push hook).
    hook = bo / ".git" / "hooks" / "pre-push"
    marker = bo.parent / "overtaken"
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e {marker} ]; then touch {marker}; "
        f"cd {anna} && git push -q origin HEAD:main >/dev/null 2>&1; fi\nexit 0\n"
    )
    hook.chmod(0o755)
    assert run(bo, "nominate", "--from-file", str(_form(bo, "Bos idé")),
               actor="bo@vgregion.se").returncode == 0  # fmt: skip
    done = run(bo, "sync", "--json", actor="bo@vgregion.se")
    assert done.returncode == 0, done.stderr
    assert marker.exists()
    assert json.loads(done.stdout)["pulled"] == 1
    assert git(remote, "log", "--format=%ae", "-2", "main").splitlines() == [
        "bo@vgregion.se", "anna.berg@vgregion.se"
    ]  # fmt: skip


def test_verify_against_the_remote_branch_refuses_rewritten_history(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    bo = _clone(remote, tmp_path_factory, "bo")
    path = bo / "registry" / "nominations" / "N-2026-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("actor: anna.berg@vgregion.se", "actor: bo@vgregion.se"))
    git(bo, "commit", "-q", "-am", "rewrite history by hand")
    done = run(bo, "sync", actor="bo@vgregion.se")
    assert done.returncode == 1
    assert "verify" in done.stderr
    assert git(remote, "rev-list", "--count", "main") == "2"  # nothing pushed
    assert run(bo, "verify", "--base", "origin/main").returncode == 1


def test_sync_refuses_uncommitted_changes_and_missing_remote(repo: Path) -> None:
    add_nomination(repo)
    done = run(repo, "sync")
    assert done.returncode == 3 and "origin" in done.stderr
    (repo / "registry" / "nominations" / "N-2026-001.yaml").write_text("junk: 1\n")
    assert run(repo, "sync").returncode == 1


def test_the_first_sync_to_an_empty_remote_pushes_everything(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    add_nomination(repo)
    bare = tmp_path_factory.mktemp("empty") / "registry.git"
    git(bare.parent, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    done = run(repo, "sync", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"pulled": 0, "pushed": 2, "renumbered": []}
    assert git(bare, "rev-parse", "main") == git(repo, "rev-parse", "HEAD")
    again = run(repo, "sync", "--json")
    assert json.loads(again.stdout) == {"pulled": 0, "pushed": 0, "renumbered": []}


def test_renumbering_follows_links_to_a_program_built_offline(
    remote: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from conftest import COUNCIL, DECISION, INVENTORY, SCREENING

    anna, bo = (_clone(remote, tmp_path_factory, w) for w in ("anna", "bo"))
    assert run(anna, "nominate", "--from-file", str(_form(anna, "Annas idé"))).returncode == 0
    assert run(anna, "sync").returncode == 0
    bo_id = "N-2026-002"
    add_nomination(bo, bo_id, title="Bos idé", commit=True)
    for step, values in enumerate((SCREENING, INVENTORY, COUNCIL, DECISION)):
        source = bo.parent / f"step-{step}.yaml"
        source.write_text(yamlio.dump_roundtrip(values), encoding="utf-8")
        done = run(bo, "advance", bo_id, "--from-file", str(source), actor="bo@vgregion.se")
        assert done.returncode == 0, done.stderr
    assert _data(bo, "somnhjalpen")["nomination"] == bo_id
    done = run(bo, "sync", "--json", actor="bo@vgregion.se")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["renumbered"] == [{"from": bo_id, "to": "N-2026-003"}]
    assert _data(bo, "somnhjalpen")["nomination"] == "N-2026-003"
    assert _data(bo, "N-2026-003")["program"] == "somnhjalpen"
    assert run(bo, "validate").returncode == 0
