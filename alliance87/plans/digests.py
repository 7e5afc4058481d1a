"""The weekly completeness digest: each chair of a body gets what is late and what awaits review in their bodies'
plans, each Secretariat officer the same for every plan.

Sent once a week (a `CompletenessDigest` row per person and ISO week, written with the e-mail in one transaction,
so a rerun sends nothing twice), in the person's language, never to people who chose never to be e-mailed
notifications, and not at all when there is nothing late and nothing to review.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from alliance87.accounts.models import User
from alliance87.bodies.models import RoleTerm
from alliance87.community.selectors import email_refused
from alliance87.core.emails import queue_email
from alliance87.partners.models import OrganisationMembership

from .completeness import Completeness, completeness_by_plan, completeness_plans
from .models import CompletenessDigest, Plan


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


def pending_digests(*, today: datetime.date) -> list[Digest]:
    """The digests due this week that have something to say and have not gone yet, to people who want e-mail."""
    readers = digest_readers()
    refused = email_refused(user.pk for user in readers)
    sent = set(CompletenessDigest.objects.filter(week=week_of(today)).values_list("user_id", flat=True))
    digests = [digest_for(user, today=today) for user in readers if user.pk not in refused | sent]
    return [digest for digest in digests if digest.plans]


def send_completeness_digests(*, today: datetime.date) -> int:
    """E-mail this week's digests not yet sent; returns how many went."""
    return sum(_send_once(digest, today=today) for digest in pending_digests(today=today))


def _send_once(digest: Digest, *, today: datetime.date) -> bool:
    try:
        with transaction.atomic():
            CompletenessDigest.objects.create(
                user=digest.user, week=digest.week, late=digest.late, awaiting_review=digest.awaiting_review
            )
            queue_email(
                template="plans/email/completeness_digest",
                to=[digest.user.email],
                context={"digest": digest, "user": digest.user, "today": today},
                language=digest.user.preferred_language,
            )
    except IntegrityError:
        return False
    return True
