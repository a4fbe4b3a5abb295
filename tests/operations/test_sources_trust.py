"""Sources and terminals (issue 33, point 5): a source whose history was rewritten keeps its
earlier state until the rewrite is accepted by name; a source's markup is escaped in every HTML
output as a local item's is; control characters from names and content never reach a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import active_program, cli, git, write_yaml
from worlds import World

from sobreg.store import yamlio


def _fetch(*extra: str) -> tuple[int, dict[str, dict[str, object]]]:
    ran = cli("sources", "fetch", "--json", *extra)
    return ran.code, {s["name"]: s for s in json.loads(ran.stdout)["sources"]}


def test_a_force_pushed_source_is_reported_as_rewritten_and_kept(world: World) -> None:
    code, found = _fetch()
    assert code == 0
    held = found["skane"]["commit"]
    # Region Skåne rewrites its last commit and force-pushes it.
    git(world.skane, "commit", "-q", "--amend", "-m", "Omskriven historik")
    git(world.skane, "push", "-q", "--force", str(world.remotes / "skane.git"), "HEAD:main")
    ran = cli("sources", "fetch")
    assert ran.code == 1 and "--accept-rewrite skane" in ran.stderr
    code, found = _fetch()
    assert code == 1
    assert (found["skane"]["ok"], found["skane"]["rewritten"]) == (False, True)
    assert found["skane"]["commit"] == held
    assert git(world.vgr, "rev-parse", "refs/sobreg/sources/skane/head") == held
    assert found["nkg"]["ok"] is True  # the others are fetched as usual
    code, found = _fetch("--accept-rewrite", "skane")
    assert code == 0 and found["skane"]["commit"] == git(world.skane, "rev-parse", "HEAD")
    assert found["skane"]["rewritten"] is True  # said, and taken
    assert cli("sources", "fetch", "--accept-rewrite", "okand").code == 1


def test_a_sources_markup_is_escaped_in_its_statement(world: World, tmp_path: Path) -> None:
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    path = world.nkg / "registry/programs/somnhjalpen.yaml"
    data = yamlio.load_safe(path.read_text("utf-8"), "x")
    data["name"] = "Sömnhjälpen " + payload
    data["assessments"][0]["statement"] = payload
    write_yaml(path, data)
    git(world.nkg, "commit", "-qam", "markup")
    world.push(world.nkg)
    assert _fetch()[0] == 0
    for fmt in ("html", "md"):
        ran = cli("show", "nkg:somnhjalpen", "--statement", "--format", fmt)
        assert ran.code == 0, ran.stderr
        assert "<script>" not in ran.stdout and "<img" not in ran.stdout
        assert "&lt;script&gt;" in ran.stdout


def test_control_characters_never_reach_the_terminal(repo: Path) -> None:
    osc = "\x1b]8;;https://example.org\x07länk\x1b]8;;\x07"
    active_program(repo, name="Sömn " + osc)  # written by hand: the model refuses it
    odd = repo / "registry/programs" / "x\x1b[2Jy.yaml"
    odd.write_text("id: x\n", "utf-8")
    for args in (("validate",), ("show", "somnhjalpen"), ("list",), ("status",), ("verify",)):
        ran = cli(*args)
        assert "\x1b" not in ran.stdout + ran.stderr, args
    ran = cli("validate")
    assert ran.code == 1 and "\\x1b[2J" in ran.stdout + ran.stderr
