"""`publish --sources all`: the national catalogue over this registry and every source, built
from real bare repositories; and a hostile source, whose files are refused or escaped while the
rest is still read and nothing of it is run."""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

from conftest import active_program, add_nomination, cli, git, sobreg
from worlds import World


def _publish(world: World, out: Path) -> Path:
    ran = cli("publish", "--out", str(out), "--sources", "all")
    assert ran.code == 0, ran.stderr
    return out


def test_a_program_used_in_two_regions_appears_once(world: World, tmp_path: Path) -> None:
    # This region's program and Skåne's both rely on the national assessment of Sömnhjälpen.
    # It came from a nomination for KBT at sleep problems, the need Skåne's open nomination names.
    add_nomination(world.vgr, "N-2026-001", status="decided", program="somnhjalpen")
    active_program(world.vgr, "somnhjalpen", name="Sömnhjälpen VGR", nomination="N-2026-001",
                   national={"source": "nkg", "id": "somnhjalpen"})  # fmt: skip
    active_program(world.vgr, "angest", name="Ångesthjälpen")
    assert cli("sources", "fetch").code == 0
    site = _publish(world, tmp_path / "nationell")
    pages = sorted(p.name for p in (site / "programs").iterdir())
    assert pages == ["nkg--somnhjalpen.html", "vgr--angest.html"]
    page = (site / "programs" / "nkg--somnhjalpen.html").read_text(encoding="utf-8")
    assert "<h1>Sömnhjälpen</h1>" in page  # the national name, once
    assert "Region Skåne" in page and "Västra Götalandsregionen" in page
    assert "Måttligt vetenskapligt underlag" in page and "2026-05-31" in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('href="programs/nkg--somnhjalpen.html"') == 1
    assert "Region Skåne, Västra Götalandsregionen" in index  # regions using it
    # Regions with open nominations for a similar need: Skåne's sleep nomination.
    assert "Internetbaserad KBT vid sömnbesvär, unga vuxna (N-2026-001)" in page
    assert "spelberoende" not in page.lower()
    # No personal contact details reach the catalogue: the publisher's own address (the
    # footer's, from process.yaml) is the only one.
    shown = (index + page).replace("sob-forvaltningen@vgregion.se", "")
    assert "vgregion.se" not in shown


def test_an_unreachable_source_is_dated_as_stale(world: World, tmp_path: Path) -> None:
    assert cli("sources", "fetch").code == 0
    shutil.move(world.remotes / "skane.git", world.remotes / "away.git")
    assert cli("sources", "fetch").code == 1
    index = (_publish(world, tmp_path / "site") / "index.html").read_text(encoding="utf-8")
    assert "Region Skåne:" in index and "data hämtad 2026-06-01" in index
    assert "kunde inte nås vid senaste hämtningen" in index
    # Its programs are still there, from the data last fetched.
    assert (tmp_path / "site" / "programs" / "skane--somn-kbt.html").is_file() is False
    assert "Sömn-KBT Skåne" not in index  # merged into the national program, not on its own
    assert "Sömnhjälpen" in index


def _hostile(world: World, marker: Path) -> None:
    folder = world.skane / "registry"
    (folder / "nominations" / "N-2026-010.yaml").write_text(
        f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (folder / "nominations" / "N-2026-011.yaml").write_text(bomb, encoding="utf-8")
    (folder / "programs" / "stor.yaml").write_text("x: " + "y" * 1_100_000 + "\n")
    os.symlink("/etc/passwd", folder / "programs" / "lank.yaml")
    # Valid, but with HTML in its name: kept, and escaped wherever it is shown.
    active_program(world.skane, "skript", name="<script>alert('x')</script> Sömnstöd")
    git(world.skane, "add", "-A")
    git(world.skane, "commit", "-q", "-m", "fientliga filer")
    world.push(world.skane)
    # Then hooks and a config in the source that would run something if a fetch ran them.
    hooks = world.remotes / "skane.git" / "hooks"
    for name in ("pre-upload-pack", "post-update", "pre-receive", "reference-transaction"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / name).chmod(0o755)
    git(world.remotes / "skane.git", "config", "uploadpack.packObjectsHook", f"touch {marker};")


def test_a_hostile_source_is_refused_or_escaped_and_nothing_runs(
    world: World, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    _hostile(world, marker)
    ran = sobreg("sources", "fetch", "--json", cwd=world.vgr)
    assert ran.code == 0, ran.stderr
    skane = next(s for s in json.loads(ran.stdout)["sources"] if s["name"] == "skane")
    assert skane["refused"] == 4 and skane["items"] == 4
    text = sobreg("sources", "fetch", cwd=world.vgr)
    for path, why in (("N-2026-010.yaml", "tagg"), ("N-2026-011.yaml", "ankare"),
                      ("stor.yaml", "gränsen är"), ("lank.yaml", "")):  # fmt: skip
        line = next(x for x in text.stderr.splitlines() if path in x)
        assert line.strip().startswith("skane:registry/"), line
        assert why.lower() in line.lower(), line
    assert not marker.exists()
    # The rest is read: searched, shown; the HTML name is text, never markup.
    hits = json.loads(cli("search", "sömnstöd", "--json").stdout)
    assert hits[0]["id"] == "skript" and hits[0]["source"] == "skane"
    site = _publish(world, tmp_path / "site")
    page = (site / "programs" / "skane--skript.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert html.escape("<script>alert('x')</script>", quote=False) in page.replace("&#39;", "'")
    assert not marker.exists()
    # A hostile item asked for by name is refused with its position.
    shown = cli("show", "skane:N-2026-010")
    assert shown.code == 1 and "skane:registry/nominations/N-2026-010.yaml:1:1" in shown.stderr


def test_a_source_url_that_would_run_a_command_is_refused(world: World) -> None:
    path = world.vgr / "registry" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - {name: ond, label: Ond, kind: region, url: 'ext::sh -c touch% /tmp/x'}\n"
        "  - {name: flagga, label: Flagga, kind: region, url: '--upload-pack=touch /tmp/y'}\n"
    ), encoding="utf-8")  # fmt: skip
    ran = cli("validate")
    assert ran.code == 1
    out = ran.stdout + ran.stderr
    assert "registry/sources.yaml:9:48: sources.2.url:" in out and "(ext::, fd::)" in out
    assert "registry/sources.yaml:10:54: sources.3.url: en adress får inte börja med '-'" in out
    assert cli("sources", "fetch").code == 1


def test_the_national_catalogue_passes_the_same_page_rules(world: World, tmp_path: Path) -> None:
    add_nomination(world.vgr, "N-2026-001")
    assert cli("sources", "fetch").code == 0
    site = _publish(world, tmp_path / "site")
    # Publishing again replaces the folder whole; a foreign folder is not overwritten.
    (site / "stale.html").write_text("x")
    _publish(world, tmp_path / "site")
    assert not (site / "stale.html").exists()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("x")
    assert cli("publish", "--out", str(foreign), "--sources", "all").code == 2
    assert cli("publish", "--out", str(foreign), "--sources", "some").code == 2
    for page in [site / "index.html", *(site / "programs").iterdir()]:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>") and '<html lang="sv">' in text
        assert '<main id="content">' in text


def test_the_regional_catalogue_shows_the_national_statement(world: World, tmp_path: Path) -> None:
    active_program(world.vgr, "somnhjalpen", national={"source": "nkg", "id": "somnhjalpen"})
    site = tmp_path / "site"
    assert cli("publish", "--out", str(site)).code == 0
    page = site / "programs" / "somnhjalpen.html"
    assert "finns inte i senast hämtade data från Nationella kompetensgruppen" in page.read_text()
    assert cli("sources", "fetch").code == 0
    assert cli("publish", "--out", str(site)).code == 0  # the page's input changed: rendered anew
    text = page.read_text(encoding="utf-8")
    assert "Nationell bedömning som programmet stöder sig på" in text
    assert "Måttligt vetenskapligt underlag" in text and "2026-05-31" in text
    assert "regionen har ingen egen bedömning" in text
