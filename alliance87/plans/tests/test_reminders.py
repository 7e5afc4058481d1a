"""Reporting reminders on a frozen clock: a week before the due date and a day after, once, to those who want
e-mail, listing only the values still missing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from alliance87.community.models import DigestFrequency, NotificationPreference
from alliance87.plans.models import PlanStatus, ReportingPeriod, ReportingReminder
from alliance87.plans.reminders import due_date_of, send_reporting_reminders
from alliance87.plans.services.reporting import submit_value
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
#: The 2025 period ends on 31 December 2025; its values are due 30 days later.
DUE = D(2026, 1, 30)


@pytest.fixture
def plan(world):
    """The NGO reports on an adopted plan with two indicators whose 2025 values are missing."""
    plan = make_plan(
        owner_body=world.supply_chains, title="Supply chains work plan", status=PlanStatus.ADOPTED
    )
    plan.responsible_organisations.add(world.ngo)
    node = make_node(plan)
    for title in ("Companies trained", "Supplier audits published"):
        make_period(make_indicator(node, title=title), 2025)
    return plan


def run(today):
    return send_reporting_reminders(today=today)


def inbox(address):
    return [m for m in mail.outbox if address in m.to]


def test_values_are_due_thirty_days_after_the_period_ends(plan):
    period = ReportingPeriod.objects.filter(indicator__node__plan=plan).first()
    assert settings.REPORTING_DUE_DAYS == 30
    assert due_date_of(period) == DUE


def test_a_week_before_the_due_date_each_reporter_is_told_what_is_missing(world, plan):
    assert run(DUE - datetime.timedelta(days=8)) == 0

    assert run(DUE - datetime.timedelta(days=7)) == 3  # the NGO's two members and the chair's representative

    message = inbox(world.focal_point.email)[0]
    assert message.subject == "Values due soon: Supply chains work plan"
    assert "Companies trained" in message.body and "Supplier audits published" in message.body
    assert "30 Jan 2026" in message.body
    assert len(inbox(world.member.email)) == 1
    assert inbox(world.outsider.email) == []


def test_a_rerun_sends_nothing_twice(world, plan):
    run(DUE - datetime.timedelta(days=7))
    before = len(mail.outbox)

    assert run(DUE - datetime.timedelta(days=7)) == 0
    assert run(DUE - datetime.timedelta(days=6)) == 0
    assert len(mail.outbox) == before
    assert ReportingReminder.objects.count() == 3


def test_a_day_after_the_due_date_reporters_are_told_it_is_overdue(world, plan):
    assert run(DUE) == 0

    assert run(DUE + datetime.timedelta(days=1)) == 3

    message = inbox(world.focal_point.email)[-1]
    assert message.subject == "Values overdue: Supply chains work plan"
    assert "were due on" in message.body


def test_values_reported_meanwhile_are_not_reminded(world, plan):
    run(DUE - datetime.timedelta(days=7))
    for period in ReportingPeriod.objects.filter(indicator__node__plan=plan):
        submit_value(period=period, by=world.focal_point, value=Decimal(5))
    mail.outbox.clear()

    assert run(DUE + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_only_the_values_still_missing_are_listed(world, plan):
    first = ReportingPeriod.objects.get(indicator__title="Companies trained")
    submit_value(period=first, by=world.focal_point, value=Decimal(5))

    run(DUE + datetime.timedelta(days=1))

    body = inbox(world.member.email)[0].body
    assert "Supplier audits published" in body
    assert "Companies trained" not in body


def test_a_person_who_chose_no_email_gets_no_reminder(world, plan):
    NotificationPreference.objects.create(user=world.member, digest=DigestFrequency.NEVER)

    run(DUE - datetime.timedelta(days=7))

    assert inbox(world.member.email) == []
    assert len(inbox(world.focal_point.email)) == 1


def test_draft_plans_send_no_reminders(world, plan):
    plan.status = PlanStatus.DRAFT
    plan.save()

    assert run(DUE - datetime.timedelta(days=7)) == 0


def test_the_scheduler_runs_the_reminders_every_day():
    assert settings.SCHEDULE["reporting-reminders"][1] == "alliance87.plans.tasks.send_reporting_reminders"


def test_each_reporter_reads_the_reminder_in_their_language(world, plan):
    world.member.preferred_language = "fr"
    world.member.save()

    run(DUE + datetime.timedelta(days=1))

    assert inbox(world.member.email)[0].subject == "Valeurs en retard : Supply chains work plan"
    assert "30 janv. 2026" in inbox(world.member.email)[0].body
    assert inbox(world.focal_point.email)[0].subject == "Values overdue: Supply chains work plan"


def test_the_command_lists_on_a_dry_run_then_sends_once(world, plan):
    out = io.StringIO()
    call_command("send_reporting_reminders", "--date", "2026-01-31", "--dry-run", stdout=out)
    assert (
        "member@example.org: Supply chains work plan, overdue 2026-01-30, 2 values missing" in out.getvalue()
    )
    assert mail.outbox == []

    call_command("send_reporting_reminders", "--date", "2026-01-31", stdout=out)
    call_command("send_reporting_reminders", "--date", "2026-01-31", stdout=out)

    assert "Sent 3 reminders" in out.getvalue() and "Sent 0 reminders" in out.getvalue()
    assert len(mail.outbox) == 3


def test_the_command_names_a_malformed_date():
    with pytest.raises(CommandError, match="--date"):
        call_command("send_reporting_reminders", "--date", "31/01/2026")


def test_a_country_plan_reminds_its_focal_institution_and_a_body_plan_its_role_holders(world, plan):
    world.fiji.focal_institution = world.other_ngo
    world.fiji.save()
    country_plan = make_plan(owner_country=world.fiji, title="Fiji national action plan")
    make_period(make_indicator(make_node(country_plan), title="Children withdrawn from work"), 2025)

    run(DUE + datetime.timedelta(days=1))

    assert [m.subject for m in inbox(world.other_focal_point.email)] == [
        "Values overdue: Fiji national action plan"
    ]
    assert "Values overdue: Supply chains work plan" in [m.subject for m in inbox(world.chair.email)]
