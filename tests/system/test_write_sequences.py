"""What sobreg writes, `verify` accepts (issue 33, point 3): any generated sequence of sobreg's
writes in two clones of one shared registry (nominate, advance, set with and without a reason,
withdraw, release, adopt, follow-up, sync) leaves a history that `verify --base ROOT` accepts in
both clones. A refused write is fine (it writes nothing); a write that lands must verify."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    COUNCIL,
    DECISION,
    IMPLEMENTATION,
    INVENTORY,
    NOMINATION_A,
    PRODUCTION,
    PROJECT,
    REVIEW,
    SCREENING,
    TESTING,
    active_program,
    add_nomination,
    cli,
    git,
    write_yaml,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ADMIN = "admin@vgregion.se"
EXAMPLES = 20
STEP_VALUES: dict[str, dict[str, Any]] = {
    "a": SCREENING, "b": INVENTORY, "c": COUNCIL, "e": DECISION, "f": PROJECT, "g": PRODUCTION,
    "h": REVIEW, "i": TESTING, "j": IMPLEMENTATION,
}  # fmt: skip
FOLLOW_UP = {"patients_started": 10, "patients_completed": 5,
             "patient_experience": {"instrument": "Enkät", "result": "4 av 5"},
             "outcome": {"instrument": "THI", "result": "-10"}, "quality_registry": None,
             "assessment": "continue"}  # fmt: skip

ACTIONS = ("nominate", "advance", "set", "amend", "withdraw", "release", "adopt", "follow-up",
           "sync")  # fmt: skip
operations = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 1), st.integers(0, 5)),  # clone, item
    min_size=3,
    max_size=9,
)


def _registry(base: Path) -> tuple[Path, list[Path]]:
    origin = base / "origin"
    origin.mkdir()
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    from sobreg.operations.init import init

    init(origin, ADMIN)
    add_nomination(origin, "N-2026-001")
    active_program(origin)
    bare = base / "shared.git"
    git(base, "clone", "-q", "--bare", str(origin), str(bare))
    clones = []
    for name in ("anna", "bo"):
        git(base, "clone", "-q", str(bare), str(base / name))
        clones.append(base / name)
    return bare, clones


def _ids(clone: Path) -> list[str]:
    rows = json.loads(cli("list", "--json", "--registry", str(clone / "registry")).stdout or "[]")
    return [r["id"] for r in rows]


def _step(clone: Path, item: str) -> str:
    data = json.loads(cli("show", item, "--json", "--registry", str(clone / "registry")).stdout)
    return str(data.get("step"))


def _file(base: Path, data: dict[str, Any]) -> str:
    path = base / f"input-{next(_counter)}.yaml"
    write_yaml(path, data)
    return str(path)


_counter = itertools.count()


def _apply(base: Path, clone: Path, op: str, pick: int) -> None:
    reg = ["--registry", str(clone / "registry"), "--as", ADMIN]
    ids = _ids(clone) or ["N-2026-001"]
    item = ids[pick % len(ids)]
    if op == "nominate":
        cli("nominate", "--from-file", _file(base, NOMINATION_A), *reg)
    elif op == "advance":
        values = STEP_VALUES.get(_step(clone, item))
        if values:
            cli("advance", item, "--from-file", _file(base, values), *reg)
    elif op == "set":
        field = "patient_involvement" if item.startswith("N-") else "significant_version"
        cli("set", item, f"{field}=Värde {pick}", *reg)
    elif op == "amend":
        field = "need" if item.startswith("N-") else "project.cost_calculation_sek"
        value = f"Nytt behov {pick}" if item.startswith("N-") else str(100000 + pick)
        cli("set", item, f"{field}={value}", "--reason", "Rättelse", *reg)
    elif op == "withdraw":
        cli("withdraw", item, "--reason", "Behovet täcks", *reg)
    elif op == "release":
        cli("release", "somnhjalpen", "--version", f"2.{pick}.{next(_counter)}", "--change",
            "minor", "--summary", "Småfix", *reg)  # fmt: skip
    elif op == "adopt":
        cli("adopt", "somnhjalpen", "--unit", f"Enhet {pick}", *reg)
    elif op == "follow-up":
        cli("follow-up", "somnhjalpen", "--year", "2025", "--from-file",
            _file(base, FOLLOW_UP), *reg)  # fmt: skip
    elif op == "sync":
        cli("sync", *reg)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=operations)
def test_any_sequence_of_writes_verifies(
    sequence: list[tuple[str, int, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.mktemp("sequence")
    os.environ["SOBREG_TODAY"] = "2026-06-01"
    try:
        _, clones = _registry(base)
        # The setup writes its items by hand; from here on every commit is sobreg's.
        start = git(clones[0], "rev-parse", "HEAD")
        for op, which, pick in sequence:
            _apply(base, clones[which], op, pick)
        made = 0
        for clone in clones:
            ran = cli("verify", "--base", start, "--registry", str(clone / "registry"))
            assert ran.code == 0, (sequence, ran.stdout, ran.stderr)
            assert git(clone, "status", "--porcelain") == ""
            made += int(git(clone, "rev-list", "--count", f"{start}..HEAD"))
        # Not a vacuous pass: a nomination or a plain set always lands.
        assert made > 0 or not {op for op, _, _ in sequence} & {"nominate", "set"}
    finally:
        os.environ.pop("SOBREG_TODAY", None)
