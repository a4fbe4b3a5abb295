"""The shared output helpers: JSON with stray bytes escaped, long listings in one write."""

from __future__ import annotations

import json

import pytest

from sobreg.cli.common import echo_json, echo_lines, table


def test_json_with_stray_bytes_shows_them_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    # A file name that is not UTF-8 arrives as surrogate escapes; JSON cannot carry them raw.
    echo_json({"path": "N-2026-\udcff.yaml", "rows": [{"title": "Idé"}]})
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"path": "N-2026-\\xff.yaml", "rows": [{"title": "Idé"}]}


def test_json_without_stray_bytes_is_the_value_itself(capsys: pytest.CaptureFixture[str]) -> None:
    value = {"id": "N-2026-001", "title": "Sömn \\ ångest", "n": [1, None, True]}
    echo_json(value)
    assert json.loads(capsys.readouterr().out) == value


def test_a_piped_table_is_every_row_once_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[f"N-2026-{i:03}", f"rad\t{i}\n"] for i in range(1, 2001)]
    table(["Id", "Namn"], rows)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Id\tNamn"
    assert lines[1:] == [f"N-2026-{i:03}\trad {i} " for i in range(1, 2001)]


def test_no_lines_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    echo_lines([])
    assert capsys.readouterr().out == ""
