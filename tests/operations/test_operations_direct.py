"""The use cases called as a library, without the command line: results are data, refusals are
errors carrying data, and a refused call leaves no commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SCREENING, active_program, add_nomination, git

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
    item = reg.item("N-2026-001")
    path, (_, doc) = item.path, reg.load_roundtrip(item)
    doc["kind"] = "neither"
    issues = check_document(reg, path, doc)
    assert [i.field for i in issues] == ["kind"]
    assert issues[0].line == yamlio.position(doc, ["kind"])[0]


@pytest.mark.parametrize("write", ["advance", "set", "release"])
def test_a_write_converts_the_document_to_data_once(
    repo: Path, monkeypatch: pytest.MonkeyPatch, write: str
) -> None:
    # Issue 32: the whole document was converted eight times in one advance. Now once, as read:
    # every change after that goes to the document and its data together (store.editing.Edited).
    from sobreg.operations.life import release
    from sobreg.store import yamlio

    add_nomination(repo)
    active_program(repo)
    whole: list[int] = []
    real = yamlio.to_plain

    def counting(value: object) -> object:
        if isinstance(value, dict) and "history" in value and "id" in value:
            whole.append(1)  # a whole item (its parts are converted by the recursion, not here)
        return real(value)

    monkeypatch.setattr(yamlio, "to_plain", counting)
    reg = Registry(repo / "registry")
    if write == "advance":
        assert move(reg, reg.item("N-2026-001"), ADMIN, merged=SCREENING).to_step == "b"
    elif write == "set":
        assert set_fields(reg, reg.item("N-2026-001"), [("title", "Ny titel")], None, ADMIN).commit
    else:
        release(reg, reg.item("somnhjalpen"), ADMIN, "1.1", "minor", "Rättade stavfel", None)
    assert len(whole) == 1, len(whole)
