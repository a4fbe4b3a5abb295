"""Rows for `sobreg list`: the items of the registry, filtered by type, step and status."""

from __future__ import annotations

from typing import Any

from sobreg import yamlio
from sobreg.registry import Registry, item_type_of_path


def rows(
    registry: Registry, item_type: str | None, step: str | None, status: str | None
) -> list[dict[str, Any]]:
    found = []
    for path in registry.item_files(item_type):
        kind = item_type_of_path(registry.root, path)
        data = yamlio.load_safe(yamlio.read_text(path, registry.rel(path)), registry.rel(path))
        if not isinstance(data, dict):
            continue
        if step is not None and data.get("step") != step:
            continue
        if status is not None and data.get("status") != status:
            continue
        found.append(
            {
                "id": data.get("id", path.stem),
                "title": data.get("title") if kind == "nomination" else data.get("name"),
                "kind": data.get("kind"),
                "step": data.get("step"),
                "status": data.get("status"),
            }
        )
    return found
