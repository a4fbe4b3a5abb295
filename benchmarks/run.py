"""Benchmarks of sobreg on a generated registry, as medians and ratios against a floor measured in
the same run: PyYAML's CSafeLoader parsing every file in one process and doing nothing else.

    python benchmarks/run.py                      # 10,000 items, 3 runs each
    python benchmarks/run.py --items 1000
    python benchmarks/run.py --items 100000 --repeat 1 --no-peers   # opt-in: minutes, not CI
    python benchmarks/run.py --items 200 --repeat 1
    python benchmarks/run.py --small-files        # 10,000 copies of a fresh step-a nomination

Every command runs as a user types it (a new process, wall time), with sobreg's bytecode compiled
first as `pip install` does (an editable install under PYTHONDONTWRITEBYTECODE would otherwise
compile every module on every run, ~30 ms that no installed copy pays). Peers (check-jsonschema with
sobreg's exported schemas, yamllint) run over the same files when installed
(`pip install -r benchmarks/requirements.txt`).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, small_files

FLOOR = """
import glob, sys, yaml
for name in sorted(glob.glob(sys.argv[1] + "/*/*.yaml")):
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
# The physical limits: a process that does only this, over the same files.
LIMITS = {
    "limit: python start (`python -c pass`)": "pass",
    "limit: stat every file": """
import glob, os, sys
for name in glob.glob(sys.argv[1] + "/*/*.yaml"):
    os.stat(name)
""",
    "limit: read every file's bytes": """
import glob, sys
for name in glob.glob(sys.argv[1] + "/*/*.yaml"):
    with open(name, "rb") as handle:
        handle.read()
""",
    "limit: yaml-rs parse only (the fast reader)": """
import glob, sys, yaml_rs
for name in sorted(glob.glob(sys.argv[1] + "/*/*.yaml")):
    with open(name, encoding="utf-8") as handle:
        yaml_rs.loads(handle.read())
""",
}
INVENTORY = """inventory:
  regional_need: Stort regionalt behov enligt samordningsrådet.
  alternatives: []
  evidence: {level: moderate, summary: Två randomiserade studier.}
  follow_up_plan: Uppföljning av patientupplevelse och medicinskt resultat.
  practitioner_requirements: Legitimerad psykolog
  national_guidelines: I linje med nationella riktlinjer.
  other_regions: Skåne
  cost_effectiveness: Lägre kostnad per behandlad patient än individuell KBT.
"""
FLOOR_ROW = "floor: PyYAML CSafeLoader, parse only"
# Targets from issue 16: ("ratio", × the floor) or ("seconds", wall).
TARGETS = {
    "--help": ("seconds", 0.15),
    "validate, cold": ("ratio", 0.25),
    "validate, warm": ("seconds", 0.12),
    "report --year, warm": ("seconds", 0.2),
    "status": ("seconds", 0.2),
    "list --json": ("seconds", 0.2),
    "due": ("seconds", 0.2),
    "search sömn, asked before": ("seconds", 0.2),
    "search, a new one-word query": ("seconds", 0.2),
    "search, a new two-word query": ("seconds", 0.2),
    "advance (commit included)": ("seconds", 0.25),
    "set (commit included)": ("seconds", 0.25),
    "log ID": ("seconds", 0.2),
    "pre-commit hook, one changed file": ("seconds", 0.15),
    "publish, new folder": ("seconds", 1.5),
    "publish, one program changed": ("seconds", 0.3),
}


def timed(command: list[str], cwd: Path, check: bool = True) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def runner(command: list[str], cwd: Path) -> Callable[[int], float]:
    """One timed run of `command`, for `median`."""
    return lambda _: timed(command, cwd)


def asking(sobreg: list[str], text: str, cwd: Path, *extra: str) -> Callable[[int], float]:
    """A search for `text` that was not asked before: another limit each run is another answer."""
    return lambda i: timed([*sobreg, "search", text, "--limit", str(30 + i), *extra], cwd)


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
    parser.add_argument("--small-files", action="store_true",
                        help="the small-file case: reading and validating only")  # fmt: skip
    args = parser.parse_args(argv)
    sobreg_package = importlib.util.find_spec("sobreg")
    if sobreg_package and sobreg_package.submodule_search_locations:
        for folder in sobreg_package.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="sobreg-bench-"))
    repo = args.keep or work / "repo"
    try:
        start = time.perf_counter()
        if args.small_files:
            small_files(repo, args.items)
            rows = measure_reading(repo, args.repeat)
            print_table(rows, args.items, 0, time.perf_counter() - start)
            return 0
        generate(repo, args.items, args.history)
        generated = time.perf_counter() - start
        rows = measure(repo, work, args.repeat)
        if not args.no_peers:
            peers(rows, repo, args.peer_repeat)
        print_table(rows, args.items, args.history, generated)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def limits_and_floor(repo: Path, repeat: int) -> dict[str, float]:
    """The physical limits and the floor, over the registry's files."""
    registry = repo / "registry"
    rows: dict[str, float] = {}
    for name, code in LIMITS.items():
        if "yaml_rs" in code and importlib.util.find_spec("yaml_rs") is None:
            continue
        rows[name] = median(repeat, runner([sys.executable, "-c", code, str(registry)], repo))
    floor = [sys.executable, "-c", FLOOR, str(registry)]
    rows[FLOOR_ROW] = median(repeat, lambda _: timed(floor, repo))
    return rows


def measure_reading(repo: Path, repeat: int) -> dict[str, float]:
    """The limits, the floor and `validate` cold and warm: what the small-file case compares."""
    sobreg = [sys.executable, "-m", "sobreg"]
    rows = limits_and_floor(repo, repeat)

    def cold(_: int) -> float:
        shutil.rmtree(repo / ".git" / "sobreg", ignore_errors=True)
        return timed([*sobreg, "validate"], repo)

    rows["validate, cold"] = median(repeat, cold)
    rows["validate, warm"] = median(repeat, lambda _: timed([*sobreg, "validate"], repo))
    return rows


def measure(repo: Path, work: Path, repeat: int) -> dict[str, float]:
    """Every row of the table: the limits, the floor, then the commands as a user types them."""
    sobreg = [sys.executable, "-m", "sobreg"]
    registry = repo / "registry"
    (work / "inventory.yaml").write_text(INVENTORY, encoding="utf-8")
    nominations = sorted((registry / "nominations").glob("*.yaml"))
    texts = {p: p.read_text(encoding="utf-8") for p in nominations}
    at_b = [p.stem for p in nominations if "\nstep: b\nstatus: open\n" in texts[p]]
    at_a = [p.stem for p in nominations if "\nstep: a\nstatus: open\n" in texts[p]]
    edited = git(repo, "log", "-1", "--name-only", "--format=").split()
    logged = Path(edited[0]).stem if edited else at_b[0]
    cache = repo / ".git" / "sobreg"
    rows = limits_and_floor(repo, repeat)
    rows["--help"] = median(repeat, lambda _: timed([*sobreg, "--help"], repo))

    def cold(_: int) -> float:
        shutil.rmtree(cache, ignore_errors=True)
        return timed([*sobreg, "validate"], repo)

    rows["validate, cold"] = median(repeat, cold)
    rows["validate, warm"] = median(repeat, lambda _: timed([*sobreg, "validate"], repo))
    reads = {
        "report --year, warm": ["report", "--year", "2025"],  # piped: the text template
        "status": ["status"],
        "list --json": ["list", "--json"],
        "due": ["due"],
        "search sömn, asked before": ["search", "sömn"],
    }
    for name, command in reads.items():
        timed([*sobreg, *command], repo)  # what the command keeps, once
        rows[name] = median(repeat, runner([*sobreg, *command], repo))
    # A query not asked before: its answer is not kept (another limit is another answer), the
    # word index is (built by the searches above). `sömn` meets half the generated items.
    for name, text in (("one-word", "sömn"), ("two-word", "sömn oro")):
        rows[f"search, a new {name} query"] = median(repeat, asking(sobreg, text, repo))
    actor = ["--as", "admin@vgregion.se"]
    inventory = str(work / "inventory.yaml")
    rows["advance (commit included)"] = median(
        min(repeat, len(at_b)),
        lambda i: timed([*sobreg, "advance", at_b[i], "--from-file", inventory, *actor], repo),
    )
    rows["set (commit included)"] = median(
        repeat,
        lambda i: timed(
            [*sobreg, "set", at_a[-1 - i], f"usage=Användning, version {i}", *actor],
            repo,
        ),
    )
    rows["log ID"] = median(repeat, lambda _: timed([*sobreg, "log", logged], repo))

    def hook(i: int) -> float:
        # What pre-commit runs: `sobreg validate` on the one staged file, changed since.
        path = nominations[i]
        path.write_text(texts[path] + f"# checked {i}\n", encoding="utf-8")
        try:
            return timed([*sobreg, "validate", str(path.relative_to(repo))], repo)
        finally:
            path.write_text(texts[path], encoding="utf-8")

    rows["pre-commit hook, one changed file"] = median(repeat, hook)
    site = work / "site"

    def publish_new(_: int) -> float:
        shutil.rmtree(site, ignore_errors=True)
        return timed([*sobreg, "publish", "--out", str(site)], repo)

    rows["publish, new folder"] = median(repeat, publish_new)
    programs = sorted((registry / "programs").glob("*.yaml"))

    def publish_changed(i: int) -> float:
        program = programs[i]
        text = program.read_text(encoding="utf-8")
        program.write_text(text.replace("\nname: ", f"\nname: Ändrad {i} ", 1), encoding="utf-8")
        git(repo, "commit", "-q", "-am", f"Rename {program.stem}")
        return timed([*sobreg, "publish", "--out", str(site)], repo)

    rows["publish, one program changed"] = median(repeat, publish_changed)
    return rows


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


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
    """Each figure as wall seconds, per item, against the floor and against its target."""
    floor = rows[FLOOR_ROW]
    print(f"{items} items, {history} edit commits (generated in {generated:.1f} s)\n")
    print(
        f"| {'what':44} | {'median s':>8} | {'µs/item':>8} | {'× floor':>7} | {'target':8} | met |"
    )
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 9}|{'-' * 10}|-----|")
    for name, seconds in rows.items():
        ratio = seconds / floor
        target, met = "", ""
        if name in TARGETS:
            how, limit = TARGETS[name]
            ok = ratio <= limit if how == "ratio" else seconds <= limit
            target = f"≤{limit}×" if how == "ratio" else f"≤{limit} s"
            met = "yes" if ok else "no"
        per_item = seconds / items * 1e6
        cells = f"| {name:44} | {seconds:8.3f} | {per_item:8.1f} | {ratio:7.3f} | {target:8} |"
        print(f"{cells} {met:3} |")
    print("\nEvery figure is the wall time of a new process, as a user types the command.")


if __name__ == "__main__":
    sys.exit(main())
