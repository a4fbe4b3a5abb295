"""A program's life after j: versions and significant changes, units, yearly follow-up; what
`check`, `due`, `status`, `report`, the catalogue and `verify` make of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, cli, git, input_file

from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
TESTS = (
    "{functional: {date: 2026-05-12, result: passed}, clinical: {date: 2026-05-20, result: passed}}"
)
FOLLOW_UP: dict[str, Any] = {
    "patients_started": 120,
    "patients_completed": 85,
    "patient_experience": {"instrument": "Patientenkät", "result": "4.2 av 5"},
    "outcome": {"instrument": "ISI", "result": "Medelminskning 7 poäng"},
    "quality_registry": None,
    "assessment": "continue",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    monkeypatch.setenv("SOBREG_ACTOR", ADMIN)


def _json(*args: str) -> Any:
    ran = cli(*args, "--json")
    assert ran.code == 0, ran.stderr
    return json.loads(ran.stdout)


def _data(repo: Path, item_id: str = "somnhjalpen") -> dict[str, Any]:
    path = repo / "registry" / "programs" / f"{item_id}.yaml"
    data: dict[str, Any] = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
    return data


def _release(change: str, version: str = "2.0") -> dict[str, Any]:
    return dict(_json("release", "somnhjalpen", "--version", version, "--change", change,
                      "--summary", "Ny modul om sömnschema", "--date", "2026-05-01"))  # fmt: skip


def test_a_minor_release_demands_nothing(repo: Path) -> None:
    active_program(repo)
    out = _release("minor", "1.1")
    assert out["requires"] == [] and out["change"] == "minor"
    data = _data(repo)
    assert data["versions"][0]["version"] == "1.1" and data["versions"][0]["actor"] == ADMIN
    assert "significant_version" not in data
    assert git(repo, "log", "-1", "--format=%(trailers:key=Sobreg-Action,valueonly)") == "release"
    rows = _json("due", "--on", "2026-06-01")
    assert all(r["reason"] != "significant_version" for r in rows)


def test_a_significant_release_is_pending_until_reviewed_tested_and_assessed(repo: Path) -> None:
    active_program(repo)
    out = _release("significant")
    expected = ["content_review.date", "testing.functional.date", "testing.clinical.date",
                "assessments"]  # fmt: skip
    assert out["requires"] == expected
    checked = json.loads(cli("check", "somnhjalpen", "--json").stdout)
    assert set(expected) <= set(checked["missing"]) and checked["ready"] is False
    # Never assessed nationally comes first; the regional review and tests are status's matter.
    assert _json("due")[0]["reason"] == "never_assessed"
    assert _json("status")["changes_unreviewed"][0]["version"] == "2.0"
    for key, value in (
        ("content_review.date", "2026-05-10"),
        ("testing", TESTS),
    ):
        assert cli("set", "somnhjalpen", f"{key}={value}").code == 0
    checked = json.loads(cli("check", "somnhjalpen", "--json").stdout)
    assert [m for m in checked["missing"] if m in expected] == ["assessments"]


def test_the_significant_rule_comes_from_process_yaml(repo: Path) -> None:
    active_program(repo)
    process = repo / "registry" / "process.yaml"
    text = (
        process.read_text(encoding="utf-8")
        .replace(
            "redo: [content_review.date, testing.functional.date, testing.clinical.date]",
            "redo: [production.wcag21_checked_on]",
        )
        .replace("      national_review: true\n", "")
    )
    process.write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "a region's own rule")
    assert _release("significant")["requires"] == ["production.wcag21_checked_on"]


def test_adopt_and_end(repo: Path) -> None:
    active_program(repo)
    out = _json("adopt", "somnhjalpen", "--unit", "Vårdcentralen Lerum", "--date", "2026-03-01")
    assert out == {"id": "somnhjalpen", "commit": out["commit"], "unit": "Vårdcentralen Lerum",
                   "since": "2026-03-01"}  # fmt: skip
    again = cli("adopt", "somnhjalpen", "--unit", "Vårdcentralen Lerum")
    assert again.code == 1 and "redan" in again.stderr
    ended = _json("adopt", "somnhjalpen", "--unit", "Vårdcentralen Lerum", "--ended")
    assert ended["ended"] == "2026-06-01"
    assert _data(repo)["units"] == [
        {"name": "Vårdcentralen Lerum", "since": __import__("datetime").date(2026, 3, 1),
         "ended": __import__("datetime").date(2026, 6, 1)}
    ]  # fmt: skip
    assert cli("adopt", "somnhjalpen", "--unit", "Okänd", "--ended").code == 1
    future = cli("adopt", "somnhjalpen", "--unit", "X", "--date", "2027-01-01")
    assert future.code == 1 and "framtiden" in future.stderr


def test_a_valid_follow_up_is_recorded(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    out = _json("follow-up", "somnhjalpen", "--year", "2025", "--from-file",
                str(input_file(tmp_path, FOLLOW_UP)))  # fmt: skip
    assert out["year"] == 2025
    assert _data(repo)["follow_up"][0]["patients_started"] == 120
    again = cli("follow-up", "somnhjalpen", "--year", "2025", "--from-file",
                str(input_file(tmp_path, FOLLOW_UP, "b.yaml")))  # fmt: skip
    assert again.code == 1 and "redan" in again.stderr


@pytest.mark.parametrize(
    ("change", "year", "expected"),
    [
        ({"patients_started": -1}, 2025, "patients_started"),
        ({"patients_completed": 200}, 2025, "kan inte vara fler än patients_started"),
        ({"outcome": {"instrument": " ", "result": "bra"}}, 2025, "ange instrument och resultat"),
        ({}, 2027, "året 2027 kan inte följas upp"),
        ({"assessment": "maybe"}, 2025, "maybe är inget av"),
        ({"extra": 1}, 2025, "okända fält: extra"),
    ],
)
def test_an_invalid_follow_up_is_refused(
    repo: Path, tmp_path: Path, change: dict[str, Any], year: int, expected: str
) -> None:
    active_program(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("follow-up", "somnhjalpen", "--year", str(year), "--from-file",
              str(input_file(tmp_path, {**FOLLOW_UP, **change})))  # fmt: skip
    assert ran.code == 1 and expected in ran.stderr, ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head


def test_due_and_status_list_a_missing_follow_up_and_consider_deactivation(
    repo: Path, tmp_path: Path
) -> None:
    active_program(repo)
    active_program(repo, "angest", name="Ångesthjälpen")
    source = input_file(tmp_path, {**FOLLOW_UP, "assessment": "consider_deactivation"})
    assert cli("follow-up", "angest", "--year", "2025", "--from-file", str(source)).code == 0
    status = _json("status")
    assert [r["id"] for r in status["follow_up_missing"]] == ["somnhjalpen"]
    assert status["follow_up_missing"][0]["year"] == 2025
    assert [r["id"] for r in status["consider_deactivation"]] == ["angest"]
    # A missing yearly follow-up is the region's own matter, never a national review's reason.
    due = {r["id"]: r["reason"] for r in _json("due")}
    assert due == {"somnhjalpen": "never_assessed", "angest": "never_assessed"}
    assert [r["id"] for r in status["reviews_due"]] == ["angest", "somnhjalpen"]
    assert {r["reason"] for r in status["reviews_due"]} == {"never_assessed"}


@pytest.mark.parametrize("instrument", ["THI", "IBS-SSS", "Egen enkät om yrsel"])
def test_any_named_instrument_is_taken_and_shown_as_given(
    repo: Path, tmp_path: Path, instrument: str
) -> None:
    # A tinnitus, IBS or dizziness program follows up with its own instrument (seed 000's
    # inventory holds tinnitus, pain, IBS and MS programs).
    active_program(repo)
    record = {**FOLLOW_UP, "outcome": {"instrument": instrument, "result": "Minskning 12 poäng"}}
    ran = cli("follow-up", "somnhjalpen", "--year", "2025", "--from-file",
              str(input_file(tmp_path, record)))  # fmt: skip
    assert ran.code == 0, ran.stderr
    assert _data(repo)["follow_up"][0]["outcome"]["instrument"] == instrument
    report = json.loads(cli("report", "--year", "2025", "--json").stdout)
    assert report["follow_up"][0]["outcome"].startswith(instrument)


def test_life_actions_only_on_programs_in_use(repo: Path) -> None:
    active_program(repo, "gammalt", name="Gammalt", status="inactive", step="k")
    ran = cli("adopt", "gammalt", "--unit", "VC")
    assert ran.code == 1 and "används inte" in ran.stderr
    assert cli("release", "N-2026-001", "--version", "1", "--change", "minor",
               "--summary", "x").code == 2  # fmt: skip


def test_verify_accepts_life_actions_in_use_and_refuses_them_elsewhere(repo: Path) -> None:
    active_program(repo)
    base = git(repo, "rev-parse", "HEAD")
    _release("minor", "1.1")
    assert cli("adopt", "somnhjalpen", "--unit", "VC Lerum").code == 0
    assert cli("verify", "--base", base).code == 0
    # By hand: deactivated, then a unit adopting it anyway.
    path = repo / "registry" / "programs" / "somnhjalpen.yaml"
    doc = yamlio.load_roundtrip(path.read_text(encoding="utf-8"), "x")
    last = {k: v for k, v in doc["history"][-1].items() if k not in ("digest", "state")}
    doc["history"].append({**last, "action": "deactivate", "to": "k", "status": "inactive",
                           "reason": "replaced"})  # fmt: skip
    doc["history"].append({**last, "action": "adopt", "from": "k", "to": "k",
                           "status": "inactive", "note": "VC X"})  # fmt: skip
    doc["step"], doc["status"] = "k", "inactive"
    path.write_text(yamlio.dump_roundtrip(doc), encoding="utf-8")
    ran = cli("verify")
    assert ran.code == 1 and "historikpost 5: adopt gäller bara program i bruk" in ran.stdout


def test_the_report_counts_the_life_after_j(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    active_program(repo, "angest", name="Ångesthjälpen")
    _release("significant")
    assert cli("release", "angest", "--version", "1.1", "--change", "minor", "--summary", "Text",
               "--date", "2026-02-01").code == 0  # fmt: skip
    assert cli("adopt", "angest", "--unit", "VC Lerum", "--date", "2026-04-01").code == 0
    source = input_file(tmp_path, FOLLOW_UP)
    assert cli("follow-up", "somnhjalpen", "--year", "2026", "--from-file", str(source)).code == 0
    data = _json("report", "--year", "2026")
    assert data["versions_released"] == 2 and data["significant_changes"] == 1
    assert data["units_adopting"] == 1
    assert data["follow_up_coverage"] == {"active": 2, "with_follow_up": 1}
    assert data["programs_produced"] == 0 and data["active_programs"] == 2  # unchanged keys
    text = cli("report", "--year", "2026").stdout
    assert "Uppföljning 2026: 1 av 2 program i bruk" in text and "Påbörjat 120" in text
    md = cli("report", "--year", "2026", "--format", "md").stdout
    assert "| Sömnhjälpen | 120 | 85 |" in md
    html = cli("report", "--year", "2026", "--format", "html").stdout
    assert 'id="chart-started-t"' in html and "VC Lerum" in html
    csv = cli("report", "--year", "2026", "--format", "csv").stdout
    assert "2026,follow_up.somnhjalpen.patients_started,Sömnhjälpen: Påbörjat,120" in csv
    assert "2026,versions_released,Versioner släppta,2" in csv


def test_the_catalogue_marks_an_unreviewed_version_and_shows_the_units(repo: Path) -> None:
    active_program(repo)
    _release("significant")
    assert cli("adopt", "somnhjalpen", "--unit", "VC Lerum").code == 0
    out = repo.parent / f"{repo.name}-site"
    assert cli("publish", "--out", str(out)).code == 0
    page = (out / "programs" / "somnhjalpen.html").read_text(encoding="utf-8")
    assert "inte granskad nationellt ännu" in page and "VC Lerum" in page


def test_dates_that_cannot_be_true_are_refused(repo: Path, tmp_path: Path) -> None:
    # Issue 34, item 6: a unit cannot adopt, nor a year be followed up, before publication
    # (2025-06-01 here); an item is never created in the future.
    active_program(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("adopt", "somnhjalpen", "--unit", "VC Lerum", "--date", "2025-05-01")
    assert ran.code == 1 and "2025-06-01" in ran.stderr
    ran = cli("follow-up", "somnhjalpen", "--year", "2024", "--from-file",
              str(input_file(tmp_path, FOLLOW_UP)))  # fmt: skip
    assert ran.code == 1 and "2024" in ran.stderr
    ran = cli("set", "somnhjalpen", "created=2031-01-01", "--reason", "Fel år")
    assert ran.code == 1 and "created" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert cli("adopt", "somnhjalpen", "--unit", "VC Lerum", "--date", "2025-06-01").code == 0
