"""The reference YAML path: ruamel.yaml, safe (C-accelerated) and round-trip.

Round-trip mode keeps comments, key order and quoting for edits; the safe loader is the reference
the fast loader falls back to, and the one whose errors (with positions) users see.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node

from sobreg.errors import YamlProblem

# No registry document comes near this; the fast loader routes anything that might to this path.
MAX_DEPTH = 150


class _AliasRefused(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__("alias")
        self.node = node


class _BadScalar(Exception):
    def __init__(self, node: Node, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


def _construct_guarded(base: Any, self: Any, node: Node, deep: bool) -> Any:
    # A node constructed a second time is reached through an alias: refuse before any expansion.
    if node in self.constructed_objects or node in self.recursive_objects:
        raise _AliasRefused(node)
    try:
        return base.construct_object(self, node, deep)
    except (ValueError, OverflowError) as exc:
        # Impossible dates (2026-02-30) come out of the timestamp constructor as bare ValueErrors.
        raise _BadScalar(node, str(exc)) from exc


class _SafeConstructor(SafeConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        return _construct_guarded(SafeConstructor, self, node, deep)


class _RoundTripConstructor(RoundTripConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        return _construct_guarded(RoundTripConstructor, self, node, deep)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _SafeConstructor
    return yaml


def roundtrip_yaml() -> YAML:
    yaml = YAML()
    yaml.Constructor = _RoundTripConstructor
    yaml.preserve_quotes = True
    # A wide line keeps ruamel from re-folding long free text that people wrote on one line.
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    # One Python object used twice (a date, say) must be written twice, never as an alias:
    # the loaders refuse aliases.
    yaml.representer.ignore_aliases = lambda *_: True
    return yaml


_SAFE = _safe_yaml()


def _load(yaml: YAML, text: str, path: str) -> Any:
    try:
        return yaml.load(text)
    except _AliasRefused as exc:
        mark = exc.node.start_mark
        raise YamlProblem(
            "yaml.alias", path=path, line=mark.line + 1, col=mark.column + 1
        ) from None
    except _BadScalar as exc:
        mark = exc.node.start_mark
        # A value that looks like a date but is none (2026-02-30): said as such, with its key
        # (the text before the colon on its line) and the reason in the reader's language.
        before = text.splitlines()[mark.line][: mark.column] if text.splitlines() else ""
        field = before.strip().rstrip(":").strip("- ").split(",")[-1].strip(" {")
        key = next((key for found, key in _DATE_REASONS if found in exc.reason), "yaml.bad_value")
        raise YamlProblem(
            key,
            path=path,
            line=mark.line + 1,
            col=mark.column + 1,
            value=str(exc.node.value)[:80],
            field=f"{field}: " if re.fullmatch(r"[A-Za-z_][\w-]*", field) else "",
            reason=exc.reason,
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = (exc.problem or exc.context or "").strip()
        if "duplicate key" in problem:
            raise YamlProblem("yaml.duplicate_key", path=path, line=line, col=col) from None
        if "tag" in problem:
            raise YamlProblem("yaml.tag", path=path, line=line, col=col, detail=problem) from None
        if "single document" in (exc.context or "") or "another document" in problem:
            raise YamlProblem("yaml.many_documents", path=path, line=line, col=col) from None
        key = next((key for found, key in _PROBLEMS if found.search(problem)), "yaml.syntax")
        raise YamlProblem(key, path=path, line=line, col=col, detail=problem) from None
    except RecursionError:
        raise YamlProblem("yaml.too_deep", path=path) from None
    except YAMLError as exc:
        raise YamlProblem("yaml.syntax", path=path, detail=str(exc).splitlines()[0]) from None


# Why a date-like value is no date (Python's words), as the catalogue's key for them.
_DATE_REASONS = (
    ("day is out of range", "yaml.no_such_day"),
    ("month must be", "yaml.no_such_month"),
)

# The parser's common problems, said in the reader's language with how to fix them; any other
# keeps the parser's own words (`yaml.syntax`).
_PROBLEMS = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"tab character|character '\\t'", "yaml.tab"),
        (r"expected ',' or '\]'", "yaml.unclosed_list"),
        (r"expected ',' or '\}'", "yaml.unclosed_mapping"),
        (r"unexpected end of stream", "yaml.unexpected_end"),
        (r"mapping values are not allowed|found unexpected ':'", "yaml.colon"),
        (r"could not find expected ':'", "yaml.no_colon"),
        (
            r"expected <block end>|did not find expected key|expected <document start>",
            "yaml.indent",
        ),
        (r"unknown escape character", "yaml.escape"),
        (r"that cannot start any token", "yaml.bad_start"),
        (r"expected a comment or a line break", "yaml.trailing"),
    )
)


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return deepest


def load_safe(text: str, path: str) -> Any:
    """The reference safe load, refusing documents nested deeper than MAX_DEPTH."""
    data = _load(_SAFE, text, path)
    if _depth(data) > MAX_DEPTH:
        raise YamlProblem("yaml.too_deep", path=path)
    return data


def load_roundtrip(text: str, path: str) -> Any:
    """Parse keeping comments, order and quoting, for edits and for error positions."""
    return _load(roundtrip_yaml(), text, path)


def dump_roundtrip(data: Any) -> str:
    stream = io.StringIO()
    roundtrip_yaml().dump(data, stream)
    return stream.getvalue()
