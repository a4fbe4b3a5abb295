"""A coordination council's agenda (`sobreg agenda --council NAME`): what awaits that council
before its next meeting, oldest first. Pure: plain item summaries in, plain rows out.

From the routine: the council makes the inventory at b ("om möjligt inom en månad") and takes
its position at c for the nominations sent to it at a; it is "ansvariga för programmets kvalitet
och innehåll så länge programmet används", so it assesses each program's yearly follow-up; and it
"meddelar ställningstagande om inaktivering" of a program its follow-up proposes to deactivate.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sobreg.engine.life import considering_deactivation, follow_up_of, in_use_during
from sobreg.engine.timeline import as_date, entered_current_step, history

if TYPE_CHECKING:
    from sobreg.models import ProcessDefinition

Items = list[tuple[str, dict[str, Any]]]


def same_council(a: Any, b: str) -> bool:
    """Council names compared as people write them: case and spacing aside."""
    return isinstance(a, str) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _row(data: dict[str, Any], what: str, since: dt.date | None, on: dt.date) -> dict[str, Any]:
    return {
        "id": data.get("id"),
        "title": data.get("title") or data.get("name") or data.get("id"),
        "step": data.get("step"),
        "what": what,
        "waiting_days": (on - since).days if since else None,
    }


def _last_entry_at(data: dict[str, Any], action: str) -> dt.date | None:
    found = [as_date(h.get("at")) for h in history(data) if h.get("action") == action]
    return found[-1] if found else None


def agenda(
    process: ProcessDefinition, items: Items, council: str, on: dt.date
) -> list[dict[str, Any]]:
    """The rows of `council`'s agenda on `on`, oldest first."""
    owned = {s.id: s for s in process.steps if "council" in s.owner}
    open_statuses = process.rules("nomination").open_statuses
    rows = []
    for item_type, data in items:
        if item_type == "nomination":
            step = owned.get(str(data.get("step")))
            sent_to = (data.get("screening") or {}).get("councils") or []
            if (
                step is None
                or data.get("status") not in open_statuses
                or not any(same_council(c, council) for c in sent_to)
            ):
                continue
            row = _row(data, "inventory" if step.target_days else "position",
                       entered_current_step(data), on)  # fmt: skip
            if step.target_days and row["waiting_days"] is not None:
                row["days_left"] = step.target_days - row["waiting_days"]
            rows.append(row)
        elif item_type == "program" and process.life is not None:
            if not same_council(data.get("council"), council):
                continue
            life = process.life
            year = on.year - 1
            if in_use_during(life, data, year) and follow_up_of(data, year) is None:
                row = _row(data, "follow_up", dt.date(on.year, 1, 1), on)
                row["year"] = year
                rows.append(row)
            proposed = considering_deactivation(life, data)
            if proposed is not None:
                row = _row(data, "deactivation", _last_entry_at(data, "follow-up"), on)
                row["year"] = proposed
                rows.append(row)
    rows.sort(key=lambda r: (-(r["waiting_days"] or 0), str(r["id"]), r["what"]))
    return rows


def _text(value: Any, limit: int = 300) -> str | None:
    if value is None or value == "":
        return None
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief(row: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    """What a council member reads of a row before the meeting: (field path, value) pairs taken
    from the item's whole data; the caller gives each path its title."""
    get = data.get
    pairs: list[tuple[str, Any]] = []
    if row["what"] in ("inventory", "position"):
        existing = (get("existing_program") or {}).get("name")
        costs = get("costs") or {}
        inventory = get("inventory") or {}
        pairs = [
            ("need", get("need")),
            ("target_group.description", (get("target_group") or {}).get("description")),
            ("existing_program.name", existing),
            ("costs.development_sek", costs.get("development_sek")),
            ("costs.other_sek", costs.get("other_sek")),
        ]
        if row["what"] == "position":
            pairs += [
                ("inventory.regional_need", inventory.get("regional_need")),
                ("inventory.evidence.summary", (inventory.get("evidence") or {}).get("summary")),
                ("inventory.cost_effectiveness", inventory.get("cost_effectiveness")),
            ]
    elif row["what"] == "follow_up":
        implementation = get("implementation") or {}
        pairs = [
            ("implementation.published", implementation.get("published")),
            ("implementation.owner", implementation.get("owner")),
            ("implementation.follow_up_plan", implementation.get("follow_up_plan")),
        ]
    elif row["what"] == "deactivation":
        record = follow_up_of(data, int(row.get("year") or 0)) or {}
        outcome = record.get("outcome") or {}
        pairs = [
            ("implementation.owner", (get("implementation") or {}).get("owner")),
            ("follow_up.patients_started", record.get("patients_started")),
            ("follow_up.patients_completed", record.get("patients_completed")),
            ("follow_up.outcome", " ".join(str(v) for v in outcome.values()) if outcome else None),
        ]
    return [(path, shown) for path, value in pairs if (shown := _text(_kronor(path, value)))]


def _kronor(path: str, value: Any) -> Any:
    """A sum in kronor as people write it: `250 000 kr`."""
    if path.endswith("_sek") and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"
    return value
