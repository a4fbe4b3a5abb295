"""The one git runner and the repository helpers, directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from sobreg.audit.repo import (
    Git,
    git_config,
    git_configs,
    git_process,
    init_repository,
    message,
    trailers,
)
from sobreg.audit.transaction import commit_files
from sobreg.errors import EnvironmentFailure


def test_a_failing_git_call_is_an_environment_failure(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentFailure) as caught:
        git_process(["rev-parse", "HEAD"], tmp_path)
    assert caught.value.key == "git.failed"
    assert git_process(["rev-parse", "HEAD"], tmp_path, ok=True).returncode != 0


def test_a_new_repository_and_its_files(tmp_path: Path) -> None:
    init_repository(tmp_path)
    repo = Git(tmp_path)
    assert not repo.has_commits() and repo.head() is None
    sha = commit_files(repo, {tmp_path / "a.txt": "one\n"}, message("add", "x", "set", None, None),
                       "a@b.se")  # fmt: skip
    assert repo.head() == sha and repo.verify_ref("HEAD") == sha
    assert repo.show("HEAD", "a.txt") == b"one\n"
    assert repo.show("HEAD", "missing.txt") is None
    assert trailers(git(tmp_path, "log", "-1", "--format=%B")) == {
        "Sobreg-Id": "x", "Sobreg-Action": "set", "Sobreg-From": "-", "Sobreg-To": "-",
    }  # fmt: skip


def test_an_unset_configuration_value_is_none(tmp_path: Path) -> None:
    init_repository(tmp_path)
    assert git_config("sobreg.nothing", tmp_path) is None


def test_a_folder_outside_git_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentFailure, match=r"git\.not_repo"):
        Git(tmp_path / "nowhere")


def test_several_config_values_in_one_process_read_as_git_config_does(repo: Path) -> None:
    git(repo, "config", "user.name", "Anna Berg")
    git(repo, "config", "--add", "commit.gpgSign", "false")
    git(repo, "config", "--add", "commit.gpgSign", "true")  # the last value wins
    keys = ("commit.gpgsign", "user.email", "user.name", "sobreg.unset")
    found = git_configs(keys, repo)
    assert found == {k: v for k in keys if (v := git_config(k, repo) or "")}
    assert found["commit.gpgsign"] == "true" and found["user.name"] == "Anna Berg"
    assert "sobreg.unset" not in found
    assert git_configs(keys, repo / "no-such-folder") == {}
