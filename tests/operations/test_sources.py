"""Other registries as read-only sources: real bare repositories in tmp folders, fetched into
`refs/sobreg/sources/`, searched, shown, compared at step b and named by regional programs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import (
    NOMINATION_A,
    SCREENING,
    active_program,
    add_nomination,
    cli,
    git,
    input_file,
    sobreg,
)
from worlds import World


def test_fetch_fills_refs_of_its_own_and_reports_each_source(world: World) -> None:
    branches = git(world.vgr, "branch", "-a")
    ran = cli("sources", "fetch", "--json")
    assert ran.code == 0, ran.stderr
    found = {s["name"]: s for s in json.loads(ran.stdout)["sources"]}
    assert set(found) == {"skane", "nkg"}
    for name, repo in (("skane", world.skane), ("nkg", world.nkg)):
        assert found[name]["ok"] is True
        assert found[name]["commit"] == git(repo, "rev-parse", "HEAD")
        assert found[name]["fetched_at"].startswith("2026-06-01")
        assert git(world.vgr, "rev-parse", f"refs/sobreg/sources/{name}/head") == git(
            repo, "rev-parse", "HEAD"
        )
    assert found["skane"]["items"] == 3 and found["skane"]["refused"] == 0
    # Never the working tree, the index or a branch of the user's.
    assert git(world.vgr, "branch", "-a") == branches
    assert git(world.vgr, "status", "--porcelain") == ""
    assert not (world.vgr / "registry" / "programs" / "somn-kbt.yaml").exists()
    # Again with nothing new; then one changed file in one source.
    again = {s["name"]: s for s in json.loads(cli("sources", "fetch", "--json").stdout)["sources"]}
    assert again["skane"]["previous"] == again["skane"]["commit"]
    assert again["skane"]["changed"] == {"added": 0, "modified": 0, "deleted": 0}
    add_nomination(world.skane, "N-2026-003", title="Stöd vid ångest för nyanlända")
    world.push(world.skane)
    third = {s["name"]: s for s in json.loads(cli("sources", "fetch", "--json").stdout)["sources"]}
    assert third["skane"]["changed"] == {"added": 1, "modified": 0, "deleted": 0}
    assert third["skane"]["items"] == 4
    assert third["skane"]["last_fetched_at"].startswith("2026-06-01")
    text = cli("sources", "fetch")
    assert "✓ skane (Region Skåne): inget nytt; ärenden: 4; förra hämtningen: hämtad i dag" in (
        text.stdout
    )


def test_a_failing_source_is_reported_and_the_others_still_fetched(world: World) -> None:
    assert cli("sources", "fetch").code == 0
    # The national registry moves away; a third source never existed.
    shutil.move(world.remotes / "nkg.git", world.remotes / "moved.git")
    with (world.vgr / "registry" / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"  - {{name: borta, label: Region Borta, kind: region, "
                     f"url: {world.remotes / 'nothing.git'}}}\n")  # fmt: skip
    add_nomination(world.skane, "N-2026-003", title="Stöd vid ångest för nyanlända")
    world.push(world.skane)
    ran = sobreg("sources", "fetch", "--json", cwd=world.vgr)
    assert ran.code == 1
    found = {s["name"]: s for s in json.loads(ran.stdout)["sources"]}
    assert found["skane"]["ok"] and found["skane"]["changed"]["added"] == 1
    assert not found["nkg"]["ok"] and "error" in found["nkg"]
    assert found["nkg"]["fetched_at"].startswith("2026-06-01")  # the data kept, dated
    assert not found["borta"]["ok"] and found["borta"]["commit"] is None
    text = sobreg("sources", "fetch", cwd=world.vgr)
    assert text.code == 1 and "✗ borta (Region Borta)" in text.stderr
    assert "tidigare data behålls (hämtad i dag)" in text.stderr
    # What was fetched before is still searched, marked with its source.
    hits = json.loads(cli("search", "Sömnhjälpen", "--json").stdout)
    assert {"id": "somnhjalpen", "source": "nkg"}.items() <= hits[0].items()


def test_search_sees_every_source_unless_local(world: World) -> None:
    add_nomination(world.vgr, "N-2026-001", title="Sömnbesvär hos unga vuxna, internetbehandling")
    assert cli("sources", "fetch").code == 0
    hits = json.loads(cli("search", "sömn", "--json").stdout)
    where = {(h["source"], h["id"]) for h in hits}
    assert {(None, "N-2026-001"), ("skane", "N-2026-001"), ("skane", "somn-kbt"),
            ("nkg", "somnhjalpen")} <= where  # fmt: skip
    assert all(h["fetched_at"] is None if h["source"] is None else h["fetched_at"] for h in hits)
    local = json.loads(cli("search", "sömn", "--local", "--json").stdout)
    assert {h["source"] for h in local} == {None}
    # A source's item is found by its need too (a word in no title), as this registry's are.
    needs = json.loads(cli("search", "väntetider", "--json").stdout)
    assert ("skane", "N-2026-001") in {(h["source"], h["id"]) for h in needs}
    text = cli("search", "sömn")
    assert "skane:somn-kbt" in text.stdout and "Region Skåne (hämtad i dag)" in text.stdout
    assert "nationell bedömning" in text.stdout
    # The same search again is a kept answer; a fetch that brings a new item is not kept over.
    add_nomination(world.skane, "N-2026-003", title="Sömnskola för skiftarbetare")
    world.push(world.skane)
    assert json.loads(cli("search", "sömn", "--json").stdout) == hits  # not fetched yet
    assert cli("sources", "fetch").code == 0
    again = json.loads(cli("search", "sömn", "--json").stdout)
    assert ("skane", "N-2026-003") in {(h["source"], h["id"]) for h in again}


def test_search_through_the_word_indexes_equals_scoring_every_item(world: World) -> None:
    # This registry's items and the sources' are each ranked through a kept word index; the
    # hits are those of scoring every item of both, for one word and for several.
    from sobreg.reporting.search import CUTOFF, Query, _known, pool, rank, search, subjects, words
    from sobreg.store.registry import Registry

    add_nomination(world.vgr, "N-2026-001", title="Sömnbesvär hos unga vuxna, internetbehandling")
    add_nomination(world.vgr, "N-2026-002", title="Oro och sömn: KBT för vuxna")
    assert cli("sources", "fetch").code == 0
    registry = Registry(world.vgr / "registry")
    for text in ("sömn", "somn kbt", "väntetider", "oro sömn", "depresion", "nkg", "xyz"):
        for limit in (1, 3, 20):
            # Compounds split by the same words: the built-in ones, and those of every item.
            query = Query(words(text), [subjects(), _known(None, pool(registry))], subjects())
            scorer = lambda _, fields, q=query: q.best(fields)  # noqa: E731
            every = rank(pool(registry), scorer, limit, CUTOFF, False, " ".join(query.words))
            assert search(registry, text, limit=limit) == every, (text, limit)
            assert search(registry, text, limit=limit) == every  # the kept answer, the same


def test_show_source_id_is_read_only_and_as_stored(world: World) -> None:
    assert cli("show", "skane:N-2026-001").code == 1  # not fetched yet
    assert cli("sources", "fetch").code == 0
    shown = json.loads(cli("show", "skane:N-2026-001", "--json").stdout)
    assert shown["title"] == "Internetbaserad KBT vid sömnbesvär, unga vuxna"
    assert shown["id"] == "N-2026-001" and shown["history"][0]["action"] == "nominate"
    text = cli("show", "skane:somn-kbt")
    assert text.code == 0 and "Från Region Skåne, hämtad i dag. Skrivskyddat" in text.stdout
    assert cli("show", "skane:N-2026-099").code == 1
    assert cli("show", "okand:N-2026-001").code == 1
    assert cli("show", ":N-2026-001").code == 2
    assert cli("show", "skane:../../x").code == 2  # an id is checked before a path is built


def test_nominate_shows_other_regions_similar_nominations(world: World) -> None:
    # Lazy: the form's similar list, as `nominate` computes it before asking to save.
    from sobreg.reporting.search import similar
    from sobreg.store.registry import open_registry

    assert cli("sources", "fetch").code == 0
    hits = similar(open_registry(), NOMINATION_A)
    where = {(h.source, h.id) for h in hits}
    assert ("skane", "N-2026-001") in where
    assert all(h.source_label for h in hits if h.source)


def test_step_b_lists_open_nominations_in_other_regions(world: World, tmp_path: Path) -> None:
    add_nomination(world.vgr, "N-2026-001")  # NOMINATION_A: KBT vid sömnbesvär för unga vuxna
    ran = cli("advance", "N-2026-001", "--from-file", str(input_file(tmp_path, SCREENING)))
    assert ran.code == 0, ran.stderr
    before = json.loads(cli("check", "N-2026-001", "--json").stdout)
    assert before["other_regions"] == []  # nothing fetched yet
    assert cli("sources", "fetch").code == 0
    found = json.loads(cli("check", "N-2026-001", "--json").stdout)
    assert [(o["source"], o["id"]) for o in found["other_regions"]] == [("skane", "N-2026-001")]
    assert found["other_regions"][0]["fetched_at"].startswith("2026-06-01")
    text = cli("check", "N-2026-001")
    assert "Liknande öppna nomineringar i andra regioner (1)" in text.stdout
    assert "skane:N-2026-001" in text.stdout
    assert "skane:N-2026-001" in cli("show", "N-2026-001").stdout
    # At step a the question is not asked.
    add_nomination(world.vgr, "N-2026-002")
    assert "other_regions" not in json.loads(cli("check", "N-2026-002", "--json").stdout)


def test_a_regional_program_shows_the_national_statement_it_relies_on(world: World) -> None:
    active_program(world.vgr, "somnhjalpen", national={"source": "nkg", "id": "somnhjalpen"})
    assert cli("validate").code == 0
    before = cli("show", "somnhjalpen").stdout
    assert "Nationell bedömning (Nationella kompetensgruppen, somnhjalpen):" in before
    assert "finns inte i källans data (aldrig hämtad)" in before
    assert cli("sources", "fetch").code == 0
    text = cli("show", "somnhjalpen").stdout
    assert "Evidensgrad: Måttligt vetenskapligt underlag" in text
    assert "Rekommendation: Rekommenderas" in text
    assert "Senast bedömd: 2026-05-31" in text
    assert "är nyare än regionens data: regionen har ingen egen bedömning" in text
    rows = json.loads(cli("due", "--json").stdout)
    row = next(r for r in rows if r["id"] == "somnhjalpen")
    assert row["national"]["evidence_grade_value"] == "moderate"
    assert row["national"]["date"] == "2026-05-31" and row["national"]["newer"] is True
    cell = "Måttligt vetenskapligt underlag, Rekommenderas (2026-05-31) – nyare än egen"
    assert cell in cli("due").stdout


def test_a_link_to_a_source_that_is_not_national_is_refused(world: World) -> None:
    active_program(world.vgr, "somnhjalpen", national={"source": "skane", "id": "somn-kbt"})
    ran = cli("validate")
    assert ran.code == 1
    assert "national.source" in ran.stdout + ran.stderr
    assert "'skane' är ingen nationell källa" in ran.stdout + ran.stderr


def test_the_form_in_a_terminal_shows_another_regions_nomination(world: World) -> None:
    # Lazy: only this test drives a pseudo-terminal.
    import pexpect
    from terminal import reply, spawn_form

    assert cli("sources", "fetch").code == 0
    child = spawn_form(world.vgr, today=None)
    for question, text in [
        ("Programidé", "Internetbaserad KBT vid sömnbesvär"), ("Stöd eller behandling", "2"),
        ("Nytt program eller inköp", "1"), ("Namn", "Bo Ek"), ("E-post", "bo.ek@vgregion.se"),
        ("Verksamhet", "Psykiatri"), ("Roll", "1"), ("Behov", "Unga vuxna med sömnbesvär"),
        ("Målgrupp", "Unga vuxna"), ("Riktar sig till barn", "nej"),
        ("Användning i verksamheten", "Första steg"), ("Förankrad hos verksamhetschef", "ja"),
        ("Finns en SoB-kontaktperson", "nej"), ("Utvecklingskostnad", "0"),
        ("Övriga kostnader", "0"), ("Finansiering", ""), ("Patient- och brukarmedverkan", ""),
        ("Plan för utvärdering", ""),
    ]:  # fmt: skip
        reply(child, question, text)
    child.expect_exact("skane:N-2026-001")
    child.expect_exact("Region Skåne (hämtad i dag)")
    reply(child, "Spara nomineringen?", "n")
    reply(child, "Avsluta ändå?", "j")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
