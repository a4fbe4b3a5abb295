"""`store/yamlio.py`, the one YAML interface: bytes to data, refusals with their key and place,
line endings kept through an edit, positions of a field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sobreg.errors import YamlProblem
from sobreg.store import yamlio


def test_bytes_become_data_whichever_reader_reads_them() -> None:
    data, _, plain = yamlio.load_bytes(b"id: N-2026-001\ncreated: 2026-03-01\n", "a.yaml")
    assert data["id"] == "N-2026-001" and str(data["created"]) == "2026-03-01"
    assert plain  # no control character can be in it
    odd, _, _ = yamlio.load_bytes(b"id: !!str 1\n", "b.yaml")  # a tag: the reference reads it
    assert odd == {"id": "1"}


@pytest.mark.parametrize(
    ("raw", "key"),
    [(b"a: 1\na: 2\n", "yaml.duplicate_key"), (b"a: &x 1\nb: *x\n", "yaml.alias"),
     (b"a: \xff\n", "yaml.bad_utf8"), (b"x" * (yamlio.MAX_FILE_BYTES + 1), "yaml.too_large")],
)  # fmt: skip
def test_what_a_registry_file_never_holds_is_refused_with_its_reason(raw: bytes, key: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        yamlio.load_bytes(raw, "c.yaml")
    assert caught.value.key == key


def test_an_edit_keeps_the_files_line_endings_and_last_newline() -> None:
    original = "id: N-2026-001\r\ntitle: Sömn\r\n"
    doc = yamlio.load_roundtrip(original, "d.yaml")
    doc["title"] = "Sömnstöd"
    assert yamlio.like(original, yamlio.dump_roundtrip(doc)) == (
        "id: N-2026-001\r\ntitle: Sömnstöd\r\n")  # fmt: skip


def test_a_fields_position_or_its_nearest_parents() -> None:
    doc = yamlio.load_roundtrip("id: x\ncosts:\n  other_sek: -5\n", "e.yaml")
    assert yamlio.position(doc, ["costs", "other_sek"]) == (3, 14)
    assert yamlio.position(doc, ["costs", "missing"])[0] == 3  # where it would go


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as caught:
        yamlio.read_text(tmp_path / "missing.yaml")
    assert caught.value.key == "yaml.unreadable"
