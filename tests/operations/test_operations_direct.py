"""The use cases called as a library, without the command line: results are data, refusals are
errors carrying data, and a refused call leaves no commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SCREENING, add_nomination, git

from sobreg.errors import RefusedError
from sobreg.operations.advance import move, set_fields
from sobreg.store.registry import Registry
from sobreg.validation.check import check_document

ADMIN = "admin@vgregion.se"


def test_move_returns_the_transition_as_data(repo: Path) -> None:
    add_nomination(repo)
    reg = Registry(repo / "registry")
    outcome = move(reg, "N-2026-001", ADMIN, merged=SCREENING)
    assert (outcome.from_step, outcome.to_step, outcome.status) == ("a", "b", "open")
    assert outcome.commit == git(repo, "rev-parse", "HEAD")
    assert [e["action"] for e in outcome.entries] == ["advance"]


def test_a_refused_move_carries_the_missing_fields_and_commits_nothing(repo: Path) -> None:
    add_nomination(repo)
    head = git(repo, "rev-parse", "HEAD")
    with pytest.raises(RefusedError) as caught:
        move(Registry(repo / "registry"), "N-2026-001", ADMIN)
    assert caught.value.key.startswith("process.")
    assert any(m.field.startswith("screening") for m in caught.value.params["missing"])
    assert git(repo, "rev-parse", "HEAD") == head


def test_set_fields_refuses_an_invalid_value_naming_its_key(repo: Path) -> None:
    add_nomination(repo)
    with pytest.raises(RefusedError) as caught:
        set_fields(Registry(repo / "registry"), "N-2026-001", [("costs.development_sek", -5)],
                   None, ADMIN)  # fmt: skip
    assert caught.value.key == "set.bad_value_for"
    assert caught.value.params["key"] == "costs.development_sek"


def test_check_document_places_problems_without_parsing_again(repo: Path) -> None:
    from sobreg.store import yamlio

    add_nomination(repo)
    reg = Registry(repo / "registry")
    path, _, doc = reg.load_roundtrip("N-2026-001")
    doc["kind"] = "neither"
    issues = check_document(reg, path, doc)
    assert [i.field for i in issues] == ["kind"]
    assert issues[0].line == yamlio.position(doc, ["kind"])[0]


def test_an_advance_converts_the_document_to_data_three_times_at_most(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 32: the whole document was converted eight times in one advance. Now: as read, after
    # the values are set, and after the transition (the seal needs it).
    from sobreg.store import yamlio

    add_nomination(repo)
    calls: list[int] = []
    depth = [0]
    real = yamlio.to_plain

    def counting(doc: object) -> object:  # to_plain recurses: only the outermost calls count
        if depth[0] == 0:
            calls.append(1)
        depth[0] += 1
        try:
            return real(doc)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(yamlio, "to_plain", counting)
    reg = Registry(repo / "registry")
    outcome = move(reg, reg.item("N-2026-001"), ADMIN, merged=SCREENING)
    assert outcome.to_step == "b"
    assert len(calls) <= 3, len(calls)
