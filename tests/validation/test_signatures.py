"""`verify --signatures`: git's SSH signing, checked against `registry/allowed_signers`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import SCREENING, add_nomination, cli, git, write_doc

ADMIN = "admin@vgregion.se"


def _key(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)],
                   check=True, capture_output=True)  # fmt: skip
    return key


@pytest.fixture
def signing(repo: Path, tmp_path: Path) -> dict[str, Path]:
    keys = {"admin": _key(tmp_path, "admin"), "mallory": _key(tmp_path, "mallory")}
    public = keys["admin"].with_suffix(".pub").read_text(encoding="utf-8").strip()
    (repo / "registry" / "allowed_signers").write_text(
        f'{ADMIN} namespaces="git" {public}\n', encoding="utf-8"
    )
    git(repo, "add", "registry/allowed_signers")
    git(repo, "commit", "-qm", "allowed signers")
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "commit.gpgsign", "true")
    return keys


def _step(repo: Path, values: dict[str, Any]) -> None:
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, values), "--as", ADMIN)
    assert ran.code == 0, ran.stderr


def _verify(base: str) -> tuple[int, list[dict[str, object]]]:
    ran = cli("verify", "--base", base, "--signatures", "--json")
    return ran.code, json.loads(ran.stdout)["violations"]


def test_signed_by_the_actors_key_verifies(repo: Path, signing: dict[str, Path]) -> None:
    git(repo, "config", "user.signingkey", str(signing["admin"]))
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _step(repo, SCREENING)
    assert "SSH SIGNATURE" in git(repo, "cat-file", "commit", "HEAD")
    assert _verify(base) == (0, [])


def test_an_unsigned_sobreg_commit_is_refused(repo: Path, signing: dict[str, Path]) -> None:
    git(repo, "config", "commit.gpgsign", "false")
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _step(repo, SCREENING)
    code, found = _verify(base)
    assert code == 1 and [v["message"] for v in found] == ["commiten är inte signerad"]


def test_a_key_not_listed_for_the_actor_is_refused(repo: Path, signing: dict[str, Path]) -> None:
    git(repo, "config", "user.signingkey", str(signing["mallory"]))
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    _step(repo, SCREENING)
    code, found = _verify(base)
    assert code == 1 and len(found) == 1 and found[0]["commit"] == git(repo, "rev-parse", "HEAD")


def test_without_allowed_signers_nothing_can_be_checked(repo: Path) -> None:
    add_nomination(repo)
    code, found = _verify("HEAD")
    assert code == 1 and "allowed_signers" in str(found[0]["message"])
