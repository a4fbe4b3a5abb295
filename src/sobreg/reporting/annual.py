"""Report data as plain dicts (pure): the annual follow-up and where everything stands.

The counts follow docs/cli.md's definitions to the letter; the lists beside them are what the people
doing the follow-up paste into a decision paper. Templates in `templates/report/` render them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from sobreg.engine import life
from sobreg.engine.collation import swedish
from sobreg.engine.programs import replacement
from sobreg.engine.reviews import due
from sobreg.engine.timeline import (
    as_date,
    date_at,
    entered_current_step,
    history,
    in_year,
    median,
    stays,
)

if TYPE_CHECKING:
    from sobreg.models import ProcessDefinition

Items = list[tuple[str, dict[str, Any]]]
OUTCOMES = ("build", "purchase", "reject", "not_feasible")


def _name(data: dict[str, Any]) -> str:
    return str(data.get("title") or data.get("name") or data.get("id") or "")


def _timed_steps(process: ProcessDefinition) -> list[tuple[str, int]]:
    """Steps with a target time (b: "within a month"), from process.yaml."""
    return [(s.id, s.target_days) for s in process.steps if s.target_days]


def decision_of(data: dict[str, Any]) -> tuple[str, dt.date] | None:
    """How and when a nomination was decided: at e; closed at a as not feasible in SoB (the day
    it was closed); or, under a process before 0.10, closed by the council (c) or PPR (d)."""
    outcome = (data.get("decision") or {}).get("outcome")
    day = date_at(data, "decision.date")
    if outcome in OUTCOMES and day is not None:
        return str(outcome), day
    if data.get("status") == "not_feasible":
        closed = [h for h in history(data) if h.get("status") == "not_feasible"]
        day = as_date(closed[-1].get("at")) if closed else None
        return ("not_feasible", day) if day is not None else None
    if data.get("status") != "rejected":
        return None
    for path in ("ppr_position", "council_position"):
        position = data.get(path) or {}
        day = as_date(position.get("date"))
        if position.get("decision") == "reject" and day is not None:
            return "reject", day
    return None


def overdue_stays(
    process: ProcessDefinition, items: Items, first: dt.date, last: dt.date, today: dt.date
) -> list[dict[str, Any]]:
    """Nominations whose stay in a timed step exceeded its target and overlapped [first, last]."""
    open_statuses = process.rules("nomination").open_statuses
    found = []
    for item_type, data in items:
        if item_type != "nomination":
            continue
        for step, target in _timed_steps(process):
            for stay in stays(data, step, open_statuses):
                days = stay.days(min(last, today))
                if days > target and stay.overlaps(first, last):
                    found.append(
                        {"id": data.get("id"), "title": _name(data), "step": step, "days": days}
                    )
                    break
    return sorted(found, key=lambda r: (-r["days"], str(r["id"])))


def _records(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [r for r in data.get(key) or [] if isinstance(r, dict)]


def _significant(process: ProcessDefinition, version: dict[str, Any]) -> bool:
    """A change that demands anything by process.yaml's life.changes (a review, a test)."""
    rule = process.life.changes.get(str(version.get("change"))) if process.life else None
    return bool(rule and (rule.redo or rule.national_review))


def _measure(value: Any) -> str | None:
    if isinstance(value, dict) and value.get("instrument"):
        return f"{value.get('instrument')}: {value.get('result')}"
    return None


def _followed_up(program: dict[str, Any], year: int) -> bool:
    return any(f.get("year") == year for f in _records(program, "follow_up"))


def _follow_up_row(program: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": program.get("id"),
        "name": _name(program),
        "patients_started": record.get("patients_started"),
        "patients_completed": record.get("patients_completed"),
        "patient_experience": _measure(record.get("patient_experience")),
        "outcome": _measure(record.get("outcome")),
        "quality_registry": record.get("quality_registry"),
        "assessment": record.get("assessment"),
    }


def annual(process: ProcessDefinition, items: Items, year: int, today: dt.date) -> dict[str, Any]:
    """The annual follow-up (docs/cli.md's keys first, then the lists for people)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    nominations = [d for k, d in items if k == "nomination"]
    programs = [d for k, d in items if k == "program"]

    produced = [p for p in programs if in_year(date_at(p, "implementation.published"), year)]
    produced.sort(key=lambda p: (date_at(p, "implementation.published"), str(p.get("id"))))
    by_kind = Counter(str(p.get("kind")) for p in produced)
    decided: list[dict[str, Any]] = []
    waits: list[int] = []
    for n in nominations:
        found = decision_of(n)
        if found and in_year(found[1], year):
            created = as_date(n.get("created"))
            days = (found[1] - created).days if created else None
            if days is not None:
                waits.append(days)
            decided.append(
                {
                    "id": n.get("id"),
                    "title": _name(n),
                    "outcome": found[0],
                    "date": found[1],
                    "days": days,
                }
            )
    decided.sort(key=lambda r: (r["date"], str(r["id"])))
    deactivated = [p for p in programs if in_year(date_at(p, "deactivation.date"), year)]
    overdue = overdue_stays(process, items, first, last, today)

    def active_at_end(p: dict[str, Any]) -> bool:
        published = date_at(p, "implementation.published")
        ended = date_at(p, "deactivation.date")
        return published is not None and published <= last and (ended is None or ended > last)

    active = [p for p in programs if active_at_end(p)]
    outcome_counts = Counter(r["outcome"] for r in decided)
    released = [(p, v) for p in programs for v in _records(p, "versions")
                if in_year(as_date(v.get("date")), year)]  # fmt: skip
    adopting = [(p, u) for p in programs for u in _records(p, "units")
                if in_year(as_date(u.get("since")), year)]  # fmt: skip
    followed = [(p, f) for p in active for f in _records(p, "follow_up") if f.get("year") == year]
    return {
        "year": year,
        "programs_produced": len(produced),
        "programs_produced_by_kind": {k: by_kind.get(k, 0) for k in ("stod", "behandling")},
        "nominations_received": sum(in_year(as_date(n.get("created")), year) for n in nominations),
        "nominations_decided": {k: outcome_counts.get(k, 0) for k in OUTCOMES},
        "programs_deactivated": len(deactivated),
        "active_programs": len(active),
        "inventory_overdue": len(overdue),
        # A program's life after j.
        "versions_released": len(released),
        "significant_changes": sum(_significant(process, v) for _, v in released),
        "units_adopting": len(adopting),
        "follow_up_coverage": {"active": len(active), "with_follow_up": len(followed)},
        # For people: what lies behind the numbers.
        "produced": [
            {
                "id": p.get("id"),
                "name": _name(p),
                "kind": p.get("kind"),
                "published": date_at(p, "implementation.published"),
            }
            for p in produced
        ],
        "decided": decided,
        "decision_days": {
            "count": len(waits),
            "median": median(waits),
            "longest": max(waits) if waits else None,
        },
        "overdue": overdue,
        "deactivated": [
            {
                "id": p.get("id"),
                "name": _name(p),
                "date": date_at(p, "deactivation.date"),
                "reason": (p.get("deactivation") or {}).get("reason"),
                "replaced_by": replacement((p.get("deactivation") or {}).get("replaced_by"), {})[1],
            }
            for p in sorted(deactivated, key=lambda p: swedish(_name(p)))
        ],
        "active": sorted((_name(p) for p in active), key=swedish),
        "reviews_due": [
            r
            for r in due(items, last, never_assessed=False)
            if in_year(r["next_review"], year)
            or (r["next_review"] is not None and r["next_review"] < first)
            # A significant version makes the review due at once, whatever its date said.
            or r["reason"] == "significant_version"
        ],
        "produced_per_year": per_year(programs),
        "versions": [
            {
                "id": p.get("id"),
                "name": _name(p),
                "version": v.get("version"),
                "date": as_date(v.get("date")),
                "change": v.get("change"),
                "significant": _significant(process, v),
            }
            for p, v in sorted(
                released, key=lambda pv: (str(pv[1].get("date")), str(pv[0].get("id")))
            )
        ],
        "units": [
            {
                "id": p.get("id"),
                "name": _name(p),
                "unit": u.get("name"),
                "since": as_date(u.get("since")),
            }
            for p, u in sorted(
                adopting, key=lambda pu: (str(pu[1].get("since")), str(pu[1].get("name")))
            )
        ],
        "follow_up": [
            _follow_up_row(p, f) for p, f in sorted(followed, key=lambda pf: swedish(_name(pf[0])))
        ],
        # The region's own yearly follow-up not yet made: a matter for the council, not a reason
        # for a national review.
        "follow_up_missing": sorted(
            (_name(p) for p in active if not _followed_up(p, year)), key=swedish
        ),
        "by_step": by_step(process, items),
    }


def per_year(programs: list[dict[str, Any]]) -> dict[int, int]:
    """Programs produced (published) per year over the registry's whole history, no gaps."""
    years = Counter(
        day.year for p in programs if (day := date_at(p, "implementation.published")) is not None
    )
    if not years:
        return {}
    return {y: years.get(y, 0) for y in range(min(years), max(years) + 1)}


def by_step(process: ProcessDefinition, items: Items) -> dict[str, int]:
    """Open nominations and programs in production or active, per step (docs/cli.md `by_step`)."""
    counts = {s.id: 0 for s in process.steps}
    for item_type, data in items:
        step = data.get("step")
        if step in counts and data.get("status") in process.rules(item_type).open_statuses:
            counts[step] += 1
    return counts


def status(
    process: ProcessDefinition, items: Items, today: dt.date, new_version: bool = True
) -> dict[str, Any]:
    """Where everything stands today (docs/cli.md's keys, then open nominations for people)."""
    open_statuses = process.rules("nomination").open_statuses
    targets = dict(_timed_steps(process))
    waiting = []
    for item_type, data in items:
        if item_type == "nomination" and data.get("status") in open_statuses:
            entered = entered_current_step(data)
            step = data.get("step")
            days = (today - entered).days if entered else None
            target = targets.get(str(step))
            waiting.append(
                {
                    "id": data.get("id"),
                    "title": _name(data),
                    "step": step,
                    "days": days,
                    "overdue": bool(target and days is not None and days > target),
                }
            )
    waiting.sort(key=lambda r: (-int(r["days"] or 0), str(r["id"])))
    found = {
        "by_step": by_step(process, items),
        "overdue": [{"id": r["id"], "days": r["days"]} for r in waiting if r["overdue"]],
        "reviews_due": due(items, today, new_version=new_version),
        "open_nominations": waiting,
        "active_programs": sum(
            1 for k, d in items if k == "program" and d.get("status") == "active"
        ),
    }
    if process.life is not None:
        found |= life.attention(process.life, items, today)
    else:
        found["follow_up_missing"] = []
    # The routine is "giltig till" a date; past it, every command that reads it says so.
    valid_until = as_date(getattr(process, "valid_until", None))
    found["process_expired"] = bool(valid_until and today > valid_until)
    return found
