"""Charts as plain geometry for a server-rendered SVG: no JavaScript, no CDN.

An indicator's chart runs years along x and values along y; a plan's verdict chart and budget chart are bars.
The templates draw what this module places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from alliance87.core.formatting import format_number

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
    """A tick's label for people, in the active language (the chart is drawn for one request)."""
    return format_number(number, decimals=0 if abs(number) >= 100 or number == int(number) else 2)


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


# --- plan charts: indicators per progress category, and budget execution -------------------------------------

BAR_WIDTH = 640
BAR_LABEL_WIDTH = 250
BAR_ROW, BAR_THICKNESS = 30, 18


@dataclass(frozen=True)
class Bar:
    """One rectangle: where it sits, what it shows (`key` names its CSS class) and the figure it stands for."""

    x: float
    y: float
    width: float
    height: float
    key: str
    label: str
    value: float

    @property
    def end(self) -> float:
        return round(self.x + self.width, 1)

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2, 1)

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class VerdictChart:
    """A horizontal bar per progress category: its label on the left, the number of indicators after the bar."""

    width: int = BAR_WIDTH
    height: int = 0
    bars: list[Bar] = field(default_factory=list)
    plot_left: int = BAR_LABEL_WIDTH
    plot_right: int = BAR_WIDTH - 40
    total: int = 0

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def span(self) -> int:
        """The width the longest bar takes (its share of it makes the bar of the phone layout)."""
        return self.plot_right - self.plot_left


def verdict_chart(counts: list[tuple[str, str, int]]) -> VerdictChart:
    """Bars proportional to the count of indicators in each category, given as (key, label, count) in order."""
    chart = VerdictChart(height=TOP + BAR_ROW * len(counts) + 8)
    chart.total = sum(count for _key, _label, count in counts)
    longest = max((count for _key, _label, count in counts), default=0) or 1
    span = chart.plot_right - chart.plot_left
    for row, (key, label, count) in enumerate(counts):
        chart.bars.append(
            Bar(
                x=chart.plot_left,
                y=TOP + row * BAR_ROW + (BAR_ROW - BAR_THICKNESS) / 2,
                width=round(count / longest * span, 1),
                height=BAR_THICKNESS,
                key=key,
                label=label,
                value=count,
            )
        )
    return chart


@dataclass
class BarGroup:
    """The bars of one year (or of the totals), side by side, with the group's label under them."""

    label: str
    centre: float
    bars: list[Bar]


@dataclass
class GroupedBarChart:
    """Planned, committed and spent amounts per year and in total; amounts run up the y axis from zero."""

    width: int = WIDTH
    height: int = HEIGHT
    groups: list[BarGroup] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT + 16
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def is_empty(self) -> bool:
        return not self.groups


BUDGET_SERIES = ("planned", "committed", "spent")


def budget_chart(groups: list[tuple[str, Decimal, Decimal, Decimal]]) -> GroupedBarChart:
    """Three bars (planned, committed, spent) per group, given as (label, planned, committed, spent)."""
    chart = GroupedBarChart()
    if not groups:
        return chart
    high = max((float(amount) for _label, *amounts in groups for amount in amounts), default=0.0)
    step = _nice_step(high or 1)
    top = math.ceil((high or 1) / step) * step
    height = chart.plot_bottom - chart.plot_top
    slot = (chart.plot_right - chart.plot_left) / len(groups)
    bar_width = min(slot * 0.8 / len(BUDGET_SERIES), 40)
    for index, (label, *amounts) in enumerate(groups):
        centre = chart.plot_left + slot * (index + 0.5)
        first_x = centre - bar_width * len(BUDGET_SERIES) / 2
        bars = []
        for position, (key, amount) in enumerate(zip(BUDGET_SERIES, amounts, strict=True)):
            bar_height = max(float(amount), 0.0) / top * height
            bars.append(
                Bar(
                    x=round(first_x + position * bar_width, 1),
                    y=round(chart.plot_bottom - bar_height, 1),
                    width=round(bar_width, 1),
                    height=round(bar_height, 1),
                    key=key,
                    label=label,
                    value=float(amount),
                )
            )
        chart.groups.append(BarGroup(label=label, centre=round(centre, 1), bars=bars))
    value = 0.0
    while value <= top + step / 2:
        chart.y_ticks.append((round(chart.plot_bottom - value / top * height, 1), _label(value)))
        value += step
    return chart
