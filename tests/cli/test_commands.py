"""init, list, show and check through the CLI (issue 2, point 6)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import add_nomination, cli, git, sobreg


def test_init_makes_a_committed_registry(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    ran = sobreg("init", str(target), "--as", "admin@vgregion.se", cwd=tmp_path)
    assert ran.code == 0, ran.stderr
    assert (target / "registry" / "process.yaml").is_file()
    assert (target / "schemas" / "nomination.schema.json").is_file()
    assert (target / ".pre-commit-config.yaml").is_file()
    assert git(target, "status", "--porcelain") == ""
    assert sobreg("validate", cwd=target).code == 0
    assert sobreg("init", str(target), "--as", "admin@vgregion.se", cwd=tmp_path).code == 1


def test_list_and_show(repo: Path) -> None:
    add_nomination(repo)
    rows = json.loads(cli("list", "--json").stdout)
    assert rows == [
        {
            "id": "N-2026-001",
            "title": rows[0]["title"],
            "kind": "behandling",
            "step": "a",
            "status": "open",
        }
    ]
    assert json.loads(cli("list", "programs", "--json").stdout) == []
    assert json.loads(cli("list", "--step", "b", "--json").stdout) == []
    shown = json.loads(cli("show", "N-2026-001", "--json").stdout)
    assert shown["created"] == "2026-03-01" and shown["history"][0]["action"] == "nominate"
    text = cli("show", "N-2026-001", lang="en").stdout
    assert "Target group" in text and "Initiation" in text
    assert "Målgrupp" in cli("show", "N-2026-001").stdout


def test_check_reports_missing_fields(repo: Path) -> None:
    add_nomination(repo)
    ran = cli("check", "N-2026-001", "--json")
    assert ran.code == 1
    out = json.loads(ran.stdout)
    assert out["ready"] is False and out["next"] == "b" and "screening.councils" in out["missing"]


def test_check_on_an_item_outside_the_process(repo: Path) -> None:
    from conftest import add_inventoried

    add_inventoried(repo, "sova-battre")
    ran = cli("check", "sova-battre", lang="en")
    assert ran.code == 1 and "not in the process" in ran.stderr


def test_bad_ids_are_refused_before_any_path(repo: Path) -> None:
    for bad in ("../../etc/passwd", "/etc/passwd", "N-2026-1", "Sömn"):
        ran = cli("show", bad)
        assert ran.code == 2 and "Traceback" not in ran.stderr
    assert cli("show", "finns-inte").code == 1


def test_actor_is_required_for_writes(repo: Path) -> None:
    add_nomination(repo)
    ran = sobreg(
        "withdraw",
        "N-2026-001",
        "--reason",
        "x",
        cwd=repo,
        env={"GIT_CONFIG_GLOBAL": str(repo / "none")},
    )
    assert ran.code == 3 and "--as" in ran.stderr
    ran = sobreg("withdraw", "N-2026-001", "--reason", "x", "--as", "not-an-email", cwd=repo)
    assert ran.code == 2


def test_english_messages(repo: Path) -> None:
    ran = sobreg("--lang", "en", "show", "nope", cwd=repo)
    assert ran.code == 1 and "There is no item with id nope" in ran.stderr
    ran = sobreg("show", "nope", cwd=repo, env={"SOBREG_LANG": "en"})
    assert "There is no item" in ran.stderr
