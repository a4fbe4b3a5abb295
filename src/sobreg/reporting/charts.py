"""Bar charts as geometry for inline SVG: the template draws, this module measures (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]
    ticks: list[tuple[int, float]]  # (value, y) of the horizontal grid lines


def _step(top: int) -> int:
    """A round grid step giving at most five lines up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 5:
            return step
    return max(1, top // 5)


def bars(series: dict[str, int], width: int = 640, height: int = 260) -> Chart:
    """Vertical bars for `series`, in its order, scaled to the largest value."""
    left, right, top_pad, bottom = 44.0, 8.0, 16.0, 40.0
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([*series.values(), 1])
    grid = _step(top)
    ceiling = -(-top // grid) * grid
    baseline = top_pad + plot_h
    slot = plot_w / max(len(series), 1)
    found = []
    for i, (label, value) in enumerate(series.items()):
        h = plot_h * value / ceiling
        found.append(Bar(label, value, left + i * slot + slot * 0.15, baseline - h, slot * 0.7, h))
    ticks = [(v, baseline - plot_h * v / ceiling) for v in range(0, ceiling + 1, grid)]
    return Chart(width, height, baseline, found, ticks)
