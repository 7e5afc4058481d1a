"""When a body's chair is next expected to rotate, where its rules give a term length (never guessed otherwise)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from alliance87.core.provenance import Cited

from .models import Body, ChairRotationRule, Role, RoleTerm


@dataclass(frozen=True)
class Rotation:
    """The current chair's term and when the next chair is expected, with the rule's source."""

    holder: str
    started: datetime.date
    expected: datetime.date
    term_months: int
    provenance: Cited  # where the rules give the term length, or flagged illustrative
    is_past: bool  # the expected day has gone by and no new chair is recorded


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter: 31 January + 1 month = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_rotation(
    body: Body, terms: Iterable[RoleTerm], today: datetime.date | None = None
) -> Rotation | None:
    """The next expected rotation of the chair: the current chair's term end when recorded, else its start plus
    the term length the body's rules give. None when the rules give no term length or no current chair has a
    start date (the page then says nothing rather than invent a date)."""
    today = today or timezone.localdate()
    rule: ChairRotationRule | None = getattr(body, "chair_rotation", None)
    if rule is None or not rule.term_months:
        return None
    chairs = [
        term
        for term in terms
        if term.role == Role.CHAIR
        and term.start_date is not None
        and term.start_date <= today
        and (term.end_date is None or term.end_date >= today)
    ]
    if not chairs:
        return None
    current = max(chairs, key=lambda term: term.start_date or datetime.date.min)
    started = current.start_date or today
    expected = current.end_date or add_months(started, rule.term_months)
    return Rotation(
        holder=current.holder_name,
        started=started,
        expected=expected,
        term_months=rule.term_months,
        provenance=rule.provenance,
        is_past=expected < today,
    )
