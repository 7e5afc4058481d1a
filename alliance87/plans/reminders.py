"""The reporting calendar: when values are due, and the reminders that tell reporters what is still missing.

A period's values are due `REPORTING_DUE_DAYS` after it ends. Each reporter of a plan gets one e-mail a week
before a due date and one after it has passed, listing the values not yet submitted, in their own language; the
`ReportingReminder` rows keep a rerun (or a missed day caught up) from sending anything twice. People who chose
never to be e-mailed notifications get none. The window, the send-once rule and the sending loop are core's
(`core/reminders.py`), shared with partners' commitment reports.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from alliance87.accounts.models import User
from alliance87.bodies.models import RoleTerm
from alliance87.community.selectors import email_refused
from alliance87.core.reminders import DAYS_BEFORE, OVERDUE_WINDOW_DAYS, ReminderMail, reminder_kind
from alliance87.partners.models import OrganisationMembership

from .models import Plan, PlanStatus, ReminderKind, ReportingPeriod, ReportingReminder, ValueStatus
from .permissions import can_report_on_plan


def due_days() -> int:
    return int(settings.REPORTING_DUE_DAYS)


def due_date_of(period: ReportingPeriod) -> datetime.date:
    """When the values of a period are due."""
    return period.due_date


@dataclass(frozen=True)
class Reminder:
    plan: Plan
    due_date: datetime.date
    kind: ReminderKind
    periods: list[ReportingPeriod]


def due_reminders(*, today: datetime.date) -> list[Reminder]:
    """Per plan and due date, the periods still missing a submitted value, when a reminder is due today.

    Before: the due date is within `DAYS_BEFORE` days. After: it passed at least a day ago, not longer than
    `OVERDUE_WINDOW_DAYS`. A missing value is one not yet submitted (none, a draft, or returned for revision).
    """
    offset = datetime.timedelta(days=due_days())
    ends_from = today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS) - offset
    ends_to = today + datetime.timedelta(days=DAYS_BEFORE) - offset
    periods = (
        ReportingPeriod.objects.filter(end__gte=ends_from, end__lte=ends_to)
        .filter(indicator__node__plan__status__in=[PlanStatus.ADOPTED, PlanStatus.IN_IMPLEMENTATION])
        .filter(Q(actual__isnull=True) | Q(actual__status__in=[ValueStatus.DRAFT, ValueStatus.RETURNED]))
        .select_related("indicator__node__plan")
        .order_by("indicator__node__plan", "end", "indicator__position", "indicator__pk")
    )
    grouped: dict[tuple[int, datetime.date], list[ReportingPeriod]] = defaultdict(list)
    for period in periods:
        grouped[(period.indicator.node.plan.pk, due_date_of(period))].append(period)
    reminders = []
    for (_plan_id, due), missing in grouped.items():
        kind = reminder_kind(due=due, today=today)
        if kind is None:
            continue  # due today: neither "before" (sent a week ago) nor yet late
        reminders.append(
            Reminder(plan=missing[0].indicator.node.plan, due_date=due, kind=kind, periods=missing)
        )
    return reminders


def reporters_of(plan: Plan) -> list[User]:
    """The people who report on a plan and may: members of its responsible organisations, of a country plan's
    national focal institution, or of the organisations holding a role in a body's plan's body."""
    organisation_ids = set(plan.responsible_organisations.values_list("pk", flat=True))
    if plan.owner_country is not None and plan.owner_country.focal_institution_id:
        organisation_ids.add(plan.owner_country.focal_institution_id)
    if plan.owner_body_id:
        organisation_ids |= set(
            RoleTerm.objects.current()
            .filter(body_id=plan.owner_body_id, organisation__isnull=False)
            .values_list("organisation_id", flat=True)
        )
    candidates = (
        User.objects.filter(
            is_active=True,
            pk__in=OrganisationMembership.objects.filter(organisation_id__in=organisation_ids).values(
                "user_id"
            ),
        )
        .exclude(email="")
        .order_by("pk")
    )
    return [user for user in candidates if can_report_on_plan(user, plan)]


#: The reminders of values due, sent by core's loop (`core/reminders.py`).
REPORTING_REMINDERS = ReminderMail(
    due=due_reminders,
    recipients=lambda reminder: reporters_of(reminder.plan),
    refused=email_refused,
    record=ReportingReminder,
    subject=lambda reminder: {"plan": reminder.plan},
    missing=lambda reminder: len(reminder.periods),
    template="plans/email/reporting_reminder",
)


def pending_reminders(*, today: datetime.date) -> list[tuple[Reminder, User]]:
    """Each reminder due today with each reporter who wants e-mail and has not had it yet."""
    return REPORTING_REMINDERS.pending(today=today)


def send_reporting_reminders(*, today: datetime.date) -> int:
    """E-mail each reporter the reminders due today that they have not had; returns how many were sent."""
    return REPORTING_REMINDERS.send(today=today)
