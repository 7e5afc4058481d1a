"""Where the straight-line trend of a (year, value) series is in the target year, against the target."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from alliance87.core.formatting import format_number

from .verdict import DECREASE, INCREASE, Number, _clean_series, _fmt, _reaches, _round, _signed


@dataclass(frozen=True)
class Projection:
    """Where the least-squares line through the observed values is in the target year."""

    target_year: int
    direction: str
    points_used: int
    explanation: str
    slope: float | None = None  # change per year
    intercept: float | None = None
    projected_value: float | None = None
    target_value: float | None = None
    reaches_target: bool | None = None  # None without a target or without a projection


def project_to_target_year(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
    *,
    target_year: int,
    target_value: Number | None = None,
    direction: str = INCREASE,
) -> Projection:
    """Extend the ordinary least-squares line through (year, value) to the target year and compare with the target.

    Needs at least two values in different years; the line is not clipped at zero, so a falling count can be
    projected below zero, which is a sign that the straight line has stopped being a fair model.
    """
    if direction not in (INCREASE, DECREASE):
        raise ValueError(f"Unknown direction {direction!r}.")
    series = _clean_series(observations)
    target = None if target_value is None else float(target_value)
    common: dict[str, Any] = {
        "target_year": target_year,
        "direction": str(direction),
        "points_used": len(series),
        "target_value": target,
    }
    if len(series) < 2:
        return Projection(explanation=_("A projection needs values for at least two years."), **common)
    mean_year = sum(series) / len(series)
    mean_value = sum(series.values()) / len(series)
    spread = sum((year - mean_year) ** 2 for year in series)
    slope = sum((year - mean_year) * (value - mean_value) for year, value in series.items()) / spread
    intercept = mean_value - slope * mean_year
    projected = intercept + slope * target_year
    reaches = None if target is None else _reaches(projected, target, direction)
    explanation = _(
        "On the straight-line trend of %(slope)s a year, the value would be %(projected)s in %(year)s."
    ) % {
        "slope": _signed(format_number(slope)),
        "projected": format_number(projected),
        "year": target_year,
    }
    if reaches is not None:
        explanation += " " + (
            _("That reaches the target of %(target)s.")
            if reaches
            else _("That falls short of the target of %(target)s.")
        ) % {"target": _fmt(target)}
    return Projection(
        explanation=explanation,
        slope=_round(slope),
        intercept=_round(intercept),
        projected_value=_round(projected),
        reaches_target=reaches,
        **common,
    )
