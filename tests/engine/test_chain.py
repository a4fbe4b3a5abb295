"""The history chain: sealed by every write, broken by any edit of a past entry, checked by
`validate` without git (a copy of the file is enough)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from conftest import SCREENING, add_nomination, cli, write_doc

from sobreg.engine import chain
from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
ITEM = "registry/nominations/N-2026-001.yaml"


def _sealed(repo: Path) -> Path:
    add_nomination(repo)
    ran = cli("advance", "N-2026-001", "--from-file", write_doc(repo, SCREENING), "--as", ADMIN)
    assert ran.code == 0, ran.stderr
    assert cli("set", "N-2026-001", "patient_involvement=Ny text", "--as", ADMIN).code == 0
    return repo / ITEM


def _edit(path: Path, change: Any) -> None:
    doc = yamlio.load_roundtrip(path.read_text(encoding="utf-8"), str(path))
    change(doc)
    path.write_text(yamlio.dump_roundtrip(doc), encoding="utf-8")


def _validate(path: Path) -> tuple[int, dict[str, Any]]:
    ran = cli("validate", str(path), "--format", "json")
    return ran.code, json.loads(ran.stdout)


def test_every_write_seals_its_entry(repo: Path) -> None:
    path = _sealed(repo)
    data = yamlio.load_safe(path.read_text(encoding="utf-8"), ITEM)
    history = data["history"]
    assert [h["action"] for h in history] == ["nominate", "advance", "set"]
    assert "digest" not in history[0]  # written before the chain: linked by a hash of it
    assert all(len(h["digest"]) == 64 and len(h["state"]) == 64 for h in history[1:])
    assert history[-1]["state"] == chain.state_of(data)
    assert chain.problems(data) == ([], [])
    assert _validate(path) == (0, {"valid": [ITEM], "errors": [], "warnings": []})


def test_a_past_entry_edited_breaks_the_chain_even_without_git(repo: Path, tmp_path: Path) -> None:
    path = _sealed(repo)
    _edit(path, lambda doc: doc["history"][1].__setitem__("at", "2026-01-02"))
    copy = tmp_path / "copy"
    shutil.copytree(repo / "registry", copy / "registry")  # no .git beside it
    code, out = _validate(copy / "registry" / "nominations" / "N-2026-001.yaml")
    assert code == 1
    assert [(e["field"], e["line"] > 1) for e in out["errors"]] == [("history.1", True)]
    assert "ändrats i efterhand" in out["errors"][0]["message"]


def test_an_entry_inserted_in_the_middle_breaks_the_chain(repo: Path) -> None:
    path = _sealed(repo)
    _edit(path, lambda doc: doc["history"].insert(2, {**doc["history"][1], "note": "infogad"}))
    code, out = _validate(path)
    assert code == 1 and {e["field"] for e in out["errors"]} >= {"history.2"}


def test_a_past_decision_changed_by_hand_is_named(repo: Path) -> None:
    path = _sealed(repo)
    _edit(path, lambda doc: doc["screening"].__setitem__("feasible_in_sob", False))
    code, out = _validate(path)
    assert code == 0  # a warning: git (verify) refuses it, the file alone cannot tell who
    assert [w["field"] for w in out["warnings"]] == ["history"]
    assert "sobreg set" in out["warnings"][0]["message"]


def test_an_unchained_item_is_reported_not_invalid(repo: Path) -> None:
    path = add_nomination(repo)
    ran = cli("validate", str(path))
    assert ran.code == 0 and "ingen förseglad historik" in ran.stdout


def test_canonical_json_is_one_text_per_value() -> None:
    import datetime as dt

    assert chain.canonical({"b": 1, "a": [dt.date(2026, 1, 2), "å"]}) == (
        '{"a":["2026-01-02","å"],"b":1}'.encode()
    )
