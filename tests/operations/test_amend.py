"""`set` and `verify` agree by construction (issue 33, point 3): a change to a record of a step
already left, to a closed item's decision, or to `created` needs `--reason` and is recorded as an
`amend` entry naming its fields; `verify` accepts exactly that and refuses the same change without
it. A derived field is refused, naming its source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    COUNCIL,
    DECISION,
    INVENTORY,
    PRODUCTION,
    PROJECT,
    SCREENING,
    add_nomination,
    cli,
    git,
    write_doc,
)

from sobreg.store import yamlio

NOMINATION = "registry/nominations/N-2026-001.yaml"
PROGRAM = "registry/programs/somnhjalpen.yaml"


def advance(repo: Path, item: str, values: dict[str, Any]) -> None:
    ran = cli("advance", item, "--from-file", write_doc(repo, values))
    assert ran.code == 0, ran.stderr


def decided(repo: Path) -> None:
    add_nomination(repo)
    for values in (SCREENING, INVENTORY, COUNCIL, DECISION):
        advance(repo, "N-2026-001", values)


def root(repo: Path) -> str:
    return git(repo, "rev-list", "--max-parents=0", "HEAD")


def load(repo: Path, rel: str) -> Any:
    return yamlio.load_safe((repo / rel).read_text(encoding="utf-8"), rel)


@pytest.mark.parametrize(
    ("item", "assignment", "step"),
    [
        ("N-2026-001", "decision.outcome=purchase", "e"),
        ("N-2026-001", "inventory.regional_need=Mindre behov", "b"),
        ("N-2026-001", "created=2026-02-01", "när ärendet skapades"),
        ("somnhjalpen", "project.cost_calculation_sek=350000", "f"),
        ("somnhjalpen", "production.languages=[sv, en]", "g"),
    ],
)
def test_a_settled_record_changes_only_with_a_reason_and_verify_agrees(
    repo: Path, item: str, assignment: str, step: str
) -> None:
    decided(repo)
    advance(repo, "somnhjalpen", PROJECT)
    advance(repo, "somnhjalpen", PRODUCTION)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("set", item, assignment)
    assert ran.code == 1 and "--reason" in ran.stderr and f"({step})" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""
    ran = cli("set", item, assignment, "--reason", "Felskrivet i protokollet", "--json")
    assert ran.code == 0, ran.stderr
    rel = NOMINATION if item.startswith("N-") else PROGRAM
    last = load(repo, rel)["history"][-1]
    assert (last["action"], last["reason"]) == ("amend", "Felskrivet i protokollet")
    assert last["fields"] == [assignment.split("=")[0]]
    assert git(repo, "log", "-1", "--format=%(trailers:key=Sobreg-Action,valueonly)") == "amend"
    assert cli("verify", "--base", root(repo)).code == 0


def test_the_same_change_by_hand_is_refused_by_verify(repo: Path) -> None:
    decided(repo)
    base = git(repo, "rev-parse", "HEAD")
    path = repo / NOMINATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("outcome: build", "outcome: purchase"), encoding="utf-8")
    # Uncommitted (what pre-commit checks) and committed alike.
    ran = cli("verify", "--json")
    assert ran.code == 1
    rows = json.loads(ran.stdout)["violations"]
    assert [(r["commit"], r["field"]) for r in rows] == [(None, "decision")]
    git(repo, "commit", "-qam", "Rättat beslut")
    ran = cli("verify", "--base", base, "--json")
    assert ran.code == 1 and json.loads(ran.stdout)["violations"][0]["field"] == "decision"


def test_created_moved_by_hand_is_a_violation(repo: Path) -> None:
    add_nomination(repo)
    base = git(repo, "rev-parse", "HEAD")
    path = repo / NOMINATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("created: 2026-03-01", "created: 2025-03-01"), encoding="utf-8")
    git(repo, "commit", "-qam", "Flyttat till 2025")
    ran = cli("verify", "--base", base, "--json")
    assert ran.code == 1 and json.loads(ran.stdout)["violations"][0]["field"] == "created"


def test_an_open_steps_record_is_set_without_a_reason(repo: Path) -> None:
    add_nomination(repo)
    advance(repo, "N-2026-001", SCREENING)
    ran = cli("set", "N-2026-001", "inventory.regional_need=Stort behov")
    assert ran.code == 0, ran.stderr
    assert load(repo, NOMINATION)["history"][-1]["action"] == "set"


def test_a_derived_field_is_refused_naming_its_source(repo: Path) -> None:
    decided(repo)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("set", "somnhjalpen", "name=Hej")
    assert ran.code == 1 and "production.name" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head


def test_advance_does_not_change_a_settled_record_on_the_way(repo: Path) -> None:
    add_nomination(repo)
    advance(repo, "N-2026-001", SCREENING)
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, INVENTORY),
              "--set", "need=Ett annat behov")  # fmt: skip
    assert ran.code == 1 and "set N-2026-001" in ran.stderr and "--reason" in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    # Reopening unsettles the steps it goes back over.
    ran = cli("advance", "N-2026-001", "--to", "a", "--reason", "Behovet omformuleras",
              "--set", "need=Ett annat behov")  # fmt: skip
    assert ran.code == 0, ran.stderr
    assert cli("verify", "--base", root(repo)).code == 0


def test_an_amendment_without_its_reason_is_refused_by_verify(repo: Path) -> None:
    decided(repo)
    assert cli("set", "N-2026-001", "decision.rationale=Ny", "--reason", "Förtydligat").code == 0
    base = git(repo, "rev-parse", "HEAD~1")
    path = repo / NOMINATION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  reason: Förtydligat\n", ""), encoding="utf-8")
    git(repo, "commit", "-q", "--amend", "-a", "--no-edit")
    assert cli("verify", "--base", base).code == 1
