"""`store/editing.py`: the edits `set` and `advance` make to a round-trip document, keeping what
people wrote (comments, order) and the history last."""

from __future__ import annotations

import pytest

from sobreg.errors import UsageError
from sobreg.store import editing, yamlio

TEXT = """\
# kept comment
id: N-2026-001
title: Sömn  # a note on the title
costs:
  other_sek: 1
history:
  - {at: 2026-01-01, action: nominate}
"""


def test_a_set_keeps_comments_and_puts_a_new_field_before_the_history() -> None:
    doc = yamlio.load_roundtrip(TEXT, "x")
    editing.set_path(doc, "costs.development_sek", 250000)
    editing.set_path(doc, "need", "Lång väntan")
    written = yamlio.dump_roundtrip(doc)
    assert "# kept comment" in written and "# a note on the title" in written
    assert list(doc) == ["id", "title", "costs", "need", "history"]
    assert doc["costs"] == {"other_sek": 1, "development_sek": 250000}


def test_a_merge_merges_mappings_and_replaces_the_rest() -> None:
    doc = yamlio.load_roundtrip(TEXT, "x")
    editing.merge(doc, {"costs": {"financing": "Egna medel"}, "title": "Sömnstöd"})
    assert doc["costs"] == {"other_sek": 1, "financing": "Egna medel"}
    assert doc["title"] == "Sömnstöd"


def test_what_sobreg_records_itself_and_impossible_paths_are_refused() -> None:
    doc = yamlio.load_roundtrip(TEXT, "x")
    for key in ("history.0.action", "step", "id"):
        with pytest.raises(UsageError):
            editing.set_path(doc, key, "x")
    with pytest.raises(UsageError):
        editing.set_path(doc, "title.part", "x")  # a text is no mapping


def test_an_assignment_reads_its_value_as_yaml_and_an_empty_one_unsets() -> None:
    assert editing.parse_assignment("costs.other_sek=40000") == ("costs.other_sek", 40000)
    assert editing.parse_assignment("target_group.children=false") == (
        "target_group.children", False)  # fmt: skip
    assert editing.parse_assignment("need=") == ("need", None)
    with pytest.raises(UsageError):
        editing.parse_assignment("no equals sign")


def test_an_item_edited_in_two_forms_holds_the_same_data_in_both() -> None:
    """`Edited` converts the document once; each change goes to the document and to its data,
    which stay equal to the document converted anew (what the history chain seals)."""
    import datetime as dt

    edited = editing.Edited(yamlio.load_roundtrip(TEXT + "units:\n  - name: A\n", "x.yaml"))
    changes = [
        lambda: edited.set_path("screening.feasible_in_sob", False),
        lambda: edited.set_path("screening.councils", ["Samordningsråd psykiatri"]),
        lambda: edited.set_path("screening.councils.1", "Samordningsråd barn"),
        lambda: edited.set_path("project.group.0", {"name": "Eva", "role": "innehåll"}),
        lambda: edited.set_path("title", None),
        lambda: edited.merge({"screening": {"rationale": "ryms inte", "councils": []},
                              "decision": {"date": dt.date(2026, 5, 1), 3: "tal"}}),
        lambda: edited.put("name", "Sömnhjälpen"),
        lambda: edited.append("versions", {"version": "1.1", "date": dt.date(2026, 6, 1)}),
        lambda: edited.append("units", {"name": "B", "since": dt.date(2026, 6, 2)}),
        lambda: edited.set_in(["units", 0, "ended"], dt.date(2026, 6, 3)),
        lambda: edited.apply_transition("b", "open", [{"at": dt.date(2026, 6, 4),
                                                       "action": "advance", "note": None}]),
    ]  # fmt: skip
    for change in changes:
        change()
        assert yamlio.to_plain(edited.doc) == edited.data
    assert edited.data["decision"] == {"date": dt.date(2026, 5, 1), "3": "tal"}
    assert edited.data["history"][-1] == {"at": dt.date(2026, 6, 4), "action": "advance"}
    text = yamlio.dump_roundtrip(edited.doc)
    assert "# kept comment" in text and "# a note on the title" in text
    assert yamlio.to_plain(yamlio.load_roundtrip(text, "x.yaml")) == edited.data
