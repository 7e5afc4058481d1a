"""Template filters for numbers, amounts and dates in the reader's language (see core.formatting).

``{% load formatting %}`` then ``{{ value|num }}``, ``{{ value|num:1 }}``, ``{{ value|num:"-4" }}``, ``{{ share|percent }}``,
``{{ amount|money:"USD" }}``, ``{{ day|day }}``, ``{{ day|day_long }}``, ``{{ day|month }}``, ``{{ moment|moment }}``,
``{{ moment|clock }}``, ``{% day_range start end %}``, ``{% moment_range start end %}``,
``{% zone_label event.timezone city=event.city at=event.starts_at %}``. They return text for people; numbers in
SVG, CSS, JavaScript or data attributes stay plain (``{% localize off %}``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from alliance87.core import formatting

register = template.Library()


def _precision(decimals: Any) -> tuple[int | None, int | None]:
    """(exact, at most): ``2`` is exactly two decimals; ``"-4"`` as many as the value has, at most four."""
    if decimals in (None, ""):
        return None, None
    places = int(decimals)
    return (None, -places) if places < 0 else (places, None)


@register.filter
def num(value: Any, decimals: Any = None) -> str:
    """A number: "17.4" / "17,4"; ``num:1`` for exactly one decimal, ``num:"-4"`` for at most four."""
    exact, at_most = _precision(decimals)
    return formatting.format_number(value, decimals=exact, max_decimals=2 if at_most is None else at_most)


@register.filter
def percent(value: Any, decimals: Any = None) -> str:
    """A value in percent: "17.4%" / "17,4 %"."""
    exact, at_most = _precision(decimals)
    return formatting.format_percent(value, decimals=exact, max_decimals=1 if at_most is None else at_most)


@register.filter
def money(value: Any, currency: str = "") -> str:
    """An amount in its currency: "US$1,250,000" / "1 250 000 $US"."""
    return formatting.format_money(value, currency)


@register.filter
def day(value: datetime.date | datetime.datetime | None) -> str:
    return formatting.format_day(value)


@register.filter
def day_long(value: datetime.date | datetime.datetime | None) -> str:
    return formatting.format_day_long(value)


@register.filter
def month(value: datetime.date | datetime.datetime | None) -> str:
    return formatting.format_month(value)


@register.filter
def moment(value: datetime.datetime | None) -> str:
    return formatting.format_moment(value)


@register.filter
def clock(value: datetime.datetime | datetime.time | None) -> str:
    return formatting.format_time(value)


@register.simple_tag
def day_range(start: Any, end: Any) -> str:
    return formatting.format_day_range(start, end)


@register.simple_tag
def moment_range(start: datetime.datetime, end: datetime.datetime | None) -> str:
    return formatting.format_moment_range(start, end)


@register.simple_tag(name="zone_label")
def zone_label_tag(zone: str, city: str = "", at: datetime.datetime | None = None) -> str:
    return formatting.zone_label(zone, city=city, at=at)
