"""The fast read path: yaml-rs (Rust), made to read exactly as ruamel's YAML 1.2 safe loader, the
reference, which reads every file it leaves.

Parsing 10,000 registry files takes about 0.65 s with yaml-rs and 10 s with ruamel's
C-accelerated safe loader. yaml-rs reads YAML 1.2 with the core schema, as
ruamel does; it is a dependency on CPython (wheels for the common platforms) and optional where it
cannot be installed, used when importable, for text with no tag, anchor, alias, directive or
character the reference refuses, and only when its result is one mapping (a second document makes
it a list of them) holding nothing but what a registry file holds: mappings with plain keys, lists,
strings, booleans, whole numbers, null and dates. A float, a timestamp with a time of day, a string
that looks like a date (the reference refuses impossible dates) or a merge/value key sends the file
on to the reference, as does any error, so that every refusal keeps the reference's
`path:line:col`. A file's bytes are given to it as they are (`load_bytes`: it checks that they are
UTF-8), and the guards search the bytes, so a file it reads is never decoded in Python.

Anything it is not asked to read, or reads otherwise than the reference would, raises
`Divergent`: the caller then reads the file with ruamel, whose result or error is the reference.
(A PyYAML tier between the two read 0 of 10,002 generated files and 1 of the repository's 57,
and was removed in 0.14.) Both paths agree on every file by construction, and
`tests/store/test_yamlfast.py` compares them on tricky scalars, every example file and
hypothesis-generated documents.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from typing import Any

_DEEP_INDENT = b"\n" + b" " * 100
_FIRST_LINES = 50  # blank and comment lines looked through for an end marker before content
# What the Rust reader is not asked to read: tags, anchors, aliases, and characters the reference
# refuses or treats as line breaks (C0/C1 controls, NEL, LS, PS, BOM); directives and tabs
# opening a line (`_not_for_rust`); quoted scalars that start with a date or an escape: yaml-rs 0.1
# reads a quoted '2026-01-01' as a date (and '10:00:00' as a time), where YAML says a quoted
# scalar is a string; block scalars with strip chomping (`|-`, `>-`) whose text starts with a
# digit, for the same reason; and any block scalar in a text that does not end with a line break.
_RUST_CHARS = re.compile("[!&*\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# The bytes that can stand for one of those characters in UTF-8: the ASCII ones themselves and the
# lead bytes of U+0080-U+009F (C2), U+2028/U+2029 (E2) and U+FEFF (EF); and the characters the
# other guards start from, and the backslash (`_LOOKED_AT`). `bytes.translate` deletes every other
# byte in C (~1 µs a file, where the regex over the text takes ~7 µs): what is left says which
# guards to run, holds every quote and bracket to count, and says whether a text read from the
# bytes can hold a control character (`control_free`).
_LOOKED_AT = b"%'\"[{|>\t\\"
_SAFE_BYTES = bytes(
    b
    for b in range(256)
    if b not in {*b"!&*", *_LOOKED_AT, *range(0x20), 0x7F, 0xC2, 0xE2, 0xEF} - {*b"\n\r"}
)
# The bytes that begin a control character in UTF-8 (C0 but tab and line breaks, DEL, and C2, the
# lead byte of U+0080-U+00BF, C1 among them) and the backslash, which begins an escape in a
# double-quoted scalar that can make one. Every other byte is deleted by `control_free`.
_CONTROL_STARTS = {*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, ord("\\")}
_NOT_CONTROL_STARTS = bytes(b for b in range(256) if b not in _CONTROL_STARTS)
# Only what could be a whole date is left to the reference: process.yaml's `version:
# "2023-0013.1"` would otherwise send it, and every command that reads it, to ruamel (~20 ms to
# import). yaml-rs 0.1.6 turned no quoted scalar into a date without this prefix in a sweep of
# 112,578 date-like strings (the tricky scalars hold the near misses); a quoted time it reads as a
# time is refused by `_registry_value`, like every time.
# The guards search the bytes: a non-ASCII character (any byte from 0x80) may be a space, as `\s`
# counts Unicode's, and is taken for one; or a word character, as `\S` counts them.
_DATE_OR_ESCAPE = rb"(?:\s|[\x80-\xff])*(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|\\)"
_QUOTED_DATE = re.compile(rb"['\"]" + _DATE_OR_ESCAPE)  # what `quoted_date` looks for
_AFTER_QUOTE = re.compile(_DATE_OR_ESCAPE)
_STRIP_BLOCK = re.compile(rb"[|>][1-9]?-[1-9]?[ \t]*(?:#[^\n]*)?\n(?:[ \t]*\n)*[ \t]*[0-9]")
# A colon not followed by a space inside a flow collection ([1:20], {a:b}): YAML 1.2, yaml-rs and
# PyYAML read it as part of a word, the reference refuses it. The fast reader is not asked.
_FLOW_COLON = re.compile(rb"[\[{][^\]}]*:\S")
_COLON_WORD = re.compile(rb":\S")
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


class Divergent(Exception):
    """This file needs the reference loader."""


_RUST: Any = None  # the yaml_rs module once looked for; False when it is not installed


def rust_reader() -> Any:
    """yaml_rs when it is installed (and not switched off with SOBREG_YAML_RS=0), else None."""
    global _RUST
    if _RUST is None:
        _RUST = False
        if os.environ.get("SOBREG_YAML_RS", "1") != "0":
            try:
                # Lazy: the Rust reader loads when the first file is parsed, and it is optional.
                import yaml_rs

                _RUST = yaml_rs
            except ImportError:
                pass
    return _RUST or None


def _odd_string(text: str) -> bool:
    """A string yaml-rs may have read differently from the reference: one that looks like a
    date (the reference refuses impossible dates), a merge or value key, or only line breaks
    (yaml-rs 0.1 reads an empty block scalar, `a: |`, as "\\n", not "")."""
    if text in ("<<", "="):
        return True
    if text[0] == "\n":
        return not text.strip("\n")
    return bool(_DATE_LIKE.match(text))


_ODD_START = frozenset("0123456789<=\n")
_PLAIN_LEAVES = (bool, int, dt.date, type(None))
_GOOD_KEYS: set[str] = set()  # keys judged alike by both readers (only str keys are added)
_GOOD_KEYS_MAX = 4096  # bounds what a process keeps of keys met in untrusted files


def _registry_value(value: Any) -> bool:
    """True when `value` holds only what both readers are known to read alike. Runs over every
    node of every file read, so it is written for speed: type identity, then a first-character
    test before any regex, and only collections pushed on the stack (a leaf is judged where it
    is met: most of a file's nodes are leaves)."""
    stack = [value]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        kind = type(node)
        if kind is dict:
            # A mapping's keys are the same few field names file after file: one C-level set
            # test for those judged before, the loop only for a key not met yet.
            if not _GOOD_KEYS.issuperset(node):
                for key in node:
                    if type(key) is not str or (key and key[0] in _ODD_START and _odd_string(key)):
                        return False
                if len(_GOOD_KEYS) < _GOOD_KEYS_MAX:
                    _GOOD_KEYS.update(node)
            items = node.values()
        elif kind is list:
            items = node
        else:
            items = (node,)  # only the root can be a leaf here
        for item in items:
            kind = type(item)
            if kind is str:
                if item and item[0] in _ODD_START and _odd_string(item):
                    return False
            elif kind is dict or kind is list:
                push(item)
            elif kind not in _PLAIN_LEAVES:
                return False  # floats, timestamps, times: the next reader decides
    return True


def control_free(raw: bytes) -> bool:
    """Whether no text read from the YAML bytes `raw` (by any reader) can hold a control
    character: none is in them, nor an escape (~1 µs a file, in C; nothing more when the bytes
    left by the Rust reader's guard are at hand, `load_bytes`)."""
    return not raw.translate(None, _NOT_CONTROL_STARTS)


def _not_for_rust(raw: bytes, text: str | None = None, left: bytes | None = None) -> bool:
    """Whether the UTF-8 bytes `raw` (of `text`, when the caller has it) hold what yaml-rs is not
    asked to read, or may nest deeper than the reference allows (`_too_deep_or_flow_colon`).
    Each search runs only when the bytes hold the character it starts from: one regex with all
    these alternatives took longer than yaml-rs itself. Document markers are not searched for
    (~3 µs a file): a second document makes yaml-rs's result a list, which `load_rust` leaves;
    only an end marker before any content, which yaml-rs skips and the reference refuses, is
    looked for where it can be, among the first lines. `left`: the bytes `_SAFE_BYTES` leaves,
    when the caller has them."""
    if left is None:
        left = raw.translate(None, _SAFE_BYTES)
    if _DEEP_INDENT in raw or _end_marker_first(raw):
        return True
    if not left:
        return False
    if left.translate(None, _LOOKED_AT):  # a character of `_RUST_CHARS` may be there
        if text is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return True
        if _RUST_CHARS.search(text):
            return True
    if b"%" in left and (raw[:1] == b"%" or b"\n%" in raw):
        return True
    if b"\t" in left and (raw[:1] == b"\t" or b"\n\t" in raw):
        return True  # a tab opening a line, even a blank one: the reference refuses it
    if (b"'" in left or b'"' in left) and quoted_date(raw):
        return True
    if (b"|" in left or b">" in left) and (raw[-1:] != b"\n" or _STRIP_BLOCK.search(raw)):
        return True  # yaml-rs 0.1 ends a block scalar at the end of the text with a line break
    brackets = left.count(b"[") + left.count(b"{")
    return brackets > 64 or (brackets > 0 and flow_colon(raw))


def quoted_date(raw: bytes) -> bool:
    """`_QUOTED_DATE.search(raw)`, from each quote found by `bytes.find`: the regex tried its
    first character at every position (~9 µs a file that holds a quote; most hold a few)."""
    for quote in (b"'", b'"'):
        start = raw.find(quote)
        while start >= 0:
            if _AFTER_QUOTE.match(raw, start + 1):
                return True
            start = raw.find(quote, start + 1)
    return False


def _end_marker_first(raw: bytes) -> bool:
    """Whether the first line that is neither blank nor a comment may be a document end marker
    (`...`). Registry files open with a comment or two; a text with more lines before its
    content than `_FIRST_LINES` is left to the next reader rather than looked through."""
    start = 0
    for _ in range(_FIRST_LINES):
        end = raw.find(b"\n", start)
        line = raw[start:] if end < 0 else raw[start:end]
        content = line.lstrip(b" \t\r")
        if content and content[:1] != b"#":
            return line.startswith(b"...")
        if end < 0:
            return False
        start = end + 1
    return True


def load_rust(text: str) -> Any:
    """The document in `text` read by yaml-rs, or Divergent when another reader must decide
    (a file's bytes go to `load_bytes` instead)."""
    rust = rust_reader()
    if rust is None or _not_for_rust(text.encode("utf-8", "surrogatepass"), text):
        raise Divergent
    return _judged(lambda: rust.loads(text))


def load_bytes(raw: bytes) -> tuple[Any, bool]:
    """The document in a file's bytes read by yaml-rs, and whether its texts are
    `control_free`; or Divergent when another reader must decide (bytes that are not UTF-8
    too). The bytes are not decoded in Python: yaml-rs checks them, ~4 µs a file less than
    decoding the text for it (which it encodes again)."""
    rust = rust_reader()
    if rust is None:
        raise Divergent
    left = raw.translate(None, _SAFE_BYTES)
    if _not_for_rust(raw, None, left):
        raise Divergent
    data = _judged(lambda: rust.load(raw, encoder_errors="strict"))
    return data, not left.translate(None, _NOT_CONTROL_STARTS)  # as `control_free(raw)`


def _judged(read: Callable[[], Any]) -> Any:
    """What `read()` gives, when it is what the reference would make of the same text."""
    try:
        data = read()
    except Exception:
        raise Divergent from None
    # One mapping, as every registry file is: several documents (which the reference refuses)
    # come back as a list, and whatever else is left to the reference to say.
    if type(data) is not dict or not _registry_value(data):
        raise Divergent
    return data


def flow_colon(raw: bytes) -> bool:
    """`_FLOW_COLON.search(raw)`, from each bracket found by `bytes.find`: the regex looked for
    its first character at every position (~4 µs a file; most files hold one or two `[]`)."""
    for opener in (b"[", b"{"):
        start = raw.find(opener)
        while start >= 0:
            ends = [e for e in (raw.find(b"]", start), raw.find(b"}", start)) if e >= 0]
            # The character after a colon may be the closing bracket itself (`[a:]`).
            inside = raw[start + 1 : min(ends) + 1 if ends else len(raw)]
            if b":" in inside and _COLON_WORD.search(inside):
                return True
            start = raw.find(opener, start + 1)
    return False


def load(text: str, rust: bool = True) -> Any:
    """The document in `text`, or Divergent when the reference loader must decide; `rust`
    false: the Rust reader is not asked (it has left these bytes already)."""
    if not rust:
        raise Divergent
    return load_rust(text)
