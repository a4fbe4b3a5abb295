"""`reporting/charts.py`: bars as shares of the largest value, in the series' order."""

from __future__ import annotations

from sobreg.reporting.charts import Bar, bars


def test_each_bar_is_its_share_of_the_largest_in_the_series_order() -> None:
    chart = bars({"Sömnhjälpen": 4, "Oro": 1, "Ångest": 2})
    assert chart.top == 4
    assert chart.bars == [Bar("Sömnhjälpen", 4, 100.0), Bar("Oro", 1, 25.0),
                          Bar("Ångest", 2, 50.0)]  # fmt: skip


def test_an_empty_or_all_zero_series_draws_no_length() -> None:
    assert bars({}).bars == [] and bars({}).top == 0
    assert [b.share for b in bars({"a": 0, "b": 0}).bars] == [0.0, 0.0]
