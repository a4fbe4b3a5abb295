"""`verify` has no side door (issue 33, point 2): each hole a hostile tester found, closed, and
the honest uses beside it still accepted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from conftest import (
    COUNCIL,
    DECISION,
    INVENTORY,
    SCREENING,
    add_nomination,
    cli,
    commit_as_sobreg,
    git,
    write_doc,
    write_yaml,
)

from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
MALLORY = "mallory@example.se"
NOMINATION = "registry/nominations/N-2026-001.yaml"


def advance(repo: Path, values: dict[str, Any], actor: str = ADMIN) -> None:
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, values), "--as", actor)
    assert ran.code == 0, ran.stderr


def violations(base: str, *extra: str) -> list[dict[str, Any]]:
    ran = cli("verify", "--base", base, "--json", *extra)
    found: list[dict[str, Any]] = json.loads(ran.stdout)["violations"]
    assert (ran.code == 0) == (not found)
    return found


def decided(repo: Path) -> None:
    add_nomination(repo)
    for values in (SCREENING, INVENTORY, COUNCIL, DECISION):
        advance(repo, values)


def test_a_closed_decision_changed_inside_a_merge_is_caught(repo: Path) -> None:
    decided(repo)
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "side")
    add_nomination(repo, "N-2026-002")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "side")
    path = repo / NOMINATION
    path.write_text(path.read_text("utf-8").replace("outcome: build", "outcome: purchase"), "utf-8")
    git(repo, "commit", "-qam", "Merge branch 'side'")
    assert len(git(repo, "show", "-s", "--format=%P", "HEAD").split()) == 2
    found = violations(base)
    assert [(v["path"], v["field"]) for v in found] == [(NOMINATION, "decision")]


def test_an_honest_merge_request_verifies(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "side")
    advance(repo, SCREENING)
    git(repo, "checkout", "-q", "main")
    add_nomination(repo, "N-2026-002")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
    assert violations(base) == []


def _roles(repo: Path, people: dict[str, list[str]], author: str) -> None:
    write_yaml(repo / "registry/roles.yaml",
               {"people": {k: {"roles": v} for k, v in people.items()}})  # fmt: skip
    git(repo, "add", "registry/roles.yaml")
    git(repo, "commit", "-qm", "roles", f"--author={author} <{author}>")


def test_a_role_granted_by_the_one_who_uses_it_is_caught(repo: Path) -> None:
    _roles(repo, {ADMIN: ["sob_administration"], MALLORY: ["nominator"]}, ADMIN)
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _roles(repo, {ADMIN: ["sob_administration"], MALLORY: ["sob_administration"]}, MALLORY)
    advance(repo, SCREENING, actor=MALLORY)
    found = violations(base)
    assert [(v["path"], v["message"].startswith(MALLORY)) for v in found] == [
        ("registry/roles.yaml", True)
    ]


def test_the_administration_may_change_the_policy(repo: Path) -> None:
    _roles(repo, {ADMIN: ["sob_administration"]}, ADMIN)
    base = git(repo, "rev-parse", "HEAD")
    _roles(repo, {ADMIN: ["sob_administration"], MALLORY: ["council"]}, ADMIN)
    assert violations(base) == []


def test_a_process_made_lax_by_the_one_who_uses_it_is_caught(repo: Path) -> None:
    _roles(repo, {ADMIN: ["sob_administration"], MALLORY: ["council"]}, ADMIN)
    add_nomination(repo)
    advance(repo, SCREENING)
    base = git(repo, "rev-parse", "HEAD")
    process = repo / "registry/process.yaml"
    text = process.read_text("utf-8")
    # Step b made conditional, then skipped over by the one who changed the rule.
    lax = text.replace("    target_days: 30\n", "    target_days: 30\n    only_when: {kind: x}\n")
    process.write_text(lax, "utf-8")
    git(repo, "commit", "-qam", "b bara ibland", f"--author={MALLORY} <{MALLORY}>")
    path = repo / NOMINATION
    data = path.read_text("utf-8").replace("step: b", "step: c")
    path.write_text(data, "utf-8")
    found = violations(base)
    committed = [v for v in found if v["commit"]]
    assert [v["path"] for v in committed] == ["registry/process.yaml"]


def test_trailers_moved_out_of_gits_trailer_block_are_no_trailers(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    path = repo / NOMINATION
    data = yamlio.load_safe(path.read_text("utf-8"), NOMINATION)
    data["step"] = "b"
    data["history"].append({"at": "2026-03-02", "action": "advance", "from": "a", "to": "b",
                            "status": "open", "actor": ADMIN})  # fmt: skip
    write_yaml(path, data)
    git(repo, "add", "-A")
    message = ("N-2026-001: a → b\n\nSobreg-Id: N-2026-001\nSobreg-Action: advance\n"
               "Sobreg-From: a\nSobreg-To: b\n\nEfter trailerblocket.\n")  # fmt: skip
    git(repo, "commit", "-q", f"--author={ADMIN} <{ADMIN}>", "-m", message)
    parsed = git(repo, "log", "-1", "--format=%(trailers:key=Sobreg-Id,valueonly)")
    assert parsed == ""  # git sees no trailer: neither may sobreg
    keys = {v["message"] for v in violations(base)}
    assert any("Sobreg-trailers saknas" in k for k in keys), keys


def _key(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True, capture_output=True)  # fmt: skip
    return key


def test_a_signing_key_added_by_its_own_commit_is_not_trusted(repo: Path, tmp_path: Path) -> None:
    admin, mallory = _key(tmp_path, "admin"), _key(tmp_path, "mallory")
    signers = repo / "registry/allowed_signers"
    line = f'{ADMIN} namespaces="git" {admin.with_suffix(".pub").read_text().strip()}\n'
    signers.write_text(line, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "allowed signers")
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "commit.gpgsign", "true")
    git(repo, "config", "user.signingkey", str(mallory))
    base = git(repo, "rev-parse", "HEAD")
    # Mallory adds her key for the administrator's address, signed with it, then uses it.
    extra = f'{ADMIN} namespaces="git" {mallory.with_suffix(".pub").read_text().strip()}\n'
    signers.write_text(line + extra, "utf-8")
    git(repo, "commit", "-qam", "nyckel")
    add_nomination(repo)
    found = violations(base, "--signatures")
    first = git(repo, "rev-list", "--reverse", f"{base}..HEAD").split()[0]
    assert first in {v["commit"] for v in found}
    # A commit changing an item without sobreg's trailers is checked too.
    path = repo / NOMINATION
    path.write_text(path.read_text("utf-8").replace("Långa", "Mycket långa"), "utf-8")
    git(repo, "-c", "commit.gpgsign=false", "commit", "-qam", "handändring")
    head = git(repo, "rev-parse", "HEAD")
    assert head in {v["commit"] for v in violations(base, "--signatures")}


def test_a_hand_commit_with_trailers_is_still_judged_as_sobregs(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    path = repo / NOMINATION
    path.write_text(path.read_text("utf-8").replace("created: 2026-03-01", "created: 2025-12-31"),
                    "utf-8")  # fmt: skip
    commit_as_sobreg(repo, path, "N-2026-001", "set", "a", "a", ADMIN)
    assert [v["field"] for v in violations(base)] == ["created"]
