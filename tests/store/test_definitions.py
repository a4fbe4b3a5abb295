"""Validated definitions kept by their text: a change to process.yaml is seen at once, a broken
file is refused even when a valid version was kept, a corrupt kept file is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli

from sobreg.errors import RefusedError
from sobreg.store.registry import Registry


def _cached(repo: Path) -> list[Path]:
    return sorted(
        (repo / ".git" / "sobreg" / "cache" / "definitions").glob("process.yaml-*.pickle")
    )


def test_the_kept_process_follows_the_file(repo: Path) -> None:
    first = Registry(repo / "registry").process
    assert len(_cached(repo)) == 1
    again = Registry(repo / "registry").process  # from the kept model, equal to a validation
    assert again == first and again is not first
    path = repo / "registry" / "process.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target_days: 30", "target_days: 45"))
    changed = Registry(repo / "registry").process
    step_b = next(s for s in changed.steps if s.compare_regions)
    assert step_b.target_days == 45
    assert len(_cached(repo)) == 1  # the old text's model is gone


def test_a_broken_process_is_refused_though_a_valid_one_was_kept(repo: Path) -> None:
    assert Registry(repo / "registry").process is not None
    path = repo / "registry" / "process.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("target_days: 30", "target_days: -1"))
    with pytest.raises(RefusedError):
        Registry(repo / "registry").process  # noqa: B018
    assert cli("status").code == 1


def test_a_corrupt_kept_model_is_validated_anew(repo: Path) -> None:
    expected = Registry(repo / "registry").process
    for kept in _cached(repo):
        kept.write_bytes(b"not a pickle")
    assert Registry(repo / "registry").process == expected
