"""`store/itemcache/stores.py`: the item cache's stores, written whole or not at all, trusted only
under the fingerprint they were written for."""

from __future__ import annotations

from pathlib import Path

import pytest

from sobreg.store import cache
from sobreg.store.itemcache import stores
from sobreg.store.registry import Registry


def test_a_store_keeps_its_entries_and_when_it_was_written(tmp_path: Path) -> None:
    store = tmp_path / "sobreg" / "verdicts.marshal"
    stores.write_store(store, {"fingerprint": "f1", "entries": {"k": [1, 2]}})
    kept = stores.read_store(store)
    assert kept["entries"] == {"k": [1, 2]}
    assert abs(kept["written"] - store.stat().st_mtime_ns) < 5_000_000_000
    assert stores.entries(store, "f1") == {"k": [1, 2]}
    assert stores.entries(store, "f2") == {}  # another sobreg or process.yaml: not trusted
    store.write_bytes(b"not marshal")
    assert stores.read_store(store) == {}


def test_the_fingerprint_follows_process_yaml(repo: Path) -> None:
    reg = Registry(repo / "registry")
    before = cache.fingerprint(reg.root)
    process = repo / "registry" / "process.yaml"
    process.write_text(process.read_text("utf-8") + "\n# a comment\n", encoding="utf-8")
    assert cache.fingerprint(reg.root) != before


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), ValueError("odd")])
def test_a_store_that_cannot_be_written_leaves_the_old_one_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    """A full disk costs only time next run (the old store stays, nothing is raised); a value
    marshal cannot write is a fault and is raised. Either way nothing is left beside the store."""
    store = tmp_path / "sobreg" / "verdicts.marshal"
    stores.write_store(store, {"entries": {"a": 1}})
    before = store.read_bytes()

    def fail(*_: object) -> None:
        raise failure

    monkeypatch.setattr(stores.marshal, "dumps", fail)
    if isinstance(failure, OSError):
        stores.write_store(store, {"entries": {"b": 2}})
    else:
        with pytest.raises(ValueError):
            stores.write_store(store, {"entries": {"b": 2}})
    assert store.read_bytes() == before
    assert sorted(p.name for p in store.parent.iterdir()) == [store.name]
