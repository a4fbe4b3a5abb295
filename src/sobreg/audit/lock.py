"""The registry lock: two writing processes on one checkout never interleave.

See docs/architecture.md, quality bars."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sobreg.errors import EnvironmentFailure

DEFAULT_TIMEOUT = 10.0


def timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("SOBREG_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


@contextmanager
def registry_lock(lock_dir: Path) -> Iterator[None]:
    """Hold `sobreg.lock` in `lock_dir` (the git directory); wait up to the timeout, then exit 3.

    flock is released by the kernel when the process dies, so a crash never leaves it held.
    """
    path = lock_dir / "sobreg.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout()
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise EnvironmentFailure(
                        "lock.held", path=str(path), seconds=timeout()
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)
