"""Kept answers (reporting/cache.py): computed once for what they depend on, taken again while
nothing changed, computed anew as soon as a file's content changes."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from conftest import add_nomination

from sobreg.reporting.answers import cached_answer
from sobreg.store.registry import Registry

HOUR_NS = 3_600_000_000_000


def _registry(repo: Path) -> Registry:
    for n in range(1, 4):
        add_nomination(repo, f"N-2026-{n:03d}", commit=False)
    old = time.time_ns() - HOUR_NS
    for path in (repo / "registry").rglob("*.yaml"):
        os.utime(path, ns=(old, old))
    return Registry(repo / "registry")


def test_an_answer_is_computed_once_while_the_files_stay_the_same(repo: Path) -> None:
    reg = _registry(repo)
    calls: list[int] = []

    def titles(items: list[tuple[str, dict[str, Any]]]) -> list[str]:
        calls.append(len(items))
        return sorted(str(data.get("title")) for _, data in items)

    first = cached_answer(reg, "titles", (), titles)
    assert len(first) == 3 and calls == [3]
    assert cached_answer(reg, "titles", (), titles) == first and calls == [3]
    # Another parameter is another answer.
    assert cached_answer(reg, "titles", ("other",), titles) == first and calls == [3, 3]
    # Touched, same bytes (a checkout, an editor's save): its stat changed, its content did not;
    # the files are read to find out, and the kept answer is still the answer.
    path = Path(reg.item_paths()[0])
    path.write_bytes(path.read_bytes())
    assert cached_answer(reg, "titles", (), titles) == first and calls == [3, 3]
    # Changed content: computed anew, and the answer says so.
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Ny ", 1))
    again = cached_answer(reg, "titles", (), titles)
    assert calls == [3, 3, 3] and again != first and any(t.startswith("Ny ") for t in again)
