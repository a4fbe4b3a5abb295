"""One shared registry with clones of it, as two administrators work: a bare repository as the
shared remote, `sobreg` run in a clone as a user types it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import add_nomination, git

ANNA, BO = "anna.berg@vgregion.se", "bo@vgregion.se"


def run(clone: Path, *args: str, actor: str = ANNA) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOBREG_ACTOR": actor, "SOBREG_TODAY": "2026-03-10"}
    return subprocess.run([sys.executable, "-m", "sobreg", *args], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture
def remote(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    add_nomination(repo, "N-2026-001")
    bare = tmp_path_factory.mktemp("remote") / "registry.git"
    git(repo, "clone", "-q", "--bare", str(repo), str(bare))
    return bare


def clone(remote: Path, tmp_path_factory: pytest.TempPathFactory, who: str) -> Path:
    work = tmp_path_factory.mktemp(who) / "work"
    git(remote.parent, "clone", "-q", str(remote), str(work))
    git(work, "config", "user.email", f"{who}@vgregion.se")
    git(work, "config", "user.name", who.capitalize())
    return work
