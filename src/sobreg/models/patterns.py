"""Id and value patterns, and how a refusal by one is said, kept free of heavy imports: the fast
read path and the validator's messages need them without loading pydantic."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

NOMINATION_ID_PATTERN = r"^N-\d{4}-\d{3,}$"
PROGRAM_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PROGRAM_ID_MAX = 64
STEP_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"
SOURCE_NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# Another registry's program, `SOURCE:ID` (sources.yaml names SOURCE).
SOURCE_PROGRAM_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*:[a-z0-9]+(-[a-z0-9]+)*$"


# Control characters (NEL, escape sequences) have no place in a registry and do not survive a
# YAML round trip; tab and line breaks do. Checked as a pattern in pydantic's Rust core: a Python
# validator on every text cost ~10 µs a file, a fifth of validating it. `as_sobreg_error`
# gives the refusal its own message, with the character and its place.
CONTROL_FREE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def as_sobreg_error(error: Mapping[str, Any]) -> Mapping[str, Any]:
    """A pydantic error as sobreg says it: a text's refusal by `CONTROL_FREE` becomes
    `sobreg_control`, with the character's code and its place (counted from 1); any other error
    is returned as it is."""
    ctx = error.get("ctx") or {}
    if error.get("type") != "string_pattern_mismatch" or ctx.get("pattern") != CONTROL_FREE:
        return error
    found = _CONTROL.search(str(error.get("input", "")))
    if found is None:
        return error
    code, at = f"{ord(found.group()):04X}", found.start() + 1
    msg = f"control character U+{code} at {at}"
    return {**error, "type": "sobreg_control", "msg": msg, "ctx": {"code": code, "at": at}}


def message_key(error_type: str, path: str) -> str:
    """The catalogue's key for a pydantic error at `path` (a field name or dotted path): an
    e-mail address that does not match says so, not the pattern it failed."""
    if error_type == "string_pattern_mismatch" and path.rsplit(".", 1)[-1].endswith("email"):
        return "email"
    return error_type
