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
