"""Nothing lost: SIGKILL during advance, ten writers on one checkout at once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SCREENING, add_nomination, cli, git

from sobreg.store import yamlio
from sobreg.store.registry import Registry
from sobreg.validation.check import check

ENV = {**os.environ, "SOBREG_TODAY": "2026-03-10", "SOBREG_ACTOR": "admin@vgregion.se"}


def _advance(repo: Path, item: str, screening: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "sobreg", "advance", item, "--from-file", str(screening)]
    return subprocess.Popen(
        command, cwd=repo, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def test_sigkill_during_advance_leaves_old_or_new_and_git_usable(
    repo: Path, tmp_path_factory: object
) -> None:
    path = add_nomination(repo)
    screening = repo.parent / f"{repo.name}-screening.yaml"
    screening.write_text(yamlio.dump_roundtrip(SCREENING), encoding="utf-8")
    base = git(repo, "rev-parse", "HEAD")
    old = path.read_bytes()
    # One complete run gives the new content and how long the command takes.
    durations = []
    for _ in range(3):
        start = time.perf_counter()
        assert _advance(repo, "N-2026-001", screening).wait(60) == 0
        durations.append(time.perf_counter() - start)
        new = path.read_bytes()
        git(repo, "reset", "-q", "--hard", base)
    whole = sorted(durations)[1]
    rng = random.Random(20261122)
    outcomes = {"old": 0, "new committed": 0, "new uncommitted": 0, "index.lock": 0}
    for _ in range(100):
        proc = _advance(repo, "N-2026-001", screening)
        # Most kills land in the second half, where the file is written and committed.
        time.sleep(rng.uniform(0.35, 1.05) * whole)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        lock = repo / ".git" / "index.lock"
        # A git command started by sobreg outlives it and finishes its own work: wait for it.
        for _ in range(60):
            if not lock.exists():
                break
            time.sleep(0.05)
        if lock.exists():
            outcomes["index.lock"] += 1
            blocked = cli("set", "N-2026-001", "usage=x", "--as", "admin@vgregion.se")
            assert blocked.code == 3 and "index.lock" in blocked.stderr  # says how to recover
            lock.unlink()
        content = path.read_bytes()
        assert content in (old, new)
        head = git(repo, "rev-parse", "HEAD")
        assert git(repo, "cat-file", "-t", head) == "commit"
        git(repo, "status", "--porcelain")  # the index reads
        subprocess.run(["git", "fsck", "--no-dangling"], cwd=repo, check=True,
                       capture_output=True)  # fmt: skip
        committed = git(repo, "show", f"{head}:registry/nominations/N-2026-001.yaml")
        if head == base:
            outcomes["old" if content == old else "new uncommitted"] += 1
        else:
            assert committed.encode() + b"\n" == new or committed.encode() == new.rstrip(b"\n")
            assert content == new
            outcomes["new committed"] += 1
        result = check(Registry(repo / "registry"))
        assert result.ok, [i.key for i in result.errors]
        git(repo, "reset", "-q", "--hard", base)
    print(outcomes)  # shown with -s: where the kills landed
    assert sum(outcomes.values()) >= 100
    assert outcomes["old"] > 0 and outcomes["new committed"] > 0, outcomes


def test_ten_writers_at_once_lose_nothing(repo: Path) -> None:
    screening = repo.parent / f"{repo.name}-screening.yaml"
    screening.write_text(yamlio.dump_roundtrip(SCREENING), encoding="utf-8")
    form = repo.parent / f"{repo.name}-form.yaml"
    form.write_text("title: Samtidig idé\nkind: stod\n", encoding="utf-8")
    for n in range(1, 8):
        add_nomination(repo, f"N-2025-{n:03d}", created="2025-03-01")
    base = git(repo, "rev-parse", "HEAD")
    commands = [["set", f"N-2025-{n:03d}", f"usage=Samtidigt {n}"] for n in range(1, 5)]
    commands += [["advance", f"N-2025-{n:03d}", "--from-file", str(screening)] for n in (5, 6, 7)]
    commands += [["nominate", "--from-file", str(form), "--json"] for _ in range(3)]
    env = {**ENV, "SOBREG_LOCK_TIMEOUT": "60"}
    procs = [
        subprocess.Popen([sys.executable, "-m", "sobreg", *c], cwd=repo, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for c in commands
    ]  # fmt: skip
    results = [(p.wait(120), p.communicate()) for p in procs]
    assert [code for code, _ in results] == [0] * 10, [err for _, (_, err) in results]
    log = git(repo, "log", "--format=%s", f"{base}..HEAD").splitlines()
    assert len(log) == 10  # one commit each
    for n in range(1, 5):
        data = yamlio.load_safe(
            (repo / f"registry/nominations/N-2025-{n:03d}.yaml").read_text(), "x"
        )
        assert data["usage"] == f"Samtidigt {n}"
    for n in (5, 6, 7):
        data = yamlio.load_safe(
            (repo / f"registry/nominations/N-2025-{n:03d}.yaml").read_text(), "x"
        )
        assert data["step"] == "b"
    created = sorted(json.loads(out)["id"] for code, (out, _) in results[7:])
    assert len(set(created)) == 3
    assert git(repo, "status", "--porcelain") == ""
    assert check(Registry(repo / "registry")).ok


def test_a_writer_that_cannot_get_the_lock_exits_3_and_writes_nothing(repo: Path) -> None:
    add_nomination(repo)
    from sobreg.audit.lock import registry_lock
    from sobreg.audit.repo import Git

    head = git(repo, "rev-parse", "HEAD")
    with registry_lock(Git(repo / "registry").git_dir):
        done = subprocess.run(
            [sys.executable, "-m", "sobreg", "set", "N-2026-001", "usage=x"], cwd=repo,
            env={**ENV, "SOBREG_LOCK_TIMEOUT": "0.3"}, capture_output=True, text=True,
        )  # fmt: skip
    assert done.returncode == 3 and "låst" in done.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
