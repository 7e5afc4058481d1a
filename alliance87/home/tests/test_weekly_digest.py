"""The weekly digest tells each person what they must act on beyond plans: their partner's late commitment reports
and the follow-up actions past due that they answer for, each with its link, once a week, in their language — and
nothing at all when nothing is late. (The plans' part: plans/tests/test_digests.py.)"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from alliance87.commitments import services as commitment_services
from alliance87.commitments.models import Deliverable, DeliveryStatus
from alliance87.commitments.tests.factories import make_commitment, make_deliverable
from alliance87.home.digests import send_weekly_digests
from alliance87.meetings import services as meeting_services
from alliance87.meetings.decision_models import FollowUpAction
from alliance87.meetings.tests.factories import make_event
from conftest import World

pytestmark = pytest.mark.django_db

D = datetime.date
#: A Monday after the reports on 2024 were due (31 March 2025) and before those on 2025 are (31 March 2026).
MONDAY = D(2026, 2, 2)


@pytest.fixture
def late_report(world: World) -> Deliverable:
    """A deliverable of the NGO (focal point: `focal_point`) whose report on 2024 is missing."""
    commitment = make_commitment(world.ngo, by=world.focal_point, made_on=D(2024, 3, 1))
    return make_deliverable(
        commitment,
        by=world.focal_point,
        body=world.supply_chains,
        title="Train 200 suppliers on recruitment fees",
        due_date=D(2026, 12, 31),
    )


@pytest.fixture
def overdue_action(world: World) -> FollowUpAction:
    """An action of a Supply Chains decision owned by the other NGO (focal point: `other_focal_point`), due in
    April 2024 and still open; and one given to `member` that is due only in June 2026."""
    starts = timezone.make_aware(datetime.datetime(2024, 3, 12, 9, 0))
    event = make_event(owner_body=world.supply_chains, starts_at=starts, title="Second global meeting")
    decision = meeting_services.record_decision(
        event=event,
        by=world.chair,
        values=meeting_services.DecisionInput(text="Adopt the 2024–25 work plan.", decided_on=D(2024, 3, 12)),
    )

    def action(**values: object) -> FollowUpAction:
        return meeting_services.add_follow_up_action(
            decision=decision, by=world.chair, values=meeting_services.FollowUpActionInput(**values)
        )

    action(description="Share the work plan with members", owner_person=world.member, due_date=D(2026, 6, 30))
    return action(
        description="Map recruitment agencies in the two corridors",
        owner_organisation=world.other_ngo,
        due_date=D(2024, 4, 30),
    )


def inbox(user):
    return [m for m in mail.outbox if user.email in m.to]


def test_a_focal_point_is_told_of_their_partners_late_report_with_a_link_to_file_it(world, late_report):
    assert send_weekly_digests(today=MONDAY) == 1

    (digest,) = inbox(world.focal_point)
    assert digest.subject == "1 commitment deliverable late"
    assert f"Train 200 suppliers on recruitment fees ({world.ngo.short_name})" in digest.body
    assert "no report for 2024 yet" in digest.body
    assert reverse("commitments:report-create", args=[late_report.pk]) in digest.body
    assert not inbox(world.member)  # not a focal point: cannot file the report


def test_a_deliverable_past_its_due_date_without_a_delivered_report_is_late_too(world, late_report):
    for year in (2024, 2025, 2026):
        commitment_services.record_report(
            deliverable=late_report,
            year=year,
            by=world.focal_point,
            values=commitment_services.ReportInput(status=DeliveryStatus.IN_PROGRESS, narrative="Half done."),
        )

    send_weekly_digests(today=D(2027, 1, 11))

    (digest,) = inbox(world.focal_point)
    assert "due on 31 Dec 2026 and not reported delivered" in digest.body
    assert late_report.get_absolute_url() in digest.body


def test_the_owner_of_an_overdue_action_is_told_with_links_to_it_and_to_their_actions(world, overdue_action):
    send_weekly_digests(today=MONDAY)

    (digest,) = inbox(world.other_focal_point)
    assert digest.subject == "1 follow-up action overdue"
    assert "Map recruitment agencies in the two corridors" in digest.body
    assert "due on 30 Apr 2024" in digest.body
    assert overdue_action.get_absolute_url() in digest.body
    assert reverse("meetings:my_actions") in digest.body
    assert not inbox(world.member)  # their action is not due yet
    assert not inbox(world.chair)  # recorded the decision; answers for neither action


def test_both_parts_in_one_mail_once_a_week(world, late_report, overdue_action):
    overdue_action.owner_organisation = world.ngo
    overdue_action.save()

    assert send_weekly_digests(today=MONDAY) == 1
    assert send_weekly_digests(today=MONDAY + datetime.timedelta(days=2)) == 0

    (digest,) = inbox(world.focal_point)
    assert digest.subject == "1 commitment deliverable late; 1 follow-up action overdue"
    assert send_weekly_digests(today=MONDAY + datetime.timedelta(days=7)) == 1


def test_nothing_late_means_no_mail(world, late_report, overdue_action):
    assert send_weekly_digests(today=D(2024, 4, 1)) == 0  # nothing due yet
    commitment_services.record_report(
        deliverable=late_report,
        year=2024,
        by=world.focal_point,
        values=commitment_services.ReportInput(status=DeliveryStatus.IN_PROGRESS, narrative="Started."),
    )
    meeting_services.change_action_status(
        action=overdue_action, by=world.other_focal_point, status="done", on=D(2024, 4, 20)
    )

    assert send_weekly_digests(today=MONDAY) == 0
    assert not mail.outbox


def test_the_digest_speaks_the_readers_language(world, late_report):
    world.focal_point.preferred_language = "fr"
    world.focal_point.save()

    send_weekly_digests(today=MONDAY)

    (digest,) = inbox(world.focal_point)
    assert "Bonjour" in digest.body and "2 févr. 2026" in digest.body


def test_the_command_lists_each_persons_late_items_then_sends(world, late_report, overdue_action):
    out = io.StringIO()
    call_command("send_completeness_digests", "--date", MONDAY.isoformat(), "--dry-run", stdout=out)
    assert "focal@example.org: 0 late, 0 awaiting review, 1 commitment deliverables late" in out.getvalue()
    assert (
        "other-focal@example.org: 0 late, 0 awaiting review, 0 commitment deliverables late, 1 actions"
        in (out.getvalue())
    )
    assert not mail.outbox

    call_command("send_completeness_digests", "--date", MONDAY.isoformat(), stdout=io.StringIO())
    assert inbox(world.focal_point) and inbox(world.other_focal_point)
