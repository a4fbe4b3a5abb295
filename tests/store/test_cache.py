"""The cache (store/cache.py): every key mixes in the fingerprint (sobreg's code and
process.yaml), every file is placed in its kind's folder under .git/sobreg/cache, answers are
pruned per command, and a map's additions go to a small second file, so a run that adds a few
entries to thousands writes the few; any mix of the two files is a valid map."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from sobreg.store import cache
from sobreg.store.cache import CacheMap


def _map(folder: Path) -> CacheMap:
    return CacheMap(folder / "views-v1.pickle", small=3)


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


def _key(monkeypatch: pytest.MonkeyPatch, package: Path) -> str:
    monkeypatch.setattr(cache, "_PACKAGE", str(package))
    monkeypatch.setattr(cache, "_CODE_KEY", None)
    return cache.code_key()


def test_the_code_key_follows_the_source_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "sobreg"
    (package / "store").mkdir(parents=True)
    module = package / "store" / "rules.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    first = _key(monkeypatch, package)
    assert _key(monkeypatch, package) == first  # computed again: the same
    (package / "store" / "__pycache__").mkdir()
    (package / "store" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"x")
    (package / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert _key(monkeypatch, package) == first
    stat = module.stat()
    module.write_text("LIMIT = 2\n", encoding="utf-8")  # same size: its mtime tells
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = _key(monkeypatch, package)
    assert changed != first
    module.write_text("LIMIT = 20\n", encoding="utf-8")  # another size
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _key(monkeypatch, package) not in (first, changed)
    (package / "store" / "more.py").write_text("", encoding="utf-8")
    added = _key(monkeypatch, package)
    (package / "store" / "more.py").rename(package / "store" / "other.py")
    assert _key(monkeypatch, package) != added  # renamed: another file


def _registry(folder: Path, process: str = "steps: []\n") -> Path:
    (folder / "registry").mkdir(parents=True)
    (folder / "registry" / "process.yaml").write_text(process, encoding="utf-8")
    return folder / "registry"


def test_every_key_mixes_in_sobregs_code_and_process_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _registry(tmp_path)
    first = cache.key(root, "report", "2026")
    assert cache.key(root, "report", "2026") == first
    assert cache.key(root, "report", "2027") != first
    assert cache.key(root, "report2", "026") != first  # parts are kept apart
    monkeypatch.setattr(cache, "_CODE_KEY", "another sobreg")
    assert cache.key(root, "report", "2026") != first
    monkeypatch.undo()
    (root / "process.yaml").write_text("steps: [] # changed\n", encoding="utf-8")
    assert cache.key(root, "report", "2026") != first
    (root / "process.yaml").unlink()
    assert cache.key(root, "report", "2026") not in (first, "")


def test_cache_files_live_in_their_kinds_folder_only_in_a_repository(tmp_path: Path) -> None:
    found = tmp_path / ".git"
    assert cache.file(found, "answers", "x.pickle") == found / "sobreg" / "cache" / "answers" / (
        "x.pickle"
    )
    assert cache.file(None, "answers", "x.pickle") is None
    assert cache.answer_file(None, tmp_path, "report") is None
    assert cache.load_answer(None, "report") is None


def test_answers_are_kept_per_command_and_the_oldest_pruned(tmp_path: Path) -> None:
    root = _registry(tmp_path)
    found = tmp_path / ".git"
    places = []
    for n in range(5):
        place = cache.answer_file(found, root, "status", str(n))
        assert cache.load_answer(place, "status") is None
        cache.keep_answer(place, "status", None if n == 0 else n, keep=3)
        places.append(place)
        assert place is not None
        os.utime(place, ns=(n * 10**9, n * 10**9))  # in the order written, whatever the clock
    report = cache.answer_file(found, root, "report", "0")
    cache.keep_answer(report, "report", {"year": 2026}, keep=3)
    kept = sorted(p.name for p in (found / "sobreg" / "cache" / "answers").iterdir())
    assert kept == sorted([p.name for p in places[-3:] if p] + [report.name if report else ""])
    assert cache.load_answer(places[-1], "status") == (4,)
    assert cache.load_answer(report, "status") is None  # another command's file: not its answer
    assert cache.load_answer(report, "report") == ({"year": 2026},)
    first = cache.answer_file(found, root, "status", "0")
    cache.keep_answer(first, "status", None, keep=3)
    assert cache.load_answer(first, "status") == (None,)  # an answer may be None
    assert first is not None
    first.write_bytes(b"\x80garbage")
    assert cache.load_answer(first, "status") is None


def test_a_cache_file_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    cache.store_pickle(blocked / "x.pickle", {"a": 1})  # no error
    assert cache.load_pickle(blocked / "x.pickle") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked"]
