"""`publish`: the static catalogue, checked as files and in a real headless browser."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, assessment, cli, git, input_file
from hypothesis import given, settings
from hypothesis import strategies as st

from sobreg.store.resources import resource

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b")
SCRIPT_NAME = '<script>alert("x")</script>Tinnitus'


@pytest.fixture
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    active_program(repo)
    note = "Frågor till karin.ek@skane.se eller 070-123 45 67."
    data = assessment(statement=f"Rekommenderas. {note}")
    data["scores"]["ethics"]["note"] = "Ring +46 31 123 45 67 för demo."
    inputs = tmp_path_factory.mktemp("in")
    assert cli("assess", "somnhjalpen", "--from-file", str(input_file(inputs, data))).code == 0
    active_program(repo, "tinnitus", name=SCRIPT_NAME)
    active_program(repo, "gamla-somnkursen", name="Gamla sömnkursen", kind="stod",
                   status="inactive", step="k",
                   deactivation={"date": "2026-01-10", "reason": "replaced",
                                 "replaced_by": "somnhjalpen"})  # fmt: skip
    out = tmp_path_factory.mktemp("public") / "site"
    ran = cli("publish", "--out", str(out))
    assert ran.code == 0, ran.stderr
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_pages_and_no_contact_details(site: Path) -> None:
    names = [p.relative_to(site).as_posix() for p in _pages(site)]
    assert names == [
        "index.html",
        "nominera.html",
        "programs/gamla-somnkursen.html",
        "programs/somnhjalpen.html",
        "programs/tinnitus.html",
        "tillganglighet.html",
    ]
    # The one address a page shows is the publisher's own (process.yaml), in the footer: where
    # to report a problem. No person's address from the files reaches a page.
    publisher = "sob-forvaltningen@vgregion.se"
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert [e for e in EMAIL.findall(html) if e != publisher] == [], page
        assert not PHONE.findall(html), page
        assert '<html lang="sv">' in html
        assert "<script>alert" not in html
    statement = (site / "programs" / "somnhjalpen.html").read_text(encoding="utf-8")
    assert "[kontaktuppgift borttagen]" in statement
    assert "Karin Ek" not in statement and "Hälsoekonom" in statement


def test_index_shows_assessment_dates_and_replacements(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Senast värderat" in index and "2026-05-31" in index and "2029-05-31" in index
    assert '<a href="programs/somnhjalpen.html">Sömnhjälpen</a>' in index
    old = (site / "programs" / "gamla-somnkursen.html").read_text(encoding="utf-8")
    assert "Avpublicerat 2026-01-10" in old and 'href="somnhjalpen.html"' in old
    assert "&lt;script&gt;" in index


def test_republish_replaces_and_bad_targets_are_refused(
    site: Path, repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert cli("publish", "--out", str(site)).code == 0  # a catalogue published before
    foreign = tmp_path_factory.mktemp("foreign")
    (foreign / "keep.txt").write_text("mine")
    for target in (str(foreign), str(repo / "registry" / "public"), str(repo / ".git" / "x"),
                   str(repo)):  # fmt: skip
        ran = cli("publish", "--out", target)
        assert ran.code == 2, target
    assert (foreign / "keep.txt").read_text() == "mine"
    assert git(repo, "status", "--porcelain") == ""


def test_in_a_real_browser(site: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((site / "index.html").as_uri())
    assert browser.title.startswith("Alla program")

    def visible() -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, "#programs tbody tr")
        return [r.find_element(By.CSS_SELECTOR, "th").text for r in rows if r.is_displayed()]

    assert len(visible()) == 3
    browser.find_element(By.ID, "q").send_keys("somnhj")  # no accents typed
    assert visible() == ["Sömnhjälpen"]
    assert browser.find_element(By.ID, "count").text == "Visar 1 av 3 program."
    browser.find_element(By.ID, "q").clear()
    browser.find_element(By.ID, "q").send_keys(" ")
    Select(browser.find_element(By.ID, "kind")).select_by_value("stod")
    assert [v.split(" (")[0] for v in visible()] == ["Gamla sömnkursen"]
    Select(browser.find_element(By.ID, "kind")).select_by_value("")
    Select(browser.find_element(By.ID, "status")).select_by_value("active")
    assert len(visible()) == 2
    assert SCRIPT_NAME in visible()  # shown as text, never run
    browser.find_element(By.LINK_TEXT, "Sömnhjälpen").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sömnhjälpen"
    assert browser.find_element(By.TAG_NAME, "main").is_displayed()
    browser.find_element(By.LINK_TEXT, "Tillbaka till alla program").click()
    assert browser.title.startswith("Alla program")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in _pages(site)}


def test_a_republish_renders_only_what_changed(site: Path, repo: Path) -> None:
    """Issue 16 (3): pages whose inputs did not change are carried over (the same file, linked
    into the new folder), a changed program's page and the index are rendered again, and the
    new folder still replaces the old one whole."""
    before = _inodes(site)
    texts = {p.name: p.read_text(encoding="utf-8") for p in _pages(site)}
    active_program(repo, "tinnitus", name="Tinnitushjälpen")  # one program changed, committed
    ran = cli("publish", "--out", str(site))
    assert ran.code == 0, ran.stderr
    after = _inodes(site)
    assert after["programs/somnhjalpen.html"] == before["programs/somnhjalpen.html"]
    assert after["programs/gamla-somnkursen.html"] == before["programs/gamla-somnkursen.html"]
    assert after["programs/tinnitus.html"] != before["programs/tinnitus.html"]
    assert "Tinnitushjälpen" in (site / "programs" / "tinnitus.html").read_text(encoding="utf-8")
    assert "Tinnitushjälpen" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "programs" / "somnhjalpen.html").read_text(encoding="utf-8") == texts[
        "somnhjalpen.html"
    ]
    assert not list(site.parent.glob(".*"))  # no build or old folder left beside it


def test_a_renamed_replacement_rerenders_the_page_that_names_it(site: Path, repo: Path) -> None:
    """A page shows the name of the program that replaced it: that name is one of its inputs."""
    before = _inodes(site)
    active_program(repo, "somnhjalpen", name="Sömnhjälpen 2")
    assert cli("publish", "--out", str(site)).code == 0
    after = _inodes(site)
    assert after["programs/gamla-somnkursen.html"] != before["programs/gamla-somnkursen.html"]
    page = (site / "programs" / "gamla-somnkursen.html").read_text(encoding="utf-8")
    assert "Sömnhjälpen 2" in page
    assert after["programs/tinnitus.html"] == before["programs/tinnitus.html"]


def test_another_day_language_or_template_renders_every_page(
    site: Path, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _inodes(site)
    monkeypatch.setenv("SOBREG_TODAY", "2031-01-02")  # the pages say when they were generated
    assert cli("publish", "--out", str(site)).code == 0
    dated = _inodes(site)
    assert all(dated[name] != before[name] for name in before)
    assert cli("--lang", "en", "publish", "--out", str(site)).code == 0
    english = _inodes(site)
    assert all(english[name] != dated[name] for name in dated)
    assert '<html lang="en">' in (site / "programs" / "tinnitus.html").read_text(encoding="utf-8")
    local = repo / "templates" / "catalogue"
    local.mkdir(parents=True)
    shipped = resource("templates") / "catalogue"
    (local / "program.html.j2").write_text(
        (shipped / "program.html.j2").read_text(encoding="utf-8") + "{# local #}\n", "utf-8"
    )
    assert cli("--lang", "en", "publish", "--out", str(site)).code == 0
    local_pages = _inodes(site)
    assert all(local_pages[name] != english[name] for name in english if name != "index.html")


def test_pages_rendered_in_workers_equal_those_rendered_here(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many new pages are rendered in worker processes: the same bytes as rendered in this one,
    and a page that fails in a worker fails here with its own error."""
    from jinja2 import Environment

    from sobreg.reporting import pages

    monkeypatch.setattr(pages, "PARALLEL_FROM", 1)  # workers for this small catalogue too
    parallel = tmp_path / "parallel"
    assert cli("publish", "--out", str(parallel)).code == 0
    for page in _pages(site):
        name = page.relative_to(site)
        assert (parallel / name).read_bytes() == page.read_bytes(), name
    template = Environment().from_string("{{ 1 // n }} {{ root }}")
    folder = tmp_path / "pages"
    folder.mkdir()
    todo = [(folder / f"{n}.html", {"n": n}) for n in (1, 2, 0, 4)]
    with pytest.raises(ZeroDivisionError):
        pages.write_pages(template, todo, {"root": "r"})
    assert (folder / "4.html").read_text(encoding="utf-8") == "0 r"  # the others are written


def test_the_index_from_kept_rows_equals_one_rendered_afresh(
    site: Path, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's rows are kept by their page's key: a republish renders the changed
    program's row only, and its index is the one a publish with nothing kept renders; a local
    row template is a new key, so every row is rendered from it."""
    from sobreg.reporting import catalogue

    rendered: list[str] = []
    making = catalogue._row

    def row(view: dict[str, Any], generated: Any) -> dict[str, Any]:
        rendered.append(view["program"]["name"])
        return making(view, generated)

    monkeypatch.setattr(catalogue, "_row", row)
    active_program(repo, "tinnitus", name="Tinnitushjälpen")
    assert cli("publish", "--out", str(site)).code == 0
    assert rendered == ["Tinnitushjälpen"]
    for kept in (repo / ".git" / "sobreg" / "cache" / "views").glob("rows*.pickle"):
        kept.unlink()
    afresh = tmp_path / "afresh"
    assert cli("publish", "--out", str(afresh)).code == 0
    assert len(rendered) == 4  # every row of the three programs rendered again
    index = (site / "index.html").read_text(encoding="utf-8")
    assert (afresh / "index.html").read_text(encoding="utf-8") == index
    shutil.rmtree(repo / ".git" / "sobreg")  # nothing kept at all: views, rows, summaries
    bare = tmp_path / "bare"
    assert cli("publish", "--out", str(bare)).code == 0
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(bare) for p in bare.rglob("*") if p.is_file())
    assert all((site / f).read_bytes() == (bare / f).read_bytes() for f in files)
    local = repo / "templates" / "catalogue"
    local.mkdir(parents=True)
    shipped = (resource("templates") / "catalogue" / "row.html.j2").read_text(encoding="utf-8")
    (local / "row.html.j2").write_text(shipped.replace("<tr ", '<tr data-local="1" '), "utf-8")
    assert cli("publish", "--out", str(site)).code == 0
    assert (site / "index.html").read_text(encoding="utf-8").count('data-local="1"') == 3


def test_an_index_template_of_its_own_still_reads_every_field_of_kept_rows(
    site: Path, repo: Path
) -> None:
    """A registry's own index template written for rows of fields (before rows were kept
    rendered) still gets each field, read from the kept row when it asks."""
    local = repo / "templates" / "catalogue"
    local.mkdir(parents=True)
    (local / "index.html.j2").write_text(
        "{% for r in rows %}<p>{{ r.name }}|{{ r.kind_label }}|{{ r.inactive }}</p>{% endfor %}",
        encoding="utf-8",
    )
    for _ in range(2):  # rendered rows, then kept ones
        assert cli("publish", "--out", str(site)).code == 0
        index = (site / "index.html").read_text(encoding="utf-8")
        names = re.findall(r"<p>([^|]*)\|", index)  # in Swedish name order, escaped
        assert names == [SCRIPT_NAME.replace("<", "&lt;").replace(">", "&gt;")
                         .replace('"', "&#34;"), "Gamla sömnkursen", "Sömnhjälpen"]  # fmt: skip
        assert index.count("|True</p>") == 1 and index.count("|False</p>") == 2


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 -+()@.abcdeåö", max_size=40))
def test_redaction_s_quick_check_never_skips_a_contact(text: str) -> None:
    # The pre-check (an @, or six digits) lets through every string either pattern would change.
    from sobreg.reporting.catalogue import _EMAIL, _PHONE, redact

    full = _PHONE.sub("X", _EMAIL.sub("X", text))
    assert redact(text, "X") == full
