"""Rows for `sobreg list`: the items of the registry, filtered by type, step and status."""

from __future__ import annotations

from typing import Any

from sobreg.reporting.annual import Items
from sobreg.reporting.answers import cached_answer
from sobreg.store.registry import Registry


def rows(
    registry: Registry, item_type: str | None, step: str | None, status: str | None
) -> list[dict[str, Any]]:
    """The listed rows, kept (see `cached_answer`)."""
    return cached_answer(
        registry, "list", (step, status), lambda items: _rows(items, step, status), item_type
    )


def _rows(items: Items, step: str | None, status: str | None) -> list[dict[str, Any]]:
    found = []
    for kind, data in items:
        if step is not None and data.get("step") != step:
            continue
        if status is not None and data.get("status") != status:
            continue
        found.append(
            {
                "id": data.get("id"),
                "title": data.get("title") if kind == "nomination" else data.get("name"),
                "kind": data.get("kind"),
                "step": data.get("step"),
                "status": data.get("status"),
            }
        )
    return found
