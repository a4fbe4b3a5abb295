"""National evaluation: the method as data, `assess`, `due`, statements."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, assessment, cli, git, input_file
from pydantic import ValidationError

from sobreg.models import EvaluationMethod
from sobreg.operations.assess import add_months
from sobreg.store import yamlio
from sobreg.store.resources import resource

ADMIN = "admin@vgregion.se"


def _method() -> dict[str, Any]:
    text = resource("defaults/evaluation.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yamlio.load_safe(text, "evaluation.yaml")
    return data


def test_the_shipped_method_holds_what_seed_000_asks() -> None:
    method = EvaluationMethod.model_validate(_method())
    assert set(method.templates) == {"treatment", "support"}
    assert [p.id for p in method.parts] == ["questionnaire", "scientific_review", "demo_review"]
    names = " ".join(c.name.sv for c in method.criteria)
    for word in ("effekt", "Hälsoekonomi", "Etik", "Pedagogik", "WCAG 2.1", "Dataskydd",
                 "Klinisk säkerhet"):  # fmt: skip
        assert word in names
    assert method.assessors_required >= 2
    assert method.re_review.interval_months > 0 and method.re_review.on_new_version


@pytest.mark.parametrize(
    "change",
    [
        {"assessors_required": 1},
        {"criteria": []},
        {"evidence_grades": "no_such_scale"},
        {"re_review": {"interval_months": 0}},
        {
            "templates": {
                "x": {
                    "name": {"sv": "x", "en": "x"},
                    "kinds": ["stod"],
                    "criteria": ["no_such_criterion"],
                }
            }
        },
        {"unknown_key": 1},
    ],
)
def test_a_broken_method_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        EvaluationMethod.model_validate({**_method(), **change})


def test_add_months() -> None:
    assert add_months(dt.date(2026, 5, 31), 36) == dt.date(2029, 5, 31)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_assess_records_computes_next_review_and_commits(repo: Path, tmp_path: Path) -> None:
    path = active_program(repo)
    ran = cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment(),
              "a.json")), "--json")  # fmt: skip
    assert ran.code == 0, ran.stderr
    out = json.loads(ran.stdout)
    assert out["next_review"] == "2029-05-31"  # 36 months, from evaluation.yaml
    assert out["commit"] == git(repo, "rev-parse", "HEAD")
    data = yamlio.load_safe(path.read_text(encoding="utf-8"), "x")
    recorded = data["assessments"][-1]
    assert recorded["date"] == dt.date(2026, 5, 31)  # a date, though the file was JSON
    assert recorded["method_version"] == "1" and recorded["template"] == "treatment"
    assert recorded["next_review"] == dt.date(2029, 5, 31)
    assert list(data)[-1] == "history"  # appended before history, which stays last
    assert git(repo, "log", "-1", "--format=%s") == (
        "somnhjalpen: nationell värdering 2026-05-31 (Rekommenderas)"
    )
    assert cli("validate").code == 0


def test_changing_the_method_changes_the_rule(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    method = repo / "registry" / "evaluation.yaml"
    method.write_text(method.read_text().replace("interval_months: 36", "interval_months: 12"))
    ran = cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment())),
              "--json")  # fmt: skip
    assert json.loads(ran.stdout)["next_review"] == "2027-05-31"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"assessors": [{"name": "Karin Ek"}]}, "minst 2 olika bedömare"),
        ({"assessors": [{"name": "Karin Ek"}, {"name": " karin  ek "}]}, "minst 2"),
        ({"assessors": [{"name": "Karin Ek"}, {"name": "Eva Lund"}]}, "projektgrupp"),
        ({"assessors": [{"name": "Karin Ek"},
                        {"name": "O. Berg", "email": "OLLE.BERG@vgregion.se"}]},
         "granskade programmets innehåll"),
        ({"scores": {"effect": {"score": "moderate"}}}, "bedömning saknas för ethics"),
        ({"evidence_grade": "great"}, "'great' finns inte på skalan"),
        ({"recommendation": "maybe"}, "recommendation"),
        ({"template": "support"}, "gäller inte program av typen behandling"),
        ({"method_version": "0"}, "metodens version är 1"),
        ({"parts": {"questionnaire": {"date": "2026-04-01"}}}, "demo_review"),
        ({"next_review": "2030-01-01"}, "räknas ut av sobreg"),
        ({"date": "2026-02-30"}, "date"),
        ({"statement": ""}, "statement"),
    ],
)  # fmt: skip
def test_assess_refuses(repo: Path, tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    path = active_program(repo)
    before = path.read_bytes()
    head = git(repo, "rev-parse", "HEAD")
    ran = cli(
        "assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment(**change)))
    )
    assert ran.code == 1
    assert expected in ran.stderr
    assert "a.yaml:" in ran.stderr  # placed in the file given
    assert path.read_bytes() == before and git(repo, "rev-parse", "HEAD") == head


def test_assess_bad_targets(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    source = str(input_file(tmp_path, assessment()))
    assert cli("assess", "N-2026-001", "--from-file", source).code == 2
    assert cli("assess", "no-such-program", "--from-file", source).code == 1
    assert cli("assess", "../etc", "--from-file", source).code == 2
    assert cli("assess", "somnhjalpen", "--from-file", "missing.yaml").code == 2


def test_due(repo: Path, tmp_path: Path) -> None:
    active_program(repo)
    active_program(repo, "angest", name="Ångest")
    active_program(repo, "inaktivt", name="Inaktivt", status="inactive", step="k")
    cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment())))
    ran = cli("due", "--on", "2027-01-01", "--json")
    rows = json.loads(ran.stdout)
    # The national review only: the yearly follow-up of 2026, missing, is status's matter.
    assert [(r["id"], r["next_review"], r["reason"]) for r in rows] == [
        ("angest", None, "never_assessed"),
    ]
    assert json.loads(cli("status", "--json").stdout)["follow_up_missing"] != []
    rows = json.loads(cli("due", "--on", "2029-05-31", "--json").stdout)
    assert [r["id"] for r in rows] == ["angest", "somnhjalpen"]
    assert rows[1]["next_review"] == "2029-05-31" and rows[1]["reason"] == "interval"
    # A significant new version makes it due at once.
    assert cli("set", "somnhjalpen", 'significant_version="2.0"').code == 0
    rows = json.loads(cli("due", "--on", "2027-01-01", "--json").stdout)
    assert ("somnhjalpen", "significant_version") in [(r["id"], r["reason"]) for r in rows]
    assert cli("due", "--on", "tomorrow").code == 2
    assert "angest" in cli("due", "--on", "2027-01-01").stdout


def test_statement_md_and_html(repo: Path, tmp_path: Path) -> None:
    active_program(repo, name="Sömnhjälpen <b>ny</b>")
    assert cli("show", "somnhjalpen", "--statement").code == 1  # nothing assessed yet
    cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment())))
    md = cli("show", "somnhjalpen", "--statement").stdout
    assert md.startswith("# Utlåtande: Sömnhjälpen &lt;b&gt;ny&lt;/b&gt;")
    for text in (
        "Måttligt vetenskapligt underlag",
        "**Rekommenderas**",
        "2029-05-31",
        "Hälsoekonom, Region Skåne",
        "Evidens för effekt",
        "Två randomiserade studier",
    ):
        assert text in md  # fmt: skip
    assert "Karin Ek" not in md and "@" not in md  # roles, not names or addresses
    html = cli("show", "somnhjalpen", "--statement", "--format", "html", "--lang", "en").stdout
    assert '<html lang="en">' in html and "&lt;b&gt;ny&lt;/b&gt;" in html
    assert "Moderate certainty of evidence" in html
    assert cli("show", "somnhjalpen", "--statement", "--format", "pdf").code == 2


def test_the_statement_shown_has_no_contact_details_as_the_published_one(
    repo: Path, tmp_path: Path
) -> None:
    # Issue 34, item 12: `show --statement` is a document to pass on, like the published page.
    active_program(repo)
    text = "Kontakt: eva.lund@vgregion.se, 031-123 45 67."
    source = input_file(tmp_path, assessment(statement=text))
    assert cli("assess", "somnhjalpen", "--from-file", str(source)).code == 0
    for fmt in ("md", "html"):
        shown = cli("show", "somnhjalpen", "--statement", "--format", fmt).stdout
        assert "eva.lund@vgregion.se" not in shown and "123 45 67" not in shown
        assert "[kontaktuppgift borttagen]" in shown
