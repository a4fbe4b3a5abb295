"""The benchmark keeps working (on 200 items; timings are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO_ROOT


def test_benchmark_runs_on_200_items_with_every_row() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "run.py"), "--items", "200",
         "--repeat", "1", "--history", "5", "--no-peers"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("200 items")
    names = [line.split("|")[1].strip() for line in lines if line.startswith("| ")][1:]
    assert names == [
        "limit: python start (`python -c pass`)", "limit: stat every file",
        "limit: read every file's bytes", "limit: yaml-rs parse only (the fast reader)",
        "floor: PyYAML CSafeLoader, parse only", "--help", "validate, cold", "validate, warm",
        "report --year, warm", "status", "list --json", "due", "search sömn, asked before",
        "search, a new one-word query", "search, a new two-word query",
        "advance (commit included)", "set (commit included)", "log ID",
        "pre-commit hook, one changed file", "publish, new folder", "publish, one program changed",
    ]  # fmt: skip
    per_item = [line.split("|")[3].strip() for line in lines if line.startswith("| ")][2:]
    assert all(float(value) > 0 for value in per_item)  # µs per item, for every row
    floor_row = next(line for line in lines if line.startswith("| floor"))
    assert "1.000" in floor_row


def test_the_generated_registry_is_valid(tmp_path_factory: object) -> None:
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import generate

    target = Path(tempfile.mkdtemp()) / "reg"
    generate(target, 120, history=2)
    done = subprocess.run([sys.executable, "-m", "sobreg", "validate"], cwd=target,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]
    steps = {p.read_text().split("\nstep: ")[1][0] for p in target.glob("registry/*/*.yaml")}
    assert set("abcdefghijk") - steps <= {"k"}


def test_the_regions_benchmark_runs_on_three_small_registries() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "regions.py"), "--regions", "3",
         "--items", "40", "--repeat", "1"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [
        line.split("|")[1].strip() for line in done.stdout.splitlines() if line.startswith("| ")
    ]
    assert rows[1:] == [
        "sources fetch, first time (reads every source)", "sources fetch, nothing new",
        "search sömn --local, asked before", "search sömn (every source), asked before",
        "search sömn --local, a new query", "search sömn (every source), a new query",
        "publish --sources all", "validate, warm (sources.yaml and links)",
    ]  # fmt: skip
    assert "search across every source:" in done.stdout


def test_the_small_file_case_is_valid_and_measured(tmp_path_factory: object) -> None:
    # Issue 32, point 6: copies of one fresh step-a nomination, each valid (chain sealed), and
    # the benchmark's rows for them.
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from generate import small_files

    target = Path(tempfile.mkdtemp()) / "small"
    small_files(target, 60)
    done = subprocess.run([sys.executable, "-m", "sobreg", "validate", "--format", "json"],
                          cwd=target, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]
    assert '"warnings": []' in done.stdout.replace("\n", "").replace("  ", "")
    sizes = [p.stat().st_size for p in target.glob("registry/nominations/*.yaml")]
    assert len(sizes) == 60 and all(600 < size < 1600 for size in sizes)
    ran = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "run.py"), "--small-files", "--items",
         "60", "--repeat", "1"], capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "| validate, cold" in ran.stdout and "| floor: PyYAML" in ran.stdout


def test_the_walks_are_traced_and_counted() -> None:
    """benchmarks/walks.py follows the id through `advance` and a file through `validate`; its
    counts are what `summary` makes of a walk."""
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    try:
        from walks import summary
    finally:
        sys.path.remove(str(REPO_ROOT / "benchmarks"))
    assert summary(["a", "a", "b", "a", "c", "b", "b"]) == (5, 3, 2)  # a b a c b: 2 returns
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "walks.py"), "--show"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [row[0].split(" (")[0].strip() for row in rows[1:]] == [
        "the id through `advance`",
        "a file through `validate` over the registry, cold",
    ]
    for _, stays, modules, returns in rows[1:]:
        assert int(stays) == int(modules) + int(returns)  # every stay is a first visit or a return
        assert int(modules) >= 4
    assert "operations.advance" in done.stdout and "store.itemcache.scanning" in done.stdout
