"""Benchmarks of sobreg on a generated registry, as medians and ratios against a floor measured in
the same run: PyYAML's CSafeLoader parsing every file in one process and doing nothing else.

    python benchmarks/run.py                      # 10,000 items, 3 runs each
    python benchmarks/run.py --items 200 --repeat 1

Every command runs as a user types it (a new process, wall time). Peers (check-jsonschema with
sobreg's exported schemas, yamllint) run over the same files when installed
(`pip install -r benchmarks/requirements.txt`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

FLOOR = """
import glob, sys, yaml
for name in sorted(glob.glob(sys.argv[1] + "/*/*.yaml")):
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
INVENTORY = """inventory:
  regional_need: Stort regionalt behov enligt samordningsrådet.
  alternatives: []
  evidence: {level: moderate, summary: Två randomiserade studier.}
  follow_up_plan: Uppföljning av patientupplevelse och medicinskt resultat.
  practitioner_requirements: Legitimerad psykolog
  national_guidelines: I linje med nationella riktlinjer.
  other_regions: Skåne
"""
# Targets from issue 8: (ratio to the floor, or seconds), and whether beyond start-up.
TARGETS = {
    "validate, cold": ("ratio", 1.0),
    "validate, warm": ("beyond", 0.05),
    "report --year, warm": ("beyond", 0.05),
    "advance (commit included)": ("seconds", 0.5),
    "log ID": ("seconds", 0.5),
    "--help": ("seconds", 0.15),
}


def timed(command: list[str], cwd: Path, check: bool = True) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def median(repeat: int, run: Callable[[int], float]) -> float:
    return statistics.median(run(i) for i in range(repeat))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sobreg benchmarks with ratios to a floor")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--history", type=int, default=300, help="commits of edits to generate")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--peer-repeat", type=int, default=1, help="runs of each peer (slow)")
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    args = parser.parse_args(argv)
    sobreg = [sys.executable, "-m", "sobreg"]
    work = Path(tempfile.mkdtemp(prefix="sobreg-bench-"))
    repo = args.keep or work / "repo"
    try:
        start = time.perf_counter()
        generate(repo, args.items, args.history)
        generated = time.perf_counter() - start
        registry = repo / "registry"
        (work / "inventory.yaml").write_text(INVENTORY, encoding="utf-8")
        at_b = [
            p.stem
            for p in sorted((registry / "nominations").glob("*.yaml"))
            if "\nstep: b\nstatus: open\n" in p.read_text(encoding="utf-8")
        ]
        edited = subprocess.run(
            ["git", "log", "-1", "--name-only", "--format="],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        logged = Path(edited[0]).stem if edited else at_b[0]
        cache = repo / ".git" / "sobreg"
        rows: dict[str, float] = {}
        floor = [sys.executable, "-c", FLOOR, str(registry)]
        rows["floor: PyYAML CSafeLoader, parse only"] = median(
            args.repeat, lambda _: timed(floor, repo)
        )
        rows["--help"] = median(args.repeat, lambda _: timed([*sobreg, "--help"], repo))

        def cold(_: int) -> float:
            shutil.rmtree(cache, ignore_errors=True)
            return timed([*sobreg, "validate"], repo)

        rows["validate, cold"] = median(args.repeat, cold)
        rows["validate, warm"] = median(args.repeat, lambda _: timed([*sobreg, "validate"], repo))
        report = [*sobreg, "report", "--year", "2025"]  # the default: text (piped: template)
        timed(report, repo)  # the summaries store, once
        rows["report --year, warm"] = median(args.repeat, lambda _: timed(report, repo))
        env_as = ["--as", "admin@vgregion.se"]
        rows["advance (commit included)"] = median(
            min(args.repeat, len(at_b)),
            lambda i: timed(
                [*sobreg, "advance", at_b[i], "--from-file", str(work / "inventory.yaml"), *env_as],
                repo,
            ),
        )
        rows["log ID"] = median(args.repeat, lambda _: timed([*sobreg, "log", logged], repo))
        if not args.no_peers:
            peers(rows, repo, args.peer_repeat)
        print_table(rows, args.items, args.history, generated)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def peers(rows: dict[str, float], repo: Path, repeat: int) -> None:
    bin_dir = Path(sys.executable).parent
    registry = repo / "registry"
    tool = bin_dir / "check-jsonschema"
    if tool.exists():

        def check(_: int) -> float:
            total = 0.0
            for kind in ("nomination", "program"):
                files = sorted(str(p) for p in (registry / f"{kind}s").glob("*.yaml"))
                schema = repo / "schemas" / f"{kind}.schema.json"
                total += timed([str(tool), "--schemafile", str(schema), *files], repo, False)
            return total

        rows["peer: check-jsonschema (exported schemas)"] = median(repeat, check)
    lint = bin_dir / "yamllint"
    if lint.exists():
        rows["peer: yamllint (relaxed)"] = median(
            repeat, lambda _: timed([str(lint), "-d", "relaxed", str(registry)], repo, False)
        )


def print_table(rows: dict[str, float], items: int, history: int, generated: float) -> None:
    floor = rows["floor: PyYAML CSafeLoader, parse only"]
    start_up = rows["--help"]
    print(f"{items} items, {history} edit commits (generated in {generated:.1f} s)\n")
    print(f"| {'what':44} | {'median s':>8} | {'× floor':>7} | {'target':8} | met |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 9}|{'-' * 10}|-----|")
    for name, seconds in rows.items():
        ratio = seconds / floor
        target, met = "", ""
        if name in TARGETS:
            how, limit = TARGETS[name]
            if how == "ratio":
                target, ok = f"≤{limit}×", ratio <= limit
            elif how == "beyond":
                beyond = (seconds - start_up) / floor
                target, ok = f"≤{limit}×*", beyond <= limit
                ratio = beyond
            else:
                target, ok = f"≤{limit} s", seconds <= limit
            met = "yes" if ok else "no"
        print(f"| {name:44} | {seconds:8.3f} | {ratio:7.3f} | {target:8} | {met:3} |")
    print("\n* counted beyond start-up: (time − time of `sobreg --help`) / floor")


if __name__ == "__main__":
    sys.exit(main())
