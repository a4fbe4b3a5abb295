"""Names and texts as a terminal can show them: the bytes of a name that is not UTF-8, and
control characters (an escape sequence in a file name or a source's content), escaped."""

from __future__ import annotations

import re

# C0 and C1 control characters but line breaks and tabs: ESC, OSC and the like would reach the
# terminal and act there (set its title, hide text, write a link), not be read.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` unchanged, or with stray bytes (surrogate escapes from the file system) shown as
    `\\xff` and control characters as `\\x1b`, so anything can be printed and named safely."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
