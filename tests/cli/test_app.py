"""The application registers only the command it runs (every command for help or a typo), and its
table of command modules says what the modules really register."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import cli, sobreg

from sobreg.cli import GC_THRESHOLD
from sobreg.cli.app import COMMANDS, MODULES, build_app, command_named


def _names(app: typer.Typer) -> list[str]:
    group = typer.main.get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", list(MODULES))
def test_each_module_registers_the_commands_the_table_names(module: str) -> None:
    app = typer.Typer()
    app.callback()(lambda: None)
    importlib.import_module(f"sobreg.cli.{module}").register(app)
    assert tuple(_names(app)) == MODULES[module]


def test_help_lists_every_command_in_the_table_order() -> None:
    assert _names(build_app(["--help"])) == [c for names in MODULES.values() for c in names]
    assert _names(build_app([])) == list(COMMANDS)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["validate"], "validate"),
        (["--registry", "status", "list", "--json"], "list"),  # a value that looks like a command
        (["--lang", "en", "--as", "a@b.se", "advance", "N-2026-001"], "advance"),
        (["--registry=x", "due"], "due"),
        (["sources", "fetch"], "sources"),
        (["--help"], None),
        (["--version"], None),
        (["valdate"], None),  # a typo: every command, so the error can suggest one
        (["--", "validate"], None),
        ([], None),
    ],
)
def test_the_command_is_found_past_the_root_options(argv: list[str], named: str | None) -> None:
    assert command_named(argv) == named
    expected = MODULES[COMMANDS[named]] if named else tuple(COMMANDS)
    assert tuple(_names(build_app(argv))) == expected


def test_a_run_imports_only_its_own_command_module() -> None:
    code = (
        "import sys\n"
        "from sobreg.cli.app import run\n"
        "run(['schema', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('sobreg.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.strip().splitlines()[-1]
    assert "sobreg.cli.validate" in loaded
    assert not any(f"'sobreg.cli.{m}'" in loaded for m in MODULES if m != "validate")


def test_a_misspelt_command_is_still_named_with_a_suggestion() -> None:
    ran = cli("valdate")
    assert ran.code == 2
    assert "validate" in ran.stderr


_PROBE = """
import atexit, gc, sys
from sobreg.cli import main
atexit.register(lambda: print("frozen", gc.get_freeze_count() > 0))
atexit.register(lambda: print("threshold", gc.get_threshold()[0]))
if sys.argv[1] == "in-process":
    try:
        main(["--help"])
    except SystemExit:
        print("frozen", gc.get_freeze_count() > 0)
        print("threshold", gc.get_threshold()[0])
    sys.exit(0)
sys.argv = ["sobreg", "--help"]
main()
"""


def test_a_process_leaves_its_objects_to_the_os_and_a_caller_keeps_its_own() -> None:
    """The console script collects cycles every 100,000 new objects, not every 700 (the passes
    over the same young objects cost a cold validate 0.03 s), and freezes what it made before the
    interpreter shuts down (the passes over a loaded cache cost a command 30-40 ms); main()
    called with arguments, as from another program or a test, leaves the caller's collector
    alone."""
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, "process"], capture_output=True, text=True, check=True
    )
    assert ran.stdout.rstrip().endswith("frozen True")
    assert f"threshold {GC_THRESHOLD[0]}" in ran.stdout
    assert "Usage" in ran.stdout or "Användning" in ran.stdout  # the output was written whole
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, "in-process"], capture_output=True, text=True, check=True
    )
    assert "frozen True" not in ran.stdout
    assert f"threshold {GC_THRESHOLD[0]}" not in ran.stdout and "threshold" in ran.stdout


_ENDING = """
import atexit, sys, threading, time
from sobreg.cli import main

atexit.register(lambda: print("handler ran"))  # not flushed by itself: the pipe buffers it
if sys.argv[1] == "with a thread":
    threading.Thread(target=lambda: (time.sleep(0.3), print("thread done"))).start()
sys.argv = ["sobreg", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("case", ["alone", "with a thread"])
def test_a_command_ends_its_process_after_the_exit_handlers_and_its_output(case: str) -> None:
    """The console script ends its process without freeing its objects one by one (~15 ms of a
    cold validate), but only after what ends at exit: the exit handlers, then the output, with
    the command's exit code. A thread still running is waited for, as the interpreter does."""
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for args, code, shown in ((["--help"], 0, "validate"), (["valdate"], 2, "validate")):
        ran = subprocess.run(
            [sys.executable, "-c", _ENDING, case, *args], capture_output=True, text=True,
            env=buffered,
        )  # fmt: skip
        assert ran.returncode == code, ran.stderr
        assert shown in ran.stdout + ran.stderr and "handler ran" in ran.stdout
        assert ("thread done" in ran.stdout) == (case == "with a thread")


_SPY = """
import os
from pathlib import Path

Path(os.environ["SPY_FILE"]).write_text("loaded")


class _Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = _Plugin()
"""


def test_the_console_script_loads_no_pydantic_plugin_unless_the_environment_names_them(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pydantic would look through every installed distribution's entry points for plugins (~7
    ms of a cold validate) and let one observe each file validated: the console script loads
    none, unless PYDANTIC_DISABLE_PLUGINS is already set (here to leave none out)."""
    site = tmp_path_factory.mktemp("site")  # outside the repository
    (site / "spy-1.0.dist-info").mkdir(parents=True)
    (site / "spy-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy\nVersion: 1.0\n"
    )
    (site / "spy-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spyplugin:plugin\n"
    )
    (site / "spyplugin.py").write_text(_SPY)
    spied = site / "spied"
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "SPY_FILE": str(spied)}  # fmt: skip
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    for given, loaded in (({}, False), ({"PYDANTIC_DISABLE_PLUGINS": ""}, True)):
        shutil.rmtree(repo / ".git" / "sobreg", ignore_errors=True)  # a cold run builds validators
        spied.unlink(missing_ok=True)
        ran = sobreg("validate", cwd=repo, env={**env, **given})
        assert ran.code == 0, ran.stderr
        assert spied.exists() == loaded, given
