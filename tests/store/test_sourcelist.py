"""sources.yaml read as plain data: validated once per text *and per version of sobreg's code*
(issue 32: a cache keyed by the file's bytes alone skipped a newer model's validation); it is
kept with the other definitions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from worlds import World

from sobreg.store import cache, sourcelist
from sobreg.store.registry import Registry


def test_an_unchanged_file_is_validated_again_by_new_code(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = Registry(world.vgr / "registry")
    validated: list[Any] = []
    real = sourcelist.model_for

    def counting(kind: str) -> Any:
        validated.append(kind)
        return real(kind)

    monkeypatch.setattr(sourcelist, "model_for", counting)
    first = sourcelist.listed(registry)
    assert validated == ["sources.yaml"]
    assert sourcelist.listed(registry) == first and validated == ["sources.yaml"]  # kept
    monkeypatch.setattr(cache, "_CODE_KEY", "a newer sobreg")
    assert sourcelist.listed(registry) == first
    assert validated == ["sources.yaml", "sources.yaml"]  # the new code validated it again


def test_without_sources_yaml_nothing_is_listed(tmp_path: Path) -> None:
    (tmp_path / "registry").mkdir()
    assert sourcelist.listed(Registry(tmp_path / "registry")) == {"local": None, "sources": []}
