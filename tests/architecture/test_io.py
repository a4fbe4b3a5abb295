"""I/O only in `store` and `audit` (issue 32, point 3): no other package opens, reads, writes,
links, renames or removes a file, or makes a folder or a temporary file, itself; it calls
`store` or `audit` to. The test reads every module's syntax tree, so a call is found wherever
it is, lazy imports included."""

from __future__ import annotations

import ast

from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "sobreg"
ALLOWED = ("store", "audit")
# Methods of a path or a file that touch the file system.
PATH_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink",
              "rmdir", "rename", "replace_file", "touch", "symlink_to", "hardlink_to"}  # fmt: skip
# Functions of modules that do.
MODULE_CALLS = {
    "os": {"replace", "rename", "link", "remove", "unlink", "makedirs", "mkdir", "rmdir",
           "open", "fdopen", "symlink", "truncate"},
    "shutil": {"copy", "copy2", "copyfile", "copytree", "move", "rmtree"},
    "tempfile": {"mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory",
                 "TemporaryFile", "SpooledTemporaryFile"},
}  # fmt: skip


def _io_names(tree: ast.Module) -> set[str]:
    """Names bound to `store`'s or `audit`'s modules (`from sobreg.store import yamlio`): their
    functions may be called whatever they are named."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("sobreg.store", "sobreg.audit"):
            names |= {alias.asname or alias.name for alias in node.names}
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names
                      if a.name.startswith(("sobreg.store", "sobreg.audit"))}  # fmt: skip
    return names


def _found(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    allowed = _io_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        where = f"{name}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id == "open":
            found.append(f"{where}: open(")
        elif isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else None
            if owner in MODULE_CALLS:
                if func.attr in MODULE_CALLS[owner]:
                    found.append(f"{where}: {owner}.{func.attr}(")
            elif func.attr in PATH_CALLS and owner not in allowed:
                found.append(f"{where}: .{func.attr}(")
    return found


def test_only_store_and_audit_touch_files() -> None:
    modules = [p for p in sorted(PACKAGE.rglob("*.py"))
               if p.relative_to(PACKAGE).parts[0] not in ALLOWED]  # fmt: skip
    assert len(modules) > 60
    found = []
    for path in modules:
        found += _found(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))
    assert found == [], "\n".join(found)


def test_the_check_sees_a_write() -> None:
    # A module that writes a file itself is found, and one that calls store is not.
    bad = ("from pathlib import Path\nPath('x').write_text('y')\nimport shutil\n"
           "shutil.rmtree('x')\nopen('x', 'w')\n")  # fmt: skip
    good = "from sobreg.store import yamlio\nyamlio.read_text(p, 'x')\n"
    assert len(_found(bad, "bad.py")) == 3 and _found(good, "good.py") == []


def test_yaml_is_read_and_written_through_one_interface() -> None:
    # Issue 32, point 1: `store/yamlio.py` is the interface (bytes to data with positions, a
    # document for editing, a dump); its two readers, yaml-rs behind its guard (`yamlfast`) and
    # ruamel (`yamlrt`), are imported by it alone, and nothing of sobreg imports PyYAML.
    users = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names] + [str(node.module)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            rel = str(path.relative_to(PACKAGE))
            if any(n.endswith((".yamlfast", ".yamlrt")) for n in names):
                users.append(rel)
            assert not any(n == "yaml" or n.startswith("yaml.") for n in names), rel
    assert set(users) == {"store/yamlio.py"}, users
