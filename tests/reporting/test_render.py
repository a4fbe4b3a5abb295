"""`reporting/render.py`: the one JSON writer (dates as ISO text) and the report's figures read
from their dotted keys (the CSV and the workbook are tested with a whole report)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sobreg.reporting.render import FIGURES, as_json, figures


def test_json_writes_dates_as_iso_and_swedish_as_it_is() -> None:
    text = as_json({"id": "sömn", "at": dt.date(2026, 12, 7)})
    assert json.loads(text) == {"id": "sömn", "at": "2026-12-07"} and "sömn" in text
    with pytest.raises(TypeError):
        as_json({"x": object()})


def test_the_figures_are_read_from_their_dotted_keys_as_whole_numbers() -> None:
    data: dict = {}
    for number, key in enumerate(FIGURES):
        node = data
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = number
    assert figures(data) == [(key, number) for number, key in enumerate(FIGURES)]
