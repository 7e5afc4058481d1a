"""How complete the reporting is: per plan, the values expected in a reporting year, and how many of them are
reported, awaiting review, approved or late, as of a date.

A value is expected for every reporting period of an adopted or implemented plan that ended in the year by the
date. It is late once its due date (`ReportingPeriod.due_date`) has passed before the date without a submitted
or approved value (none, a draft, or returned for revision), as the reminders count it. One query for every plan
(no query per plan); who may see which plans is the caller's filter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.permissions import chaired_body_ids

from .models import Plan, PlanStatus, ReportingPeriod, ValueStatus

#: Plans whose values are expected: adopted or in implementation (drafts and closed plans are not asked for any).
REPORTING_PLANS = (PlanStatus.ADOPTED, PlanStatus.IN_IMPLEMENTATION)


@dataclass
class Completeness:
    """The counts of one plan, or the sum of several (a body's, a country's, everything)."""

    expected: int = 0
    reported: int = 0
    submitted: int = 0
    approved: int = 0
    late: int = 0

    def add(self, other: Completeness) -> None:
        self.expected += other.expected
        self.reported += other.reported
        self.submitted += other.submitted
        self.approved += other.approved
        self.late += other.late

    @property
    def approved_share(self) -> float | None:
        """The share of expected values approved, from 0 to 1; None when nothing is expected."""
        return self.approved / self.expected if self.expected else None


def completeness_plans(person: Person) -> QuerySet[Plan]:
    """The plans whose reporting this person follows: every reporting plan for the Secretariat, those of the
    bodies they chair for a chair, none for anyone else."""
    plans = Plan.objects.filter(status__in=REPORTING_PLANS).select_related("owner_body", "owner_country")
    if is_secretariat(person):
        return plans
    chaired = chaired_body_ids(person)
    return plans.filter(owner_body_id__in=chaired) if chaired else plans.none()


def may_follow_completeness(person: Person) -> bool:
    """The completeness dashboard is for the Secretariat and the chairs of bodies."""
    return is_secretariat(person) or bool(chaired_body_ids(person))


def completeness_by_plan(
    plans: QuerySet[Plan], *, year: int | None, as_of: datetime.date
) -> dict[int, Completeness]:
    """Per plan id, the counts for the periods that ended in `year` (any year when None) by `as_of` (one query)."""
    due_before = as_of - datetime.timedelta(days=int(settings.REPORTING_DUE_DAYS))
    not_in = Q(actual__isnull=True) | Q(actual__status__in=[ValueStatus.DRAFT, ValueStatus.RETURNED])
    periods = ReportingPeriod.objects.filter(indicator__node__plan__in=plans.values("pk"), end__lte=as_of)
    if year is not None:
        periods = periods.filter(end__year=year)
    rows = (
        periods.values("indicator__node__plan")
        .annotate(
            expected=Count("pk"),
            reported=Count("pk", filter=Q(actual__isnull=False)),
            submitted=Count("pk", filter=Q(actual__status=ValueStatus.SUBMITTED)),
            approved=Count("pk", filter=Q(actual__status=ValueStatus.APPROVED)),
            late=Count("pk", filter=not_in & Q(end__lt=due_before)),
        )
        .order_by()
    )
    return {
        row["indicator__node__plan"]: Completeness(
            expected=row["expected"],
            reported=row["reported"],
            submitted=row["submitted"],
            approved=row["approved"],
            late=row["late"],
        )
        for row in rows
    }
