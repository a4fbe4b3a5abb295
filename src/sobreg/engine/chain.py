"""The history's own chain: each entry sealed to the one before it and to the item's content.

An entry's `state` is the sha-256 of the item's content (everything but `history`) as canonical
JSON when the entry was written; its `digest` is the sha-256 of the previous link and the entry
itself (its `state` included). Editing a past entry breaks its digest; editing the content after
the last entry breaks that entry's `state`. Anyone can recompute a chain, so this catches
careless and naive edits, also in a copy without git history; a deliberate forger is stopped by
signed commits (`verify --signatures`). Entries written before the chain existed stay as they
are: the first sealed entry links to a hash of all of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

SEALS = ("state", "digest")


def canonical(value: Any) -> bytes:
    """JSON with sorted keys, no spaces, dates as ISO strings, UTF-8: one text per value."""

    def plain(item: Any) -> Any:
        if isinstance(item, dt.date):
            return item.isoformat()
        raise TypeError(type(item).__name__)

    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=plain)  # fmt: skip
    return text.encode("utf-8")


def _sha(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def state_of(item: dict[str, Any]) -> str:
    """The sha-256 of the item's content: everything but its history."""
    return _sha({k: v for k, v in item.items() if k != "history"})


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "digest" and v is not None}


def _previous(history: list[Any], index: int) -> str | None:
    """The link an entry at `index` chains to: the previous digest, or a hash of the unsealed
    entries before the chain began (None when it is the first entry)."""
    if index == 0:
        return None
    before = history[index - 1]
    if isinstance(before, dict) and before.get("digest"):
        return str(before["digest"])
    return _sha([_entry(e) if isinstance(e, dict) else e for e in history[:index]])


def link(history: list[Any], index: int) -> str:
    """The digest the entry at `index` must carry."""
    entry = history[index]
    return _sha({"previous": _previous(history, index), "entry": _entry(entry)})


def seal(item: dict[str, Any], count: int) -> list[tuple[str, str]]:
    """(state, digest) for the last `count` entries of `item`'s history, just appended: their
    state is the item's content now, each chained to the one before."""
    history = [dict(e) for e in item.get("history") or []]
    state = state_of(item)
    found = []
    for index in range(len(history) - count, len(history)):
        history[index]["state"] = state
        history[index].pop("digest", None)
        digest = link(history, index)
        history[index]["digest"] = digest
        found.append((state, digest))
    return found


def relink(item: dict[str, Any]) -> dict[int, tuple[str, str]]:
    """(state, digest) for every sealed entry, by index, with the digests recomputed: after a
    renumbering changed the ids the entries hold. States stay what they were when written (so
    every version of the file gets the same entries); until the item's next write its content
    is reported as changed after the last entry, which the renumbering commit records."""
    history = [dict(e) if isinstance(e, dict) else e for e in item.get("history") or []]
    found = {}
    for index, entry in enumerate(history):
        if not isinstance(entry, dict) or not entry.get("digest"):
            continue
        entry.pop("digest")
        entry["digest"] = link(history, index)
        found[index] = (str(entry["state"]), str(entry["digest"]))
    return found


def problems(item: dict[str, Any]) -> tuple[list[tuple[int, str]], list[str]]:
    """([(entry number, key)] errors, [key] warnings) of an item's chain."""
    history = item.get("history")
    if not isinstance(history, list) or not history:
        return [], []
    sealed = [i for i, e in enumerate(history) if isinstance(e, dict) and e.get("digest")]
    if not sealed:
        return [], ["chain.unchained"]
    errors = []
    for index in range(sealed[0], len(history)):
        entry = history[index]
        if not isinstance(entry, dict) or not entry.get("digest"):
            errors.append((index + 1, "chain.unsealed"))
        elif entry["digest"] != link(history, index):
            errors.append((index + 1, "chain.broken"))
    warnings = []
    last = history[-1]
    if isinstance(last, dict) and last.get("state") and last["state"] != state_of(item):
        warnings.append("chain.content_changed")
    return errors, warnings
