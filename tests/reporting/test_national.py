"""`reporting/national.py`: the national statement a program relies on, when it names one."""

from __future__ import annotations

from pathlib import Path

from sobreg.reporting.national import Statements
from sobreg.store.registry import Registry


def test_a_program_that_names_no_national_statement_has_none(repo: Path) -> None:
    statements = Statements(Registry(repo / "registry"), views=[])
    assert statements.of({"id": "somnhjalpen"}) is None
    assert statements.of({"id": "x", "national": {"source": "", "id": "y"}}) is None


def test_a_named_statement_not_fetched_yet_is_said_as_not_found(repo: Path) -> None:
    statements = Statements(Registry(repo / "registry"), views=[])
    found = statements.of({"id": "somnhjalpen", "national": {"source": "nkg", "id": "somn"}})
    assert found is not None
    assert (found["source"], found["id"], found["found"]) == ("nkg", "somn", False)
    assert found["source_label"] == "nkg" and found["recommendation"] is None
