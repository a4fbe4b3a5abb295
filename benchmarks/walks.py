"""The walks a command takes through sobreg's modules, traced as it runs (issue 32, point 4).

    python benchmarks/walks.py                    # the installed sobreg (or PYTHONPATH's)
    python benchmarks/walks.py --show             # and each walk's stays, in order
    PYTHONPATH=OTHER/src python benchmarks/walks.py   # another version, for a before/after

Two walks, on a small generated registry, each command run in this process as a user types it
(`sobreg.cli.app.run`):

- an id through `advance`: every call into sobreg that receives the id, or a value carrying it
  (an `Item`, the item's file as a path or a string);
- a file through `validate` over the registry, cold: every call into sobreg that receives the
  file's path (or a list of paths holding it).

A stay is a run of consecutive calls in one module; a return is a stay in a module the walk had
already left. Fewer stays and returns: a value passed down instead of handed back and forth.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from run import INVENTORY

PACKAGE = "sobreg"


def _module(frame: Any) -> str | None:
    name = frame.f_globals.get("__name__", "")
    return name if name == PACKAGE or name.startswith(PACKAGE + ".") else None


def _carries(value: Any, item_id: str) -> bool:
    if isinstance(value, str):
        return value == item_id or value.endswith(f"/{item_id}.yaml")
    if isinstance(value, os.PathLike):
        return os.fspath(value).endswith(f"/{item_id}.yaml")
    return getattr(value, "id", None) == item_id and hasattr(value, "path")


def traced(argv: list[str], keep: Callable[[Any], bool]) -> list[str]:
    """The modules of the calls `keep` accepts while `sobreg ARGV` runs, in order."""
    # Lazy: the sobreg found on the path (the version being measured).
    from sobreg.cli.app import run

    seen: list[str] = []

    def profile(frame: Any, event: str, _: Any) -> None:
        if event == "call":
            module = _module(frame)
            if module is not None and keep(frame):
                seen.append(module)

    sys.setprofile(profile)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = run(argv)
    finally:
        sys.setprofile(None)
    if code != 0:
        raise SystemExit(f"sobreg {' '.join(argv)} exited {code}")
    return seen


def summary(modules: list[str]) -> tuple[int, int, int]:
    """(stays, modules, returns) of a walk."""
    stays: list[str] = []
    for module in modules:
        if not stays or stays[-1] != module:
            stays.append(module)
    returns = sum(1 for i, module in enumerate(stays) if module in stays[:i])
    return len(stays), len(set(stays)), returns


def _id_walk(item_id: str) -> Callable[[Any], bool]:
    def keep(frame: Any) -> bool:
        code = frame.f_code
        names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        return any(_carries(frame.f_locals.get(name), item_id) for name in names)

    return keep


def _file_walk(rel: str) -> Callable[[Any], bool]:
    """Calls that receive the file `rel` (its path as a string or a path, whole or relative)."""

    def holds(value: Any) -> bool:
        if isinstance(value, str | os.PathLike):
            return os.fspath(value).endswith(rel)
        return False

    def keep(frame: Any) -> bool:
        code = frame.f_code
        names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
        for name in names:
            value = frame.f_locals.get(name)
            if holds(value) or (isinstance(value, tuple | list) and any(map(holds, value[:8]))):
                return True
        return False

    return keep


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        repo = generate(Path(folder) / "repo", 40)
        os.chdir(repo)
        registry = repo / "registry"
        nominations = sorted((registry / "nominations").glob("*.yaml"))
        at_b = [p.stem for p in nominations if "\nstep: b\nstatus: open\n" in p.read_text("utf-8")]
        inventory = Path(folder) / "inventory.yaml"
        inventory.write_text(INVENTORY, encoding="utf-8")
        actor = ["--as", "admin@vgregion.se"]
        one = f"nominations/{at_b[1]}.yaml"
        walks = {
            f"the id through `advance` ({at_b[0]})": traced(
                ["advance", at_b[0], "--from-file", str(inventory), *actor], _id_walk(at_b[0])
            ),
            f"a file through `validate` over the registry, cold ({one})": traced(
                ["validate"], _file_walk(one)
            ),
        }
    import sobreg

    print(f"sobreg {getattr(sobreg, '__version__', '?')} from {Path(sobreg.__file__).parent}")
    print("| walk | stays | modules | returns |\n|---|---|---|---|")
    for name, modules in walks.items():
        stays, count, returns = summary(modules)
        print(f"| {name} | {stays} | {count} | {returns} |")
    if "--show" in sys.argv:
        for name, modules in walks.items():
            print(f"\n{name}:")
            for index, module in enumerate(modules):
                if index == 0 or modules[index - 1] != module:
                    print(f"  {module.removeprefix(PACKAGE + '.')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
