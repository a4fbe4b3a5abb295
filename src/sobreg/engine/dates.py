"""Dates a command records: not in the future, not before the item was created."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

# Dates that look ahead by design, and the item's own birth date.
_NOT_EVENTS = frozenset({"next_review", "created", "valid_until"})


def _dates(value: Any, path: str = "") -> Iterator[tuple[str, dt.date]]:
    if isinstance(value, dt.date):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if str(key) not in _NOT_EVENTS:
                yield from _dates(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _dates(inner, f"{path}.{index}")


def problems(
    old: dict[str, Any] | None, new: dict[str, Any], today: dt.date
) -> list[tuple[str, str, dict[str, Any]]]:
    """(field, key, params) for each date this change records (new or changed since `old`) that
    lies after `today` or before the item's `created`."""
    before = dict(_dates(old or {}))
    created = new.get("created")
    found = []
    # The item's creation is not an event to date freely either: never a day still to come.
    if isinstance(created, dt.date) and created > today and created != (old or {}).get("created"):
        found.append(("created", "dates.future",
                      {"date": created.isoformat(), "today": today.isoformat()}))  # fmt: skip
    for path, day in _dates(new):
        if before.get(path) == day:
            continue
        if day > today:
            found.append(
                (path, "dates.future", {"date": day.isoformat(), "today": today.isoformat()})
            )
        elif isinstance(created, dt.date) and day < created:
            found.append((path, "dates.before_created",
                          {"date": day.isoformat(), "created": created.isoformat()}))  # fmt: skip
    return found
