"""Every shell block of the README runs as a person types it (issue 34, points 1 and 6): in a
clone of this repository, the README's install line first, for real (`pip install .` into a new
virtual environment), then each later block verbatim, in README order, each in a fresh shell
that starts as the README says (`. .venv/bin/activate`), with this test's sobreg nowhere on the
PATH. The YAML blocks are the example files they show, and valid."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from sobreg.store import yamlio

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^( *)```(sh|yaml)\n(.*?)^ *```", README, re.S | re.M)
# The README's first command: install and run the main job. Its beginning is what a new shell
# types before any later block (the virtual environment it made, activated).
INSTALL = next(line for line in BLOCKS[0][2].splitlines() if line.startswith("python3 -m venv"))
ACTIVATE = INSTALL.split(" && pip install", 1)[0]


def _dedent(indent: str, text: str) -> str:
    return "\n".join(line.removeprefix(indent) for line in text.splitlines()) + "\n"


def _shell(script: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`script` in a fresh `sh`, as a person pastes it: no sobreg on the PATH but the one the
    README's install made, HOME a folder of this test's own."""
    dev_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != dev_bin)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOBREG_", "VIRTUAL_ENV"))}
    env |= {"PATH": path, "HOME": str(home), "TMPDIR": str(home)}
    return subprocess.run(["sh", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A clone of this repository where the README's install line ran; and a HOME."""
    base = tmp_path_factory.mktemp("readme")
    home = base / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Anna Berg\n\temail = admin@vgregion.se\n[init]\n\tdefaultBranch = main\n"
    )
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(base / "sobreg")], check=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("GIT_CONFIG_GLOBAL", raising=False)  # the HOME's own, as a person has
        done = _shell(INSTALL, base / "sobreg", home)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Giltiga filer" in done.stdout  # the main job ran: validate, then list
        yield base / "sobreg", home


def test_the_readme_starts_with_the_two_commands() -> None:
    first = BLOCKS[0][2]
    assert first.count("python3 -m venv") == 2
    assert ". .venv/bin/activate" in INSTALL and "sobreg validate" in INSTALL
    run_tests = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in first and "python -m pytest -q" in run_tests


def test_every_shell_block_runs_verbatim_in_a_fresh_shell(
    clone: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, home = clone
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    shell = [_dedent(indent, text) for indent, kind, text in BLOCKS[1:] if kind == "sh"]
    assert len(shell) >= 8
    for block in shell:
        if block.startswith("set -eu\ninputs="):
            # The walk and the regions' walk: scripts in examples/, shown unchanged (tests in
            # test_walkthrough.py and test_regions_walk.py), run here as the files they are.
            name = "walkthrough" if "examples/walkthrough" in block else "regions"
            script = next((folder / "examples" / name).glob("*.sh"))
            assert script.read_text(encoding="utf-8") == block
            block = f"sh {script.relative_to(folder)}\n"
        done = _shell(f"{ACTIVATE}\nset -e\n{block}", folder, home)
        assert done.returncode == 0, (block, done.stdout[-2000:], done.stderr[-3000:])
    # What the blocks did is there: the walk kept, assessed, followed up, shared and signed.
    program = yamlio.load_safe(
        (home / "sob-prov" / "registry" / "programs" / "somnhjalpen.yaml").read_text("utf-8"), "x"
    )
    assert program["assessments"][0]["recommendation"] == "recommended"
    assert program["follow_up"][0]["year"] == 2026
    assert (home / "sob-prov" / "public" / "index.html").is_file()
    assert (home / "sob-anna" / "registry" / "nominations" / "N-2026-002.yaml").is_file()


def test_the_yaml_blocks_are_the_example_files_and_valid() -> None:
    from sobreg.models import SourcesFile

    shown = {text for indent, kind, text in BLOCKS if kind == "yaml"}
    for example in ("evaluation/bedomning.yaml", "life/uppfoljning-2026.yaml"):
        assert (REPO_ROOT / "examples" / example).read_text(encoding="utf-8") in shown, example
    for text in shown:
        data = yamlio.load_safe(text, "README")
        assert isinstance(data, dict)
        if "sources" in data:
            SourcesFile.model_validate(data)
