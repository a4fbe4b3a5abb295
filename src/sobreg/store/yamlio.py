"""YAML in and out: the fast safe read path, the round-trip write path, atomic writes, positions.

Read-only work parses with the fast reader (`yamlfast`: yaml-rs, made to read as ruamel's YAML
1.2) and falls back to ruamel's safe loader (`yamlrt`), the reference, for anything
unusual; edits parse in round-trip mode so that comments, key order and quoting written by people
survive. All refuse what a registry file never needs and an attacker could use: anchors/aliases
(a tiny file can expand enormously), tags, several documents, byte order marks, files over
`MAX_FILE_BYTES`.
Heavy parsers are imported only when a file is actually parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sobreg.errors import YamlProblem
from sobreg.store import atomic

__all__ = ["YamlProblem"]  # raised by every reader here; callers catch it from this module

MAX_FILE_BYTES = 1024 * 1024
BOM = b"\xef\xbb\xbf"


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


def load_bytes(data: bytes, path: str) -> tuple[Any, str | None, bool]:
    """A file's document from its bytes, its text when it had to be decoded, and whether no text
    in it can hold a control character (`yamlfast.control_free`). The Rust reader takes the
    bytes as they are (a file it reads is never decoded in Python: ~4 µs a file less); anything
    else is decoded, refusing what a registry file must not be, and read by the others
    (`load_safe`)."""
    # Lazy: the parsers load when a file is parsed, never for commands the cache answers.
    from sobreg.store import yamlfast

    if len(data) <= MAX_FILE_BYTES:
        try:
            found, plain = yamlfast.load_bytes(data)
            return found, None, plain
        except yamlfast.Divergent:
            pass
    text = decode(data, path)
    return load_safe(text, path, rust=False), text, yamlfast.control_free(data)


def load_safe(text: str, path: str, rust: bool = True) -> Any:
    """Parse into plain dicts, lists and scalars: the fast loader, else the reference one.
    `rust` false: the Rust reader has left this text's bytes already (`load_bytes`)."""
    # Lazy: as in load_bytes.
    from sobreg.store import yamlfast

    try:
        return yamlfast.load(text, rust=rust)
    except yamlfast.Divergent:
        # Lazy (here and below): ruamel loads only for what the fast reader leaves and for
        # edits, so reads answered by the fast path never pay for it.
        from sobreg.store import yamlrt

        return yamlrt.load_safe(text, path)


def load_roundtrip(text: str, path: str) -> Any:
    """Parse keeping comments, order and quoting, for edits and for error positions."""
    # Lazy: see load_safe.
    from sobreg.store import yamlrt

    return yamlrt.load_roundtrip(text, path)


def dump_roundtrip(data: Any) -> str:
    # Lazy: see load_safe.
    from sobreg.store import yamlrt

    return yamlrt.dump_roundtrip(data)


def like(original: str, text: str) -> str:
    """`text` (written with LF) with the line endings and final newline of `original`, so a
    file people keep with CRLF stays CRLF through every edit."""
    if "\r\n" in original:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    if original and not original.endswith("\n"):
        text = text.rstrip("\r\n")
    return text


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


def position(doc: Any, loc: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
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
            if (isinstance(child, dict | list) and child) or (at_key and part == loc[-1]):
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


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write `text` (or bytes: a workbook) so that readers see the old or the new file, never a
    half-written one (`atomic.write`, durable)."""
    atomic.write(path, text if isinstance(text, bytes) else text.encode("utf-8"))
