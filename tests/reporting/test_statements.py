"""`reporting/statements.py`: what a reader is told of a program, whatever its step, and the
method's words for a value."""

from __future__ import annotations

from conftest import REPO_ROOT

from sobreg.reporting.statements import facts, scale_label
from sobreg.store.registry import Registry


def test_a_value_is_said_by_the_methods_label_and_an_unknown_one_as_it_is() -> None:
    method = Registry(REPO_ROOT / "registry").evaluation
    assert method is not None
    assert scale_label(method, "support", "moderate") == "Måttligt underlag"
    assert scale_label(method, "support", "something else") == "something else"
    assert scale_label(method, "support", None) == "–"


def test_the_facts_of_a_replaced_program_in_use_by_units_named_since() -> None:
    program = {
        "id": "gamla", "name": "Gamla sömnkursen", "kind": "behandling", "status": "inactive",
        "origin": "nomination", "production": {"languages": ["sv", "en"]},
        "implementation": {"published": "2024-02-01", "units": ["VC Lerum"]},
        "units": [{"name": "VC Borås"}, {"name": "VC Alingsås", "ended": "2025-01-01"}],
        "deactivation": {"date": "2026-01-10", "reason": "replaced", "replaced_by": "somn"},
        "versions": [{"version": "1.0"}, {"version": "2.0"}], "significant_version": "2.0",
    }  # fmt: skip
    found = facts(program, {"somn": "Sömnhjälpen"})
    assert found["kind_label"] == "behandling" and found["inactive"]
    assert (found["replaced_by"], found["replaced_by_name"]) == ("somn", "Sömnhjälpen")
    assert found["units_in_use"] == ["VC Lerum", "VC Borås"]  # the ended one is not in use
    assert found["latest_version"] == "2.0" and found["version_unreviewed"]
    assert found["language_names"][0] != "sv"  # said by name, not code
