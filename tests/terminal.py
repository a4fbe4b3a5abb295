"""The interactive form in a real pseudo-terminal, as a person answers it (tests of `nominate`
and of the similar nominations other regions hold)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pexpect


def spawn_form(repo: Path, *args: str, today: str | None = "2026-03-01") -> pexpect.spawn:
    """`sobreg nominate` in a real pseudo-terminal (`today`: SOBREG_TODAY, None to inherit)."""
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
    if today is not None:
        env["SOBREG_TODAY"] = today
    child = pexpect.spawn(
        sys.executable,
        ["-m", "sobreg", "nominate", *args],
        cwd=str(repo),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
        # A terminal's Ctrl-C interrupts, as a person's does: a test run started in the
        # background of a shell inherits SIGINT ignored, and Python keeps it ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    return child


def reply(child: pexpect.spawn, question: str, answer: str) -> None:
    """Wait for a question and its prompt, then type the answer."""
    child.expect_exact(question)
    child.expect_exact("› ")
    child.sendline(answer)


def interrupt(child: pexpect.spawn) -> None:
    """Ctrl-C at a prompt, as a person presses it."""
    child.sendcontrol("c")
    child.expect_exact("Avbrutet")
