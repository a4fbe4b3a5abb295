"""Who may withdraw comes from process.yaml's `withdraw` rule, not from code."""

from __future__ import annotations

from typing import Any

from conftest import REPO_ROOT

from sobreg.engine.process import own_role, owner_roles
from sobreg.models import ProcessDefinition
from sobreg.store import yamlio


def process(**withdraw: Any) -> ProcessDefinition:
    path = REPO_ROOT / "registry" / "process.yaml"
    data = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
    data["withdraw"] = {**data["withdraw"], **withdraw}
    return ProcessDefinition.model_validate(data)


ENTRY = {"action": "withdraw", "from": "b", "to": "b"}


def test_the_shipped_rule_lets_the_administration_and_the_nominator_withdraw() -> None:
    roles = owner_roles(process(), ENTRY)
    assert "council" in roles  # b's owner
    assert "sob_administration" in roles and "nominator" in roles


def test_a_changed_rule_changes_who_may_withdraw() -> None:
    roles = owner_roles(process(roles=["ppr"], own=None), ENTRY)
    assert "ppr" in roles
    assert "sob_administration" not in roles and "nominator" not in roles


def test_the_person_the_item_names_withdraws_in_the_own_role() -> None:
    item = {"nominator": {"email": "Anna.Berg@vgregion.se"}}
    assert own_role(process(), item, "anna.berg@vgregion.se") == "nominator"
    assert own_role(process(), item, "someone@vgregion.se") is None
    assert own_role(process(own=None), item, "anna.berg@vgregion.se") is None
