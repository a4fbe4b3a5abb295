"""The plain option conversion against Typer's own, on every parameter of every command."""

from __future__ import annotations

import subprocess
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer
from conftest import add_nomination
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from sobreg.cli.app import build_app
from sobreg.cli.coercion import plain_runtime
from sobreg.store.cache import RACY_NS


def every_parameter() -> list[tuple[str, Any]]:
    root = typer.main.get_command(build_app())
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        ctx = root.make_context("sobreg", ["--help"], resilient_parsing=True)
        for param in command.get_params(ctx):
            found.append((f"{path} {param.name}", param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "sobreg")
    return found


PARAMETERS = every_parameter()
SAMPLES: dict[Any, list[Any]] = {
    str: ["", "abc", "åäö", " x ", "-", "N-2026-001", "a\nb"],
    int: ["0", "1", "012", "20", "1000", "1001", "1899", "1900", "2025", "2999", "3000",
          "+5", " 5", "5 ", "-1", "1e3", "1_000", "abc", "", "٣", "9" * 30],
    Path: ["", ".", "a/b", "~/x", "-", "/tmp", "ö.yaml"],
    bool: [True, False, "yes", "0", ""],
}  # fmt: skip


def samples(annotation: Any) -> list[Any]:
    if get_origin(annotation) is list:
        (inner,) = get_args(annotation)
        return [[], *([value] for value in samples(inner)), samples(inner)[:3]]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [str(member.value) for member in annotation]
        return [*values, *(v.upper() for v in values), "", "nope"]
    return list(SAMPLES.get(annotation, []))


def outcome(runtime: Any, value: Any, param: Any) -> tuple[str, Any]:
    try:
        result = runtime.coerce(value, param=param, ctx=None)
    except BadParameter as exc:
        return "refused", exc.format_message()
    return type(result).__name__, result


def test_every_parameter_of_a_plain_type_gets_the_plain_conversion() -> None:
    plain = [name for name, param in PARAMETERS if plain_runtime(param) is not None]
    typer_only = [name for name, param in PARAMETERS if plain_runtime(param) is None]
    assert len(plain) > 100
    assert typer_only == [], "a parameter type the plain conversion does not know"


@pytest.mark.parametrize(("name", "param"), PARAMETERS, ids=[name for name, _ in PARAMETERS])
def test_plain_and_typer_agree(name: str, param: Any) -> None:
    plain = plain_runtime(param)
    assert plain is not None
    typer_own = build_runtime_param(param.type_descriptor)
    values = samples(param.type_descriptor.annotation)
    assert values, f"no samples for {param.type_descriptor.annotation!r}"
    for value in values:
        assert outcome(plain, value, param) == outcome(typer_own, value, param), (name, value)


INTS = [param for name, param in PARAMETERS if param.type_descriptor.annotation is int]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(INTS), st.text(max_size=8))
def test_plain_and_typer_agree_on_any_text_for_numbers(param: Any, value: str) -> None:
    typer_own = build_runtime_param(param.type_descriptor)
    assert outcome(plain_runtime(param), value, param) == outcome(typer_own, value, param)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_plain_and_typer_agree_on_any_text_for_strings_and_paths(value: str) -> None:
    for annotation in (str, Path):
        param = next(p for _, p in PARAMETERS if p.type_descriptor.annotation is annotation)
        typer_own = build_runtime_param(param.type_descriptor)
        assert outcome(plain_runtime(param), value, param) == outcome(typer_own, value, param)


WARM = [
    ["validate"],
    ["list", "--json"],
]


@pytest.mark.parametrize("args", WARM, ids=[a[0] for a in WARM])
def test_a_warm_command_runs_without_pydantic(repo: Path, args: list[str]) -> None:
    """The cause of the warm commands' largest cost was pydantic, imported only to parse options
    (and, for some, to read files the cache already knew)."""
    add_nomination(repo)
    # A whole-registry reader validates what it has not judged before (no reader counts what
    # `validate` refuses); files written within the cache's racy window are judged anew.
    time.sleep(RACY_NS / 1e9 + 0.1)
    code = (
        "import sys\nfrom sobreg.cli.app import run\n"
        "code = run(sys.argv[1:])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr
