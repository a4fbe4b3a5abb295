"""A program's life after step j: versions and what a change demands, the units using it, the
yearly follow-up. Pure rules over `process.yaml`'s `life:` and a program's plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sobreg.engine.collation import swedish
from sobreg.engine.process import Missing, get_path
from sobreg.engine.reviews import latest_assessment
from sobreg.engine.timeline import as_date
from sobreg.errors import RefusedError

if TYPE_CHECKING:  # annotations only: warm commands answered from the cache never load pydantic
    from sobreg.models.life import FollowUpField, Life
    from sobreg.models.process import ProcessDefinition

Problem = tuple[str, str, dict[str, Any]]  # (field, message key, parameters)


def rules(process: ProcessDefinition) -> Life:
    if process.life is None:
        raise RefusedError("life.not_defined")
    return process.life


def require_in_use(life: Life, data: dict[str, Any]) -> None:
    """Refuse a program that is not in use (release, adopt and follow-up need one)."""
    if data.get("status") not in life.statuses:
        raise RefusedError("life.not_in_use", id=data.get("id"), status=data.get("status"))


def check_date(data: dict[str, Any], day: dt.date, today: dt.date, field: str) -> None:
    """An event is not in the future, nor before the item was created."""
    if day > today:
        raise RefusedError("life.future", field=field, date=day.isoformat())
    created = as_date(data.get("created"))
    if created is not None and day < created:
        raise RefusedError("life.before_created", field=field, date=day.isoformat(),
                           created=created.isoformat())  # fmt: skip
    published = as_date(get_path(data, "implementation.published"))
    if published is not None and day < published and field.startswith("units."):
        # A care unit cannot have started (or stopped) using a program before it was published.
        raise RefusedError("life.before_published", field=field, date=day.isoformat(),
                           published=published.isoformat())  # fmt: skip


def check_year(data: dict[str, Any], year: int) -> None:
    """A year's follow-up is of a year the program was in use: not before its publication's."""
    published = as_date(get_path(data, "implementation.published"))
    if published is not None and year < published.year:
        raise RefusedError("life.year_before_published", year=year,
                           published=published.isoformat())  # fmt: skip


def new_version(
    life: Life, data: dict[str, Any], version: str, change: str, summary: str, day: dt.date,
    actor: str,
) -> dict[str, Any]:  # fmt: skip
    """The `versions` record of a release, refused for an unknown kind of change or a version
    already recorded."""
    if change not in life.changes:
        raise RefusedError("life.unknown_change", change=change, allowed=", ".join(life.changes))
    known = [str(v.get("version")) for v in data.get("versions") or [] if isinstance(v, dict)]
    if version in known:
        raise RefusedError("life.version_exists", id=data.get("id"), version=version)
    if not summary.strip():
        raise RefusedError("life.summary_missing")
    return {"version": version, "date": day, "change": change, "summary": summary,
            "actor": actor}  # fmt: skip


def latest_version(data: dict[str, Any]) -> dict[str, Any] | None:
    found = [v for v in data.get("versions") or [] if isinstance(v, dict)]
    return found[-1] if found else None


def pending(life: Life, data: dict[str, Any]) -> list[Missing]:
    """What the latest version's kind of change still demands (fields to record again on or
    after its date; a national review of this version)."""
    version = latest_version(data)
    rule = life.changes.get(str(version.get("change"))) if version else None
    if version is None or rule is None:
        return []
    day = as_date(version.get("date"))
    found = []
    for field in rule.redo:
        recorded = as_date(get_path(data, field))
        if recorded is None or (day is not None and recorded < day):
            found.append(Missing(field))
    if rule.national_review:
        latest = latest_assessment(data)
        if latest is None or str(latest.get("program_version") or "") != str(version["version"]):
            found.append(Missing("assessments"))
    return found


def adopt(
    data: dict[str, Any], unit: str, day: dt.date, ended: bool
) -> tuple[list[dict[str, Any]], int | None]:
    """The `units` list after a unit starts (or with `ended`, stops) using the program, and the
    index of the record that changed (None: appended)."""
    units = [dict(u) for u in data.get("units") or [] if isinstance(u, dict)]
    name = " ".join(unit.split())
    if not name:
        raise RefusedError("life.unit_missing")
    current = next(
        (i for i, u in enumerate(units)
         if str(u.get("name", "")).casefold() == name.casefold() and not u.get("ended")),
        None,
    )  # fmt: skip
    if not ended:
        if current is not None:
            raise RefusedError("life.unit_in_use", unit=name, since=str(units[current]["since"]))
        units.append({"name": name, "since": day})
        return units, None
    if current is None:
        raise RefusedError("life.unit_not_in_use", unit=name)
    since = as_date(units[current].get("since"))
    if since is not None and day < since:
        raise RefusedError("life.ended_before_since", unit=name, since=since.isoformat())
    units[current]["ended"] = day
    return units, current


def _measure(field: FollowUpField, value: Any) -> Problem | None:
    if not isinstance(value, dict) or not value.get("instrument") or not value.get("result"):
        return (field.key, "follow_up.measure", {})
    extra = set(value) - {"instrument", "result"}
    if extra:
        return (field.key, "follow_up.unknown", {"keys": ", ".join(sorted(map(str, extra)))})
    if not isinstance(value["instrument"], str) or not value["instrument"].strip():
        return (f"{field.key}.instrument", "follow_up.measure", {})
    # Any named instrument is taken (programs for tinnitus, pain or IBS use their own); the known
    # ones in process.yaml only add their scale where it is shown.
    return None


def instrument_scale(life: Life, key: str, name: str) -> str | None:
    """The scale process.yaml gives for a known instrument of follow-up field `key`, if any."""
    for field in life.follow_up:
        if field.key == key:
            for known in field.instruments:
                if known.name.casefold() == name.strip().casefold():
                    return known.scale
    return None


def follow_up_problems(life: Life, record: dict[str, Any], this_year: int) -> list[Problem]:
    """Everything `process.yaml`'s follow-up definition refuses in one year's record."""
    found: list[Problem] = []
    year = record.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or year > this_year or year < 2000:
        found.append(("year", "follow_up.year", {"year": str(year)[:10], "max": this_year}))
    fields = {f.key: f for f in life.follow_up}
    unknown = sorted(str(k) for k in record if k != "year" and k not in fields)
    if unknown:
        found.append(("", "follow_up.unknown", {"keys": ", ".join(unknown)}))
    for field in life.follow_up:
        value = record.get(field.key)
        if value is None:
            if field.required:
                found.append((field.key, "follow_up.missing", {}))
            continue
        if field.type == "count":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                found.append((field.key, "follow_up.count", {"value": str(value)[:40]}))
            elif (
                field.at_most
                and isinstance(record.get(field.at_most), int)
                and value > record[field.at_most]
            ):
                found.append((field.key, "follow_up.at_most", {"other": field.at_most}))
        elif field.type == "measure":
            problem = _measure(field, value)
            if problem:
                found.append(problem)
        elif field.type == "choice" and str(value) not in field.choices:
            found.append(
                (
                    field.key,
                    "follow_up.choice",
                    {"value": str(value)[:40], "allowed": ", ".join(field.choices)},
                )
            )
        elif field.type == "text" and not isinstance(value, str):
            found.append((field.key, "follow_up.text", {}))
    return found


def follow_up_of(data: dict[str, Any], year: int) -> dict[str, Any] | None:
    for record in data.get("follow_up") or []:
        if isinstance(record, dict) and record.get("year") == year:
            return record
    return None


def in_use_during(life: Life, data: dict[str, Any], year: int) -> bool:
    """In use now, and published on or before the year's end (so the year can be followed up)."""
    if data.get("status") not in life.statuses:
        return False
    published = as_date(get_path(data, "implementation.published"))
    return published is None or published <= dt.date(year, 12, 31)


def considering_deactivation(life: Life, data: dict[str, Any]) -> int | None:
    """The year of the latest follow-up, when it says "consider deactivation"; while in use."""
    if data.get("status") not in life.statuses:
        return None
    records = [r for r in data.get("follow_up") or [] if isinstance(r, dict)]
    if not records:
        return None
    latest = max(records, key=lambda r: int(r.get("year") or 0))
    if latest.get(life.follow_up_assessment) == life.consider_deactivation:
        return int(latest.get("year") or 0)
    return None


def attention(
    life: Life, items: Iterable[tuple[str, dict[str, Any]]], today: dt.date
) -> dict[str, list[dict[str, Any]]]:
    """Programs in use that need someone: a change not yet reviewed, the last full year's
    follow-up missing, a follow-up that says to consider deactivation."""
    year = today.year - 1
    found: dict[str, list[dict[str, Any]]] = {
        "changes_unreviewed": [], "follow_up_missing": [], "consider_deactivation": [],
    }  # fmt: skip
    for item_type, data in items:
        if item_type != life.item or data.get("status") not in life.statuses:
            continue
        row = {"id": data.get("id"), "name": data.get("name")}
        lacking = pending(life, data)
        if lacking:
            version = latest_version(data) or {}
            found["changes_unreviewed"].append(
                {**row, "version": version.get("version"), "missing": [m.field for m in lacking]}
            )
        if in_use_during(life, data, year) and follow_up_of(data, year) is None:
            found["follow_up_missing"].append({**row, "year": year})
        considered = considering_deactivation(life, data)
        if considered is not None:
            found["consider_deactivation"].append({**row, "year": considered})
    for rows in found.values():
        rows.sort(key=lambda r: swedish(r["name"] or r["id"]))
    return found
