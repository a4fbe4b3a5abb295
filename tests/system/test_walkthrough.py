"""The README's walk from a to j is examples/walkthrough/walkthrough.sh, unchanged, and it runs:
every command a person copies from it works on a new registry."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "examples" / "walkthrough" / "walkthrough.sh"


def readme_block(heading: str) -> str:
    """The first shell block of the README's section under `heading`."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme[readme.index(heading) :], re.S)
    assert block
    return block.group(1)


def run_script(script: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A README script run with `sh`, as a person pastes it, with this sobreg on the PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "TMPDIR": str(tmp_path)}  # fmt: skip
    return subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip


def test_the_readme_shows_the_script_verbatim() -> None:
    assert readme_block("## One nomination from a to j") == SCRIPT.read_text(encoding="utf-8")


def test_the_walk_runs_from_a_to_j(tmp_path: Path) -> None:
    done = run_script(SCRIPT, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"id": "N-2026-001"' in done.stdout
    assert "Internetbaserad KBT vid sömnbesvär" in done.stdout  # search sömn finds it
    assert "[gick vidare: i → j]" in done.stdout and "är giltig" in done.stdout
