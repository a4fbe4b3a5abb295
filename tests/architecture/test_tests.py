"""Tests that cannot fail are defects (issue 32, point 5): a test that returns early under a
condition asserts something first, and a test is skipped in two places only, each of which CI
makes unable to skip (the browser is required there; the yaml-rs runs are the first run's)."""

from __future__ import annotations

import ast

from conftest import REPO_ROOT

TESTS = REPO_ROOT / "tests"
SKIPS_ALLOWED = {"conftest.py", "store/test_yamlfast.py"}


def _asserts(nodes: list[ast.stmt]) -> bool:
    for node in nodes:
        for inner in ast.walk(node):
            if isinstance(inner, ast.Assert):
                return True
            if isinstance(inner, ast.With) and any(
                "raises" in ast.unparse(item.context_expr) for item in inner.items
            ):
                return True
    return False


def _early_returns_without_a_check(tree: ast.Module) -> list[str]:
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or not function.name.startswith("test_"):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.If):
                continue
            for branch in (node.body, node.orelse):
                returns = any(isinstance(statement, ast.Return) for statement in branch)
                if returns and not _asserts(branch):
                    found.append(f"{function.name}:{node.lineno}")
    return found


def test_no_test_returns_early_without_asserting() -> None:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        found += [
            f"{path.relative_to(TESTS)}:{where}" for where in _early_returns_without_a_check(tree)
        ]
    assert found == [], found


def test_the_check_sees_a_test_that_cannot_fail() -> None:
    vacuous = ast.parse("def test_x(rust):\n    if not rust:\n        return\n    assert rust\n")
    guarded = ast.parse("def test_y(rust):\n    if not rust:\n        assert 1\n        return\n")
    assert _early_returns_without_a_check(vacuous) == ["test_x:2"]
    assert _early_returns_without_a_check(guarded) == []


def test_skips_only_where_ci_cannot_take_them() -> None:
    skipping = {
        path.relative_to(TESTS).as_posix()
        for path in TESTS.rglob("*.py")
        if path.parent.name != "architecture"
        and any(word in path.read_text("utf-8") for word in ("pytest.skip(", "mark.skip", "skipif"))
    }
    assert skipping <= SKIPS_ALLOWED, skipping - SKIPS_ALLOWED


def test_every_module_of_store_and_reporting_has_its_own_test_file() -> None:
    # Issue 32: tests mirror their modules, so a module's tests are found where it is.
    package = REPO_ROOT / "src" / "sobreg"
    missing = []
    for folder in ("store", "reporting"):
        for module in sorted((package / folder).rglob("*.py")):
            if module.name == "__init__.py":
                continue
            rel = module.relative_to(package)
            mirror = TESTS / rel.parent / f"test_{module.name}"
            if not mirror.is_file():
                missing.append(f"{rel} -> {mirror.relative_to(REPO_ROOT)}")
    assert not missing, missing
