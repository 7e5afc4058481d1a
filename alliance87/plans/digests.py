"""The plans' part of the weekly digest: each chair of a body reads what is late and what awaits review in their
bodies' plans, each Secretariat officer the same for every plan.

The digest itself (with partners' late commitment reports and overdue follow-up actions, sent once a week through
the e-mail queue, `CompletenessDigest` keeping it from going twice) is composed in the hub: `home.digests`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from alliance87.accounts.models import User
from alliance87.bodies.models import RoleTerm
from alliance87.partners.models import OrganisationMembership

from .completeness import Completeness, completeness_by_plan, completeness_plans
from .models import Plan


@dataclass(frozen=True)
class Digest:
    user: User
    week: str
    #: The plans with something late or awaiting review, and their counts (all years up to the day).
    plans: list[tuple[Plan, Completeness]]

    @property
    def late(self) -> int:
        return sum(counts.late for _plan, counts in self.plans)

    @property
    def awaiting_review(self) -> int:
        return sum(counts.submitted for _plan, counts in self.plans)


def week_of(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_readers() -> list[User]:
    """The Secretariat and the chairs of bodies (their representatives and their organisations' focal points),
    active and with an e-mail address."""
    chairing = RoleTerm.objects.current().chairing()
    focal_points = OrganisationMembership.objects.filter(
        is_focal_point=True, organisation_id__in=chairing.values("organisation_id")
    ).values("user_id")
    return list(
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_secretariat=True)
            | Q(is_superuser=True)
            | Q(pk__in=chairing.values("representative_id"))
            | Q(pk__in=focal_points)
        )
        .order_by("pk")
    )


def digest_for(user: User, *, today: datetime.date) -> Digest:
    """What this person's digest says today: every plan they follow with values late or awaiting review."""
    plans = list(completeness_plans(user))
    counts = completeness_by_plan(Plan.objects.filter(pk__in=[p.pk for p in plans]), year=None, as_of=today)
    rows = [
        (plan, counts[plan.pk])
        for plan in sorted(plans, key=lambda p: p.title.casefold())
        if plan.pk in counts and (counts[plan.pk].late or counts[plan.pk].submitted)
    ]
    return Digest(user=user, week=week_of(today), plans=rows)
