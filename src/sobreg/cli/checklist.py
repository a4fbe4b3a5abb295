"""How a checklist's missing fields are shown: each with its title and what it must hold."""

from __future__ import annotations

from typing import Any

from sobreg.engine.titles import title
from sobreg.i18n import t
from sobreg.models.ids import is_nomination_id


def expected(m: Any) -> str:
    if m.equals is not None:
        value = m.equals
        shown = (
            (t("word.yes") if value else t("word.no")) if isinstance(value, bool) else str(value)
        )
        return " " + t("check.must_be", value=shown)
    if m.exists:
        return " " + t("check.must_exist")
    return ""


def missing_lines(item_id: str, missing: list[Any]) -> list[str]:
    """One line per missing field: its dotted path, its title and what it must hold."""
    item_type = "nomination" if is_nomination_id(item_id) else "program"
    return [f"  ✗ {m.field}: {title(item_type, m.field)}{expected(m)}" for m in missing]
