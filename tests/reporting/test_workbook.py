"""`report --format xlsx` (issue 35, point 5): the key figures and every table of the report on
sheets of their own, Swedish headings (English with --lang en), dates as dates and counts as
numbers; opened and read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import active_program, add_nomination, cli
from openpyxl import load_workbook


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    book = load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def test_the_report_as_a_workbook_reads_back_as_the_report(repo: Path, tmp_path: Path) -> None:
    active_program(repo)  # published 2025-06-01
    add_nomination(repo, "N-2025-001", created="2025-02-01")
    out = tmp_path / "uppfoljning.xlsx"
    ran = cli("report", "--year", "2025", "--format", "xlsx", "-o", str(out))
    assert ran.code == 0, ran.stderr
    sheets = _sheets(out)
    assert list(sheets)[:3] == ["Nyckeltal", "Producerade program", "Producerade per år"]
    assert {"Beslut", "Per steg", "Årlig uppföljning", "Ska granskas om"} <= set(sheets)
    report = json.loads(cli("report", "--year", "2025", "--json").stdout)
    figures = {row[0]: row[1] for row in sheets["Nyckeltal"][2:]}
    assert figures["Producerade program (publicerade under året)"] == report["programs_produced"]
    assert all(isinstance(v, int) for v in figures.values())  # counts as numbers
    produced = sheets["Producerade program"]
    assert produced[1] == ["Namn", "Typ", "Publicerat"]
    assert produced[2][0] == "Sömnhjälpen" and produced[2][1] == "behandling"
    published = produced[2][2]
    assert isinstance(published, dt.datetime) and published.date() == dt.date(2025, 6, 1)
    steps = {row[0]: row for row in sheets["Per steg"][2:]}
    assert steps["a"][1] == "Initiering och identifiering av behov" and steps["a"][2] == 1


def test_english_headings_and_a_workbook_only_to_a_file(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    out = tmp_path / "follow-up.xlsx"
    assert cli("report", "--year", "2025", "--format", "xlsx", "-o", str(out), "--lang",
               "en").code == 0  # fmt: skip
    assert next(iter(_sheets(out))) == "Key figures"
    ran = cli("report", "--year", "2025", "--format", "xlsx")
    assert ran.code == 2 and "-o" in ran.stderr  # never bytes on a terminal
    inside = repo / "registry" / "rapport.xlsx"
    assert cli("report", "--year", "2025", "--format", "xlsx", "-o", str(inside)).code == 2
    assert not inside.exists()
