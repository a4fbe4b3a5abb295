"""`store/registry.py`: finding a registry, naming an item once (`Item`), listing the item
files, and what an id that names nothing says."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import add_nomination

from sobreg.errors import RefusedError, UsageError
from sobreg.store.registry import Item, Registry, open_registry


def test_an_item_is_named_once_with_its_type_and_file(repo: Path) -> None:
    reg = Registry(repo / "registry")
    path = repo / "registry" / "nominations" / "N-2026-001.yaml"
    assert reg.item("N-2026-001") == Item("N-2026-001", "nomination", path)
    assert reg.item("somnhjalpen").type == "program"
    with pytest.raises(UsageError):
        reg.item("../../etc/passwd")  # no path is ever built from what is no id


def test_the_item_files_are_listed_sorted_and_an_unknown_id_is_refused(repo: Path) -> None:
    add_nomination(repo, "N-2026-002")
    add_nomination(repo, "N-2026-001")
    reg = Registry(repo / "registry")
    assert [Path(p).name for p in reg.item_paths("nomination")] == [
        "N-2026-001.yaml", "N-2026-002.yaml"]  # fmt: skip
    with pytest.raises(RefusedError):
        reg.load_roundtrip(reg.item("N-2026-009"))


def test_the_registry_is_found_from_a_folder_below_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "registry" / "nominations")
    assert open_registry(None).root.resolve() == (repo / "registry").resolve()
