"""Typer's own words (help headings, usage line, help option, usage errors) in the user's
language, as a user meets them: `sobreg` run as a process."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sobreg

ENGLISH_CLICK = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "Error:")


def test_the_help_page_is_swedish(tmp_path: Path) -> None:
    out = sobreg("--help", cwd=tmp_path).stdout
    for word in ("Användning: sobreg", "Flaggor:", "Kommandon:", "Visa den här hjälpen"):
        assert word in out
    assert not [w for w in ENGLISH_CLICK if w in out]
    sub = sobreg("init", "--help", cwd=tmp_path).stdout
    assert "Argument:" in sub and "[standard: .]" in sub and "Exempel:" in sub


def test_the_help_page_is_english_with_lang_en(tmp_path: Path) -> None:
    out = sobreg("--lang", "en", "advance", "--help", cwd=tmp_path).stdout
    assert "Usage: sobreg advance" in out and "Options:" in out and "Show this message" in out
    assert "Flaggor" not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["advance", "--frob"], "Fel: Okänd flagga: --frob."),
        (["advance"], "Fel: Argumentet 'ID' saknas."),
        (["validate", "--format", "nope"], "'nope' är inte ett av 'text', 'json', 'github'."),
        (["report", "--year", "x"], "Ogiltigt värde för '--year': ange ett heltal"),
        (["nosuch"], "Fel: Det finns inget kommando 'nosuch'."),
        (["withdraw", "N-2026-001", "--reason"], "Flaggan '--reason' behöver ett värde."),
    ],
)
def test_usage_errors_are_swedish(tmp_path: Path, args: list[str], expected: str) -> None:
    ran = sobreg(*args, cwd=tmp_path)
    assert ran.code == 2
    assert expected in ran.stderr, ran.stderr
    assert not [w for w in ENGLISH_CLICK if w in ran.stderr]


def test_usage_errors_are_english_with_lang_en(tmp_path: Path) -> None:
    ran = sobreg("--lang", "en", "advance", "--frob", cwd=tmp_path)
    assert ran.code == 2 and "Error: No such option: --frob." in ran.stderr
    assert "Try 'sobreg advance -h' for help." in ran.stderr
