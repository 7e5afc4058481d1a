"""Reminders of yearly commitment reports: one e-mail to each focal point of the partner before the report on a
year is due and one after, listing the deliverables still without it, in the focal point's language.

The window (a week before, up to 30 days after, nothing on the day), the send-once rule and the sending loop are
core's (`core/reminders.py`), as for plans' reporting reminders; `CommitmentReminder` rows keep a rerun of the
scheduler from sending anything twice. People who chose never to be e-mailed notifications get none.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from alliance87.accounts.models import User
from alliance87.community.selectors import email_refused
from alliance87.core.reminders import ReminderKind, ReminderMail, due_dates_window, reminder_kind
from alliance87.partners.models import OrganisationMembership

from .models import CLOSING_STATUSES, Commitment, CommitmentReminder, Deliverable, DeliverableReport
from .status import report_due_date


@dataclass(frozen=True)
class Reminder:
    commitment: Commitment
    year: int
    due_date: datetime.date
    kind: ReminderKind
    deliverables: list[Deliverable]


def _years_due_between(first: datetime.date, last: datetime.date) -> list[int]:
    return [year for year in range(first.year - 1, last.year + 1) if first <= report_due_date(year) <= last]


def due_reminders(*, today: datetime.date) -> list[Reminder]:
    """Per commitment and report year, the deliverables still without that year's report, when a reminder is
    due today (the report's due date within a week, or passed at most 30 days ago)."""
    reminders: list[Reminder] = []
    for year in _years_due_between(*due_dates_window(today=today)):
        due = report_due_date(year)
        kind = reminder_kind(due=due, today=today)
        if kind is None:
            continue
        missing = (
            Deliverable.objects.filter(commitment__made_on__year__lte=year)
            .exclude(pk__in=DeliverableReport.objects.filter(year=year).values("deliverable_id"))
            .exclude(
                pk__in=DeliverableReport.objects.filter(year__lt=year, status__in=CLOSING_STATUSES).values(
                    "deliverable_id"
                )
            )
            .select_related("commitment__organisation")
            .order_by("commitment", "position", "pk")
        )
        grouped: dict[int, list[Deliverable]] = defaultdict(list)
        for deliverable in missing:
            grouped[deliverable.commitment_id].append(deliverable)
        reminders.extend(
            Reminder(commitment=items[0].commitment, year=year, due_date=due, kind=kind, deliverables=items)
            for items in grouped.values()
        )
    return reminders


def focal_points_of(commitment: Commitment) -> list[User]:
    """The partner's focal points who can be e-mailed."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=OrganisationMembership.objects.filter(
                organisation_id=commitment.organisation_id, is_focal_point=True
            ).values("user_id"),
        )
        .exclude(email="")
        .order_by("pk")
    )


#: The reminders of yearly reports due, sent by core's loop (`core/reminders.py`).
COMMITMENT_REMINDERS = ReminderMail(
    due=due_reminders,
    recipients=lambda reminder: focal_points_of(reminder.commitment),
    refused=email_refused,
    record=CommitmentReminder,
    subject=lambda reminder: {"commitment": reminder.commitment},
    missing=lambda reminder: len(reminder.deliverables),
    template="commitments/email/report_reminder",
)


def pending_reminders(*, today: datetime.date) -> list[tuple[Reminder, User]]:
    """Each reminder due today with each focal point who wants e-mail and has not had it yet."""
    return COMMITMENT_REMINDERS.pending(today=today)


def send_commitment_reminders(*, today: datetime.date) -> int:
    """E-mail each focal point the reminders due today that they have not had; returns how many were sent."""
    return COMMITMENT_REMINDERS.send(today=today)


def send_reminder(reminder: Reminder, user: User) -> bool:
    """Record the reminder and queue its e-mail; False when it was already sent."""
    return COMMITMENT_REMINDERS.send_one(reminder, user)
