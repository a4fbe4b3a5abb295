"""Regions and the nation on one machine: 21 regional registries of 500 items each and the national
competence group's, generated, each source a bare repository; this region reads the other 20 and
the national one through `registry/sources.yaml`.

    python benchmarks/regions.py                        # 21 regions × 500 items + national
    python benchmarks/regions.py --regions 3 --items 60 --repeat 1

Reported (wall time of a new process, medians): `sources fetch` the first time and with nothing
new, `search` over this registry only (`--local`) and over every source, `publish --sources all`.
The target of issue 17: a warm search across all sources within twice a local one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from run import asking, median, runner, timed

NATIONAL = "nkg"
LINK_EVERY = 4  # every fourth active regional program relies on a national assessment


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def link_to_nation(repo: Path, national_ids: list[str]) -> int:
    """Name a national assessment in some active programs (a top-level key appended)."""
    linked = 0
    for index, path in enumerate(sorted((repo / "registry" / "programs").glob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        if "\nstatus: active\n" in text and index % LINK_EVERY == 0:
            target = national_ids[index % len(national_ids)]
            path.write_text(text + f"national: {{source: {NATIONAL}, id: {target}}}\n", "utf-8")
            linked += 1
    if linked:
        git(repo, "commit", "-q", "-am", "Nationella bedömningar som programmen stöder sig på")
    return linked


def build(work: Path, regions: int, items: int) -> Path:
    """The registries and their bare remotes; returns this region's working repository."""
    remotes = work / "remotes"
    remotes.mkdir(parents=True)
    nation = generate(work / NATIONAL, items, seed=1000)
    git(nation, "clone", "-q", "--bare", str(nation), str(remotes / f"{NATIONAL}.git"))
    national_ids = sorted(p.stem for p in (nation / "registry" / "programs").glob("*.yaml"))
    lines = ["local: {name: r01, label: Region 1}", "sources:"]
    for number in range(1, regions + 1):
        name = f"r{number:02d}"
        repo = generate(work / name, items, seed=number)
        link_to_nation(repo, national_ids)
        if number == 1:
            continue
        git(repo, "clone", "-q", "--bare", str(repo), str(remotes / f"{name}.git"))
        lines.append(f"  - {{name: {name}, label: Region {number}, kind: region, "
                     f"url: {remotes / name}.git}}")  # fmt: skip
    lines.append(f"  - {{name: {NATIONAL}, label: Nationella kompetensgruppen, kind: national, "
                 f"url: {remotes / NATIONAL}.git}}")  # fmt: skip
    here = work / "r01"
    (here / "registry" / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(here, "add", "registry/sources.yaml")
    git(here, "commit", "-q", "-m", "Källor")
    return here


LOCAL, EVERY = "search sömn --local, a new query", "search sömn (every source), a new query"


def measure(here: Path, work: Path, repeat: int) -> dict[str, float]:
    sobreg = [sys.executable, "-m", "sobreg"]
    rows: dict[str, float] = {}
    timed([*sobreg, "validate"], here)  # this region's own cache warm, as every day
    rows["sources fetch, first time (reads every source)"] = timed([*sobreg, "sources", "fetch"],
                                                                   here)  # fmt: skip
    rows["sources fetch, nothing new"] = median(repeat, runner([*sobreg, "sources", "fetch"], here))
    timed([*sobreg, "search", "sömn"], here)
    timed([*sobreg, "search", "sömn", "--local"], here)
    rows["search sömn --local, asked before"] = median(
        repeat, runner([*sobreg, "search", "sömn", "--local"], here)
    )
    rows["search sömn (every source), asked before"] = median(
        repeat, runner([*sobreg, "search", "sömn"], here)
    )
    # Not asked before (another limit is another answer): what the sources cost a new query.
    rows[LOCAL] = median(repeat, asking(sobreg, "sömn", here, "--local"))
    rows[EVERY] = median(repeat, asking(sobreg, "sömn", here))
    out = work / "nationell"
    rows["publish --sources all"] = median(
        repeat, runner([*sobreg, "publish", "--out", str(out), "--sources", "all"], here)
    )
    rows["validate, warm (sources.yaml and links)"] = median(
        repeat, runner([*sobreg, "validate"], here)
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sobreg over many regions' registries")
    parser.add_argument("--regions", type=int, default=21)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="sobreg-regions-"))
    try:
        start = time.perf_counter()
        here = build(work, args.regions, args.items)
        generated = time.perf_counter() - start
        rows = measure(here, work, args.repeat)
        pages = len(list((work / "nationell" / "programs").glob("*.html")))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    total = (args.regions + 1) * args.items
    print(f"{args.regions} regions × {args.items} items + national ({args.items} items): "
          f"{total} items, generated in {generated:.1f} s; {pages} program pages\n")  # fmt: skip
    print(f"| {'what':46} | {'median s':>8} |")
    print(f"|{'-' * 48}|{'-' * 10}|")
    for name, seconds in rows.items():
        print(f"| {name:46} | {seconds:8.3f} |")
    local, every = rows[LOCAL], rows[EVERY]
    verdict = "met" if every <= 2 * local else "missed"
    print(f"\nsearch across every source: {every / local:.2f}× the local search "
          f"(target ≤ 2×: {verdict})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
