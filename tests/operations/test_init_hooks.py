"""The pre-commit hooks that `init` writes are the ones the README and .pre-commit-hooks.yaml
name, and the README pins them by a commit of this repository's `main` (tags never reach the
published repository)."""

from __future__ import annotations

import re
import subprocess
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


def test_the_readme_pins_the_hooks_by_a_commit_of_main() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rev = re.search(r"rev: ([0-9a-f]{40})  # main at ([0-9.]+)", readme)
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## ([0-9.]+)", changelog, re.M)
    assert rev and newest and rev.group(2) == newest.group(1)
    sha = rev.group(1)
    # An ancestor of HEAD (so on main), holding the hooks the config names; no tag involved.
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", sha, "HEAD"], cwd=REPO_ROOT,
                              check=False, capture_output=True)  # fmt: skip
    assert ancestor.returncode == 0, sha
    hooks = subprocess.run(["git", "show", f"{sha}:.pre-commit-hooks.yaml"], cwd=REPO_ROOT,
                           check=True, capture_output=True, text=True).stdout  # fmt: skip
    assert {h["id"] for h in yaml.safe_load(hooks)} >= {"sobreg-validate", "sobreg-verify"}
    for template in ("github-actions.yml", "gitlab-ci.yml"):
        text = (REPO_ROOT / "examples" / "ci" / template).read_text(encoding="utf-8")
        assert f".git@{sha}" in text and ".git@v" not in text
    assert "pip install sobreg\n" not in readme


def test_the_hooks_check_sources_yaml_too() -> None:
    # A committed `url: -oProxyCommand=evil` or `kind: regoin` in sources.yaml must reach
    # validate through every hook (issue 34, item 2).
    published = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    from sobreg.operations.init import FILES_PATTERN

    for pattern in [h["files"] for h in published] + [FILES_PATTERN]:
        assert re.search(pattern, "registry/sources.yaml"), pattern
        assert re.search(pattern, "registry/nominations/N-2026-001.yaml"), pattern
        assert not re.search(pattern, "registry/allowed_signers"), pattern
