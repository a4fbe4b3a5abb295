"""Nothing lost: ten writers on one checkout at once, a writer that cannot get the lock.
(SIGKILL inside the write window: test_kills.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SCREENING, add_nomination, git

from sobreg.store import yamlio
from sobreg.store.registry import Registry
from sobreg.validation.check import check

ENV = {**os.environ, "SOBREG_TODAY": "2026-03-10", "SOBREG_ACTOR": "admin@vgregion.se"}


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
