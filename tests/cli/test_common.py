"""The shared output helpers: JSON with stray bytes escaped, long listings in one write, rich
loaded only where it draws."""

from __future__ import annotations

import ast
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import add_nomination
from rich.console import Console

from sobreg.cli.common import ProgressBar, echo_json, echo_lines, table


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


def _imports_after_status(repo: Path, env: dict[str, str]) -> tuple[str, bool]:
    code = (
        "import sys\n"
        "from sobreg.cli.app import run\n"
        "code = run(['status'])\n"
        "sys.stderr.write(repr(('rich' in sys.modules, code)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=repo, env=env, check=True
    )
    rich_loaded, exit_code = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    assert exit_code == 0
    return done.stdout, rich_loaded


def test_a_piped_listing_never_loads_rich(repo: Path) -> None:
    # Whether stdout is a terminal is asked without rich (~12 ms to import) unless a terminal is
    # there or the environment may force one; then rich decides, as before.
    add_nomination(repo)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    env.pop("FORCE_TERMINAL", None)
    out, rich_loaded = _imports_after_status(repo, env)
    assert not rich_loaded
    assert out.splitlines()[0].count("\t") == 2  # the piped form: tab-separated
    forced, rich_loaded = _imports_after_status(repo, {**env, "FORCE_COLOR": "1"})
    assert rich_loaded
    assert "\t" not in forced.splitlines()[0]  # rich drew its table


def test_progress_bar_only_on_a_terminal() -> None:
    shown = io.StringIO()
    bar = ProgressBar("Läser registret")
    bar.out = Console(file=shown, force_terminal=True, width=80)
    with bar:
        bar(10, 1000)
        bar(1000, 1000)
    assert "Läser registret" in shown.getvalue()
    piped = io.StringIO()
    bar = ProgressBar("Läser registret")
    bar.out = Console(file=piped, force_terminal=False)
    with bar:
        bar(10, 1000)
    assert piped.getvalue() == ""
    small = io.StringIO()
    bar = ProgressBar("x")
    bar.out = Console(file=small, force_terminal=True)
    with bar:
        bar(1, 10)  # too little work for a bar
    assert small.getvalue() == ""
