"""`reporting/indexrows.py`: the index's rows kept by their page's key: made once, in Swedish
name order, any field read back from the kept row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sobreg.reporting.indexrows import index_rows
from sobreg.store.registry import Registry


def _fields(name: str) -> dict[str, Any]:
    return {"name": name, "kind": "stod", "kind_label": "stöd", "status": "active",
            "status_label": "aktiv", "assessed": "2026-05-31"}  # fmt: skip


def test_rows_are_made_once_per_key_and_sorted_as_swedish_names(repo: Path) -> None:
    reg = Registry(repo / "registry")
    names = ["Ångest", "Oro", "Ätstörningar", "Alkohol"]
    made: list[int] = []

    def fields_of(index: int) -> dict[str, Any]:
        made.append(index)
        return _fields(names[index])

    def macro(row: Any) -> str:
        return f"<tr><td>{row.name}</td></tr>"

    def data_of(fields: dict[str, Any]) -> tuple[str, str]:
        return f'{{"name": "{fields["name"]}"}}', f"{fields['name']}\n"

    keys = ["k1", "k2", "k3", "k4"]
    first = index_rows(reg, macro, keys, fields_of, data_of)
    assert [row.name for row in first] == ["Alkohol", "Oro", "Ångest", "Ätstörningar"]
    assert made == [0, 1, 2, 3]
    again = index_rows(reg, macro, keys, fields_of, data_of)
    assert made == [0, 1, 2, 3]  # nothing made again: every key was kept
    assert [row.html for row in again] == [row.html for row in first]
    assert again[0].assessed == "2026-05-31" and again[0].json == '{"name": "Alkohol"}'
    index_rows(reg, macro, ["k1", "k2", "k3", "k5"], fields_of, data_of)
    assert made == [0, 1, 2, 3, 3]  # a new key: that row made
