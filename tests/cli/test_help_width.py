"""`--help` at 80 columns (issue 34, item 9): every line fits, the list of commands cuts no
description short, examples fit, and no Python type reaches a reader, in Swedish or English."""

from __future__ import annotations

import re

import pytest
from conftest import cli

from sobreg.cli.app import COMMANDS

# What Typer and click would show of Python: `ID <str>`, `<list[Path]>`, `1900<=x<=2999`.
_PYTHON = re.compile(r"<(str|int|int range|float|list\[|path|Path)[^>]*>|x<=|<=x|x>=|; required")


def _help(lang: str, *args: str) -> str:
    ran = cli("--lang", lang, *args, "--help")
    assert ran.code == 0, args
    return ran.stdout


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_help_page_fits_80_columns_with_no_python_types(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    pages = {"": _help(lang), "sources fetch": _help(lang, "sources", "fetch")}
    pages |= {command: _help(lang, command) for command in COMMANDS}
    assert len(pages) >= 25
    for command, page in pages.items():
        long = [line for line in page.splitlines() if len(line) > 80]
        assert long == [], (command, long)
        assert not _PYTHON.search(page), (command, _PYTHON.search(page))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_list_of_commands_cuts_no_description(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    listing = _help(lang).split("\n\n")[-1]
    rows = [line for line in listing.splitlines() if line.startswith("  ")]
    assert len(rows) >= 24
    assert not [row for row in rows if row.rstrip().endswith("...") or "…" in row], rows
