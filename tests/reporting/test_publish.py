"""`publish`: the static catalogue, checked as files and in a real headless browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, assessment, cli, git, input_file

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
        "programs/gamla-somnkursen.html",
        "programs/somnhjalpen.html",
        "programs/tinnitus.html",
    ]
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert not EMAIL.findall(html), page
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
