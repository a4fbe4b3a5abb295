"""An HTML/script payload in every free-text field reaches every HTML output as text only."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, add_nomination, assessment, cli, git, input_file

PAYLOAD = '<script>alert(1)</script><img src=x onerror="alert(2)">"\'&'


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.handlers: list[str] = []
        self.images = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.images += tag == "img"
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Elements:
    page = _Elements()
    page.feed(html)
    return page


def _payload_everywhere(value: Any) -> Any:
    if isinstance(value, str) and value not in ("stod", "behandling"):
        return value + PAYLOAD
    if isinstance(value, dict):
        return {k: _payload_everywhere(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_payload_everywhere(v) for v in value]
    return value


@pytest.fixture
def hostile(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    add_nomination(repo, title="Idé " + PAYLOAD, need=PAYLOAD, usage=PAYLOAD)
    active_program(repo, name="Program " + PAYLOAD, kind="behandling",
                   implementation={"published": "2026-06-01", "units": [PAYLOAD]},
                   deactivation=None)  # fmt: skip
    active_program(repo, "gammalt", name="Gammalt " + PAYLOAD, status="inactive", step="k",
                   deactivation={"date": "2026-09-01", "reason": "replaced",
                                 "replaced_by": "somnhjalpen", "note": PAYLOAD})  # fmt: skip
    data = assessment()
    free = {k: data[k] for k in ("statement",)}
    data.update(_payload_everywhere(free))
    data["assessors"] = [{**a, "role": a["role"] + PAYLOAD, "organisation": PAYLOAD}
                         for a in data["assessors"]]  # fmt: skip
    for score in data["scores"].values():
        score["note"] = PAYLOAD
    data["parts"]["scientific_review"]["summary"] = PAYLOAD
    source = input_file(tmp_path_factory.mktemp("in"), data)
    assert cli("assess", "somnhjalpen", "--from-file", str(source)).code == 0
    assert git(repo, "status", "--porcelain") == ""
    return repo


def test_every_html_output_escapes(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outputs: dict[str, tuple[str, int]] = {}
    report = cli("report", "--year", "2026", "--format", "html")
    assert report.code == 0
    outputs["report"] = (report.stdout, 0)
    statement = cli("show", "somnhjalpen", "--statement", "--format", "html")
    assert statement.code == 0
    outputs["statement"] = (statement.stdout, 0)
    site = tmp_path_factory.mktemp("site") / "public"
    assert cli("publish", "--out", str(site)).code == 0
    for file in site.rglob("*.html"):
        if file.name == "tillganglighet.html":
            continue  # the accessibility statement shows nothing of the registry's files
        if file.name == "nominera.html":
            # The form: its data block (never executed) and its own script file; the registry's
            # names reach it only inside the data block, with `<` escaped.
            html = file.read_text(encoding="utf-8")
            page = _parse(html)
            assert page.scripts == 2 and page.handlers == [] and page.images == 0
            assert html.count("<script") == 2 and '<script src="nominera.js">' in html
            assert "<script>alert(1)" not in html and "\\u003cscript>alert(1)" in html
            continue
        # The catalogue's index has its own filtering script, and only that one.
        outputs[file.name] = (file.read_text(encoding="utf-8"), int(file.name == "index.html"))
    for name, (html, scripts) in outputs.items():
        page = _parse(html)
        assert page.scripts == scripts, name
        assert page.images == 0 and page.handlers == [], name
        assert "<script>alert(1)" in "".join(page.text), name  # shown as text
    markdown = cli("report", "--year", "2026", "--format", "md").stdout
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
