"""Work shared over every core: this process and forked children take chunks of a list in turn.

Each chunk's number is read from a pipe filled before forking (a read of a few bytes from a pipe
is never split between readers), so a process that is slowed down simply takes fewer chunks, and
no lock is held that a child killed midway could leave taken. A child sends what it found through
its own pipe when it is done; whatever a child did not send (it failed or was killed) this
process does itself. This process works too, from the state it already has: no pool, no
thread to collect results, no pickling of its own half.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any

Progress = Callable[[int, int], None]  # (items done, items in all)
_TOKEN = 4  # bytes of a chunk's number in the pipe
_CHUNKS = 1024  # at most this many chunks: their numbers (4 kB) are written to the pipe at once


def share(
    items: list[Any],
    do: Callable[[Any], Any],
    processes: int,
    progress: Progress | None = None,
) -> list[Any]:
    """`[do(item) for item in items]`, computed by this process and `processes - 1` children
    forked from it (which inherit everything `do` needs)."""
    size = max(20, -(-len(items) // _CHUNKS))
    count = -(-len(items) // size)
    chunks_in, chunks_out = os.pipe()
    os.write(chunks_out, b"".join(n.to_bytes(_TOKEN, "little") for n in range(count)))
    os.close(chunks_out)  # every number is written: a read at the end gets nothing

    def work() -> dict[int, list[Any]]:
        done: dict[int, list[Any]] = {}
        while len(token := os.read(chunks_in, _TOKEN)) == _TOKEN:
            number = int.from_bytes(token, "little")
            done[number] = [do(item) for item in items[number * size : (number + 1) * size]]
            if progress is not None and os.getpid() == parent:  # chunks taken so far, by all
                progress(min(len(items), (number + 1) * size), len(items))
        return done

    parent = os.getpid()
    children = [_fork(work) for _ in range(processes - 1)]
    finished = False
    try:
        done = work()
        for pid, results in children:
            with os.fdopen(results, "rb") as pipe:
                sent = pipe.read()
            os.waitpid(pid, 0)
            with contextlib.suppress(Exception):  # a child that failed sent nothing usable
                done.update(marshal.loads(sent[1:]) if sent[:1] == b"m" else pickle.loads(sent[1:]))
        finished = True
    finally:
        os.close(chunks_in)
        if not finished:  # interrupted: no child outlives this process's work
            for pid, _ in children:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
    for number in range(count):  # what no child sent is done here
        if number not in done:
            done[number] = [do(item) for item in items[number * size : (number + 1) * size]]
    if progress is not None:
        progress(len(items), len(items))
    return [found for number in range(count) for found in done[number]]


def _fork(work: Callable[[], dict[int, list[Any]]]) -> tuple[int, int]:
    """A child running `work`, and the pipe its results come through."""
    results_in, results_out = os.pipe()
    pid = os.fork()
    if pid:
        os.close(results_out)
        return pid, results_in
    code = 1
    try:  # the child never returns into the parent's code: it ends here, whatever happens
        os.close(results_in)
        done = work()
        try:  # marshal when it can: this process reads it in a third of pickle's time
            found = b"m" + marshal.dumps(done)
        except ValueError:  # a value marshal does not know (a date, an object)
            found = b"p" + pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(results_out, "wb") as pipe:
            pipe.write(found)
        code = 0
    finally:
        os._exit(code)
