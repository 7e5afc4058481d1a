"""Events, registration with capacity and waiting list, approval, outcomes and roadmaps, through the services."""

from __future__ import annotations

import datetime
import functools
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from alliance87.core.tests.helpers import at_the_same_moment
from alliance87.meetings import services
from alliance87.meetings.models import (
    CalendarFeed,
    Event,
    EventStatus,
    OrganiserRole,
    Registration,
    RegistrationStatus,
    RoadmapAction,
)
from alliance87.plans.models import ResultNode
from alliance87.plans.tests.factories import make_node, make_plan
from conftest import World, make_user

from .factories import make_event

pytestmark = pytest.mark.django_db

NEW_EVENT = {
    "kind": "workshop",
    "title": "Supply chains due diligence workshop",
    "starts_at": datetime.datetime(2030, 1, 15, 9, 0),
    "ends_at": datetime.datetime(2030, 1, 15, 17, 0),
    "timezone": "Europe/Zurich",
    "city": "Geneva",
}


def _people(n: int) -> list[Any]:
    return [make_user(f"person{i}@example.org") for i in range(n)]


# --- Creating and changing events ---------------------------------------------------------------------------------


def test_chair_creates_an_event_whose_local_times_are_stored_in_utc(world: World) -> None:
    event = services.create_event(
        by=world.chair, values=services.EventInput.of({**NEW_EVENT, "owner_body": world.supply_chains})
    )
    assert event.starts_at == datetime.datetime(2030, 1, 15, 8, 0, tzinfo=datetime.UTC)
    assert event.local_starts_at.hour == 9
    assert event.slug == "supply-chains-due-diligence-workshop-2030"
    assert event.sequence == 0 and event.uid


def test_times_with_an_offset_are_kept_as_given(world: World) -> None:
    starts = datetime.datetime(2030, 7, 1, 9, 0, tzinfo=datetime.UTC)
    data = {**NEW_EVENT, "owner_body": world.supply_chains, "starts_at": starts, "ends_at": starts}
    assert services.create_event(by=world.chair, values=services.EventInput.of(data)).starts_at == starts


@pytest.mark.parametrize("role", ["other_chair", "focal_point", "member", "outsider"])
def test_only_those_who_run_the_body_hold_its_events(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.create_event(
            by=getattr(world, role),
            values=services.EventInput.of({**NEW_EVENT, "owner_body": world.supply_chains}),
        )


def test_focal_point_of_the_focal_institution_holds_country_events(world: World) -> None:
    world.fiji.focal_institution = world.ngo
    world.fiji.save()
    event = services.create_event(
        by=world.focal_point, values=services.EventInput.of({**NEW_EVENT, "owner_country": world.fiji})
    )
    assert event.owner_country == world.fiji
    with pytest.raises(PermissionDenied):
        services.create_event(
            by=world.other_focal_point,
            values=services.EventInput.of({**NEW_EVENT, "owner_country": world.fiji}),
        )


def test_an_event_needs_exactly_one_owner_and_a_known_time_zone(world: World) -> None:
    with pytest.raises(ValidationError) as both:
        services.create_event(
            by=world.secretariat,
            values=services.EventInput.of(
                {**NEW_EVENT, "owner_body": world.supply_chains, "owner_country": world.fiji}
            ),
        )
    assert "owner_body" in both.value.message_dict
    with pytest.raises(ValidationError) as zone:
        services.create_event(
            by=world.secretariat,
            values=services.EventInput.of({**NEW_EVENT, "owner_body": world.gcg, "timezone": "Mars/Olympus"}),
        )
    assert "Mars/Olympus" in str(zone.value)
    with pytest.raises(ValidationError) as order:
        services.create_event(
            by=world.secretariat,
            values=services.EventInput.of(
                {**NEW_EVENT, "owner_body": world.gcg, "ends_at": datetime.datetime(2030, 1, 14, 9)}
            ),
        )
    assert "ends_at" in order.value.message_dict


def test_organisers_and_co_organisers_are_recorded_and_organisers_may_edit(world: World) -> None:
    event = services.create_event(
        by=world.secretariat,
        values=services.EventInput.of(
            {
                **NEW_EVENT,
                "owner_body": world.migration,
                "organisers": [world.ngo],
                "co_organisers": [world.ilo],
            }
        ),
    )
    roles = dict(event.organiser_links.values_list("organisation__slug", "role"))
    assert roles == {"freedom-fund-example": OrganiserRole.ORGANISER, "ilo": OrganiserRole.CO_ORGANISER}
    services.update_event(
        event=event, by=world.focal_point, values=services.EventInput.of({"venue": "Palais des Nations"})
    )
    with pytest.raises(PermissionDenied):
        services.update_event(
            event=event, by=world.other_focal_point, values=services.EventInput.of({"venue": "Elsewhere"})
        )


def test_significant_changes_raise_the_sequence_others_do_not(world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    event = services.update_event(
        event=event, by=world.chair, values=services.EventInput.of({"capacity": 50})
    )
    assert event.sequence == 0
    moved = {"starts_at": datetime.datetime(2031, 1, 1, 9), "ends_at": datetime.datetime(2031, 1, 1, 17)}
    event = services.update_event(event=event, by=world.chair, values=services.EventInput.of(moved))
    assert event.sequence == 1
    event = services.update_event(
        event=event, by=world.chair, values=services.EventInput.of({"title": "Renamed workshop"})
    )
    assert event.sequence == 2


def test_cancelling_raises_the_sequence_and_tells_participants(world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    services.register(event=event, user=world.member)
    mail.outbox.clear()
    cancelled = services.cancel_event(event=event, by=world.chair)
    assert cancelled.status == EventStatus.CANCELLED
    assert cancelled.sequence == 1
    assert [m.to for m in mail.outbox] == [[world.member.email]]
    assert "Cancelled" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        services.cancel_event(event=cancelled, by=world.chair)
    with pytest.raises(ValidationError, match="cancelled"):
        services.register(event=cancelled, user=world.focal_point)


def test_outsider_cannot_cancel(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.cancel_event(event=make_event(owner_body=world.supply_chains), by=world.outsider)


# --- Registration -------------------------------------------------------------------------------------------------


def test_registrations_beyond_capacity_go_on_the_waiting_list_in_order(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=2)
    people = _people(4)
    statuses = [services.register(event=event, user=p) for p in people]
    assert [r.status for r in statuses] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert [r.position for r in statuses[2:]] == [1, 2]
    assert "waiting list" in mail.outbox[-1].subject


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=2)
    first, second, third, fourth = _people(4)
    registrations = [services.register(event=event, user=p) for p in (first, second, third, fourth)]
    mail.outbox.clear()
    services.cancel_registration(registration=registrations[0], by=first)
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {
        first.email: "cancelled",
        second.email: "registered",
        third.email: "registered",
        fourth.email: "waitlisted",
    }
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert "A place has opened up" in mail.outbox[0].subject


def test_leaving_the_waiting_list_promotes_nobody(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=1)
    a, b, c = _people(3)
    services.register(event=event, user=a)
    waiting = services.register(event=event, user=b)
    services.register(event=event, user=c)
    services.cancel_registration(registration=waiting, by=b)
    assert Registration.objects.get(event=event, user=c).status == RegistrationStatus.WAITLISTED


def test_more_places_fill_from_the_waiting_list(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=1)
    a, b, c = _people(3)
    for person in (a, b, c):
        services.register(event=event, user=person)
    services.update_event(event=event, by=world.chair, values=services.EventInput.of({"capacity": 2}))
    assert Registration.objects.get(event=event, user=b).status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(event=event, user=c).status == RegistrationStatus.WAITLISTED


def test_a_stale_event_object_cannot_overbook(world: World) -> None:
    """The places are counted in the database under the event's lock, not from what the caller loaded."""
    event = make_event(owner_body=world.supply_chains, capacity=1)
    stale = Event.objects.get(pk=event.pk)
    a, b = _people(2)
    services.register(event=event, user=a)
    assert services.register(event=stale, user=b).status == RegistrationStatus.WAITLISTED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_concurrent_registrations_never_overbook(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=3)
    people = _people(12)
    at_the_same_moment(*(functools.partial(services.register, event=event, user=person) for person in people))
    counts = Registration.objects.filter(event=event)
    assert counts.filter(status=RegistrationStatus.REGISTERED).count() == 3
    assert counts.filter(status=RegistrationStatus.WAITLISTED).count() == 9


def test_registering_twice_is_refused_but_coming_back_after_cancelling_is_not(world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    registration = services.register(event=event, user=world.member)
    with pytest.raises(ValidationError, match="already registered"):
        services.register(event=event, user=world.member)
    services.cancel_registration(registration=registration, by=world.member)
    assert services.register(event=event, user=world.member).status == RegistrationStatus.REGISTERED
    assert Registration.objects.filter(event=event, user=world.member).count() == 1


def test_no_registration_after_the_deadline_or_the_event(world: World) -> None:
    closed = make_event(
        owner_body=world.supply_chains, registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="closed"):
        services.register(event=closed, user=world.member)
    over = make_event(owner_body=world.supply_chains, starts_at=timezone.now() - datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="over"):
        services.register(event=over, user=world.member)


def test_closed_meeting_registrations_wait_for_approval(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, is_open=False, capacity=1)
    a, b = _people(2)
    first = services.register(event=event, user=a)
    second = services.register(event=event, user=b)
    assert first.status == second.status == RegistrationStatus.PENDING
    assert "waiting for approval" in mail.outbox[-1].subject
    with pytest.raises(PermissionDenied):
        services.approve_registration(registration=first, by=world.outsider)
    assert services.approve_registration(registration=first, by=world.chair).status == "registered"
    assert "You are registered" in mail.outbox[-1].subject
    assert services.approve_registration(registration=second, by=world.chair).status == "waitlisted"
    with pytest.raises(ValidationError):
        services.approve_registration(registration=second, by=world.chair)


def test_declining_a_participant_frees_their_place_and_they_cannot_come_back(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, capacity=1)
    a, b = _people(2)
    taken = services.register(event=event, user=a)
    services.register(event=event, user=b)
    declined = services.decline_registration(registration=taken, by=world.chair)
    assert declined.status == RegistrationStatus.DECLINED
    assert Registration.objects.get(event=event, user=b).status == RegistrationStatus.REGISTERED
    with pytest.raises(ValidationError, match="declined"):
        services.register(event=event, user=a)


def test_only_the_participant_or_an_editor_cancels_a_registration(world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    registration = services.register(event=event, user=world.member)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=registration, by=world.focal_point)
    assert services.cancel_registration(registration=registration, by=world.chair).status == "cancelled"


# --- Agenda, outcomes, roadmap ------------------------------------------------------------------------------------


def test_agenda_session_times_are_read_in_the_event_zone(world: World) -> None:
    event = make_event(owner_body=world.supply_chains, timezone="America/New_York")
    session = services.save_session(
        event=event,
        by=world.chair,
        values=services.SessionInput.of(
            {"title": "Procurement", "starts_at": datetime.datetime(2030, 1, 15, 9), "ends_at": None}
        ),
    )
    assert session.starts_at == datetime.datetime(2030, 1, 15, 14, tzinfo=datetime.UTC)
    with pytest.raises(PermissionDenied):
        services.save_session(
            event=event, by=world.member, values=services.SessionInput.of({"title": "x"}), session=session
        )


def test_outcomes_and_roadmap_are_kept_in_order(world: World) -> None:
    event = make_event(owner_body=world.supply_chains)
    services.save_outcome(
        event=event,
        by=world.chair,
        values=services.OutcomeInput.of({"kind": "decision", "text": "Adopt the plan."}),
    )
    services.save_outcome(
        event=event,
        by=world.chair,
        values=services.OutcomeInput.of({"kind": "priority", "text": "Research."}),
    )
    action = services.save_roadmap_action(
        event=event,
        by=world.chair,
        values=services.RoadmapActionInput.of(
            {"description": "Publish guidance", "responsible_organisation": world.ilo, "status": "planned"}
        ),
    )
    assert list(event.outcomes.values_list("position", flat=True)) == [1, 2]
    assert action.position == 1
    with pytest.raises(ValidationError):
        services.save_outcome(
            event=event, by=world.chair, values=services.OutcomeInput.of({"kind": "wish", "text": "x"})
        )
    with pytest.raises(PermissionDenied):
        services.delete_roadmap_action(action=action, by=world.outsider)


def _action(world: World) -> RoadmapAction:
    event = make_event(owner_body=world.supply_chains)
    return services.save_roadmap_action(
        event=event,
        by=world.chair,
        values=services.RoadmapActionInput.of(
            {
                "description": "Map recruitment fees in supply chains",
                "responsible_organisation": world.ngo,
                "due_date": datetime.date(2030, 6, 30),
                "status": "planned",
            }
        ),
    )


def test_roadmap_action_becomes_an_activity_in_the_plan(world: World) -> None:
    plan = make_plan(owner_body=world.supply_chains)
    outcome = make_node(plan, parent=make_node(plan))
    action = _action(world)
    node = services.turn_action_into_plan_activity(
        action=action, by=world.chair, plan=plan, parent=outcome, title="Recruitment fee mapping"
    )
    assert ResultNode.objects.filter(plan=plan, parent=outcome, title="Recruitment fee mapping").exists()
    assert node.level == 2 and node.due_date == datetime.date(2030, 6, 30)
    assert list(node.responsible_organisations.all()) == [world.ngo]
    action.refresh_from_db()
    assert action.plan_activity == node
    with pytest.raises(ValidationError, match="already tracked"):
        services.turn_action_into_plan_activity(action=action, by=world.chair, plan=plan, parent=outcome)


def test_only_a_plan_editor_adds_activities_to_the_plan(world: World) -> None:
    other_plan = make_plan(owner_body=world.migration)
    action = _action(world)
    with pytest.raises(PermissionDenied):
        services.turn_action_into_plan_activity(action=action, by=world.chair, plan=other_plan, parent=None)
    with pytest.raises(PermissionDenied):
        services.link_action_to_plan_activity(action=action, by=world.chair, node=make_node(other_plan))
    assert not ResultNode.objects.filter(plan=other_plan, title__startswith="Map").exists()


def test_roadmap_action_links_to_an_existing_result(world: World) -> None:
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    action = services.link_action_to_plan_activity(action=_action(world), by=world.chair, node=node)
    assert action.plan_activity == node
    assert (
        services.link_action_to_plan_activity(action=action, by=world.chair, node=None).plan_activity is None
    )


def test_rotating_the_calendar_feed_changes_its_token(world: World) -> None:
    feed = services.calendar_feed_of(user=world.member)
    old = feed.token
    assert services.calendar_feed_of(user=world.member).token == old
    assert services.rotate_calendar_feed(user=world.member).token != old
    assert CalendarFeed.objects.filter(user=world.member).count() == 1
