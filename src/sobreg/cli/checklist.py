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
    """One line per missing field: its dotted path, its title and what it must hold; a
    recommended part's fields are followed by how to record it as not done instead."""
    item_type = "nomination" if is_nomination_id(item_id) else "program"
    lines = [f"  ✗ {m.field}: {title(item_type, m.field)}{expected(m)}" for m in missing]
    parts = dict.fromkeys(m.part for m in missing if getattr(m, "part", None))
    for part in parts:
        lines.append("  " + t("check.recommended_open", part=part,
                                title=title(item_type, str(part))))  # fmt: skip
    return lines


def recommendation_lines(item_type: str, found: list[dict[str, Any]]) -> list[str]:
    """The step's recommended parts recorded as done or not done (with the reason)."""
    lines = []
    for rec in found:
        shown = title(item_type, rec["part"])
        if rec["state"] == "not_done":
            lines.append("  ○ " + t("check.recommended_not_done", title=shown,
                                    reason=rec["reason"]))  # fmt: skip
        elif rec["state"] == "done":
            lines.append("  ✓ " + t("check.recommended_done", title=shown))
    return lines
