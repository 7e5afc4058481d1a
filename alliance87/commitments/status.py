"""Where a deliverable stands "as of" a date: which yearly reports are due, which are missing, and its light.

Pure rules over a deliverable, its commitment's date and its reports (no queries): the register, the pages, the
API, the reminders and the completeness dashboard all call them, so they all say the same thing.

- The report on year Y is due on `COMMITMENT_REPORTS_DUE` (month-day) of year Y+1.
- A report is due for every year from the year the commitment was made until a report says the deliverable
  was delivered or dropped.
- The light: *no report* when a report that is due is missing; otherwise *delivered* or *dropped* when the
  latest report says so; *late* when the due date has passed without delivery; *on time* otherwise.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.formatting import format_day

from .models import CLOSING_STATUSES, DeliveryStatus


class Light(models.TextChoices):
    ON_TIME = "on_time", gettext_lazy("On time")
    LATE = "late", gettext_lazy("Late")
    NO_REPORT = "no_report", gettext_lazy("No report")
    DELIVERED = "delivered", gettext_lazy("Delivered")
    DROPPED = "dropped", gettext_lazy("Dropped")


def report_due_date(year: int) -> datetime.date:
    """When the report on a year is due (in the following year)."""
    month, day = (int(part) for part in str(settings.COMMITMENT_REPORTS_DUE).split("-"))
    return datetime.date(year + 1, month, day)


@dataclass(frozen=True)
class ReportFacts:
    """What the rules need of a report."""

    year: int
    status: str


@dataclass(frozen=True)
class Standing:
    """A deliverable's light and the sentence that says it, as of a date."""

    light: Light
    as_of: datetime.date
    missing_years: tuple[int, ...]
    latest: ReportFacts | None
    sentence: str

    @property
    def reported(self) -> bool:
        """Every report due so far is in, and there is at least one."""
        return not self.missing_years and self.latest is not None


def years_due(*, made_on: datetime.date, reports: Sequence[ReportFacts], as_of: datetime.date) -> list[int]:
    """The years whose report is due by `as_of`: from the commitment's year until one closes the deliverable."""
    closed = min((r.year for r in reports if r.status in CLOSING_STATUSES), default=None)
    years = []
    year = made_on.year
    while report_due_date(year) <= as_of and (closed is None or year <= closed):
        years.append(year)
        year += 1
    return years


def next_report_due(
    *, made_on: datetime.date, reports: Sequence[ReportFacts], after: datetime.date
) -> tuple[int, datetime.date] | None:
    """The first year (and its due date) still without a report whose due date is after `after` — or None
    when the deliverable is closed."""
    if any(r.status in CLOSING_STATUSES for r in reports):
        return None
    reported = {r.year for r in reports}
    year = made_on.year
    while year in reported or report_due_date(year) <= after:
        year += 1
    return year, report_due_date(year)


def standing(
    *,
    due_date: datetime.date,
    made_on: datetime.date,
    reports: Iterable[ReportFacts],
    as_of: datetime.date,
) -> Standing:
    """The light of a deliverable as of a date, with a sentence saying why (never colour alone)."""
    reports = sorted(reports, key=lambda r: r.year)
    reported_years = {r.year for r in reports}
    missing = tuple(
        y for y in years_due(made_on=made_on, reports=reports, as_of=as_of) if y not in reported_years
    )
    latest = reports[-1] if reports else None
    due = format_day(due_date)
    if missing:
        light = Light.NO_REPORT
        sentence = _("No report for %(year)s: it was due on %(date)s.") % {
            "year": missing[0],
            "date": format_day(report_due_date(missing[0])),
        }
    elif latest is not None and latest.status == DeliveryStatus.DELIVERED:
        light = Light.DELIVERED
        if latest.year > due_date.year:
            sentence = _("Delivered in %(year)s, after its due date (%(date)s).") % {
                "year": latest.year,
                "date": due,
            }
        else:
            sentence = _("Delivered in %(year)s, due on %(date)s.") % {"year": latest.year, "date": due}
    elif latest is not None and latest.status == DeliveryStatus.DROPPED:
        light = Light.DROPPED
        sentence = _("Dropped in %(year)s.") % {"year": latest.year}
    elif due_date < as_of:
        light = Light.LATE
        sentence = _("Due on %(date)s and not reported delivered.") % {"date": due}
    else:
        light = Light.ON_TIME
        upcoming = next_report_due(made_on=made_on, reports=reports, after=as_of - datetime.timedelta(days=1))
        if upcoming is None:
            sentence = _("Due on %(date)s.") % {"date": due}
        else:
            sentence = _("Due on %(date)s; the report for %(year)s is due on %(report_date)s.") % {
                "date": due,
                "year": upcoming[0],
                "report_date": format_day(upcoming[1]),
            }
    return Standing(light=light, as_of=as_of, missing_years=missing, latest=latest, sentence=sentence)
