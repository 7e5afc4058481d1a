"""Charts as plain geometry for server-rendered SVG: trend lines, horizontal bars, and a world choropleth.

Coordinates placed in SVG are written unlocalised (the templates wrap them in `{% localize off %}`); the text a
person reads on a chart (axis labels, bar values) is in their language, like the data table beside it. The world map reuses the Natural Earth
outlines the countries app draws (`alliance87.countries.selectors.country_outline`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from alliance87.core.formatting import format_number
from alliance87.countries.selectors import country_outline

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 40
#: Line colours for up to six lines; dark enough on white (WCAG 3:1 for graphics), told apart by dash patterns too.
LINE_STYLES = ("s0", "s1", "s2", "s3", "s4", "s5")


def nice_step(span: float) -> float:
    raw = span / 5 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def tick_label(value: float) -> str:
    """An axis label as the reader writes numbers ("0.5", "0,5"): the text a person reads, not a coordinate."""
    return format_number(value, max_decimals=6)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    value: float


@dataclass
class Line:
    label: str
    style: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def circles(self) -> str:
        """The points as SVG circles, written here rather than by a template loop (profiles draw many charts).

        Plain f-strings: the class is one of LINE_STYLES and the coordinates are floats, nothing to escape, and
        `format_html` per point was a fifth of a 30-series profile's time.
        """
        style = html.escape(self.style)
        return mark_safe(
            "".join(f'<circle class="{style}" cx="{p.x}" cy="{p.y}" r="3.5"/>' for p in self.points)
        )


@dataclass
class TrendChart:
    width: int = WIDTH
    height: int = HEIGHT
    lines: list[Line] = field(default_factory=list)
    x_ticks: list[tuple[float, int]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def is_empty(self) -> bool:
        return not any(line.points for line in self.lines)

    @property
    def axes(self) -> str:
        """The axes, grid lines and tick labels as SVG (plain numbers: nothing in SVG is localised)."""
        left, right, bottom = self.plot_left, self.plot_right, self.plot_bottom
        parts = [
            f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
            f'<line x1="{left}" y1="{self.plot_top}" x2="{left}" y2="{bottom}"/>',
        ]
        parts += [
            f'<line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/><text x="{left - 6}" y="{y}" '
            f'text-anchor="end" dominant-baseline="middle">{html.escape(str(label))}</text>'
            for y, label in self.y_ticks
        ]
        parts += [
            f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">{html.escape(str(year))}</text>'
            for x, year in self.x_ticks
        ]
        return mark_safe("".join(parts))


def trend_chart(lines: list[tuple[str, list[tuple[float, float]]]]) -> TrendChart:
    """Place lines of (year, value) points on shared axes; the value axis starts at zero for counts and rates."""
    chart = TrendChart()
    points = [point for _label, line in lines for point in line]
    if not points:
        return chart
    first, last = min(year for year, _v in points), max(year for year, _v in points)
    if first == last:
        first, last = first - 1, last + 1
    low, high = min(0.0, *(v for _y, v in points)), max(v for _y, v in points)
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step

    def place(year: float, value: float) -> Point:
        x = LEFT + (year - first) / (last - first) * (chart.plot_right - LEFT)
        y = chart.plot_bottom - (value - low) / (high - low) * (chart.plot_bottom - TOP)
        return Point(round(x, 1), round(y, 1), int(year), value)

    for index, (label, line) in enumerate(lines):
        style = LINE_STYLES[index % len(LINE_STYLES)]
        chart.lines.append(Line(label=label, style=style, points=[place(y, v) for y, v in sorted(line)]))
    span = math.ceil(last) - math.floor(first)
    year_step = max(1, math.ceil(span / 8))
    chart.x_ticks = [(place(year, low).x, year) for year in range(math.ceil(first), int(last) + 1, year_step)]
    value = low
    while value <= high + step / 2:
        chart.y_ticks.append((place(first, value).y, tick_label(round(value, 10))))
        value += step
    return chart


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    value: float
    text: str  # the value as drawn in SVG (unlocalised)


@dataclass
class BarChart:
    width: int = WIDTH
    height: int = 0
    label_width: int = 250
    bar_height: int = 18
    bars: list[Bar] = field(default_factory=list)

    @property
    def plot_right(self) -> int:
        return self.width - 60


def bar_chart(rows: list[tuple[str, float]], *, decimals: int = 1) -> BarChart:
    """A horizontal bar per (label, value), longest first as given; bars start at zero."""
    chart = BarChart(height=12 + 28 * len(rows))
    top = max((value for _label, value in rows), default=0) or 1
    span = chart.plot_right - chart.label_width
    for index, (label, value) in enumerate(rows):
        chart.bars.append(
            Bar(
                y=8 + 28 * index,
                width=round(max(value, 0) / top * span, 1),
                label=label,
                value=value,
                text=format_number(value, decimals=decimals),
            )
        )
    return chart


# --- the world map -------------------------------------------------------------------------------------------

CLASSES = 5


@dataclass(frozen=True)
class Bin:
    index: int
    low: float
    high: float


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str
    css_class: str
    value: float | None


@dataclass
class WorldMap:
    shapes: list[MapShape] = field(default_factory=list)
    bins: list[Bin] = field(default_factory=list)
    not_drawn: list[str] = field(default_factory=list)  # areas with a value but no outline at this scale

    @property
    def decimals(self) -> int:
        """Decimals the legend needs: none when every class limit is a whole number."""
        limits = [b.low for b in self.bins] + [b.high for b in self.bins]
        return 0 if all(float(limit).is_integer() for limit in limits) else 2


def bins_for(values: list[float]) -> list[Bin]:
    """Up to five equal classes on round numbers from zero (or the minimum, if negative) to the maximum."""
    if not values:
        return []
    low, high = min(0.0, min(values)), max(values)
    if high == low:
        return [Bin(0, low, high)]
    step = nice_step(high - low)
    start = math.floor(low / step) * step
    count = min(CLASSES, max(1, math.ceil((high - start) / step)))
    if start + count * step < high:
        step = nice_step((high - start) * 1.25)
        count = min(CLASSES, math.ceil((high - start) / step))
    return [Bin(i, round(start + i * step, 10), round(start + (i + 1) * step, 10)) for i in range(count)]


def bin_of(value: float, bins: list[Bin]) -> int:
    for item in bins:
        if value < item.high:
            return item.index
    return bins[-1].index


def world_map(values: list[tuple[str, str, int | None, float]]) -> WorldMap:
    """Colour each country by the class of its value, given as (code, name, M49 numeric code, value)."""
    bins = bins_for([value for *_rest, value in values])
    drawn = WorldMap(bins=bins)
    for code, name, numeric, value in values:
        path = country_outline(numeric)
        if not path:
            drawn.not_drawn.append(name)
            continue
        drawn.shapes.append(
            MapShape(code=code, name=name, path=path, css_class=f"c{bin_of(value, bins)}", value=value)
        )
    return drawn
