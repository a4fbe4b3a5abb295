"""`reporting/listing.py`: `list` filtered by type, step and status, with each item's title."""

from __future__ import annotations

from pathlib import Path

from conftest import active_program, add_nomination

from sobreg.reporting.listing import rows
from sobreg.store.registry import Registry


def test_items_are_listed_by_type_step_and_status(repo: Path) -> None:
    add_nomination(repo, "N-2026-001")
    add_nomination(repo, "N-2026-002", status="withdrawn")
    active_program(repo)
    reg = Registry(repo / "registry")
    every = rows(reg, None, None, None)
    assert {r["id"] for r in every} == {"N-2026-001", "N-2026-002", "somnhjalpen"}
    assert [r["id"] for r in rows(reg, "nomination", "a", "open")] == ["N-2026-001"]
    assert [r["id"] for r in rows(reg, None, None, "withdrawn")] == ["N-2026-002"]
    program = rows(reg, "program", None, None)
    assert program == [{"id": "somnhjalpen", "title": "Sömnhjälpen", "kind": "behandling",
                        "step": "j", "status": "active"}]  # fmt: skip
