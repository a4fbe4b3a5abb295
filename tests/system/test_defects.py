"""Defects users met (issue 15), each pinned by a test that fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SCREENING, add_nomination, cli, git, write_doc

ADMIN = "admin@vgregion.se"
ITEM = "registry/nominations/N-2026-001.yaml"


@pytest.fixture(autouse=True)
def _actor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOBREG_ACTOR", ADMIN)


def test_crlf_line_endings_survive_an_advance(repo: Path) -> None:
    path = add_nomination(repo)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    git(repo, "commit", "-qam", "CRLF, as an editor on Windows saves it")
    assert cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING)).code == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and data.endswith(b"\r\n")
    assert cli("validate", str(path)).code == 0


def test_a_missing_final_newline_stays_missing(repo: Path) -> None:
    path = add_nomination(repo)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    git(repo, "commit", "-qam", "no final newline")
    assert cli("set", "N-2026-001", "usage=Ny text").code == 0
    assert not path.read_bytes().endswith(b"\n")


@pytest.mark.parametrize("content", ["", "null\n", "- a\n- b\n"])
@pytest.mark.parametrize(
    "command",
    [
        ["advance", "N-2026-001"],
        ["set", "N-2026-001", "usage=x"],
        ["show", "N-2026-001"],
        ["check", "N-2026-001"],
    ],
)
def test_an_item_file_that_holds_no_mapping_is_refused_with_its_path(
    repo: Path, content: str, command: list[str]
) -> None:
    path = add_nomination(repo)
    path.write_text(content, encoding="utf-8")
    git(repo, "commit", "-qam", "broken by hand")
    ran = cli(*command)
    assert ran.code == 1, ran.stderr
    assert "N-2026-001.yaml" in ran.stderr and "Oväntat" not in ran.stderr


def test_from_file_dev_null_says_it_holds_no_mapping(repo: Path) -> None:
    add_nomination(repo)
    ran = cli("set", "N-2026-001", "--from-file", "/dev/null")
    assert ran.code == 1 and "/dev/null" in ran.stderr and "finns inte" not in ran.stderr


def test_a_program_is_known_by_its_production_name_once_it_has_one(repo: Path) -> None:
    from conftest import active_program

    active_program(repo, name="Internetbaserad KBT vid sömnbesvär")
    assert cli("set", "somnhjalpen", "production.name=Sömnhjälpen").code == 0
    listed = cli("list", "programs", "--json").stdout
    assert '"title": "Sömnhjälpen"' in listed
    assert cli("show", "somnhjalpen").stdout.startswith("somnhjalpen: Sömnhjälpen\n")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-01-01", "efter i dag"), ("2020-01-01", "före 2026-03-01")],
)
def test_a_recorded_date_in_the_future_or_before_creation_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    add_nomination(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("set", "N-2026-001", f"council_position.date={value}")
    assert ran.code == 1 and "council_position.date" in ran.stderr and expected in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["status"],
        ["report", "--year", "2026"],
        ["due"],
        ["search", "sömn"],
    ],
)
def test_a_file_that_cannot_be_read_is_never_left_out_silently(
    repo: Path, command: list[str]
) -> None:
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-00{n}")
    hostile = repo / "registry" / "programs" / "trasig.yaml"
    hostile.write_text("!!python/object:os.system {}\n", encoding="utf-8")
    ran = cli(*command)
    assert ran.code == 1 and "trasig.yaml" in ran.stderr and "--skip-invalid" in ran.stderr
    skipped = cli(*command, "--skip-invalid")
    assert skipped.code == 0, skipped.stderr


def test_the_report_counts_every_file_or_refuses(repo: Path) -> None:
    import json

    for n in range(1, 6):
        add_nomination(repo, f"N-2026-00{n}")
    (repo / "registry" / "nominations" / "N-2026-006.yaml").write_text(
        "!!python/object:os.system {}\n", encoding="utf-8"
    )
    assert cli("report", "--year", "2026", "--json").code == 1
    ran = cli("report", "--year", "2026", "--json", "--skip-invalid")
    assert json.loads(ran.stdout)["nominations_received"] == 5


def test_publish_refuses_a_file_it_cannot_read(repo: Path) -> None:
    from conftest import active_program

    active_program(repo)
    (repo / "registry" / "programs" / "trasig.yaml").write_text("- a list\n", encoding="utf-8")
    out = repo.parent / f"{repo.name}-site"
    ran = cli("publish", "--out", str(out))
    assert ran.code == 1 and "trasig.yaml" in ran.stderr and not out.exists()
    assert cli("publish", "--out", str(out), "--skip-invalid").code == 0


def test_entries_that_are_not_regular_files_are_refused_by_name(repo: Path, tmp_path: Path) -> None:
    import os

    add_nomination(repo)
    folder = repo / "registry" / "programs"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: elsewhere\n", encoding="utf-8")
    (folder / "lank.yaml").symlink_to(outside)
    (folder / "noll.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "ror.yaml")
    (folder / "mapp.yaml").mkdir()
    ran = cli("validate")
    assert ran.code == 1
    for name in ("lank.yaml", "noll.yaml", "ror.yaml", "mapp.yaml"):
        assert f"programs/{name}:1:1:" in ran.stdout and "ingen vanlig fil" in ran.stdout
    alone = cli("validate", str(folder / "lank.yaml"))
    assert alone.code == 1 and "ingen vanlig fil" in alone.stdout
    assert cli("show", "lank").code == 1


def test_a_file_name_that_is_not_utf8_is_named_escaped(repo: Path) -> None:
    import json
    import os

    add_nomination(repo)
    folder = os.fsencode(repo / "registry" / "nominations")
    with open(os.path.join(folder, b"N-2026-\xff.yaml"), "wb") as handle:
        handle.write(b"id: x\n")
    ran = cli("validate", "--format", "json")
    assert ran.code == 1, ran.stderr
    found = json.loads(ran.stdout)
    assert any("\\xff" in e["path"] for e in found["errors"])
    assert any(p.endswith("N-2026-001.yaml") for p in found["valid"])  # the others still checked
    # Readers never count what validate refuses: they refuse, naming the file escaped.
    for ran in (cli("list"), cli("report", "--year", "2026")):
        assert ran.code == 1 and "\\xff" in ran.stderr


def test_swedish_alphabetical_order_everywhere_names_are_listed(repo: Path) -> None:
    from conftest import active_program

    from sobreg.engine.collation import swedish

    names = {"atstorningar": "Ätstörningar", "angest": "Ångest", "alkohol": "Alkohol",
             "zeta": "Zeta", "oversikt": "Översikt", "ebola": "Éboladagbok"}  # fmt: skip
    for item_id, name in names.items():
        active_program(repo, item_id, name=name)
    expected = ["Alkohol", "Éboladagbok", "Zeta", "Ångest", "Ätstörningar", "Översikt"]
    assert sorted(names.values(), key=swedish) == expected
    out = repo.parent / f"{repo.name}-site"
    assert cli("publish", "--out", str(out)).code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert [index.index(f">{n}</a>") for n in expected] == sorted(
        index.index(f">{n}</a>") for n in expected
    )
    import json

    report = json.loads(cli("report", "--year", "2026", "--json").stdout)
    assert report["active"] == expected


def test_catalogue_and_report_read_well(repo: Path) -> None:
    from conftest import active_program

    active_program(repo, "ny", name="Ny", production={"languages": ["sv", "en"]})
    gone = {"date": "2025-09-01", "reason": "replaced", "replaced_by": "ny"}
    active_program(repo, "gammal", name="Gammal", status="inactive", step="k", deactivation=gone)
    out = repo.parent / f"{repo.name}-site"
    assert cli("publish", "--out", str(out)).code == 0
    old = (out / "programs" / "gammal.html").read_text(encoding="utf-8")
    assert "Ersatt av <a" in old and "ersatt av annat program" not in old.casefold()
    new = (out / "programs" / "ny.html").read_text(encoding="utf-8")
    assert "svenska, engelska" in new
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<nav" not in index  # no empty navigation landmark
    bundled = repo.parent / f"{repo.name}-bundled"
    from conftest import REPO_ROOT

    ran = cli("--registry", str(REPO_ROOT / "registry"), "publish", "--out", str(bundled))
    assert ran.code == 0, ran.stderr
    # The national inventory says no kinds: no kind filter that offers only "all".
    assert 'id="kind"' not in (bundled / "index.html").read_text(encoding="utf-8")
    html = cli("report", "--year", "2024", "--format", "html").stdout
    assert 'class="skip" href="#main"' in html and 'id="main"' in html
    assert "chart-per-year" in cli("report", "--year", "2025", "--format", "html").stdout
    text = cli("report", "--year", "2024").stdout
    assert "Inga beslut under året" in text and "median – dagar" not in text


def test_status_explains_its_exclamation_mark(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    add_nomination(repo, step="b", created="2026-03-01")
    out = cli("status").stdout
    if " !" in out:
        assert "! = längre i steget än processens mål" in out


def test_swedish_as_a_swedish_user_reads_it(repo: Path) -> None:
    add_nomination(repo)
    shown = cli("show", "N-2026-001").stdout
    assert "250\u00a0000 kr" in shown and "250000" not in shown
    help_text = cli("advance", "--help").stdout
    assert "--to STEG" in help_text and "STEP" not in help_text and "[FLAGGOR]" in help_text
    (repo / "registry" / "nominations" / "N-2026-001.yaml").write_text(
        (repo / ITEM).read_text(encoding="utf-8").replace("kind: behandling", "kind: terapi"),
        encoding="utf-8",
    )
    out = cli("validate").stdout
    assert "'stod' eller 'behandling'" in out and " or " not in out
    assert "Fel: 1. Filer med fel: 1." in out


def test_the_form_says_whose_name_and_what_a_number_looks_like() -> None:
    from sobreg.engine.form import HAS_SOB_CONTACT, QUESTIONS, AnswerError, Field, heading, parse

    titles = [heading(q.path) for q in QUESTIONS if q.path != HAS_SOB_CONTACT]
    assert "Nominerad av › Namn" in titles and "Förankring › SoB-kontaktperson › Namn" in titles
    with pytest.raises(AnswerError) as caught:
        parse(Field("costs.development_sek", "int", "Kostnad", "", True), "mycket")
    assert str(caught.value).startswith("Skriv ett heltal, till exempel")
