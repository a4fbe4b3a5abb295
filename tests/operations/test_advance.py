"""Steps a–k end to end in real git repositories (issue 3, point 7)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from conftest import (
    COUNCIL,
    DECISION,
    IMPLEMENTATION,
    INVENTORY,
    PRODUCTION,
    PROJECT,
    REVIEW,
    SCREENING,
    TESTING,
    add_inventoried,
    add_nomination,
    cli,
    git,
    sobreg,
    write_doc,
)

from sobreg.store import yamlio


def load(path: Path) -> Any:
    return yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))


def advance_json(*args: str) -> dict[str, Any]:
    ran = cli("advance", *args, "--json")
    assert ran.code == 0, ran.stderr
    return json.loads(ran.stdout)


def test_a_to_j_as_a_user_types_it(repo: Path, data_file: Any) -> None:
    add_nomination(repo)
    env = {"SOBREG_ACTOR": "admin@vgregion.se", "SOBREG_TODAY": "2026-04-10"}
    steps = [
        ("N-2026-001", SCREENING, "b"),
        ("N-2026-001", INVENTORY, "c"),
        ("N-2026-001", COUNCIL, "e"),
        ("N-2026-001", DECISION, "e"),
        ("somnhjalpen", PROJECT, "g"),
        ("somnhjalpen", PRODUCTION, "h"),
        ("somnhjalpen", REVIEW, "i"),
        ("somnhjalpen", TESTING, "j"),
        ("somnhjalpen", IMPLEMENTATION, "j"),
    ]
    for item_id, values, expected in steps:
        before = git(repo, "rev-parse", "HEAD")
        ran = sobreg(
            "advance", item_id, "--from-file", data_file(values), "--json", cwd=repo, env=env
        )
        assert ran.code == 0, ran.stderr
        out = json.loads(ran.stdout)
        assert out["to"] == expected
        assert git(repo, "rev-parse", "HEAD^") == before  # exactly one commit per advance
        assert out["commit"] == git(repo, "rev-parse", "HEAD")
    nomination = load(repo / "registry/nominations/N-2026-001.yaml")
    program = load(repo / "registry/programs/somnhjalpen.yaml")
    assert (nomination["status"], nomination["program"]) == ("decided", "somnhjalpen")
    assert (program["step"], program["status"], program["nomination"]) == (
        "j",
        "active",
        "N-2026-001",
    )
    assert [h["action"] for h in program["history"]] == [
        "create",
        "advance",
        "advance",
        "advance",
        "advance",
        "activate",
    ]
    message = git(repo, "log", "-1", "--format=%B")
    assert "Sobreg-Id: somnhjalpen" in message and "Sobreg-Action: activate" in message
    assert git(repo, "log", "-1", "--format=%ae") == "admin@vgregion.se"
    assert sobreg("validate", cwd=repo).code == 0
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    assert sobreg("verify", "--base", first, cwd=repo).code == 0
    log = json.loads(sobreg("log", "somnhjalpen", "--json", cwd=repo).stdout)
    assert len(log) == 6 and {"commit", "date", "author", "message"} <= set(log[0])
    assert log[0]["trailers"] == {
        "Sobreg-Id": "somnhjalpen",
        "Sobreg-Action": "activate",
        "Sobreg-From": "j",
        "Sobreg-To": "j",
    }


def test_refused_advance_changes_nothing(repo: Path) -> None:
    path = add_nomination(repo)
    before, head = path.read_bytes(), git(repo, "rev-parse", "HEAD")
    ran = cli("advance", "N-2026-001", "--set", "screening.feasible_in_sob=true")
    assert ran.code == 1
    assert "screening.councils" in ran.stderr
    assert path.read_bytes() == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_invalid_value_is_refused_at_the_option_that_gave_it(repo: Path) -> None:
    # The mistake is on the command line, not at a line of the file (issue 34, item 8).
    path = add_nomination(repo)
    before = path.read_bytes()
    ran = cli("set", "N-2026-001", "costs.development_sek=-5")
    assert ran.code == 1
    assert "--set costs.development_sek=-5: ska vara minst 0." in ran.stderr
    assert "N-2026-001.yaml:" not in ran.stderr
    assert path.read_bytes() == before


def test_setting_the_values_an_item_holds_records_nothing(repo: Path) -> None:
    path = add_nomination(repo)
    before, head = path.read_bytes(), git(repo, "rev-parse", "HEAD")
    ran = cli("set", "N-2026-001", "costs.development_sek=250000", "kind=behandling")
    assert ran.code == 0 and "N-2026-001" in ran.stdout
    assert path.read_bytes() == before and git(repo, "rev-parse", "HEAD") == head
    # One value that differs: a commit, and the item's trail names the field set.
    ran = cli("set", "N-2026-001", "costs.development_sek=260000", "kind=behandling")
    assert ran.code == 0 and git(repo, "rev-parse", "HEAD") != head
    assert "development_sek: 260000" in path.read_text(encoding="utf-8")


def test_ppr_branch(repo: Path) -> None:
    add_nomination(repo)
    advance_json("N-2026-001", "--from-file", write_doc(repo, SCREENING))
    advance_json("N-2026-001", "--from-file", write_doc(repo, INVENTORY))
    council = {"council_position": {**COUNCIL["council_position"], "to_ppr": True}}
    assert (
        cli("advance", "N-2026-001", "--from-file", write_doc(repo, council)).code == 1
    )  # consequences missing
    council["council_position"]["consequences"] = "Kräver nya resurser"
    assert advance_json("N-2026-001", "--from-file", write_doc(repo, council))["to"] == "d"
    ppr = {
        "ppr_position": {"decision": "support", "rationale": "Prioriteras", "date": "2026-04-05"}
    }
    assert advance_json("N-2026-001", "--from-file", write_doc(repo, ppr))["to"] == "e"


def test_a_purchase_goes_through_g_named_after_the_existing_program(repo: Path) -> None:
    # Routine g: "Innehåll produktion, utformning, namnsättning, språk och tillgänglighet" holds
    # for a purchased program too: it is named in SoB and checked against WCAG 2.1.
    add_nomination(
        repo, request="purchase", existing_program={"name": "Sova bra", "supplier": "Region X"}
    )
    for values in (SCREENING, INVENTORY, COUNCIL):
        advance_json("N-2026-001", "--from-file", write_doc(repo, values))
    decision = {"decision": {**DECISION["decision"], "outcome": "purchase", "program_id": None}}
    out = advance_json("N-2026-001", "--from-file", write_doc(repo, decision))
    assert out["program"] == "sova-bra"
    program_path = repo / "registry/programs/sova-bra.yaml"
    assert load(program_path)["name"] == "Sova bra"
    assert (
        cli("advance", "sova-bra", "--from-file", write_doc(repo, PROJECT)).code == 1
    )  # agreements
    project = {
        "project": {**PROJECT["project"], "agreements": [{"party": "Region X", "kind": "licens"}]}
    }
    assert advance_json("sova-bra", "--from-file", write_doc(repo, project))["to"] == "g"
    ran = cli("check", "sova-bra", "--json")
    missing = json.loads(ran.stdout)["missing"]
    assert {"production.wcag21_checked", "production.medical_device.is_device"} <= set(missing)
    assert advance_json("sova-bra", "--from-file", write_doc(repo, PRODUCTION))["to"] == "h"
    program = load(program_path)
    assert program["origin"] == "purchase" and program["name"] == "Sömnhjälpen"
    assert [h["action"] for h in program["history"]] == ["create", "advance", "advance"]


def test_a_council_reject_is_a_position_and_e_decides(repo: Path) -> None:
    # Routine c: "Samordningsråd tar ställning"; e: "Regionala SoB-förvaltningen ... fattar
    # beslut". A position against never closes the nomination.
    add_nomination(repo)
    advance_json("N-2026-001", "--from-file", write_doc(repo, SCREENING))
    advance_json("N-2026-001", "--from-file", write_doc(repo, INVENTORY))
    reject = {"council_position": {**COUNCIL["council_position"], "decision": "reject"}}
    out = advance_json("N-2026-001", "--from-file", write_doc(repo, reject))
    assert (out["to"], out["status"]) == ("e", "open")
    decision = {"decision": {**DECISION["decision"], "outcome": "reject"}}
    out = advance_json("N-2026-001", "--from-file", write_doc(repo, decision))
    assert (out["to"], out["status"]) == ("e", "rejected")
    assert cli("advance", "N-2026-001").code == 1  # closed


def test_a_ppr_reject_goes_to_e_too(repo: Path) -> None:
    add_nomination(repo)
    advance_json("N-2026-001", "--from-file", write_doc(repo, SCREENING))
    advance_json("N-2026-001", "--from-file", write_doc(repo, INVENTORY))
    council = {"council_position": {**COUNCIL["council_position"], "to_ppr": True,
                                    "consequences": "Kräver resurser"}}  # fmt: skip
    assert advance_json("N-2026-001", "--from-file", write_doc(repo, council))["to"] == "d"
    ppr = {"ppr_position": {"decision": "reject", "rationale": "Ej nu", "date": "2026-04-05"}}
    out = advance_json("N-2026-001", "--from-file", write_doc(repo, ppr))
    assert (out["to"], out["status"]) == ("e", "open")


def test_withdraw(repo: Path) -> None:
    add_nomination(repo)
    assert cli("withdraw", "N-2026-001", "--reason", "Behovet täcks redan").code == 0
    data = load(repo / "registry/nominations/N-2026-001.yaml")
    assert data["status"] == "withdrawn" and data["history"][-1]["reason"] == "Behovet täcks redan"
    assert cli("withdraw", "N-2026-001", "--reason", "igen").code == 1


def test_skip_with_reason_and_reopen(repo: Path) -> None:
    add_nomination(repo)
    assert cli("advance", "N-2026-001", "--to", "c").code == 2  # a reason is required
    out = advance_json("N-2026-001", "--to", "c", "--reason", "Brådskande, rådet tar det direkt")
    assert out["to"] == "c"
    history = load(repo / "registry/nominations/N-2026-001.yaml")["history"]
    assert [(h["action"], h["from"], h["to"]) for h in history[1:]] == [
        ("skip", "a", "b"),
        ("skip", "b", "c"),
    ]
    assert "screening.councils" in history[1]["note"]
    out = advance_json("N-2026-001", "--to", "b", "--reason", "Inventeringen behöver göras")
    assert (out["to"], out["status"]) == ("b", "open")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    assert cli("verify", "--base", first).code == 0


def _to_active(repo: Path) -> None:
    add_nomination(repo)
    for item_id, values in [
        ("N-2026-001", SCREENING),
        ("N-2026-001", INVENTORY),
        ("N-2026-001", COUNCIL),
        ("N-2026-001", DECISION),
        ("somnhjalpen", PROJECT),
        ("somnhjalpen", PRODUCTION),
        ("somnhjalpen", REVIEW),
        ("somnhjalpen", TESTING),
        ("somnhjalpen", IMPLEMENTATION),
    ]:
        advance_json(item_id, "--from-file", write_doc(repo, values))  # type: ignore[arg-type]


# Routine k: "Aktuellt samordningsråd meddelar ställningstagande om inaktivering".
COUNCIL_ON_INACTIVATION = (
    "--set",
    "deactivation.council_position.council=Samordningsråd psykiatri",
    "--set",
    f"deactivation.council_position.date={dt.date.today().isoformat()}",
)


def test_deactivation_needs_the_councils_position(repo: Path) -> None:
    _to_active(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("advance", "somnhjalpen", "--set", f"deactivation.date={dt.date.today()}",
              "--set", "deactivation.reason=need_changed")  # fmt: skip
    assert ran.code == 1 and "deactivation.council_position.council" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head


def test_a_replacement_outside_the_registry_is_named(repo: Path) -> None:
    _to_active(repo)
    ran = cli("set", "somnhjalpen", "deactivation.replaced_by=Sova bättre")
    assert ran.code == 1 and "deactivation.replaced_by" in ran.stderr
    assert cli("set", "somnhjalpen", "deactivation.replaced_by=skane:sova-battre").code == 0
    out = advance_json("somnhjalpen", "--set", f"deactivation.date={dt.date.today()}",
                       "--set", "deactivation.reason=replaced",
                       "--set", "deactivation.replaced_by={name: Sova bättre (Region Skåne)}",
                       *COUNCIL_ON_INACTIVATION)  # fmt: skip
    assert out["status"] == "inactive"
    data = load(repo / "registry/programs/somnhjalpen.yaml")
    assert data["deactivation"]["replaced_by"] == {"name": "Sova bättre (Region Skåne)"}


def test_deactivation_needs_an_existing_replacement(repo: Path) -> None:
    _to_active(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli(
        "advance",
        "somnhjalpen",
        "--set",
        f"deactivation.date={dt.date.today().isoformat()}",
        "--set",
        "deactivation.reason=replaced",
        "--set",
        "deactivation.replaced_by=finns-inte",
    )
    assert ran.code == 1 and "deactivation.replaced_by" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    add_inventoried(repo, "sova-battre")
    out = advance_json(
        "somnhjalpen",
        "--set",
        f"deactivation.date={dt.date.today().isoformat()}",
        "--set",
        "deactivation.reason=replaced",
        "--set",
        "deactivation.replaced_by=sova-battre",
        *COUNCIL_ON_INACTIVATION,
    )
    assert (out["from"], out["to"], out["status"]) == ("j", "k", "inactive")
    assert (
        load(repo / "registry/programs/somnhjalpen.yaml")["history"][-1]["action"] == "deactivate"
    )
    assert cli("advance", "somnhjalpen").code == 1  # the end of the line


def test_deactivation_without_replacement(repo: Path) -> None:
    _to_active(repo)
    out = advance_json(
        "somnhjalpen",
        "--set",
        f"deactivation.date={dt.date.today().isoformat()}",
        "--set",
        "deactivation.reason=evidence_changed",
        *COUNCIL_ON_INACTIVATION,
    )
    assert out["status"] == "inactive"
