"""YAML in and out: the fast safe read path, the round-trip write path, atomic writes, positions.

Read-only work parses with ruamel's C-accelerated safe loader; edits parse in round-trip mode so
that comments, key order and quoting written by people survive. Both refuse what a registry file
never needs and an attacker could use: anchors/aliases (a tiny file can expand enormously), tags
(the safe constructors already refuse them), several documents, byte order marks, files over
`MAX_FILE_BYTES`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node

from sobreg.errors import RefusedError

MAX_FILE_BYTES = 1024 * 1024
BOM = b"\xef\xbb\xbf"


class YamlProblem(RefusedError):
    """A file that cannot be read as a registry document; line and col are 1-based."""

    def __init__(self, key: str, /, *, path: str, line: int = 1, col: int = 1, **params: Any):
        super().__init__(key, path=path, line=line, col=col, **params)
        self.path = path
        self.line = line
        self.col = col


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


def decode(data: bytes, path: str) -> str:
    """Bytes to text, refusing what a registry file must not be."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem("yaml.too_large", path=path, size=len(data), limit=MAX_FILE_BYTES)
    if data.startswith(BOM):
        raise YamlProblem("yaml.bom", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem("yaml.bad_utf8", path=path, line=line, col=col) from exc
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise YamlProblem("yaml.nul", path=path, line=line)
    return text


def read_text(path: Path, display: str | None = None) -> str:
    shown = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem("yaml.too_large", path=shown, size=size, limit=MAX_FILE_BYTES)
        return decode(path.read_bytes(), shown)
    except OSError as exc:
        raise YamlProblem("yaml.unreadable", path=shown, reason=exc.strerror or str(exc)) from exc


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
        raise YamlProblem(
            "yaml.bad_value",
            path=path,
            line=mark.line + 1,
            col=mark.column + 1,
            value=str(exc.node.value)[:80],
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
        raise YamlProblem("yaml.syntax", path=path, line=line, col=col, detail=problem) from None
    except RecursionError:
        raise YamlProblem("yaml.too_deep", path=path) from None
    except YAMLError as exc:
        raise YamlProblem("yaml.syntax", path=path, detail=str(exc).splitlines()[0]) from None


def load_safe(text: str, path: str) -> Any:
    """Parse with the C-accelerated safe loader into plain dicts, lists and scalars."""
    return _load(_SAFE, text, path)


def load_roundtrip(text: str, path: str) -> Any:
    """Parse keeping comments, order and quoting, for edits and for error positions."""
    return _load(roundtrip_yaml(), text, path)


def dump_roundtrip(data: Any) -> str:
    stream = io.StringIO()
    roundtrip_yaml().dump(data, stream)
    return stream.getvalue()


def to_plain(value: Any) -> Any:
    """Round-trip containers and scalar subclasses to plain Python values for validation."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value
    return value


def position(doc: Any, loc: Sequence[str | int]) -> tuple[int, int]:
    """1-based line and column of `loc` in a round-trip document, or of its nearest parent.

    A missing key points at the mapping that should hold it; an existing key at its value when
    the value is a scalar (that is what is wrong), else at the key.
    """
    line, col = 1, 1
    node = doc
    for part in loc:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        if isinstance(node, dict) and part in node:
            try:
                key_line, key_col = lc.key(part)
                value_line, value_col = lc.value(part)
            except (KeyError, TypeError, AttributeError):
                break
            child = node[part]
            if isinstance(child, dict | list) and child:
                line, col = key_line + 1, key_col + 1
            else:
                line, col = value_line + 1, value_col + 1
            node = child
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            try:
                item_line, item_col = lc.item(part)
            except (KeyError, TypeError, AttributeError, IndexError):
                break
            line, col = item_line + 1, item_col + 1
            node = node[part]
        else:
            if isinstance(node, dict | list) and node is not doc and lc is not None:
                line, col = lc.line + 1, lc.col + 1
            break
    return line, col


def atomic_write(path: Path, text: str) -> None:
    """Write `text` so that readers see the old or the new file, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
