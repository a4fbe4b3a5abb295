"""Every guard of the cache is held by a test (issue 32): each condition that decides whether a
kept entry may be used (and the one that keeps an edited item's two forms equal) is broken in a
copy of sobreg, and the tests of the cache, run against that copy, must fail. A mutation whose
source line is gone fails here too, so a guard that is rewritten is listed again, not silently
dropped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "sobreg"
ITEMS = ["tests/store/itemcache"]
CACHE = ["tests/store/test_cache.py"]
# (file in the package, the guard as written, the guard broken, the tests that must fail)
GUARDS = [
    ("store/cache.py",
     "return digest(fingerprint(root), *parts)",
     "return digest(*parts)",
     [*CACHE, "tests/store/itemcache/test_snapshot.py"]),
    ("store/cache.py",
     "if isinstance(found, tuple) and len(found) == 2 and found[0] == command:",
     "if isinstance(found, tuple) and len(found) == 2:",
     CACHE),
    ("store/itemcache/stores.py",
     'return data.get("entries", {}) if data.get("fingerprint") == expected else {}',
     'return data.get("entries", {})',
     ITEMS),
    ("store/itemcache/scanning.py",
     'if current and max(current[0::4]) >= int(data["written"]) - RACY_NS:',
     "if False:",
     ITEMS),
    ("store/itemcache/scanning.py",
     "if current is None or current.tobytes() != stamps:",
     "if current is None:",
     ITEMS),
    ("store/itemcache/scanning.py",
     "if st is not None and not stat.S_ISREG(st.st_mode):",
     "if False:",
     ITEMS),
    ("store/itemcache/held.py",
     "if not known or known[:4] != stamp:",
     "if not known:",
     ITEMS),
    ("store/itemcache/held.py",
     "if st.st_mtime_ns < self.written - RACY_NS or rel in self.sure:",
     "if True:",
     ITEMS),
    ("store/itemcache/held.py",
     "stats = {rel: stat for rel, stat in self.sure.items() if stat[4] in keep}",
     "stats = {rel: stat for rel, stat in self.stats.items() if stat[4] in keep}",
     ITEMS),
    ("store/definitions.py",
     'return cache.file(found, "definitions", f"{name}-{cache.key(root, name, text)}.pickle")',
     'return cache.file(found, "definitions", f"{name}-{cache.key(root, name)}.pickle")',
     ["tests/store/test_definitions.py", "tests/store/test_sourcelist.py"]),
    ("validation/check.py",
     '''return cache.answer_file(git_dir(registry.root), registry.root, "validate", here,''',
     '''return cache.answer_file(git_dir(registry.root), registry.root, "validate", "",''',
     ["tests/store/itemcache/test_snapshot.py"]),
    ("validation/sources.py",
     'if isinstance(cached, dict) and cached.get("key") == key:',
     "if isinstance(cached, dict):",
     ["tests/operations/test_sources.py"]),
    ("reporting/answers.py",
     "parts = repr((params, registry.skip_invalid)), ",
     "parts = repr(registry.skip_invalid), ",
     ["tests/reporting/test_annual.py"]),
    ("reporting/republish.py",
     "self.base = cache.key(registry.root, read_bytes(method) or b\"\", current_language())",
     "self.base = cache.key(registry.root, current_language())",
     ["tests/reporting/test_catalogue.py"]),
    ("reporting/answers.py",
     "if folder is None or keys is None:",
     "if folder is None:",
     ["tests/reporting/test_readers_refuse.py"]),
    ("validation/summaries.py",
     "usable = not unreadable and not refused and len(keys) == len(scanned)",
     "usable = len(keys) == len(scanned)",
     ["tests/reporting/test_readers_refuse.py"]),
    ("store/editing.py",
     "put(self.doc, key, document(value))\n        self.data[key] = yamlio.to_plain(value)",
     "put(self.doc, key, document(value))",
     ["tests/operations/test_advance.py"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("module", "guard", "broken", "tests"),
    GUARDS,
    ids=[f"{g[0]}:{n}" for n, g in enumerate(GUARDS)],
)
def test_a_broken_guard_is_caught(
    tmp_path: Path, module: str, guard: str, broken: str, tests: list[str]
) -> None:
    copy = tmp_path / "src" / "sobreg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    source = copy / module
    text = source.read_text(encoding="utf-8")
    assert text.count(guard) == 1, f"{module}: the guard is not written so any more: list it again"
    source.write_text(text.replace(guard, broken), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert str(copy) in _imported(env), "the tests did not run the broken copy"
    assert ran.returncode == 1, f"{module}: nothing failed with {broken!r}\n{ran.stdout[-2000:]}"


def _imported(env: dict[str, str]) -> str:
    return subprocess.run(
        [sys.executable, "-c", "import sobreg; print(sobreg.__file__)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
