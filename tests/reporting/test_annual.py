"""`report --year` and `status` on a registry with items in several years and every outcome.

Every file is committed today: the counts must come from the dates recorded in the files.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import assessment, cli, git, sobreg, write_yaml

ADMIN = "admin@vgregion.se"
SCRIPT = "<script>alert(1)</script> Ångest"


def _h(at: str, action: str, src: str | None, dst: str, status: str) -> dict[str, Any]:
    return {"at": at, "action": action, "from": src, "to": dst, "status": status, "actor": ADMIN}


def _nomination(repo: Path, item_id: str, created: str, step: str, status: str,
                history: list[dict[str, Any]], **extra: Any) -> None:  # fmt: skip
    data = {"id": item_id, "created": created, "title": f"Idé {item_id}", "kind": "behandling",
            "step": step, "status": status, **extra,
            "history": [_h(created, "nominate", None, "a", "open"), *history]}  # fmt: skip
    write_yaml(repo / "registry" / "nominations" / f"{item_id}.yaml", data)


def _program(repo: Path, item_id: str, name: str, kind: str, published: str, status: str,
             **extra: Any) -> None:  # fmt: skip
    data = {"id": item_id, "created": published, "name": name, "kind": kind, "step": "j",
            "status": status, "origin": "nomination",
            "implementation": {"published": published, "units": ["Psykiatri"]}, **extra,
            "history": [_h(published, "activate", "j", "j", "active")]}  # fmt: skip
    write_yaml(repo / "registry" / "programs" / f"{item_id}.yaml", data)


# An assessment as `assess` stores it (the fixture writes files as valid as sobreg's own: a file
# `validate` refuses is counted by no report).
STORED_ASSESSMENT = {
    **{k: v for k, v in assessment(date="2026-04-01").items() if k != "parts"},
    "method_version": "1", "template": "treatment", "next_review": "2026-10-01",
}  # fmt: skip


@pytest.fixture
def years(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOBREG_TODAY", "2026-03-01")
    # 2024: built after 50 days in inventory.
    _nomination(repo, "N-2024-001", "2024-02-01", "e", "decided", [
        _h("2024-02-10", "advance", "a", "b", "open"),
        _h("2024-04-01", "advance", "b", "c", "open"),
        _h("2024-04-20", "advance", "c", "e", "open"),
        _h("2024-05-01", "close", "e", "e", "decided")],
        decision={"outcome": "build", "date": "2024-05-01"}, program="somnhjalpen")  # fmt: skip
    _program(repo, "somnhjalpen", "Sömnhjälpen", "behandling", "2024-11-02", "active",
             nomination="N-2024-001")  # fmt: skip
    # 2025: rejected by the council; another one enters inventory in December and stays.
    _nomination(repo, "N-2025-001", "2025-01-10", "c", "rejected", [
        _h("2025-01-20", "advance", "a", "b", "open"),
        _h("2025-02-10", "advance", "b", "c", "open"),
        _h("2025-03-01", "close", "c", "c", "rejected")],
        council_position={"decision": "reject", "date": "2025-03-01"})  # fmt: skip
    _nomination(repo, "N-2025-002", "2025-11-15", "b", "open",
                [_h("2025-12-10", "advance", "a", "b", "open")])  # fmt: skip
    # 2026: a purchase, a withdrawal, a PPR reject, a reject at e.
    _nomination(repo, "N-2026-001", "2026-01-05", "e", "decided", [
        _h("2026-02-01", "close", "e", "e", "decided")],
        decision={"outcome": "purchase", "date": "2026-02-01"})  # fmt: skip
    _nomination(repo, "N-2026-002", "2026-02-01", "a", "withdrawn",
                [_h("2026-02-15", "withdraw", "a", "a", "withdrawn")])  # fmt: skip
    _nomination(repo, "N-2026-003", "2026-03-01", "d", "rejected", [
        _h("2026-05-01", "close", "d", "d", "rejected")],
        council_position={"decision": "support", "date": "2026-04-01"},
        ppr_position={"decision": "reject", "date": "2026-05-01"})  # fmt: skip
    _nomination(repo, "N-2026-004", "2026-01-10", "e", "rejected", [
        _h("2026-04-01", "close", "e", "e", "rejected")],
        decision={"outcome": "reject", "date": "2026-04-01"})  # fmt: skip
    _program(repo, "somnappen", "Sömnappen", "stod", "2026-06-01", "active")
    _program(repo, "skript", SCRIPT, "behandling", "2026-03-01", "active",
             assessments=[STORED_ASSESSMENT])  # fmt: skip
    _program(repo, "gammalt", "Gammalt program", "stod", "2023-05-01", "inactive",
             deactivation={"date": "2026-09-01", "reason": "replaced",
                           "replaced_by": "somnhjalpen"})  # fmt: skip
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "backfilled history")
    return repo


def _report(year: int, fmt: str = "json") -> Any:
    ran = cli("report", "--year", str(year), "--format", fmt)
    assert ran.code == 0, ran.stderr
    return json.loads(ran.stdout) if fmt == "json" else ran.stdout


def test_counts_2026(years: Path) -> None:
    r = _report(2026)
    assert list(r)[:8] == [
        "year",
        "programs_produced",
        "programs_produced_by_kind",
        "nominations_received",
        "nominations_decided",
        "programs_deactivated",
        "active_programs",
        "inventory_overdue",
    ]  # the contract's keys first
    assert {k: r[k] for k in [*list(r)[:8], "produced"]} == {
        "year": 2026,
        "programs_produced": 2,
        "programs_produced_by_kind": {"stod": 1, "behandling": 1},
        "nominations_received": 4,
        "nominations_decided": {"build": 0, "purchase": 1, "reject": 2, "not_feasible": 0},
        "programs_deactivated": 1,
        "active_programs": 3,
        "inventory_overdue": 1,
        "produced": [
            {"id": "skript", "name": SCRIPT, "kind": "behandling", "published": "2026-03-01"},
            {"id": "somnappen", "name": "Sömnappen", "kind": "stod", "published": "2026-06-01"},
        ],
    }
    assert r["decision_days"] == {"count": 3, "median": 61.0, "longest": 81}
    assert [o["id"] for o in r["overdue"]] == ["N-2025-002"]
    assert r["overdue"][0]["days"] == 81  # entered b 2025-12-10, still there "today"
    assert r["deactivated"] == [
        {"id": "gammalt", "name": "Gammalt program", "date": "2026-09-01",
         "reason": "replaced", "replaced_by": "somnhjalpen"}]  # fmt: skip
    assert r["reviews_due"] == [
        {
            "id": "skript",
            "name": SCRIPT,
            "next_review": "2026-10-01",
            "reason": "interval",
            "reasons": ["interval"],
        }
    ]
    assert r["produced_per_year"] == {"2023": 1, "2024": 1, "2025": 0, "2026": 2}


def test_counts_2025_and_2024_come_from_recorded_dates(years: Path) -> None:
    r = _report(2025)
    assert r["nominations_received"] == 2
    assert r["nominations_decided"] == {"build": 0, "purchase": 0, "reject": 1, "not_feasible": 0}
    assert r["programs_produced"] == 0
    assert r["active_programs"] == 2  # Sömnhjälpen and the one deactivated in 2026
    assert r["inventory_overdue"] == 0  # 21 days in b by the year's end
    r = _report(2024)
    assert r["programs_produced_by_kind"] == {"stod": 0, "behandling": 1}
    assert r["nominations_decided"]["build"] == 1
    assert [o["id"] for o in r["overdue"]] == ["N-2024-001"]
    assert r["overdue"][0]["days"] == 51  # 2024-02-10 to 2024-04-01, a leap year


def test_an_empty_year_gives_zeros(years: Path) -> None:
    r = _report(1999)
    assert r["programs_produced"] == r["nominations_received"] == r["active_programs"] == 0
    assert r["nominations_decided"] == {"build": 0, "purchase": 0, "reject": 0, "not_feasible": 0}
    assert r["decision_days"] == {"count": 0, "median": None, "longest": None}
    for fmt in ("text", "md", "html", "csv"):
        assert _report(1999, fmt)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_accessible_and_escaped(years: Path) -> None:
    html = _report(2026, "html")
    page = _Page()
    page.feed(html)
    tags = [tag for tag, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "sv"})
    assert "script" not in tags  # the program named <script> is text, not an element
    assert SCRIPT in "".join(page.text)
    assert "&lt;script&gt;" in html
    # Two charts (per step, patients started; this registry produced no earlier years), each a
    # figure of rows whose bars are small SVGs and whose names and values are text.
    tracks = [a for tag, a in page.tags if tag == "svg"]
    assert tags.count("figure") == 2 and len(tracks) >= 11  # a bar for each step a–k at least
    assert all(a.get("class") == "bar-track" and a.get("aria-hidden") == "true" for a in tracks)
    assert any(t == "rect" for t in tags)
    assert all(a.get("scope") in ("col", "row") for tag, a in page.tags if tag == "th")
    assert tags.count("th") > 10
    assert "Västra Götalandsregionen · Regionala SoB-förvaltningen" in html  # who publishes it
    assert {"h1", "h2", "main", "table", "thead", "caption"} <= set(tags)
    # Self-contained: nothing loaded from elsewhere.
    assert not [a for tag, a in page.tags if tag in ("link", "img", "iframe") or a.get("src")]
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_markdown_text_and_csv(years: Path) -> None:
    md = _report(2026, "md")
    assert md.startswith("# Årlig uppföljning 2026")
    assert "| Producerade program (publicerade under året) | 2 |" in md
    assert "&lt;script&gt;" in md and "<script>" not in md
    text = _report(2026, "text")  # piped: plain text from the template
    assert "Sömnappen" in text and "│" not in text
    rows = list(csv.reader(io.StringIO(_report(2026, "csv"))))
    assert rows[0] == ["year", "key", "label", "value"]
    assert ["2026", "nominations_decided.reject", "Beslut: avslag", "2"] in rows
    en = cli("report", "--year", "2026", "--format", "md", "--lang", "en").stdout
    assert en.startswith("# Annual follow-up 2026")


def test_output_file_and_bad_targets(years: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("out") / "r.html"
    ran = cli("report", "--year", "2026", "--format", "html", "-o", str(out))
    assert ran.code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for bad in ("registry/x.html", ".git/x.html", "no/such/folder/x.html", "registry"):
        ran = cli("report", "--year", "2026", "-o", bad)
        assert ran.code == 2, bad
        assert "Traceback" not in ran.stderr
    assert git(years, "status", "--porcelain") == ""
    assert cli("report", "--year", "2026", "--format", "pdf").code == 2
    assert cli("report", "--year", "twenty").code == 2
    assert cli("report").code == 2


def test_a_template_beside_the_registry_overrides_the_shipped_one(years: Path) -> None:
    override = years / "templates" / "report" / "annual.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("Egen mall: {{ r.programs_produced }} program {{ r.year }}\n")
    assert _report(2026, "md") == "Egen mall: 2 program 2026\n"
    assert _report(2026, "html").startswith("<!DOCTYPE html>")  # the others are still shipped


def test_status(years: Path) -> None:
    ran = cli("status", "--json")
    assert ran.code == 0
    s = json.loads(ran.stdout)
    assert s["by_step"]["b"] == 1 and s["by_step"]["j"] == 3 and s["by_step"]["a"] == 0
    assert s["overdue"] == [{"id": "N-2025-002", "days": 81}]
    # Active programs due for review today: never assessed (no date) first.
    assert [(r["id"], r["next_review"]) for r in s["reviews_due"]] == [
        ("somnappen", None),
        ("somnhjalpen", None),
    ]
    assert s["open_nominations"][0]["id"] == "N-2025-002"
    text = cli("status").stdout
    assert "N-2025-002" in text and "81 !" in text


def test_report_as_a_user_types_it(years: Path) -> None:
    ran = sobreg("report", "--year", "2026", "--format", "json", cwd=years,
                 env={"SOBREG_TODAY": "2026-03-01"})  # fmt: skip
    assert ran.code == 0
    assert json.loads(ran.stdout)["programs_produced"] == 2


def test_a_terminal_gets_rich_tables(years: Path) -> None:
    import os
    import sys

    import pexpect

    env = {**os.environ, "SOBREG_TODAY": "2026-03-01", "COLUMNS": "160"}
    out = pexpect.run(
        f"{sys.executable} -m sobreg report --year 2026",
        cwd=str(years),
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    assert "┃" in out or "│" in out  # box-drawing: a rich table
    assert "Sömnappen" in out


def test_summaries_give_the_same_report_and_status_as_whole_files(years: Path) -> None:
    import datetime as dt

    from sobreg.reporting.annual import annual, status
    from sobreg.store.registry import Registry
    from sobreg.validation.summaries import summaries as summarise

    reg = Registry(years / "registry")
    whole, summaries = list(reg.items()), summarise(reg)
    today = dt.date(2026, 3, 1)
    for year in (2024, 2025, 2026):
        assert annual(reg.process, summaries, year, today) == annual(
            reg.process, whole, year, today
        )
    assert status(reg.process, summaries, today) == status(reg.process, whole, today)
    assert summarise(reg) == summaries  # the second time from the cache


def _age(folder: Path) -> None:
    """Files written seconds ago are not trusted by their stat (racily clean): make them old."""
    import os
    import time

    for file in folder.rglob("*.yaml"):
        os.utime(file, (time.time() - 60, time.time() - 60))


def test_the_report_cache_is_used_and_never_stale(
    years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = years / ".git" / "sobreg" / "cache" / "answers"
    _age(years / "registry")
    _report(2026)  # the verdicts and stats, written once
    first = _report(2026)
    cached = sorted(kept.glob("report-*.pickle"))
    assert len(cached) == 1
    assert _report(2026) == first  # from the cache
    # A changed item gives another key: the result is computed again, not taken from the cache.
    path = years / "registry" / "programs" / "somnappen.yaml"
    path.write_text(path.read_text().replace("2026-06-01", "2025-06-01"))
    _age(years / "registry")
    again = _report(2026)
    assert again["programs_produced"] == first["programs_produced"] - 1
    _report(2026)
    assert len(list(kept.glob("report-*.pickle"))) == 2
    # Another day is another key too (overdue inventories count up to today).
    monkeypatch.setenv("SOBREG_TODAY", "2026-04-01")
    assert _report(2026)["overdue"][0]["days"] == 112
    for junk in kept.glob("report-*.pickle"):
        junk.write_bytes(b"not a pickle")
    assert _report(2026)["overdue"][0]["days"] == 112


@pytest.mark.parametrize(
    "command",
    [["status", "--json"], ["list", "--json"], ["list", "programs", "--json"], ["due", "--json"],
     ["search", "sömn", "--json"], ["search", "sömnappen plus", "--limit", "3", "--json"]],
)  # fmt: skip
def test_every_kept_answer_follows_the_files_and_the_day(
    years: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """status, list, due and search answer from a kept result when nothing changed: each answer
    equals the one computed with nothing kept, after an edit and on another day too."""
    kept = years / ".git" / "sobreg" / "cache" / "answers"

    def fresh() -> str:
        for answer in [*kept.glob(f"{command[0]}-*.pickle"), *kept.glob("wordindex-*.pickle")]:
            answer.unlink()
        ran = cli(*command)
        assert ran.code == 0, ran.stderr
        return ran.stdout

    def warm() -> str:
        ran = cli(*command)
        assert ran.code == 0, ran.stderr
        return ran.stdout

    _age(years / "registry")
    first = fresh()
    assert list(kept.glob(f"{command[0]}-*.pickle"))  # kept, so the next run can read it
    assert warm() == first
    path = years / "registry" / "programs" / "somnappen.yaml"
    path.write_text(path.read_text().replace("Sömnappen", "Sömnappen Plus"))
    _age(years / "registry")
    edited = warm()
    assert edited == fresh()
    if command[0] in ("list", "search"):
        assert edited != first and "Plus" in edited
    monkeypatch.setenv("SOBREG_TODAY", "2031-04-01")  # reviews fall due, days in step grow
    later = warm()
    assert later == fresh()
    if command[0] not in ("list", "search"):
        assert later != first
