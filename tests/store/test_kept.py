"""Kept files under .git/sobreg: a map whose additions go to a small second file, so a run that
adds a few entries to thousands writes the few; any mix of the two files is a valid map."""

from __future__ import annotations

import pickle
from pathlib import Path

from sobreg.store.kept import KeptMap


def _map(folder: Path) -> KeptMap:
    return KeptMap(folder / "views-v1.pickle", small=3)


def test_a_few_additions_are_written_beside_the_map_not_into_it(tmp_path: Path) -> None:
    first = _map(tmp_path)
    for n in range(10):
        first.put(f"k{n}", n)
    first.save({f"k{n}" for n in range(10)})  # ten new: one file, nothing beside it
    main = tmp_path / "views-v1.pickle"
    written = main.read_bytes()
    assert pickle.loads(written) == {f"k{n}": n for n in range(10)}
    assert not (tmp_path / "views-v1-new.pickle").exists()
    second = _map(tmp_path)
    second.put("k10", 10)
    second.save({f"k{n}" for n in range(1, 11)})  # one added, one no longer used
    assert main.read_bytes() == written
    assert pickle.loads((tmp_path / "views-v1-new.pickle").read_bytes()) == {"k10": 10}
    third = _map(tmp_path)
    assert [third.get(f"k{n}") for n in range(11)] == list(range(11))
    third.save({f"k{n}" for n in range(1, 11)})  # nothing added: nothing written
    assert main.read_bytes() == written


def test_many_additions_or_unused_entries_make_one_file_again(tmp_path: Path) -> None:
    first = _map(tmp_path)
    for n in range(10):
        first.put(f"k{n}", n)
    first.save({f"k{n}" for n in range(10)})
    for round_ in range(2):  # two small additions, each kept beside the map
        more = _map(tmp_path)
        more.put(f"x{round_}", round_)
        more.save({*(f"k{n}" for n in range(10)), "x0", "x1"})
    used = {f"k{n}" for n in range(6)} | {"x0", "x1"}  # four no longer used: more than 3
    last = _map(tmp_path)
    last.put("x2", 2)
    last.save(used | {"x2"})
    assert not (tmp_path / "views-v1-new.pickle").exists()
    whole = pickle.loads((tmp_path / "views-v1.pickle").read_bytes())
    assert set(whole) == used | {"x2"}
    assert whole["x1"] == 1 and whole["k5"] == 5


def test_a_corrupt_file_beside_the_map_costs_only_its_entries(tmp_path: Path) -> None:
    first = _map(tmp_path)
    for n in range(5):
        first.put(f"k{n}", n)
    first.save({f"k{n}" for n in range(5)})
    second = _map(tmp_path)
    second.put("a", "new")
    second.save({"a", *(f"k{n}" for n in range(5))})
    (tmp_path / "views-v1-new.pickle").write_bytes(b"\x80garbage")
    again = _map(tmp_path)
    assert again.get("a") is None and again.get("k4") == 4  # made again by its caller
