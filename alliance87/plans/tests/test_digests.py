"""The weekly completeness digest on a frozen clock: chairs get their bodies' plans, the Secretariat everything;
once a week, in the reader's language, never to who opted out, and no mail when there is nothing to say."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from alliance87.community.models import DigestFrequency, NotificationPreference
from alliance87.home.digests import send_weekly_digests as send_completeness_digests
from alliance87.plans.models import CompletenessDigest, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
#: A Monday after the 2025 values were due (30 January 2026).
MONDAY = D(2026, 2, 2)


@pytest.fixture
def plans(world):
    """Supply Chains (chaired by the ILO's chair): one value late, one awaiting review. Fiji: one late."""
    supply = make_plan(owner_body=world.supply_chains, title="Supply chains work plan")
    node = make_node(supply)
    make_period(make_indicator(node), 2025)
    make_period(make_indicator(node), 2025, value=4, status=ValueStatus.SUBMITTED)
    make_period(make_indicator(node), 2025, value=5, status=ValueStatus.APPROVED)
    fiji = make_plan(owner_country=world.fiji, title="Fiji national action plan")
    make_period(make_indicator(make_node(fiji)), 2025)
    return supply, fiji


def inbox(user):
    return [m for m in mail.outbox if user.email in m.to]


def test_the_chair_gets_their_bodys_plans_and_the_secretariat_everything(world, plans):
    sent = send_completeness_digests(today=MONDAY)

    chair, secretariat = inbox(world.chair), inbox(world.secretariat)
    assert len(chair) == 1 and len(secretariat) == 1
    assert "Supply chains work plan" in chair[0].body and "Fiji" not in chair[0].body
    assert "1 value late" in chair[0].body and "1 awaiting review" in chair[0].body
    assert chair[0].subject == "Reporting: 1 value late, 1 awaiting review"
    assert (
        "Supply chains work plan" in secretariat[0].body
        and "Fiji national action plan" in secretariat[0].body
    )
    assert "Reporting: 2 values late" in secretariat[0].subject
    assert not inbox(world.other_chair)  # Migration has nothing late: nothing to say
    assert sent == len(mail.outbox)


def test_a_rerun_the_same_week_sends_nothing_and_the_next_week_sends_again(world, plans):
    send_completeness_digests(today=MONDAY)
    first = len(mail.outbox)

    assert send_completeness_digests(today=MONDAY + datetime.timedelta(days=3)) == 0
    assert len(mail.outbox) == first
    assert send_completeness_digests(today=MONDAY + datetime.timedelta(days=7)) == first
    assert CompletenessDigest.objects.filter(user=world.chair).count() == 2


def test_nothing_late_and_nothing_to_review_means_no_mail(world, plans):
    for period in plans[0].nodes.get().indicators.get(periods__actual__status="submitted").periods.all():
        period.actual.status = ValueStatus.APPROVED
        period.actual.save()

    assert send_completeness_digests(today=D(2026, 1, 26)) == 0  # before the due date, nothing to review
    assert not mail.outbox


def test_before_anything_is_due_only_the_review_queue_is_mentioned(world, plans):
    send_completeness_digests(today=D(2026, 1, 26))

    chair = inbox(world.chair)
    assert len(chair) == 1 and "0 values late" in chair[0].body


def test_people_who_opted_out_get_nothing(world, plans):
    NotificationPreference.objects.create(user=world.chair, digest=DigestFrequency.NEVER)

    send_completeness_digests(today=MONDAY)

    assert not inbox(world.chair) and inbox(world.secretariat)
    assert not CompletenessDigest.objects.filter(user=world.chair).exists()


def test_the_digest_speaks_the_readers_language(world, plans):
    world.chair.preferred_language = "fr"
    world.chair.save()

    send_completeness_digests(today=MONDAY)

    assert "Bonjour" in inbox(world.chair)[0].body


def test_the_command_lists_then_sends(world, plans):
    out = io.StringIO()
    call_command("send_completeness_digests", "--date", MONDAY.isoformat(), "--dry-run", stdout=out)
    assert "would be sent for 2026-W06" in out.getvalue() and not mail.outbox

    call_command("send_completeness_digests", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    assert inbox(world.chair)
    with pytest.raises(CommandError):
        call_command("send_completeness_digests", "--date", "2026-02-30")


def test_the_scheduler_runs_it_on_monday_mornings(settings):
    assert settings.SCHEDULE["completeness-digests"][:2] == (
        "30 7 * * mon",
        "alliance87.home.tasks.send_completeness_digests",
    )
