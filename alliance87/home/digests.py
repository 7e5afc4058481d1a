"""The weekly digest: what each person must act on, with a link to each thing.

- chairs of bodies and the Secretariat: values late or awaiting review in the plans they follow (`plans.digests`);
- focal points of a partner: the partner's commitment deliverables whose yearly report is missing or that are past
  their due date without a report saying delivered (`commitments.selectors.late_rows`);
- everyone: the follow-up actions past their due date that they answer for — their own, their organisations'
  (as focal point) and those of the bodies they chair, as on their "My actions" page (`meetings.selectors`).

It composes three domains, so it lives in the hub. Sent once a week (a `plans.CompletenessDigest` row per person and
ISO week, written with the e-mail in one transaction, so a rerun sends nothing twice), through the one e-mail queue,
in the person's language, never to people who chose never to be e-mailed notifications, and not at all to a person
with nothing to act on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from alliance87.accounts.models import User
from alliance87.commitments import selectors as commitment_selectors
from alliance87.commitments.models import Deliverable
from alliance87.commitments.selectors import Row as CommitmentRow
from alliance87.community.selectors import email_refused
from alliance87.core.emails import queue_email
from alliance87.meetings import selectors as meeting_selectors
from alliance87.meetings.decision_models import FollowUpAction
from alliance87.partners.models import OrganisationMembership
from alliance87.partners.permissions import focal_point_organisation_ids
from alliance87.plans.completeness import Completeness
from alliance87.plans.digests import digest_for, digest_readers, week_of
from alliance87.plans.models import CompletenessDigest, Plan


@dataclass(frozen=True)
class LateDeliverable:
    """A partner's deliverable that needs a report: the years whose report is missing ("2024, 2025"), or "" when
    every report is in but the deliverable is past its due date without one saying delivered."""

    deliverable: Deliverable
    missing_years: str

    @classmethod
    def of(cls, row: CommitmentRow) -> LateDeliverable:
        return cls(row.deliverable, ", ".join(str(year) for year in row.standing.missing_years))


@dataclass(frozen=True)
class Digest:
    """One person's digest for one week: each list holds only what is late or waiting for them."""

    user: User
    week: str
    #: The plans with values late or awaiting review, and their counts (chairs and the Secretariat).
    plans: list[tuple[Plan, Completeness]]
    #: Deliverables of the partners this person is a focal point of, with a report missing or past due.
    commitments: list[LateDeliverable]
    #: Follow-up actions past their due date that this person answers for.
    actions: list[FollowUpAction]

    @property
    def late(self) -> int:
        """Values late in the plans."""
        return sum(counts.late for _plan, counts in self.plans)

    @property
    def awaiting_review(self) -> int:
        return sum(counts.submitted for _plan, counts in self.plans)

    @property
    def has_something(self) -> bool:
        return bool(self.plans or self.commitments or self.actions)


def _late_deliverables(today: datetime.date) -> dict[int, list[LateDeliverable]]:
    """The late deliverables of every partner that has a focal point to tell, by partner (one pass)."""
    organisation_ids = OrganisationMembership.objects.filter(is_focal_point=True).values_list(
        "organisation_id", flat=True
    )
    by_organisation: dict[int, list[LateDeliverable]] = {}
    for row in commitment_selectors.late_rows(as_of=today, organisation_ids=set(organisation_ids)):
        by_organisation.setdefault(row.deliverable.commitment.organisation_id, []).append(
            LateDeliverable.of(row)
        )
    return by_organisation


def _recipients(today: datetime.date, late_organisations: set[int]) -> tuple[list[User], set[int]]:
    """Who may have something to act on (active, with an address), and which of them read the plans part."""
    readers = digest_readers()
    overdue = meeting_selectors.overdue_actions(on=today)
    owner_organisations = set(
        overdue.exclude(owner_organisation=None).values_list("owner_organisation_id", flat=True)
    )
    focal_points = OrganisationMembership.objects.filter(
        is_focal_point=True, organisation_id__in=late_organisations | owner_organisations
    ).values("user_id")
    others = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(pk__in=focal_points) | Q(pk__in=overdue.exclude(owner_person=None).values("owner_person_id"))
        )
        .exclude(pk__in=[user.pk for user in readers])
    )
    people = sorted([*readers, *others], key=lambda user: user.pk)
    return people, {user.pk for user in readers}


def digest_of(
    user: User, *, today: datetime.date, reads_plans: bool, late_commitments: dict[int, list[LateDeliverable]]
) -> Digest:
    """What this person's digest says today."""
    plans = digest_for(user, today=today).plans if reads_plans else []
    organisations = sorted(focal_point_organisation_ids(user) & set(late_commitments))
    return Digest(
        user=user,
        week=week_of(today),
        plans=plans,
        commitments=[row for organisation in organisations for row in late_commitments[organisation]],
        actions=list(meeting_selectors.overdue_actions_of(user, on=today)),
    )


def pending_digests(*, today: datetime.date) -> list[Digest]:
    """The digests due this week that have something to say and have not gone yet, to people who want e-mail."""
    late_commitments = _late_deliverables(today)
    people, readers = _recipients(today, set(late_commitments))
    refused = email_refused(user.pk for user in people)
    sent = set(CompletenessDigest.objects.filter(week=week_of(today)).values_list("user_id", flat=True))
    digests = [
        digest_of(user, today=today, reads_plans=user.pk in readers, late_commitments=late_commitments)
        for user in people
        if user.pk not in refused | sent
    ]
    return [digest for digest in digests if digest.has_something]


def send_weekly_digests(*, today: datetime.date) -> int:
    """E-mail this week's digests not yet sent; returns how many went."""
    return sum(_send_once(digest, today=today) for digest in pending_digests(today=today))


def _send_once(digest: Digest, *, today: datetime.date) -> bool:
    try:
        with transaction.atomic():
            CompletenessDigest.objects.create(
                user=digest.user, week=digest.week, late=digest.late, awaiting_review=digest.awaiting_review
            )
            queue_email(
                template="home/email/weekly_digest",
                to=[digest.user.email],
                context={"digest": digest, "user": digest.user, "today": today},
                language=digest.user.preferred_language,
            )
    except IntegrityError:
        return False
    return True
