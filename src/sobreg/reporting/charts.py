"""Bar charts as rows of name, bar and value: the template draws each bar as a small inline SVG
beside its name and value written as text, so the text keeps the page's size at any width
(a whole chart drawn in one SVG shrinks its labels with it, to ~6 px at 320 px). Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: float  # of the largest value, 0–100: the bar's length


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    top: int  # the largest value


def bars(series: dict[str, int]) -> Chart:
    """A bar for each of `series`, in its order, its length a share of the largest value."""
    top = max([*series.values(), 0])
    return Chart([Bar(label, value, 100.0 * value / top if top else 0.0)
                  for label, value in series.items()], top)  # fmt: skip
