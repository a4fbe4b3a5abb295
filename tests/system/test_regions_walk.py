"""The README's walk through several regions is examples/regions/regions.sh, unchanged, and it
runs: three registries with their own bare remotes, connected through sources.yaml."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT
from test_walkthrough import readme_block, run_script

SCRIPT = REPO_ROOT / "examples" / "regions" / "regions.sh"


def test_the_readme_shows_the_script_verbatim() -> None:
    assert readme_block("## Flera regioner och nationell nivå") == SCRIPT.read_text("utf-8")


def test_the_walk_connects_two_regions_and_the_nation(tmp_path: Path) -> None:
    done = run_script(SCRIPT, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "✓ skane (Region Skåne): hämtad första gången; ärenden: 1" in out
    assert "skane:N-2026-001\tKBT via internet vid sömnbesvär" in out  # search, marked
    assert "Från Region Skåne, hämtad i dag. Skrivskyddat" in out  # show SOURCE:ID
    assert "Liknande öppna nomineringar i andra regioner (1)" in out  # step b
    assert "Evidensgrad: Måttligt vetenskapligt underlag" in out  # the national statement
    assert "Nationell katalog med 1 program" in out  # merged, not duplicated
    site = next(tmp_path.glob("*/nationell-katalog"))
    assert (site / "programs" / "nkg--sova-battre.html").is_file()
