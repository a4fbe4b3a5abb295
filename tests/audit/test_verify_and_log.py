"""The git audit trail: exact commits, preserved comments, verify (issue 3, points 3, 4, 6, 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import INVENTORY, SCREENING, add_nomination, cli, git, write_doc, write_yaml

from sobreg.store import yamlio


def test_comment_survives_five_advances(repo: Path) -> None:
    path = add_nomination(repo, commit=False)
    text = path.read_text(encoding="utf-8").replace(
        "need:", "# Behovet är formulerat av enheten\nneed:", 1
    )
    lines = [
        line + "  # kort titel" if line.startswith("title:") else line for line in text.splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "nominated")
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING)).code == 0
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, INVENTORY)).code == 0
    assert cli("advance", "N-2026-001", "--to", "a", "--reason", "Komplettering").code == 0
    assert cli("advance", "N-2026-001").code == 0
    assert cli("advance", "N-2026-001").code == 0
    after = path.read_text(encoding="utf-8")
    assert "# Behovet är formulerat av enheten\nneed:" in after
    assert "# kort titel" in after
    assert after.startswith("# yaml-language-server: $schema=")
    assert list(yamlio.load_safe(after, "x"))[-1] == "history"


def test_staged_unrelated_work_is_not_committed(repo: Path) -> None:
    add_nomination(repo)
    notes = repo / "notes.txt"
    notes.write_text("mitt utkast\n")
    git(repo, "add", "notes.txt")
    readme = repo / "README.local"
    readme.write_text("ostagat\n")
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING)).code == 0
    changed = git(repo, "show", "--name-only", "--format=", "HEAD").splitlines()
    assert changed == ["registry/nominations/N-2026-001.yaml"]
    status = git(repo, "status", "--porcelain")
    assert "A  notes.txt" in status and "?? README.local" in status


def test_commit_inside_a_hook_environment(repo: Path, monkeypatch: object) -> None:
    add_nomination(repo)
    import os

    os.environ["GIT_INDEX_FILE"] = str(repo / ".git" / "index.hook-tmp")
    try:
        assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING)).code == 0
    finally:
        os.environ.pop("GIT_INDEX_FILE", None)
    assert git(repo, "status", "--porcelain") == ""


def _base_with_progress(repo: Path) -> str:
    add_nomination(repo)
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING)).code == 0
    return git(repo, "rev-parse", "HEAD")


def _edit(repo: Path, change: object) -> None:
    path = repo / "registry/nominations/N-2026-001.yaml"
    doc = yamlio.load_roundtrip(path.read_text(encoding="utf-8"), "x")
    change(doc)  # type: ignore[operator]
    path.write_text(yamlio.dump_roundtrip(doc), encoding="utf-8")


def test_verify_accepts_legal_change(repo: Path) -> None:
    base = _base_with_progress(repo)
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, INVENTORY)).code == 0
    assert cli("verify", "--base", base).code == 0


def test_verify_catches_deleted_entry(repo: Path) -> None:
    _base_with_progress(repo)
    _edit(repo, lambda d: d["history"].pop(0))
    ran = cli("verify")
    assert ran.code == 1 and "N-2026-001.yaml" in ran.stdout


def test_verify_catches_edited_entry(repo: Path) -> None:
    _base_with_progress(repo)
    _edit(repo, lambda d: d["history"][0].__setitem__("actor", "someone@else.se"))
    ran = cli("--lang", "en", "verify", lang="en")
    assert ran.code == 1 and "history entry 1 was changed" in ran.stdout


def test_verify_catches_step_jumped_without_history(repo: Path) -> None:
    _base_with_progress(repo)
    _edit(repo, lambda d: d.__setitem__("step", "e"))
    ran = cli("verify", lang="en")
    assert ran.code == 1 and "step is e" in ran.stdout


def test_verify_catches_illegal_transition(repo: Path) -> None:
    _base_with_progress(repo)

    def jump(doc: dict[str, Any]) -> None:
        doc["step"] = "e"
        doc["history"].append(
            {
                "at": "2026-05-01",
                "action": "advance",
                "from": "b",
                "to": "e",
                "status": "open",
                "actor": "admin@vgregion.se",
            }
        )

    _edit(repo, jump)
    ran = cli("verify", lang="en")
    assert ran.code == 1 and "does not allow advance b → e" in ran.stdout


def test_verify_catches_deleted_file(repo: Path) -> None:
    _base_with_progress(repo)
    (repo / "registry/nominations/N-2026-001.yaml").unlink()
    assert cli("verify").code == 1


def test_roles_are_enforced_by_advance_and_verify(repo: Path) -> None:
    base = _base_with_progress(repo)
    write_yaml(
        repo / "registry/roles.yaml",
        {
            "people": {
                "admin@vgregion.se": {"roles": ["sob_administration"]},
                "rad@vgregion.se": {"roles": ["council"]},
            }
        },
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "roles")
    ran = cli(
        "advance",
        "N-2026-001",
        "--from-file",
        write_doc(repo, INVENTORY),
        "--as",
        "admin@vgregion.se",
    )
    assert ran.code == 1 and "council" in ran.stderr
    assert (
        cli(
            "advance",
            "N-2026-001",
            "--from-file",
            write_doc(repo, INVENTORY),
            "--as",
            "rad@vgregion.se",
        ).code
        == 0
    )
    assert cli("verify", "--base", base).code == 0

    def forged(doc: dict[str, Any]) -> None:
        doc["step"] = "e"
        doc["history"].append(
            {
                "at": "2026-05-01",
                "action": "skip",
                "from": "c",
                "to": "e",
                "status": "open",
                "actor": "admin@vgregion.se",
                "reason": "snabbt",
            }
        )

    _edit(repo, forged)
    ran = cli("verify", lang="en")
    assert ran.code == 1 and "does not hold the role" in ran.stdout
