"""Work shared between this process and forked children: the same results in the same order as
one process gives, whichever process does what, and nothing lost or left running when a child
fails or this process is interrupted."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from sobreg.store import parallel
from sobreg.store.parallel import share


@pytest.mark.parametrize("processes", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 19, 20, 21, 1000, 25_000])
def test_the_results_are_one_process_s_in_the_items_order(processes: int, count: int) -> None:
    items = list(range(count))
    assert share(items, lambda n: (n, n * n, str(n)), processes) == [
        (n, n * n, str(n)) for n in items
    ]


def test_the_children_take_part_of_the_work() -> None:
    def who(_: int) -> int:
        time.sleep(0.001)
        return os.getpid()

    found = share(list(range(400)), who, 3)
    assert os.getpid() in found and len(set(found)) == 3


def test_what_marshal_cannot_carry_comes_back_whole() -> None:
    items = list(range(200))
    found = share(items, lambda n: {"day": dt.date(2026, 1, 1) + dt.timedelta(n)}, 2)
    assert found == [{"day": dt.date(2026, 1, 1) + dt.timedelta(n)} for n in items]


@pytest.mark.parametrize("how", ["killed", "raising"])
def test_what_a_failed_child_took_is_done_here(how: str) -> None:
    parent = os.getpid()

    def do(n: int) -> int:
        if os.getpid() != parent and n > 100:
            if how == "killed":
                os._exit(9)
            raise RuntimeError("a child's own failure")
        return n * 2

    assert share(list(range(1000)), do, 2) == [n * 2 for n in range(1000)]


def test_an_interrupted_share_leaves_no_child_running(tmp_path: Path) -> None:
    """The children are stopped, not waited for: here they would never end."""
    parent = os.getpid()
    pids = tmp_path / "pids"

    def do(n: int) -> int:
        if os.getpid() != parent:
            with pids.open("a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
            time.sleep(3600)
        while not pids.exists() or len(pids.read_text(encoding="utf-8").split()) < 2:
            time.sleep(0.01)  # both children are at work
        raise KeyboardInterrupt

    def children() -> set[int]:
        return {int(line) for line in pids.read_text(encoding="utf-8").split()}

    waited: list[bool] = []

    def stop_them(*_: object) -> None:  # what share should have done: else the test would hang
        waited.append(True)
        for pid in children():
            os.kill(pid, signal.SIGKILL)

    signal.signal(signal.SIGALRM, stop_them)
    signal.alarm(5)
    try:
        with pytest.raises(KeyboardInterrupt):
            share(list(range(2000)), do, 3)
    finally:
        signal.alarm(0)
    assert not waited, "the children were waited for, not stopped"
    for pid in children():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_progress_counts_up_to_every_item(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    monkeypatch.setattr(parallel, "_CHUNKS", 10)
    share(list(range(1000)), lambda n: n, 2, lambda done, total: seen.append((done, total)))
    assert seen[-1] == (1000, 1000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
