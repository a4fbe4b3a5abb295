"""The models and the registry layout, directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT
from pydantic import ValidationError

from sobreg.errors import UsageError
from sobreg.models import ProcessDefinition
from sobreg.models.ids import item_type_of, slugify
from sobreg.models.layout import kind_of_rel, model_for
from sobreg.store import yamlio


def process_data() -> dict[str, Any]:
    path = REPO_ROOT / "registry" / "process.yaml"
    data: dict[str, Any] = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
    return data


def test_the_shipped_process_names_who_may_withdraw() -> None:
    process = ProcessDefinition.model_validate(process_data())
    assert process.withdraw is not None
    assert process.withdraw.roles == ["sob_administration"]
    assert process.withdraw.own is not None and process.withdraw.own.role == "nominator"


def test_a_withdraw_rule_naming_an_unknown_role_is_refused() -> None:
    data = process_data()
    data["withdraw"]["roles"] = ["nobody"]
    with pytest.raises(ValidationError, match="unknown roles: nobody"):
        ProcessDefinition.model_validate(data)


@pytest.mark.parametrize(
    ("rel", "kind"),
    [
        ("nominations/N-2026-001.yaml", "nomination"),
        ("programs/somnhjalpen.yaml", "program"),
        ("process.yaml", "process.yaml"),
        ("programs/sub/x.yaml", None),
        ("notes.txt", None),
    ],
)
def test_the_layout_says_what_a_path_holds(rel: str, kind: str | None) -> None:
    assert kind_of_rel(rel) == kind


def test_each_kind_has_its_model() -> None:
    assert model_for("nomination").__name__ == "Nomination"
    assert model_for("roles.yaml").__name__ == "RolesFile"


def test_ids_and_slugs() -> None:
    assert slugify("Sömnhjälpen för unga vuxna") == "somnhjalpen-for-unga-vuxna"
    assert item_type_of("N-2026-1000") == "nomination"
    with pytest.raises(UsageError, match=r"id\.invalid"):
        item_type_of(str(Path("..") / "etc"))
