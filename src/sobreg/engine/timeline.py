"""Dates read from items and their histories: when an item entered a step, how long it stayed.

Counts in reports come from the dates recorded in the files (docs/cli.md), never from commit
times, so history that was backfilled counts in the year it happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sobreg.engine.process import get_path


def as_date(value: Any) -> dt.date | None:
    """A date from a file's value (YAML date or ISO string); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def date_at(data: dict[str, Any], path: str) -> dt.date | None:
    return as_date(get_path(data, path))


def in_year(day: dt.date | None, year: int) -> bool:
    return day is not None and day.year == year


def history(data: dict[str, Any]) -> list[dict[str, Any]]:
    entries = data.get("history")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


@dataclass(frozen=True)
class Stay:
    """A stretch of time an item spent in one step; `end` is None while it is still there."""

    step: str
    start: dt.date
    end: dt.date | None

    def days(self, until: dt.date) -> int:
        return ((self.end or until) - self.start).days

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


def stays(data: dict[str, Any], step: str, open_statuses: Iterable[str]) -> list[Stay]:
    """Every stay in `step`: from the entry that moved the item there to the entry that moved it
    on or closed it (a withdrawal or a rejection keeps the step but ends the stay)."""
    still_open = set(open_statuses)
    found: list[Stay] = []
    start: dt.date | None = None
    for entry in history(data):
        at = as_date(entry.get("at"))
        if at is None:
            continue
        status = entry.get("status")  # entries written before `status` was recorded: open
        there = entry.get("to") == step and (status is None or status in still_open)
        if start is not None and not there:
            found.append(Stay(step, start, at))
            start = None
        elif start is None and there:
            start = at
    if start is not None:
        found.append(Stay(step, start, None))
    return found


def entered_current_step(data: dict[str, Any]) -> dt.date | None:
    """The date of the latest history entry that moved the item to the step it is at now."""
    step = data.get("step")
    for entry in reversed(history(data)):
        if entry.get("to") == step:
            return as_date(entry.get("at"))
    return as_date(data.get("created"))


def median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2
