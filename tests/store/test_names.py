"""`store/names.py`: any name or text can be printed without acting on the terminal."""

from __future__ import annotations

from sobreg.store.names import printable


def test_ordinary_text_is_unchanged_and_line_breaks_and_tabs_stay() -> None:
    assert printable("Sömnhjälpen\tN-2026-001\n") == "Sömnhjälpen\tN-2026-001\n"


def test_control_characters_and_stray_bytes_are_shown_not_sent() -> None:
    assert printable("a\x1b]0;title\x07b") == "a\\x1b]0;title\\x07b"  # an OSC sequence
    assert printable("c\x85d") == "c\\x85d"  # a C1 control
    stray = b"namn-\xff.yaml".decode("utf-8", "surrogateescape")  # as the file system gives it
    assert printable(stray) == "namn-\\xff.yaml"
