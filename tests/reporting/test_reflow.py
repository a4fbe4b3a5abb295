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
    return [site / "index.html", site / "programs" / "somnhjalpen.html", report, statement, agenda,
            site / "tillganglighet.html", site / "nominera.html"]  # fmt: skip


def _width(browser: Any, page: Path, width: int) -> tuple[int, int]:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1,
                             "mobile": False})  # fmt: skip
    browser.get(page.as_uri())
    return browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )


# Every word of the page's text whose characters lie on more than one line: a word broken
# inside. Words are split where a line may break without breaking one (spaces, hyphens,
# slashes, "@" and dots of an address); text in charts, scripts and hidden parts is not read.
_BROKEN_WORDS = """
var broken = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
while ((node = walker.nextNode())) {
  var el = node.parentElement;
  if (!el || el.closest("script, style, svg, [hidden]") || !el.getClientRects().length) continue;
  var seen = true;  // a visually hidden heading (1 px, for screen readers) is not read
  for (var up = el; up && up !== document.body; up = up.parentElement) {
    if (up.getBoundingClientRect().width <= 1) { seen = false; break; }
  }
  if (!seen) continue;
  var words = /[^\\s\\-\u2013\u2014\\/@.·]+/g, m;
  while ((m = words.exec(node.data))) {
    if (m[0].length < 2) continue;
    var range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    var lines = new Set(Array.from(range.getClientRects()).filter(function (r) {
      return r.width > 0; }).map(function (r) { return Math.round(r.bottom); }));
    if (lines.size > 1) broken.push(m[0]);
  }
}
return broken;
"""


# The smallest text as displayed, in CSS px: an element's font size, and for SVG text (a chart
# drawn in one SVG shrinks with it) its size times the drawing's scale.
_SMALLEST_TEXT = """
var smallest = 1000, all = document.body.querySelectorAll("*");
for (var i = 0; i < all.length; i++) {
  var el = all[i], own = Array.from(el.childNodes).some(function (n) {
    return n.nodeType === 3 && n.data.trim(); });
  if (!own || !el.getClientRects().length || el.closest("title, desc, script, style")) continue;
  var size = parseFloat(getComputedStyle(el).fontSize);
  if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
  smallest = Math.min(smallest, size);
}
return smallest;
"""


def _check(
    pages: list[Path], browser: Any, shots: Path | None = None
) -> dict[tuple[str, int], int]:
    """Each page at 320, 768 and 1280 px: no sideways scroll, no word broken inside, no text
    under 12 px, and axe-core's violations (WCAG 2.1 A and AA) none; returns the number of rules
    axe checked per page. `shots`: a folder for a screenshot of each page at each width."""
    axe = _axe_source()
    checked: dict[tuple[str, int], int] = {}
    for page in pages:
        for width in (320, 768, 1280):
            scroll, inner = _width(browser, page, width)
            if shots is not None:
                height = browser.execute_script("return document.documentElement.scrollHeight")
                browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": min(height, 6000),
                                         "deviceScaleFactor": 1, "mobile": False})  # fmt: skip
                browser.save_screenshot(str(shots / f"{page.stem}-{width}.png"))
                _width(browser, page, width)
            assert inner == width and scroll <= inner, (page.name, width, scroll)
            assert browser.execute_script(_BROKEN_WORDS) == [], (page.name, width)
            assert browser.execute_script(_SMALLEST_TEXT) >= 12, (page.name, width)
            browser.execute_script(axe)
            found = browser.execute_async_script(
                "var done = arguments[0]; axe.run().then(function (r) { done(r); });"
            )
            violations = [(v["id"], len(v["nodes"])) for v in found["violations"]]
            assert violations == [], (page.name, width)
            checked[(page.name, width)] = len(found["passes"])
    return checked


def test_the_broken_word_check_sees_a_broken_word(pages: list[Path], browser: Any) -> None:
    # What the catalogue did at 320 px before (a table squeezed until words broke letter by
    # letter): the check must see it, or it proves nothing.
    _width(browser, pages[0], 320)
    browser.execute_script("document.body.style.overflowWrap = 'anywhere';"
                           "document.querySelector('main').style.width = '40px';")  # fmt: skip
    assert browser.execute_script(_BROKEN_WORDS)


def test_every_page_reflows_and_axe_finds_nothing(
    pages: list[Path], browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Screenshots of every page kind at each width, for a person to look at (never committed).
    shots = tmp_path_factory.mktemp("screenshots")
    checked = _check(pages, browser, shots)
    print(f"\nScreenshots of every page kind at 320, 768 and 1280 px: {shots}")
    for (name, width), passed in sorted(checked.items()):
        print(f"axe-core at {width:>4} px: {name}: 0 violations, {passed} rules passed")
    assert len(list(shots.glob("*.png"))) == 3 * len(pages)
    assert all(count > 20 for count in checked.values())  # axe ran its rules on each


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
    pages = [
        national / "index.html",
        national / "tillganglighet.html",
        *sorted((national / "programs").iterdir()),
    ]
    _check([*pages, regional / "programs" / "somnhjalpen.html"], browser)
