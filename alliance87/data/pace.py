"""Where the world stands against each part of Target 8.7: the observed pace against the pace required.

The verdict comes from the assessment engine plans use too (`alliance87.core.assessment.assess_progress`, the Open SDG
progress measure), called as it is; nothing of it is restated here. From the numbers its Assessment carries (the
base and latest estimates and their years) this module derives the figures people quote:

- the observed pace: the straight-line change a year between the base estimate and the latest one;
- the required pace: the straight-line fall a year from the latest estimate to zero by the deadline — or, once the
  deadline has passed, by 2030, the horizon of the 2030 Agenda;
- how many times faster the fall must be (required ÷ observed), and the year zero would be reached at the observed
  pace.

The base is the first estimate in or after 2015, when the SDGs were adopted (the engine's rule for a base year
without a value). A deadline "by 2025" has passed once 2025 is over.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from alliance87.core.assessment import DECREASE, Assessment, ProgressCategory, assess_progress

from .models import TargetPart, Unit

SDG_BASE_YEAR = 2015
AGENDA_HORIZON = 2030
DEADLINES = {
    TargetPart.CHILD_LABOUR: 2025,
    TargetPart.FORCED_LABOUR: 2030,
    TargetPart.MODERN_SLAVERY: 2030,
    TargetPart.TRAFFICKING: 2030,
}


@dataclass(frozen=True)
class Pace:
    """The state of one part of Target 8.7, with every number the sentences rest on."""

    part: str
    deadline: int
    today: datetime.date
    points: tuple[tuple[int, float], ...]
    unit: str
    assessment: Assessment | None = None
    observed_per_year: float | None = None  # negative: a fall
    required_per_year: float | None = None  # negative: the fall needed
    required_by: int | None = None  # the deadline, or 2030 once the deadline has passed
    times_faster: float | None = None
    zero_year: int | None = None  # when zero is reached at the observed pace

    @property
    def title(self) -> str:
        return str(TargetPart(self.part).label)

    @property
    def deadline_passed(self) -> bool:
        return self.today.year > self.deadline

    @property
    def base(self) -> tuple[int, float] | None:
        a = self.assessment
        if a is None or a.base_year is None or a.base_value is None:
            return None
        return a.base_year, a.base_value

    @property
    def latest(self) -> tuple[int, float] | None:
        a = self.assessment
        if a is None or a.current_year is None or a.current_value is None:
            return None
        return a.current_year, a.current_value

    @property
    def headline(self) -> str:
        """The sentence people quote, with its years; empty when there is nothing to say beyond the method."""
        return _headline(self)

    @property
    def method(self) -> str:
        return _method(self)


def assess_part(
    part: str, points: list[tuple[int, float]], *, unit: str, today: datetime.date | None = None
) -> Pace:
    """Assess one part of Target 8.7 from the world series' (year, value) points; target zero by its deadline."""
    today = today or datetime.date.today()
    deadline = DEADLINES[TargetPart(part)]
    clean = tuple(sorted((int(year), float(value)) for year, value in points))
    if not clean:
        return Pace(part=part, deadline=deadline, today=today, points=clean, unit=unit)
    assessment = assess_progress(
        clean, direction=DECREASE, target_value=0, target_year=deadline, base_year=SDG_BASE_YEAR
    )
    pace = Pace(part=part, deadline=deadline, today=today, points=clean, unit=unit, assessment=assessment)
    if pace.base is None or pace.latest is None or pace.base[0] == pace.latest[0]:
        return pace
    (base_year, base_value), (latest_year, latest_value) = pace.base, pace.latest
    observed = (latest_value - base_value) / (latest_year - base_year)
    required_by = deadline if not pace.deadline_passed else AGENDA_HORIZON
    required = None
    if required_by > latest_year and latest_value > 0:
        required = -latest_value / (required_by - latest_year)
    times = required / observed if required is not None and observed < 0 else None
    zero_year = (
        latest_year + math.ceil(latest_value / -observed) if observed < 0 and latest_value > 0 else None
    )
    return Pace(
        part=part,
        deadline=deadline,
        today=today,
        points=clean,
        unit=unit,
        assessment=assessment,
        observed_per_year=observed,
        required_per_year=required,
        required_by=required_by,
        times_faster=times,
        zero_year=zero_year,
    )


def quantity(value: float, unit: str, *, decimals: int = 1) -> str:
    """A figure in words for a person, in their language's number format (never used inside SVG)."""
    number = number_format(
        round(abs(value), decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    if unit == Unit.MILLIONS:
        return _("%(number)s million") % {"number": number}
    if unit == Unit.PERCENT:
        return _("%(number)s percentage points") % {"number": number}
    if unit == Unit.PER_THOUSAND:
        return _("%(number)s per 1,000 people") % {"number": number}
    if unit == Unit.PER_100K:
        return _("%(number)s per 100,000 people") % {"number": number}
    return number


def times(value: float) -> str:
    decimals = 1 if value < 10 else 0
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True)


def _headline(p: Pace) -> str:
    if p.assessment is None:
        return _("No world estimate is recorded, so the pace cannot be measured.")
    latest = p.latest
    if latest is None:
        return ""
    latest_year, latest_value = latest
    if latest_value <= 0:
        return _("The latest estimate, for %(year)s, is zero: the target is reached.") % {"year": latest_year}
    parts = []
    if p.deadline_passed:
        parts.append(
            _(
                "The target year %(deadline)s has passed and the target was not reached: %(value)s in %(year)s, "
                "the latest estimate."
            )
            % {"deadline": p.deadline, "value": quantity(latest_value, p.unit), "year": latest_year}
        )
    if p.base is None or p.observed_per_year is None:
        parts.append(
            _("Only one estimate since %(base)s (%(year)s), so no pace can be measured yet.")
            % {"base": SDG_BASE_YEAR, "year": latest_year}
        )
        return " ".join(parts)
    base_year = p.base[0]
    figures = {
        "base_year": base_year,
        "year": latest_year,
        "observed": quantity(p.observed_per_year, p.unit),
        "required": quantity(p.required_per_year or 0, p.unit),
        "by": p.required_by,
    }
    if p.observed_per_year >= 0:
        parts.append(
            _(
                "It is moving away from the target: from %(base_year)s to %(year)s it rose by %(observed)s a year, "
                "while reaching zero by %(by)s needs a fall of %(required)s a year from %(year)s."
            )
            % figures
        )
    elif p.times_faster is not None:
        parts.append(
            _(
                "The decline must be %(times)s times faster: from %(base_year)s to %(year)s it fell by "
                "%(observed)s a year; reaching zero by %(by)s needs a fall of %(required)s a year from %(year)s."
            )
            % {**figures, "times": times(p.times_faster)}
        )
        if p.zero_year:
            parts.append(
                _("At the pace of %(base_year)s–%(year)s it would end around %(zero)s.")
                % {**figures, "zero": p.zero_year}
            )
    return " ".join(parts)


def _method(p: Pace) -> str:
    if p.assessment is None:
        return ""
    a = p.assessment
    text = _(
        "Method: straight-line pace between the first estimate from %(base)s (the year the SDGs were adopted) and "
        "the latest, against the straight-line fall to zero by the deadline (by 2030 once the deadline has "
        "passed). Verdict by the Open SDG progress measure (compound annual rates from the same base; a target of "
        "zero counts as %(zero)s, since growth rates are undefined at zero): %(category)s."
    ) % {
        "base": SDG_BASE_YEAR,
        "zero": number_format(a.zero_substitute, use_l10n=True),
        "category": a.category.label,
    }
    if a.category != ProgressCategory.INSUFFICIENT_DATA:
        text += " " + a.explanation
    return text
