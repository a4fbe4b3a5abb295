"""Which records of an item are settled, and which a change touches: the one rule `set` and
`verify` share, so that what sobreg writes is what `verify` accepts (issue 33).

A record is settled once the step it belongs to has been left (the item's own history says so),
or when the item is closed (its deciding steps' records), and `created` from the start. A change
to a settled record needs a reason: `set --reason` records it as an `amend` history entry naming
the fields, and `verify` accepts exactly that. Pure: plain data in, names out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: warm commands answered from the cache never load pydantic
    from sobreg.models.process import ProcessDefinition

# Actions that leave the step they start from: the records of that step are then settled.
LEAVING = ("advance", "skip", "close", "activate", "deactivate", "withdraw")
# Settled from the item's first commit: the day it was created (the year the report counts it).
ALWAYS = ("created",)


def _history(data: Any) -> list[dict[str, Any]]:
    found = data.get("history") if isinstance(data, dict) else None
    return [h for h in found if isinstance(h, dict)] if isinstance(found, list) else []


def left_fields(process: ProcessDefinition, kind: str, data: Any) -> dict[str, str]:
    """Top-level record → the step it belongs to, for every step `data`'s history has left."""
    found: dict[str, str] = {}
    for hist in _history(data):
        src = hist.get("from")
        if hist.get("action") in LEAVING and src and process.has_step(str(src)):
            step = process.step(str(src))
            if step.item == kind:
                for req in step.requires:
                    found.setdefault(req.field.split(".")[0], step.id)
    return found


def closed_fields(process: ProcessDefinition, kind: str, data: Any) -> dict[str, str]:
    """A closed item's decision records (the fields of its steps with outcomes) → their step."""
    if kind not in process.items or not isinstance(data, dict):
        return {}
    if data.get("status") in process.rules(kind).open_statuses:
        return {}
    return {
        req.field.split(".")[0]: step.id
        for step in process.steps
        if step.item == kind and step.outcomes
        for req in step.requires
    }


def settled(process: ProcessDefinition, kind: str, data: Any) -> dict[str, str]:
    """Every settled top-level record of `data` → the step it belongs to ("" for `created`)."""
    found = {name: "" for name in ALWAYS}
    found |= left_fields(process, kind, data)
    found |= closed_fields(process, kind, data)
    return found


def touched(process: ProcessDefinition, kind: str, old: Any, new: Any) -> dict[str, str]:
    """The settled records of `old` that `new` holds otherwise → their step."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return {}
    return {
        name: step
        for name, step in sorted(settled(process, kind, old).items())
        if old.get(name) != new.get(name)
    }


def amended(entries: list[dict[str, Any]]) -> set[str]:
    """The top-level records that `amend` entries among `entries` name."""
    return {
        str(path).split(".")[0]
        for hist in entries
        if hist.get("action") == "amend"
        for path in hist.get("fields") or []
    }
