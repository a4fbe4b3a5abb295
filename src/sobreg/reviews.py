"""When programs are to be reviewed again: the latest national assessment's `next_review`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sobreg.timeline import as_date


def latest_assessment(data: dict[str, Any]) -> dict[str, Any] | None:
    """The assessment with the latest date (the last one listed among equal dates)."""
    found = [a for a in data.get("assessments") or [] if isinstance(a, dict)]
    if not found:
        return None
    dated = [(as_date(a.get("date")) or dt.date.min, i, a) for i, a in enumerate(found)]
    return max(dated, key=lambda x: (x[0], x[1]))[2]


def next_review(data: dict[str, Any]) -> dt.date | None:
    latest = latest_assessment(data)
    return as_date(latest.get("next_review")) if latest else None


def due(
    items: Iterable[tuple[str, dict[str, Any]]], on: dt.date, *, never_assessed: bool = True
) -> list[dict[str, Any]]:
    """Active programs whose next review falls on or before `on` (and, unless told otherwise,
    those never assessed, with `next_review` None), soonest first."""
    found = []
    for item_type, data in items:
        if item_type != "program" or data.get("status") != "active":
            continue
        when = next_review(data)
        if (when is None and never_assessed and latest_assessment(data) is None) or (
            when is not None and when <= on
        ):
            found.append({"id": data.get("id"), "name": data.get("name"), "next_review": when})
    found.sort(
        key=lambda r: (r["next_review"] is not None, r["next_review"] or dt.date.min, r["id"])
    )
    return found
