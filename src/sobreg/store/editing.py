"""Changes to round-trip documents: dotted sets, deep merges, transitions, new program files.

Edits go into ruamel's CommentedMap in place, so comments, key order and quoting that people
wrote stay where they were. An item being edited is held in two forms at once (`Edited`): the
document that is written and its data as plain values, converted once when read and changed
together after that.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sobreg.errors import UsageError
from sobreg.store import yamlio

PROTECTED = ("id", "step", "status", "history")
_KEY_PART = r"^[a-z_][a-z0-9_]*$|^\d+$"


def parse_assignment(text: str) -> tuple[str, Any]:
    """`KEY=VALUE` with VALUE read as a YAML scalar or flow collection (`key=` unsets)."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UsageError("option.kv_invalid", value=text[:100])
    if not all(re.match(_KEY_PART, part) for part in key.split(".")):
        raise UsageError("set.bad_key", key=key[:100])
    if not raw.strip():
        return key, None
    try:
        value = yamlio.load_safe(raw, "VALUE")
    except yamlio.YamlProblem:
        raise UsageError("set.bad_value", key=key, value=raw[:100]) from None
    return key, value


def _check_key(key: str) -> None:
    if key.split(".")[0] in PROTECTED:
        raise UsageError("set.protected", key=key)


def document(value: Any) -> Any:
    """Plain values as round-trip containers, ready to be edited into or dumped."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = document(v)
        return out
    if isinstance(value, list):
        return CommentedSeq([document(v) for v in value])
    return value


def put(mapping: Any, key: str, value: Any) -> None:
    """Assign, keeping `history` the last key: new fields go in before the audit trail."""
    if key in mapping or "history" not in mapping or not isinstance(mapping, CommentedMap):
        mapping[key] = value
    else:
        mapping.insert(list(mapping).index("history"), key, value)


def set_path(doc: Any, key: str, value: Any, plain: bool = False) -> None:
    """Set the dotted `key` (list elements by index; one past the end appends), making the
    mappings and lists on the way. `plain`: `doc` is plain data, not a round-trip document."""
    _check_key(key)
    wrap = yamlio.to_plain if plain else document
    parts = key.split(".")
    node = doc
    for index, part in enumerate(parts[:-1]):
        following = parts[index + 1]
        if isinstance(node, list):
            position = int(part) if part.isdigit() else -1
            if not 0 <= position < len(node):
                raise UsageError("set.bad_index", key=key)
            node = node[position]
            continue
        if not isinstance(node, dict):
            raise UsageError("set.not_mapping", key=key)
        if node.get(part) is None:
            put(node, part, wrap([] if following.isdigit() else {}))
        node = node[part]
    last = parts[-1]
    if isinstance(node, list):
        position = int(last) if last.isdigit() else -1
        if position == len(node):
            node.append(wrap(value))
        elif 0 <= position < len(node):
            node[position] = wrap(value)
        else:
            raise UsageError("set.bad_index", key=key)
    elif isinstance(node, dict):
        put(node, last, wrap(value))
    else:
        raise UsageError("set.not_mapping", key=key)


def merge(doc: Any, values: dict[str, Any], prefix: str = "", plain: bool = False) -> None:
    """Deep-merge a mapping into the document: mappings merge, everything else replaces.
    `plain`: `doc` is plain data, not a round-trip document."""
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        _check_key(dotted)
        current = doc.get(key) if isinstance(doc, dict) else None
        if isinstance(value, dict) and isinstance(current, dict):
            merge(current, value, f"{dotted}.", plain)
        else:
            put(doc, key, yamlio.to_plain(value) if plain else document(value))


def apply_transition(
    doc: Any, step: str | None, status: str, entries: list[dict[str, Any]], plain: bool = False
) -> None:
    """Set the item's step and status and append `entries` to its history."""
    wrap = yamlio.to_plain if plain else document
    doc["step"] = step
    doc["status"] = status
    history = doc.get("history")
    if not isinstance(history, list):
        history = wrap([])
        doc["history"] = history
    for hist in entries:
        history.append(wrap({k: v for k, v in hist.items() if v is not None}))


class Edited:
    """An item being edited, in its two forms: `doc`, the round-trip document that is written
    (comments, order and quoting kept), and `data`, its content as plain values, which the rules,
    the checks and the history chain read. The document is converted once, when it is read;
    every change after that goes to both (`tests/store/test_editing.py` holds them equal)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.data: dict[str, Any] = yamlio.to_plain(doc)

    def put(self, key: str, value: Any) -> None:
        put(self.doc, key, document(value))
        self.data[key] = yamlio.to_plain(value)

    def set_path(self, key: str, value: Any) -> None:
        set_path(self.doc, key, value)
        set_path(self.data, key, value, plain=True)

    def merge(self, values: dict[str, Any]) -> None:
        merge(self.doc, values)
        merge(self.data, values, plain=True)

    def append(self, key: str, value: Any) -> None:
        """Append `value` to the list under `key` (made when there is none)."""
        if not isinstance(self.doc.get(key), list):
            put(self.doc, key, CommentedSeq())
            self.data[key] = []
        self.doc[key].append(document(value))
        self.data[key].append(yamlio.to_plain(value))

    def set_in(self, path: list[str | int], value: Any) -> None:
        """Replace the value at an existing `path` of keys and indexes."""
        node: Any = self.doc
        plain: Any = self.data
        for part in path[:-1]:
            node, plain = node[part], plain[part]
        node[path[-1]] = document(value)
        plain[path[-1]] = yamlio.to_plain(value)

    def apply_transition(
        self, step: str | None, status: str, entries: list[dict[str, Any]]
    ) -> None:
        apply_transition(self.doc, step, status, entries)
        apply_transition(self.data, step, status, entries, plain=True)


def header(schema_ref: str) -> str:
    return f"# yaml-language-server: $schema={schema_ref}\n"


def dump_new(doc: Any, schema_ref: str) -> str:
    """A new item file: the `$schema` line for editors, then the document."""
    return header(schema_ref) + yamlio.dump_roundtrip(document(doc))
