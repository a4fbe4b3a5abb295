"""Generate a realistic registry of N items in a new git repository, for the benchmarks.

Nominations at every step a–e and every outcome, programs at every step f–k, inventoried ones,
long Swedish free text, history lists and national assessments; every file valid. Deterministic
for a given seed. Files are written with PyYAML's C emitter (fast) and committed in one commit,
then `--history` more commits touch random items, as years of work would.

    python benchmarks/generate.py /tmp/reg --items 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HEADERS = {
    "nomination": "# yaml-language-server: $schema=../../schemas/nomination.schema.json\n",
    "program": "# yaml-language-server: $schema=../../schemas/program.schema.json\n",
}
WORDS = [
    "behandling",
    "stöd",
    "sömnbesvär",
    "ångest",
    "depression",
    "oro",
    "smärta",
    "tinnitus",
    "alkohol",
    "spel",
    "föräldrar",
    "barn",
    "ungdomar",
    "vuxna",
    "äldre",
    "primärvård",
    "psykiatri",
    "habilitering",
    "kognitiv",
    "beteendeterapi",
    "självhjälp",
    "vårdkedja",
    "uppföljning",
    "evidens",
    "patienter",
    "behandlare",
    "legitimerad",
    "väntetid",
    "tillgänglighet",
    "digital",
    "invånartjänst",
    "region",
    "verksamhet",
    "program",
    "modul",
    "övning",
    "dagbok",
    "utvärdering",
    "effekt",
    "studie",
    "randomiserad",
    "kontrollerad",
    "kvalitet",
    "säkerhet",
    "etik",
    "kostnad",
]
ADMIN = "admin@vgregion.se"


def text(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    sentences, i = [], 0
    while i < len(chosen):
        n = rng.randint(6, 14)
        part = chosen[i : i + n]
        sentences.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
        i += n
    return " ".join(sentences)


def entry(at: dt.date, action: str, src: str | None, dst: str, status: str) -> dict[str, Any]:
    found = {"at": at, "action": action, "from": src, "to": dst, "status": status}
    return {k: v for k, v in found.items() if v is not None} | {"actor": ADMIN, "role": "council"}


def walk(
    rng: random.Random,
    history: list[dict[str, Any]],
    steps: str,
    until: str,
    day: dt.date,
    status: str,
    days: tuple[int, int],
) -> dt.date:
    """Append an advance for each step from the first of `steps` up to `until`; the last day."""
    for src, dst in itertools.pairwise(steps):
        if steps.index(until) < steps.index(dst):
            break
        day += dt.timedelta(days=rng.randint(*days))
        history.append(entry(day, "advance", src, dst, status))
    return day


def nomination(rng: random.Random, year: int, seq: int) -> dict[str, Any]:
    created = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    step = rng.choice("abcde")
    kind = rng.choice(["stod", "behandling"])
    data: dict[str, Any] = {
        "id": f"N-{year}-{seq:03d}",
        "created": created,
        "title": f"Program för {text(rng, 4).rstrip('.').lower()} {seq}",
        "kind": kind,
        "step": step,
        "status": "open",
        "request": "new",
        "nominator": {
            "name": "Anna Berg",
            "email": "anna.berg@vgregion.se",
            "unit": "Psykiatri Nordost",
            "role": "employee",
        },
        "anchoring": {"head_of_unit": True, "sob_contact": None},
        "need": text(rng, 60),
        "target_group": {"description": text(rng, 15), "children": False},
        "usage": text(rng, 30),
        "costs": {"development_sek": rng.randint(1, 50) * 10000, "other_sek": 40000},
        "patient_involvement": text(rng, 25),
    }
    history = [entry(created, "nominate", None, "a", "open")]
    day = walk(rng, history, "abcde", step, created, "open", (5, 40))
    if step >= "b":
        data["screening"] = {
            "feasible_in_sob": True,
            "kind_confirmed": True,
            "catalogue_searched": True,
            "similar_programs": [],
            "councils": ["Samordningsråd psykiatri"],
        }
    if step >= "c":
        data["inventory"] = {
            "regional_need": text(rng, 40),
            "alternatives": [],
            "evidence": {"level": "moderate", "summary": text(rng, 40)},
            "follow_up_plan": text(rng, 20),
            "practitioner_requirements": "Legitimerad psykolog",
            "national_guidelines": text(rng, 15),
            "other_regions": "Skåne",
        }
    if step >= "d":
        data["council_position"] = {
            "decision": "support",
            "rationale": text(rng, 30),
            "date": day,
            "council": "Samordningsråd psykiatri",
            "to_ppr": True,
            "consequences": text(rng, 20),
        }
    if step == "e" and rng.random() < 0.4:
        outcome = rng.choice(["reject", "reject", "build"])
        data["ppr_position"] = {"decision": "support", "rationale": text(rng, 20), "date": day}
        day += dt.timedelta(days=rng.randint(5, 30))
        data["decision"] = {"outcome": outcome, "rationale": text(rng, 25), "date": day}
        data["status"] = "rejected" if outcome == "reject" else "decided"
        if outcome == "build":
            data["decision"]["outcome"] = "reject"  # a program of its own is not generated
            data["status"] = "rejected"
        history.append(entry(day, "close", "e", "e", data["status"]))
    elif rng.random() < 0.05:
        data["status"] = "withdrawn"
        history.append(entry(day, "withdraw", step, step, "withdrawn"))
    data["history"] = history
    return data


def program(rng: random.Random, index: int, names: list[str]) -> dict[str, Any]:
    created = dt.date(2015 + index % 11, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    step = rng.choice("fghijjjjk")
    item_id = f"program-{index:05d}"
    data: dict[str, Any] = {
        "id": item_id,
        "created": created,
        "name": f"{text(rng, 2).rstrip('.')} {index}",
        "kind": rng.choice(["stod", "behandling"]),
        "step": step,
        "status": "in_production",
        "origin": "nomination",
        "project": {
            "group": [
                {"name": "Eva Lund", "role": "innehåll"},
                {"name": "Bo Ek", "role": "design"},
            ],
            "plan": {
                "development": text(rng, 20),
                "evaluation": text(rng, 20),
                "management": text(rng, 10),
            },
            "cost_calculation_sek": 300000,
        },
    }
    history = [entry(created, "create", None, "f", "in_production")]
    # k is entered by the deactivation below, not by an advance.
    day = walk(rng, history, "fghij", min(step, "j"), created, "in_production", (10, 60))
    if step >= "h":
        data["production"] = {
            "name": data["name"],
            "languages": ["sv", "en"],
            "wcag21_checked": True,
            "design_guide_followed": True,
        }
    if step >= "i":
        data["content_review"] = {
            "reviewer": {"name": "Olle Berg"},
            "independent": True,
            "date": day,
            "outcome": "approved",
        }
    if step >= "j":
        data["testing"] = {
            "functional": {"date": day, "result": "passed"},
            "clinical": {"date": day, "result": "passed"},
        }
    if step == "j" or step == "k":
        day += dt.timedelta(days=30)
        data["implementation"] = {
            "published": day,
            "units": ["Psykiatri Nordost"],
            "follow_up_plan": text(rng, 20),
        }
        data["status"] = "active"
        history[-1]["status"] = "active"
        data["assessments"] = [
            {
                "date": day + dt.timedelta(days=200),
                "method_version": "1",
                "template": "treatment" if data["kind"] == "behandling" else "support",
                "assessors": [
                    {"name": "Karin Ek", "role": "Hälsoekonom"},
                    {"name": "Per Ås", "role": "Psykolog"},
                ],
                "scores": {"ethics": {"score": "good", "note": text(rng, 15)}},
                "evidence_grade": "moderate",
                "recommendation": "recommended",
                "statement": text(rng, 80),
                "next_review": day + dt.timedelta(days=1300),
            }
        ]
    if step == "k":
        day += dt.timedelta(days=rng.randint(100, 900))
        replaced = rng.choice(names) if names else None
        data["deactivation"] = {
            "date": day,
            "reason": "replaced" if replaced else "other",
            "replaced_by": replaced,
        }
        if not replaced:
            del data["deactivation"]["replaced_by"]
        data["status"] = "inactive"
        history.append(entry(day, "deactivate", "j", "k", "inactive"))
    data["history"] = history
    return data


class _Dumper(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # registry files refuse anchors and aliases


def write(path: Path, data: dict[str, Any], kind: str) -> None:
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    path.write_text(HEADERS[kind] + body, encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _new_registry(target: Path) -> Path:
    """`target/registry` with its item folders and this repository's definitions."""
    root = Path(__file__).resolve().parents[1]
    registry = target / "registry"
    (registry / "nominations").mkdir(parents=True)
    (registry / "programs").mkdir()
    for name in ("process.yaml", "evaluation.yaml"):
        (registry / name).write_text((root / "registry" / name).read_text(encoding="utf-8"))
    return registry


def _commit_all(target: Path, message: str) -> None:
    git(target, "init", "-q", "-b", "main")
    git(target, "config", "user.email", ADMIN)
    git(target, "config", "user.name", "Benchmark")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", message)


def generate(target: Path, items: int, history: int = 0, seed: int = 1) -> Path:
    """Write a registry of `items` items under `target` (a new git repository)."""
    rng = random.Random(seed)
    root = Path(__file__).resolve().parents[1]
    registry = _new_registry(target)
    schemas = target / "schemas"
    schemas.mkdir()
    for schema in (root / "schemas").glob("*.json"):
        (schemas / schema.name).write_text(schema.read_text(encoding="utf-8"))
    programs = items * 2 // 5
    names: list[str] = []
    for i in range(programs):
        data = program(rng, i, names[-50:])
        write(registry / "programs" / f"{data['id']}.yaml", data, "program")
        if data["status"] == "active":
            names.append(data["id"])
    per_year: dict[int, int] = {}
    for _ in range(items - programs):
        year = rng.randint(2015, 2026)
        per_year[year] = per_year.get(year, 0) + 1
        data = nomination(rng, year, per_year[year])
        write(registry / "nominations" / f"{data['id']}.yaml", data, "nomination")
    _commit_all(target, "Generated registry")
    files = sorted((registry / "nominations").glob("*.yaml"))
    for n in range(history):
        path = rng.choice(files)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"# reviewed {n}\n")
        git(target, "commit", "-q", "-am", f"Edit {n}")
    return target


def small_files(target: Path, items: int) -> Path:
    """A registry of `items` copies of one fresh step-a nomination (~1 KB each, as `sobreg
    nominate --from-file examples/walkthrough/idea.yaml` writes it, its history sealed), each
    under its own id: the small-file case, where a file's fixed costs weigh most."""
    from sobreg.engine import chain

    root = Path(__file__).resolve().parents[1]
    registry = _new_registry(target)
    idea = yaml.safe_load((root / "examples" / "walkthrough" / "idea.yaml").read_text("utf-8"))
    per_year = -(-items // 27)  # N-YYYY-NNN: at most 999 a year, years 2000-2026
    for index in range(items):
        year, seq = 2000 + index // per_year, index % per_year + 1
        data = {"id": f"N-{year}-{seq:03d}", "created": dt.date(year, 3, 1), **idea,
                "step": "a", "status": "open",
                "history": [entry(dt.date(year, 3, 1), "nominate", None, "a", "open")]}  # fmt: skip
        state, digest = chain.seal(data, 1)[0]
        data["history"][0] |= {"state": state, "digest": digest}
        write(registry / "nominations" / f"{data['id']}.yaml", data, "nomination")
    _commit_all(target, "Generated registry of small files")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", type=Path)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=0, help="extra commits editing items")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small-files", action="store_true",
                        help="copies of one fresh step-a nomination instead")  # fmt: skip
    args = parser.parse_args(argv)
    if args.target.exists() and any(args.target.iterdir()):
        print(f"{args.target} exists and is not empty", file=sys.stderr)
        return 2
    if args.small_files:
        small_files(args.target, args.items)
    else:
        generate(args.target, args.items, args.history, args.seed)
    print(f"{args.items} items in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
