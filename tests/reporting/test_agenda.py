"""`sobreg agenda --council NAME`: what awaits one council, oldest first (issue 31, point 8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    INVENTORY,
    SCREENING,
    active_program,
    add_nomination,
    cli,
    input_file,
    write_doc,
)

COUNCIL = "Samordningsråd psykiatri"
FOLLOW_UP = {
    "patients_started": 40, "patients_completed": 30,
    "patient_experience": {"instrument": "Patientenkät", "result": "4,1 av 5"},
    "outcome": {"instrument": "THI", "result": "Minskning 12 poäng"},
    "quality_registry": None, "assessment": "consider_deactivation",
}  # fmt: skip


def rows(*args: str) -> list[dict[str, Any]]:
    ran = cli("agenda", "--council", COUNCIL, "--json", *args)
    assert ran.code == 0, ran.stderr
    found: list[dict[str, Any]] = json.loads(ran.stdout)
    return found


@pytest.fixture
def agenda_registry(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOBREG_TODAY", "2026-03-02")
    add_nomination(repo, "N-2026-001", title="Sömn för unga vuxna")
    cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING))
    add_nomination(repo, "N-2026-002", title="Ångest hos äldre")
    monkeypatch.setenv("SOBREG_TODAY", "2026-03-10")
    cli("advance", "N-2026-002", "--from-file", write_doc(repo, SCREENING))
    cli("advance", "N-2026-002", "--from-file", write_doc(repo, INVENTORY))
    # Sent to another council only: not on this agenda.
    other = {"screening": {**SCREENING["screening"], "councils": ["Samordningsråd barn"]}}
    add_nomination(repo, "N-2026-003", title="Barn")
    cli("advance", "N-2026-003", "--from-file", write_doc(repo, other))
    active_program(repo, "tinnitus", name="Tinnitushjälpen", council=COUNCIL)
    active_program(repo, "annat-rad", name="Annat", council="Samordningsråd barn")
    active_program(repo, "stress", name="Stresshjälpen", council=COUNCIL)
    monkeypatch.setenv("SOBREG_TODAY", "2026-03-20")
    ran = cli("follow-up", "stress", "--year", "2025", "--from-file",
              str(input_file(tmp_path, FOLLOW_UP)))  # fmt: skip
    assert ran.code == 0, ran.stderr
    monkeypatch.setenv("SOBREG_TODAY", "2026-04-15")
    return repo


def test_the_agenda_lists_what_awaits_the_council_oldest_first(agenda_registry: Path) -> None:
    found = rows()
    assert [(r["id"], r["what"], r["waiting_days"]) for r in found] == [
        ("tinnitus", "follow_up", 104),
        ("N-2026-001", "inventory", 44),
        ("N-2026-002", "position", 36),
        ("stress", "deactivation", 26),
    ]
    assert found[1]["days_left"] == -14  # past the routine's month ("om möjligt inom en månad")
    assert {"id", "title", "step", "what", "waiting_days"} <= set(found[0])
    assert "Långa väntetider" in found[1]["summary"]  # the need, for the members to read
    assert "THI" in found[3]["summary"]


def test_the_council_is_matched_as_people_write_it(agenda_registry: Path) -> None:
    ran = cli("agenda", "--council", "  samordningsråd   PSYKIATRI ", "--json")
    assert len(json.loads(ran.stdout)) == 4
    assert json.loads(cli("agenda", "--council", "Samordningsråd barn", "--json").stdout) != []
    assert json.loads(cli("agenda", "--council", "Inget råd", "--json").stdout) == []


def test_text_md_and_html_are_swedish(agenda_registry: Path, tmp_path: Path) -> None:
    text = cli("agenda", "--council", COUNCIL).stdout
    assert "Dagordning: Samordningsråd psykiatri" in text
    assert "14 dagar över rutinens månad" in text and "Behov:" in text
    md = cli("agenda", "--council", COUNCIL, "--format", "md").stdout
    assert md.startswith("# Dagordning: Samordningsråd psykiatri")
    out = tmp_path / "dagordning.html"
    assert cli("agenda", "--council", COUNCIL, "--format", "html", "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="sv">' in page and "<main" in page and "Tinnitushjälpen" in page
    assert '<p class="publisher">Västra Götalandsregionen' in page  # who sends it out
    assert cli("agenda", "--council", COUNCIL, "--format", "xlsx").code == 2
    english = cli("agenda", "--council", COUNCIL, "--lang", "en").stdout
    assert "Agenda: Samordningsråd psykiatri" in english


def test_on_a_date_and_without_a_council(agenda_registry: Path) -> None:
    # The meeting's date: the days counted to it.
    today, meeting = rows(), rows("--on", "2026-04-25")
    assert [r["waiting_days"] + 10 for r in today] == [r["waiting_days"] for r in meeting]
    assert cli("agenda", "--council", COUNCIL, "--on", "i morgon").code == 2
    assert cli("agenda", "--json").code == 2
    assert cli("agenda", "--council", " ", "--json").code == 2
