"""The pure engine, and a changed process.yaml changing behaviour with no code change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO_ROOT, add_nomination, cli, git

from sobreg.engine.process import Context, applicable_after, holds, plan_advance
from sobreg.errors import RefusedError
from sobreg.store import yamlio
from sobreg.store.registry import Registry

CTX = Context(actor="a@vgregion.se", today=dt.date(2026, 5, 1))


def process():  # type: ignore[no-untyped-def]
    return Registry(REPO_ROOT / "registry").process


def test_conditions() -> None:
    data = {"council_position": {"to_ppr": True}, "decision": {"outcome": "build"}}
    assert holds(data, {"council_position.to_ppr": True})
    assert holds(data, {"decision.outcome": ["build", "purchase"]})
    assert not holds(data, {"decision.outcome": "reject"})
    assert not holds({}, {"council_position.to_ppr": True})


def test_d_only_when_referred_to_ppr() -> None:
    p = process()
    assert applicable_after(p, {"council_position": {"to_ppr": False}}, "c").id == "e"  # type: ignore[union-attr]
    assert applicable_after(p, {"council_position": {"to_ppr": True}}, "c").id == "d"  # type: ignore[union-attr]


def test_missing_fields_refuse_advance() -> None:
    with pytest.raises(RefusedError) as info:
        plan_advance(
            process(), {"id": "N-2026-001", "step": "a", "status": "open", "title": "X"}, CTX
        )
    assert info.value.key == "process.missing"
    fields = [m.field for m in info.value.params["missing"]]
    assert "kind" in fields and "title" not in fields


def test_children_require_the_child_safety_guideline() -> None:
    base = {"id": "N-2026-001", "step": "a", "status": "open", "target_group": {"children": True}}
    with pytest.raises(RefusedError) as info:
        plan_advance(process(), base, CTX)
    assert "target_group.child_safety_considered" in [m.field for m in info.value.params["missing"]]


def test_custom_process_changes_behaviour(repo: Path) -> None:
    """A region that drops step b and wants a 'region' field at a: only process.yaml changes."""
    path = repo / "registry" / "process.yaml"
    doc = yamlio.load_roundtrip(path.read_text(encoding="utf-8"), "process.yaml")
    doc["steps"] = [s for s in doc["steps"] if s["id"] != "b"]
    doc["steps"][0]["requires"] = ["title", "need"]
    path.write_text(yamlio.dump_roundtrip(doc), encoding="utf-8")
    git(repo, "commit", "-qam", "our process")
    add_nomination(repo)
    ran = cli("advance", "N-2026-001", "--json")
    assert ran.code == 0, ran.stderr
    assert '"to": "c"' in ran.stdout
    ran = cli("check", "N-2026-001", "--json")
    assert '"step": "c"' in ran.stdout and '"next": "e"' in ran.stdout
