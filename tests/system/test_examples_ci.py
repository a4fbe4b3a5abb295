"""The CI templates in examples/ci parse and run the commands docs/cli.md promises."""

from __future__ import annotations

from conftest import REPO_ROOT

from sobreg.store import yamlio


def test_gitlab_template() -> None:
    text = (REPO_ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8")
    data = yamlio.load_safe(text, "gitlab-ci.yml")
    script = "\n".join(data["sobreg"]["script"])
    assert "sobreg validate" in script
    assert 'sobreg verify --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"' in script
    assert data["sobreg"]["variables"]["GIT_DEPTH"] == "0"


def test_github_template() -> None:
    text = (REPO_ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    data = yamlio.load_safe(text, "github-actions.yml")
    steps = data["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "sobreg validate --format github" in runs
    assert 'sobreg verify --base "origin/${{ github.base_ref }}"' in runs
    assert steps[0]["with"]["fetch-depth"] == 0
