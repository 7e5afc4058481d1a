"""Commitment report reminders on a frozen clock: a week before the yearly report is due and a day after, once,
to the partner's focal points who want e-mail, in their language, listing only the deliverables still without it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from alliance87.commitments.models import CommitmentReminder
from alliance87.commitments.reminders import send_commitment_reminders
from alliance87.community.models import DigestFrequency, NotificationPreference

from .factories import make_commitment, make_deliverable, make_report

pytestmark = pytest.mark.django_db

D = datetime.date
#: The 2024 reports are due on 31 March 2025.
DUE = D(2025, 3, 31)
WEEK = datetime.timedelta(days=7)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def commitment(world):
    """The NGO's commitment made in 2024 with two deliverables, neither reported for 2024."""
    commitment = make_commitment(
        world.ngo, by=world.focal_point, title="Fair recruitment", made_on=D(2024, 2, 1)
    )
    make_deliverable(commitment, by=world.focal_point, title="Audit guide", body=world.supply_chains)
    make_deliverable(commitment, by=world.focal_point, title="Helpline", country=world.fiji)
    return commitment


def inbox(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_week_before_the_due_date_each_focal_point_is_told_what_is_missing(world, commitment):
    assert send_commitment_reminders(today=DUE - WEEK - DAY) == 0

    assert send_commitment_reminders(today=DUE - WEEK) == 1  # the NGO's one focal point

    message = inbox(world.focal_point.email)[0]
    assert message.subject == "Commitment report due soon: Fair recruitment"
    assert "Audit guide" in message.body and "Helpline" in message.body
    assert "31 Mar 2025" in message.body
    assert inbox(world.member.email) == []  # a member who is not a focal point
    assert inbox(world.other_focal_point.email) == []


def test_a_day_after_the_due_date_the_reminder_says_overdue(world, commitment):
    assert send_commitment_reminders(today=DUE) == 0

    assert send_commitment_reminders(today=DUE + DAY) == 1

    message = inbox(world.focal_point.email)[-1]
    assert message.subject == "Commitment report overdue: Fair recruitment"
    assert "were due on" in message.body


def test_a_rerun_sends_nothing_twice(world, commitment):
    send_commitment_reminders(today=DUE - WEEK)
    send_commitment_reminders(today=DUE + DAY)
    before = len(mail.outbox)

    assert send_commitment_reminders(today=DUE - WEEK) == 0
    assert send_commitment_reminders(today=DUE + 2 * DAY) == 0
    assert len(mail.outbox) == before
    assert CommitmentReminder.objects.count() == 2


def test_reports_made_meanwhile_are_not_reminded(world, commitment):
    send_commitment_reminders(today=DUE - WEEK)
    for deliverable in commitment.deliverables.all():
        make_report(deliverable, 2024, by=world.focal_point)
    mail.outbox.clear()

    assert send_commitment_reminders(today=DUE + DAY) == 0
    assert mail.outbox == []


def test_only_deliverables_still_without_a_report_are_listed(world, commitment):
    make_report(commitment.deliverables.get(title="Audit guide"), 2024, by=world.focal_point)

    send_commitment_reminders(today=DUE + DAY)

    body = inbox(world.focal_point.email)[0].body
    assert "Helpline" in body and "Audit guide" not in body


def test_a_delivered_deliverable_needs_no_more_reports(world, commitment):
    for deliverable in commitment.deliverables.all():
        make_report(deliverable, 2024, by=world.focal_point, status="delivered")

    assert send_commitment_reminders(today=D(2026, 3, 31) - WEEK) == 0


def test_a_focal_point_who_chose_no_email_gets_no_reminder(world, commitment):
    NotificationPreference.objects.create(user=world.focal_point, digest=DigestFrequency.NEVER)

    assert send_commitment_reminders(today=DUE - WEEK) == 0
    assert mail.outbox == []


def test_the_reminder_is_in_the_focal_points_language(world, commitment):
    world.focal_point.preferred_language = "fr"
    world.focal_point.save()

    send_commitment_reminders(today=DUE - WEEK)

    assert "/fr/commitments/" in inbox(world.focal_point.email)[0].body


def test_the_command_lists_then_sends_the_days_reminders(world, commitment):
    out = io.StringIO()
    call_command("send_commitment_reminders", "--date", str(DUE + DAY), "--dry-run", stdout=out)
    assert "focal@example.org: Fair recruitment, overdue 2025-03-31, 2 reports missing" in out.getvalue()
    assert mail.outbox == []

    call_command("send_commitment_reminders", "--date", str(DUE + DAY), stdout=out)
    assert "Sent 1 reminders" in out.getvalue()
    assert len(inbox(world.focal_point.email)) == 1


def test_the_scheduler_runs_the_reminders_each_morning(settings):
    from django.utils.module_loading import import_string

    cron, path, _kwargs = settings.SCHEDULE["commitment-reminders"]
    assert cron == "10 7 * * *"
    assert import_string(path).name == "send_commitment_reminders"
