"""The pre-commit hooks that `init` writes are the ones the README and .pre-commit-hooks.yaml
name, and the README's `rev:` is a tag of this repository."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import REPO_ROOT, cli


def test_init_writes_every_hook_the_readme_names(tmp_path: Path) -> None:
    assert cli("init", str(tmp_path / "ny"), "--as", "admin@vgregion.se").code == 0
    written = yaml.safe_load((tmp_path / "ny" / ".pre-commit-config.yaml").read_text("utf-8"))
    ids = {h["id"] for repo in written["repos"] for h in repo["hooks"]}
    published = {
        h["id"] for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"- id: (sobreg-[a-z-]+)", readme))
    assert named == published == ids == {"sobreg-validate", "sobreg-validate-all", "sobreg-verify"}


def test_the_readme_rev_is_the_changelogs_version() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rev = re.search(r"rev: (v[0-9.]+)", readme)
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## ([0-9.]+)", changelog, re.M)
    assert rev and newest and rev.group(1) == f"v{newest.group(1)}"
