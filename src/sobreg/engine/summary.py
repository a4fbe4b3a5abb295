"""What the registry-wide commands need of each item, small enough to cache for 10,000 items.

`report`, `status`, `due`, `list`, `search` and the link checks of `validate` read summaries, not
whole files: of the long free text only what `search` matches is kept, dates are ISO strings (so
the cache can use `marshal`).
A test checks that the annual report and the status computed from summaries equal those computed
from the whole files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sobreg.engine.collation import words

# Per item type: top-level keys kept whole, and keys of which only some sub-keys are kept.
_KEEP = {
    "nomination": ("id", "created", "title", "kind", "step", "status", "request", "program"),
    "program": ("id", "created", "name", "kind", "step", "status", "origin", "nomination",
                "significant_version", "national", "council"),
}  # fmt: skip
_PARTS = {
    "nomination": {
        "decision": ("outcome", "date", "program_id"),
        "council_position": ("decision", "date", "to_ppr", "council"),
        # What a council's agenda reads: the councils a nomination was sent to at a.
        "screening": ("councils",),
        "ppr_position": ("decision", "date"),
    },
    "program": {
        "implementation": ("published",),
        "deactivation": ("date", "reason", "replaced_by"),
        # What a significant change demands again (life.changes' redo fields).
        "content_review": ("date",),
        "testing": ("functional", "clinical"),
    },
}
_HISTORY = ("at", "action", "from", "to", "status")
_LIFE: dict[str, tuple[str, ...]] = {
    "versions": ("version", "date", "change"),
    "units": ("name", "since", "ended"),
    "follow_up": (),  # whole: a few figures a year
}
_ASSESSMENT = ("date", "next_review", "program_version", "evidence_grade", "recommendation")


_SCALARS = frozenset((str, int, bool, float, type(None)))


def _plain(value: Any) -> Any:
    # Type identity before isinstance: this runs over every value kept from every file read.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {str(k): _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _pick(value: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(value, dict):
        return value
    return {k: _plain(value[k]) for k in keys if k in value}


def summary(kind: str, data: Any) -> dict[str, Any] | None:
    """The summary of an item's data; None for anything but a nomination or program mapping."""
    if kind not in _KEEP or not isinstance(data, dict):
        return None
    found = {k: _plain(data[k]) for k in _KEEP[kind] if k in data}
    for key, sub in _PARTS[kind].items():
        if key in data:
            found[key] = _pick(data[key], sub)
    history = data.get("history")
    if isinstance(history, list):
        found["history"] = [_pick(e, _HISTORY) for e in history]
    assessments = data.get("assessments")
    if isinstance(assessments, list):
        found["assessments"] = [_pick(a, _ASSESSMENT) for a in assessments]
    for key, keep in _LIFE.items():  # a program's life after j, small lists
        value = data.get(key)
        if isinstance(value, list):
            found[key] = [_pick(v, keep) if keep else _plain(v) for v in value]
    # What `search` reads of an item: the text it matches, folded, so a search needs no file
    # read and no folding either (folding 10,000 items' text took a warm search ~0.23 s; building
    # the cache pays it once), and what a hit shows. Kept in a file of its own (itemcache), so a
    # search loads a tenth of the summaries' bytes and the other commands none of it.
    record = {k: found[k] for k in _SHOWN if k in found}
    record["_words"] = {k: " ".join(words(v)) for k, v in searchable(kind, data).items()}
    found["_search"] = record
    return found


_SHOWN = ("id", "title", "name", "status")  # what a search hit shows of an item
_LINKS = ("id", "program", "nomination", "national")


def links(kind: str, data: Any) -> dict[str, Any] | None:
    """What the link and duplicate-id checks read of an item: its id and references, as its
    summary holds them, at a fraction of the summary's cost: `validate` needs nothing else."""
    if kind not in _KEEP or not isinstance(data, dict):
        return None
    found = {k: _plain(data[k]) for k in _KEEP[kind] if k in _LINKS and k in data}
    deactivation = data.get("deactivation") if "deactivation" in _PARTS[kind] else None
    replaced_by = deactivation.get("replaced_by") if isinstance(deactivation, dict) else None
    if replaced_by:
        found["deactivation"] = {"replaced_by": _plain(replaced_by)}
    return found


def searchable(item_type: str, data: dict[str, Any]) -> dict[str, str]:
    """The text of each field `search` matches, as written (kept folded in the item summaries)."""
    title = data.get("title") if item_type == "nomination" else data.get("name")
    target = data.get("target_group")
    found = {
        "id": data.get("id"),
        "title": title,
        "need": data.get("need"),
        "target_group": target.get("description") if isinstance(target, dict) else None,
    }
    return {k: v for k, v in found.items() if isinstance(v, str) and v}
