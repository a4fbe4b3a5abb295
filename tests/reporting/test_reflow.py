"""The pages a person reads, in a real browser: every one fits 320 CSS px without scrolling
sideways (WCAG 2.1, 1.4.10) and at 1280 px, and axe-core finds no violation on any of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, add_nomination, assessment, cli, input_file
from worlds import World

ADMIN = "admin@vgregion.se"


def _axe_source() -> str:
    import axe_selenium_python

    return (Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" /
            "axe.min.js").read_text(encoding="utf-8")  # fmt: skip


@pytest.fixture
def pages(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    monkeypatch.setenv("SOBREG_ACTOR", ADMIN)
    long_name = "Internetbaserad kognitiv beteendeterapi vid sömnbesvär för unga vuxna " * 2
    active_program(repo, name="Sömnhjälpen", production={"languages": ["sv", "en"]},
                   council="Samordningsråd psykiatri")  # fmt: skip
    active_program(repo, "lang", name=long_name.strip())
    assert (
        cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment()))).code
        == 0
    )
    assert cli("adopt", "somnhjalpen", "--unit", "Vårdcentralen Lerum med ett långt namn").code == 0
    site = tmp_path / "site"
    assert cli("publish", "--out", str(site)).code == 0
    report = tmp_path / "rapport.html"
    assert cli("report", "--year", "2025", "--format", "html", "-o", str(report)).code == 0
    statement = tmp_path / "utlatande.html"
    ran = cli("show", "somnhjalpen", "--statement", "--format", "html")
    statement.write_text(ran.stdout, encoding="utf-8")
    agenda = tmp_path / "dagordning.html"
    ran = cli("agenda", "--council", "Samordningsråd psykiatri", "--format", "html",
              "-o", str(agenda))  # fmt: skip
    assert ran.code == 0 and "Sömnhjälpen" in agenda.read_text(encoding="utf-8")
    return [site / "index.html", site / "programs" / "somnhjalpen.html", report, statement, agenda]


def _width(browser: Any, page: Path, width: int) -> tuple[int, int]:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1,
                             "mobile": False})  # fmt: skip
    browser.get(page.as_uri())
    return browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )


def _check(pages: list[Path], browser: Any) -> None:
    axe = _axe_source()
    for page in pages:
        for width in (320, 1280):
            scroll, inner = _width(browser, page, width)
            assert inner == width and scroll <= inner, (page.name, width, scroll)
        browser.execute_script(axe)
        violations = browser.execute_async_script(
            "var done = arguments[0]; axe.run().then(function (r) { done(r.violations); });"
        )
        assert [(v["id"], len(v["nodes"])) for v in violations] == [], page.name


def test_every_page_reflows_and_axe_finds_nothing(pages: list[Path], browser: Any) -> None:
    _check(pages, browser)


def test_the_national_catalogue_reflows_and_axe_finds_nothing(
    world: World, tmp_path: Path, browser: Any
) -> None:
    add_nomination(world.vgr, "N-2026-001", status="decided", program="somnhjalpen")
    active_program(world.vgr, "somnhjalpen", nomination="N-2026-001",
                   national={"source": "nkg", "id": "somnhjalpen"})  # fmt: skip
    assert cli("sources", "fetch").code == 0
    national, regional = tmp_path / "nationell", tmp_path / "regional"
    assert cli("publish", "--out", str(national), "--sources", "all").code == 0
    assert cli("publish", "--out", str(regional)).code == 0
    pages = [national / "index.html", *sorted((national / "programs").iterdir())]
    _check([*pages, regional / "programs" / "somnhjalpen.html"], browser)
