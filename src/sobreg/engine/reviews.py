"""When programs are to be reviewed again: the latest national assessment's `next_review`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sobreg.engine.timeline import as_date


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


def reason_due(
    data: dict[str, Any], on: dt.date, *, never_assessed: bool = True, new_version: bool = True
) -> str | None:
    """Why a program is due for a national review on `on` (`interval`, `significant_version`,
    `never_assessed`), or None."""
    latest = latest_assessment(data)
    if latest is None:
        return "never_assessed" if never_assessed else None
    version = data.get("significant_version")
    if new_version and version and str(version) != str(latest.get("program_version") or ""):
        return "significant_version"
    when = as_date(latest.get("next_review"))
    return "interval" if when is not None and when <= on else None


def due(
    items: Iterable[tuple[str, dict[str, Any]]],
    on: dt.date,
    *,
    never_assessed: bool = True,
    new_version: bool = True,
    inventoried: bool = False,
) -> list[dict[str, Any]]:
    """Programs due for a national review on `on` (docs/cli.md `due`): active ones whose next
    review falls on or before it, with a significant version since the last assessment, or never
    assessed; with `inventoried`, also the national inventory's programs (the national group's
    backlog). Soonest first. The regional yearly follow-up is another matter (`life.attention`)."""
    statuses = ("active", "inventoried") if inventoried else ("active",)
    found = []
    for item_type, data in items:
        if item_type != "program" or data.get("status") not in statuses:
            continue
        why = reason_due(data, on, never_assessed=never_assessed, new_version=new_version)
        if why:
            found.append(
                {
                    "id": data.get("id"),
                    "name": data.get("name"),
                    "next_review": next_review(data),
                    "reason": why,
                    # Kept for scripts written against 0.2–0.9 (one reason now: the review's).
                    "reasons": [why],
                }
            )
    found.sort(key=lambda r: (r["next_review"] is not None, r["next_review"] or dt.date.min,
                              str(r["id"])))  # fmt: skip
    return found
