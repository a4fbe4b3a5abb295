"""SIGKILL inside the write window of `advance`, `nominate`, `set` and `assess`, 200 times.

The window is measured first: a poller watches, during complete runs, for the moment sobreg's
scratch folder gets its temporary index (the first write) and for the moment the process ends;
the kills are then spread over that window (and a little before it). After every kill the next
writing command must repair first or succeed: `git fsck` clean, HEAD and the working tree agree
for every registry file, no temporary file anywhere, and the git log holding exactly one commit
per history entry the item gained.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SCREENING, active_program, add_nomination, assessment, git

from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
ENV = {**os.environ, "SOBREG_TODAY": "2026-03-10", "SOBREG_ACTOR": ADMIN}
KILLS = {"advance": 60, "nominate": 40, "set": 50, "assess": 50}


def _run(repo: Path, args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sobreg", *args], cwd=repo, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


def _window(repo: Path, args: list[str], reset: Callable[[], None]) -> tuple[float, float]:
    """(start, end) of the write window in seconds after the process starts, median of 3."""
    scratch = repo / ".git" / "sobreg" / "tmp"
    starts, ends = [], []
    for _ in range(3):
        reset()
        began = time.perf_counter()
        proc = _run(repo, args)
        first = None
        while proc.poll() is None:
            if first is None and scratch.is_dir() and any(scratch.iterdir()):
                first = time.perf_counter() - began
            time.sleep(0.0005)
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        ends.append(time.perf_counter() - began)
        starts.append(first if first is not None else ends[-1] * 0.8)
    return statistics.median(starts), statistics.median(ends)


def _history(repo: Path) -> dict[str, int]:
    found = {}
    for path in sorted((repo / "registry").glob("*/*.yaml")):
        data = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
        found[path.stem] = len(data.get("history") or [])  # every action adds one entry
    return found


def _consistent(repo: Path, base: str, before: dict[str, int]) -> None:
    subprocess.run(["git", "fsck", "--no-dangling"], cwd=repo, check=True, capture_output=True)
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "registry") == ""
    assert not list((repo / "registry").rglob("*.tmp"))
    scratch = repo / ".git" / "sobreg" / "tmp"
    assert not scratch.is_dir() or not list(scratch.iterdir())
    # One commit per completed action: the entries items gained equal the sobreg commits made.
    after = _history(repo)
    gained = sum(after[i] - before.get(i, 0) for i in after)
    commits = git(repo, "log", "--format=%(trailers:key=Sobreg-Action,valueonly)", f"{base}..HEAD")
    actions = [line for line in commits.splitlines() if line.strip()]
    assert len(actions) == gained, (actions, gained)


def _torn(repo: Path) -> bool:
    """A state the next command has to repair: files behind HEAD, index behind, temp files."""
    scratch = repo / ".git" / "sobreg" / "tmp"
    dirty = git(repo, "status", "--porcelain", "--untracked-files=all", "--", "registry")
    return bool(dirty) or (scratch.is_dir() and any(scratch.iterdir()))


@pytest.mark.parametrize("command", list(KILLS))
def test_sigkill_inside_the_write_window(repo: Path, command: str) -> None:
    add_nomination(repo)
    active_program(repo)
    screening = repo.parent / f"{repo.name}-screening.yaml"
    screening.write_text(yamlio.dump_roundtrip(SCREENING), encoding="utf-8")
    form = repo.parent / f"{repo.name}-form.yaml"
    form.write_text("title: Avbruten idé\nkind: stod\n", encoding="utf-8")
    review = repo.parent / f"{repo.name}-assessment.yaml"
    review.write_text(yamlio.dump_roundtrip(assessment()), encoding="utf-8")
    args = {
        "advance": ["advance", "N-2026-001", "--from-file", str(screening)],
        "nominate": ["nominate", "--from-file", str(form)],
        "set": ["set", "N-2026-001", "usage=Avbruten ändring"],
        "assess": ["assess", "somnhjalpen", "--from-file", str(review)],
    }[command]
    base = git(repo, "rev-parse", "HEAD")
    before = _history(repo)

    def reset() -> None:
        git(repo, "reset", "-q", "--hard", base)
        git(repo, "clean", "-q", "-fd", "--", "registry")

    start, end = _window(repo, args, reset)
    rng = random.Random(f"20261124-{command}")
    tally = {"tried": 0, "torn": 0, "handled": 0}
    for n in range(KILLS[command]):
        reset()
        proc = _run(repo, args)
        time.sleep(rng.uniform(start - 0.1 * (end - start), end))
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        tally["tried"] += 1
        # A git process sobreg started may outlive it for a moment: let it finish.
        for _ in range(100):
            if not (repo / ".git" / "index.lock").exists():
                break
            time.sleep(0.02)
        torn = _torn(repo)
        tally["torn"] += torn
        # The next writing command repairs first, then does its own work.
        follow = ["set", "N-2026-001", f"patient_involvement=Nästa {n}"]
        nxt = subprocess.run([sys.executable, "-m", "sobreg", *follow], cwd=repo, env=ENV,
                             capture_output=True, text=True)  # fmt: skip
        assert nxt.returncode == 0, nxt.stderr
        _consistent(repo, base, before)
        tally["handled"] += torn
    print(f"{command}: window {start:.3f}-{end:.3f} s, {tally}")
    assert tally["tried"] == KILLS[command]
