"""An indicator's chart as plain geometry for a server-rendered SVG: no JavaScript, no CDN.

Years run along x, values along y; the template draws what this module places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    value: float


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    baseline: Point | None = None
    actuals: list[Point] = field(default_factory=list)
    targets: list[Point] = field(default_factory=list)
    final_target: Point | None = None
    projection: tuple[Point, Point] | None = None
    x_ticks: list[tuple[float, int]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def actual_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.actuals)

    @property
    def is_empty(self) -> bool:
        return not (self.baseline or self.actuals or self.targets or self.final_target)


def _nice_step(span: float) -> float:
    raw = span / 5 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _label(number: float) -> str:
    return f"{number:,.0f}" if abs(number) >= 100 or number == int(number) else f"{number:,.2f}"


def indicator_chart(
    *,
    baseline: tuple[int, Decimal] | None,
    actuals: list[tuple[int, Decimal]],
    targets: list[tuple[int, Decimal]],
    final_target: tuple[int, Decimal] | None,
    projection: tuple[tuple[int, float], tuple[int, float]] | None,
) -> Chart:
    """Place the baseline, period targets, approved actuals, the final target and the projection line."""
    points: list[tuple[int, float]] = [(year, float(value)) for year, value in actuals + targets]
    if baseline:
        points.append((baseline[0], float(baseline[1])))
    if final_target:
        points.append((final_target[0], float(final_target[1])))
    if projection:
        points.extend(projection)
    chart = Chart()
    if not points:
        return chart
    years = [year for year, _value in points]
    values = [value for _year, value in points]
    first_year, last_year = min(years), max(years)
    if first_year == last_year:
        first_year, last_year = first_year - 1, last_year + 1
    low, high = min([*values, 0.0]), max(values)
    if low == high:
        high = low + 1
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step

    def place(year: int, value: float) -> Point:
        x = LEFT + (year - first_year) / (last_year - first_year) * (chart.plot_right - LEFT)
        y = chart.plot_bottom - (value - low) / (high - low) * (chart.plot_bottom - TOP)
        return Point(round(x, 1), round(y, 1), year, value)

    chart.baseline = place(baseline[0], float(baseline[1])) if baseline else None
    chart.actuals = [place(year, float(value)) for year, value in actuals]
    chart.targets = [place(year, float(value)) for year, value in targets]
    chart.final_target = place(final_target[0], float(final_target[1])) if final_target else None
    if projection:
        chart.projection = (place(*projection[0]), place(*projection[1]))
    year_step = max(1, math.ceil((last_year - first_year) / 10))
    chart.x_ticks = [(place(year, low).x, year) for year in range(first_year, last_year + 1, year_step)]
    ticks, value = [], low
    while value <= high + step / 2:
        ticks.append((place(first_year, value).y, _label(value)))
        value += step
    chart.y_ticks = ticks
    return chart
