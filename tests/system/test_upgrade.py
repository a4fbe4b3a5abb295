"""A registry made by the previous release (0.9.1) keeps working after the upgrade, with no hand
edit: the walkthrough plus a nomination the council closed at c, as that release recorded it.

`tests/fixtures/registry-0.9.1.bundle` was made by sobreg 0.9.1 (commit 6f0ded9) running the
README's walk and closing N-2026-002 with a council `reject` at c. History is judged by the
rules in force when it was recorded: each commit by the process.yaml of its parent.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, git, sobreg

BUNDLE = REPO_ROOT / "tests" / "fixtures" / "registry-0.9.1.bundle"


@pytest.fixture
def old_registry(tmp_path: Path) -> Path:
    repo = tmp_path / "vgr"
    git(tmp_path, "clone", "-q", str(BUNDLE), str(repo))
    return repo


def _all_well(repo: Path, env: dict[str, str]) -> dict[str, Any]:
    root = git(repo, "rev-list", "--max-parents=0", "HEAD")
    validated = sobreg("validate", cwd=repo, env=env)
    assert validated.code == 0, validated.stdout + validated.stderr
    verified = sobreg("verify", "--base", root, cwd=repo, env=env)
    assert verified.code == 0, verified.stdout + verified.stderr
    report = sobreg("report", "--year", "2026", "--json", cwd=repo, env=env)
    assert report.code == 0, report.stderr
    found: dict[str, Any] = json.loads(report.stdout)
    return found


def test_the_old_registry_validates_verifies_and_reports(old_registry: Path) -> None:
    env = {"SOBREG_TODAY": "2026-12-01", "SOBREG_ACTOR": "admin@vgregion.se"}
    old = _all_well(old_registry, env)
    # The closing at c, recorded under the old process, still counts as a reject, by its date.
    assert old["nominations_decided"] == {"build": 1, "purchase": 0, "reject": 1,
                                          "not_feasible": 0}  # fmt: skip
    rejected = [d for d in old["decided"] if d["outcome"] == "reject"]
    assert rejected == [{"id": "N-2026-002", "title": "Digitalt stöd vid spelberoende",
                         "outcome": "reject", "date": "2026-05-04", "days": 33}]  # fmt: skip


def test_after_taking_the_new_process_yaml_the_history_still_verifies(old_registry: Path) -> None:
    env = {"SOBREG_TODAY": "2026-12-01", "SOBREG_ACTOR": "admin@vgregion.se"}
    shutil.copy(REPO_ROOT / "registry" / "process.yaml", old_registry / "registry/process.yaml")
    git(old_registry, "commit", "-qam", "Rutinen 2023-0013.2: ställningstaganden är inte beslut")
    new = _all_well(old_registry, env)
    assert new["nominations_decided"]["reject"] == 1
    # The old closing stays closed; new work follows the new routine, and verifies.
    closed = sobreg("advance", "N-2026-002", cwd=old_registry, env=env)
    assert closed.code == 1
    idea = REPO_ROOT / "examples" / "walkthrough" / "idea.yaml"
    assert sobreg("nominate", "--from-file", str(idea), cwd=old_registry, env=env).code == 0
    ran = sobreg("advance", "N-2026-003", "--set", "screening.feasible_in_sob=false",
                 "--set", "screening.rationale=Kräver funktioner SoB saknar",
                 "--json", cwd=old_registry, env=env)  # fmt: skip
    assert json.loads(ran.stdout)["status"] == "not_feasible", ran.stderr
    root = git(old_registry, "rev-list", "--max-parents=0", "HEAD")
    assert sobreg("verify", "--base", root, cwd=old_registry, env=env).code == 0
    # What the old release wrote at g ("design guide followed") still reads.
    program = (old_registry / "registry/programs/somnhjalpen.yaml").read_text(encoding="utf-8")
    assert "design_guide_followed: true" in program
