"""Several registries on one machine: this region's (the current folder), another region's and
the national competence group's, the last two as bare repositories as on a GitLab server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ADMIN, active_program, add_nomination, assessment, cli, git, input_file

from sobreg.operations.init import init


@dataclass
class World:
    vgr: Path  # the registry under test (the current folder)
    skane: Path  # another region's working repository
    nkg: Path  # the national competence group's
    remotes: Path  # bare repositories, as on a GitLab

    def push(self, repo: Path) -> None:
        git(repo, "push", "-q", str(self.remotes / f"{repo.name}.git"), "HEAD:main")


def _registry(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path.mkdir()
    init(path, ADMIN)
    monkeypatch.chdir(path)
    return path


def sources_yaml(vgr: Path, remotes: Path, extra: str = "") -> None:
    (vgr / "registry" / "sources.yaml").write_text(
        "local: {name: vgr, label: Västra Götalandsregionen}\n"
        "sources:\n"
        f"  - {{name: skane, label: Region Skåne, kind: region, url: {remotes / 'skane.git'}}}\n"
        f"  - name: nkg\n    label: Nationella kompetensgruppen\n    kind: national\n"
        f"    url: file://{remotes / 'nkg.git'}\n    branch: main\n" + extra,
        encoding="utf-8",
    )


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    monkeypatch.setenv("SOBREG_ACTOR", ADMIN)
    remotes = tmp_path / "remotes"
    remotes.mkdir()
    nkg = _registry(tmp_path / "nkg", monkeypatch)
    active_program(nkg, "somnhjalpen", name="Sömnhjälpen")
    ran = cli("assess", "somnhjalpen", "--from-file", str(input_file(tmp_path, assessment())))
    assert ran.code == 0, ran.stderr
    skane = _registry(tmp_path / "skane", monkeypatch)
    add_nomination(skane, "N-2026-001", title="Internetbaserad KBT vid sömnbesvär, unga vuxna")
    add_nomination(skane, "N-2026-002", title="Digitalt stöd vid spelberoende",
                   need="Spelberoende ökar", target_group={"description": "Vuxna"})  # fmt: skip
    active_program(skane, "somn-kbt", name="Sömn-KBT Skåne",
                   national={"source": "nkg", "id": "somnhjalpen"})  # fmt: skip
    vgr = _registry(tmp_path / "vgr", monkeypatch)
    for repo in (nkg, skane):
        git(repo, "clone", "-q", "--bare", str(repo), str(remotes / f"{repo.name}.git"))
    sources_yaml(vgr, remotes)
    git(vgr, "add", "registry/sources.yaml")
    git(vgr, "commit", "-q", "-m", "Källor: Region Skåne och nationella kompetensgruppen")
    return World(vgr, skane, nkg, remotes)
