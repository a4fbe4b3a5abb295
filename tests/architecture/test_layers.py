"""The package layout as a checked contract: layers (import-linter), no cycles, lazy imports only
where commented, no private names across modules, every package says what it holds."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "sobreg"
LAYERS = (
    "cli",
    "operations",
    "reporting",
    "validation",
    "engine",
    "audit",
    "store",
    "i18n",
    "models",
)


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.with_suffix("").relative_to(PACKAGE.parent).parts
        yield ".".join(parts).removesuffix(".__init__"), path


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_layer_contracts_hold() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_import_cycles_at_all() -> None:
    # grimp reads every import, those inside functions too: a cycle closed by a lazy import counts.
    graph = grimp.build_graph("sobreg")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def lazy_imports(path: Path) -> list[tuple[int, bool]]:
    """(line, commented) of every import inside a function: commented when a comment line saying
    "Lazy" stands in the comment block right above its block of imports."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom):
                row = inner.lineno - 2
                while row >= 0 and (
                    not lines[row].strip() or lines[row].strip().startswith(("from ", "import "))
                ):
                    row -= 1
                comment = []
                while row >= 0 and lines[row].strip().startswith("#"):
                    comment.append(lines[row])
                    row -= 1
                found.append((inner.lineno, any("Lazy" in c for c in comment)))
    return found


def test_every_import_inside_a_function_says_why() -> None:
    bare = [
        f"{path.relative_to(ROOT)}:{line}"
        for _, path in modules()
        for line, commented in lazy_imports(path)
        if not commented
    ]
    assert bare == []


def test_the_lazy_import_check_sees_an_uncommented_one(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f() -> None:\n    import json\n", encoding="utf-8")
    assert lazy_imports(probe) == [(2, False)]


def private_uses(path: Path, known: set[str]) -> list[str]:
    """Names starting with one underscore taken from another sobreg module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sobreg"):
            for alias in node.names:
                if re.match(r"_[^_]", alias.name):
                    found.append(f"{node.module}.{alias.name}")
                if f"{node.module}.{alias.name}" in known:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and re.match(r"_[^_]", node.attr)
        ):
            found.append(f"{aliases[node.value.id]}.{node.attr}")
    return found


def test_no_private_name_is_used_across_modules() -> None:
    known = {name for name, _ in modules()}
    used = {str(path.relative_to(ROOT)): private_uses(path, known) for _, path in modules()}
    assert {k: v for k, v in used.items() if v} == {}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_package_says_what_it_holds_and_may_import(layer: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text("utf-8")))
    assert doc and "import" in doc.lower(), (
        f"sobreg.{layer} needs a docstring naming what it may import"
    )


def test_the_engine_does_no_io() -> None:
    # import-linter sees third-party and sobreg imports; the standard library's I/O is checked here.
    io_modules = {"os", "subprocess", "tempfile", "shutil", "pathlib", "socket", "io", "sys"}
    for path in (PACKAGE / "engine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names] if isinstance(node, ast.Import)
                else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            for name in names:
                assert name.split(".")[0] not in io_modules, f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                pytest.fail(f"{path.name} opens a file")


def test_no_role_is_spelled_in_code_outside_the_models() -> None:
    import importlib

    import yaml
    from pydantic import BaseModel

    process = yaml.safe_load((ROOT / "registry" / "process.yaml").read_text(encoding="utf-8"))
    # A role that is also a field's name (`nominator`, `reviewer`) is found as the field.
    fields: set[str] = set()
    for module_name in ("nomination", "program", "assessment", "common"):
        module = importlib.import_module(f"sobreg.models.{module_name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                fields |= set(value.model_fields)
    roles = set(process["roles"]) - fields
    assert "sob_administration" in roles
    spelled = []
    for name, path in modules():
        if name.startswith("sobreg.models"):
            continue  # the models define the fields whose values these are
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in roles
            ):
                spelled.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert spelled == []
