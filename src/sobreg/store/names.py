"""File names as people can read them: the bytes of a name that is not UTF-8, escaped."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` unchanged, or with stray bytes (surrogate escapes from the file system) shown as
    `\\xff`, so a name that is not UTF-8 can be printed and named in an error."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
