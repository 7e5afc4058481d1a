"""Minutes, decisions and follow-up actions through their services, and the counts "as of" a day."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance87.bodies.models import Role, RoleTerm
from alliance87.meetings import decision_selectors as selectors
from alliance87.meetings import services
from alliance87.meetings.decision_models import ActionStatusChange, Decision, FollowUpAction, Minutes
from alliance87.meetings.decision_permissions import can_read_minutes
from alliance87.meetings.models import Event
from conftest import World

from .factories import make_event

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2024, 3, 12)


def _meeting(world: World) -> Event:
    """A past meeting of the Supply Chains Action Group (chaired by the ILO), with the NGO as a member."""
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2018, 1, 1),
    )
    starts = timezone.make_aware(datetime.datetime(2024, 3, 12, 9, 0))
    return make_event(owner_body=world.supply_chains, starts_at=starts, title="Second global meeting")


def _decision(world: World, event: Event, **values: object) -> Decision:
    given = {"text": "Adopt the 2024–25 work plan.", "decided_on": MEETING_DAY, **values}
    return services.record_decision(event=event, by=world.chair, values=services.DecisionInput(**given))


def _action(world: World, decision: Decision, **values: object) -> FollowUpAction:
    given = {
        "description": "Circulate the work plan to members",
        "owner_organisation": world.ngo,
        "due_date": datetime.date(2024, 4, 30),
        **values,
    }
    return services.add_follow_up_action(
        decision=decision, by=world.chair, values=services.FollowUpActionInput(**given)
    )


# --- Minutes ------------------------------------------------------------------------------------------------------


def test_draft_minutes_are_read_by_the_bodys_members_only_until_a_chair_publishes_them(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    event = _meeting(world)
    minutes = services.save_minutes(event=event, by=world.chair, text="# Present\n\nILO, NGO.")
    assert can_read_minutes(world.member, minutes)
    assert can_read_minutes(world.chair, minutes)
    assert not can_read_minutes(world.outsider, minutes)
    assert not can_read_minutes(AnonymousUser(), minutes)
    assert not can_read_minutes(world.other_chair, minutes)

    services.publish_minutes(minutes=minutes, by=world.chair)

    minutes.refresh_from_db()
    assert minutes.is_published
    assert can_read_minutes(AnonymousUser(), minutes)


def test_a_member_cannot_publish_minutes_and_an_organiser_cannot_either(world: World) -> None:
    event = _meeting(world)
    minutes = services.save_minutes(event=event, by=world.secretariat, text="Minutes")
    with pytest.raises(PermissionDenied):
        services.publish_minutes(minutes=minutes, by=world.member)
    with pytest.raises(PermissionDenied):
        services.save_minutes(event=event, by=world.member, text="Rewritten")
    assert not Minutes.objects.get(pk=minutes.pk).is_published


def test_rewriting_minutes_keeps_every_version_in_their_history(world: World) -> None:
    event = _meeting(world)
    services.save_minutes(event=event, by=world.chair, text="First draft")
    minutes = services.save_minutes(event=event, by=world.chair, text="Second draft")
    assert Minutes.objects.filter(event=event).count() == 1
    texts = list(minutes.edit_history.order_by("history_date").values_list("text", flat=True))  # type: ignore[attr-defined]
    assert texts == ["First draft", "Second draft"]


def test_empty_minutes_are_refused_naming_the_field(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_minutes(event=_meeting(world), by=world.chair, text="   ")
    assert "text" in error.value.message_dict


# --- Decisions ----------------------------------------------------------------------------------------------------


def test_a_chair_records_numbered_decisions_of_the_meeting(world: World) -> None:
    event = _meeting(world)
    first = _decision(world, event)
    second = _decision(world, event, text="Hold the next meeting in June.")
    named = _decision(world, event, number="SC/2024/7", text="Publish the mapping.")
    assert (first.number, second.number, named.number) == ("1", "2", "SC/2024/7")
    with pytest.raises(ValidationError) as error:
        _decision(world, event, number="SC/2024/7")
    assert "number" in error.value.message_dict


def test_only_a_chair_or_the_secretariat_records_decisions(world: World) -> None:
    event = _meeting(world)
    for person in (world.member, world.focal_point, world.other_chair, world.outsider):
        with pytest.raises(PermissionDenied):
            services.record_decision(
                event=event, by=person, values=services.DecisionInput(text="No", decided_on=MEETING_DAY)
            )
    assert services.record_decision(
        event=event, by=world.secretariat, values=services.DecisionInput(text="Yes", decided_on=MEETING_DAY)
    )


@pytest.mark.parametrize(
    ("decided_on", "field"),
    [
        (datetime.date(2024, 3, 11), "decided_on"),  # before the meeting
        (datetime.date(2999, 1, 1), "decided_on"),  # in the future
        (datetime.date(1, 1, 1), "decided_on"),  # a typing slip
    ],
)
def test_a_decision_dated_outside_the_meeting_and_today_is_refused(
    world: World, decided_on: datetime.date, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _decision(world, _meeting(world), decided_on=decided_on)
    assert field in error.value.message_dict
    assert not Decision.objects.exists()


# --- Follow-up actions --------------------------------------------------------------------------------------------


def test_an_action_has_exactly_one_owner(world: World) -> None:
    decision = _decision(world, _meeting(world))
    with pytest.raises(ValidationError) as error:
        _action(world, decision, owner_organisation=None)
    assert "owner_body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _action(world, decision, owner_body=world.working_group)
    assert "owner_organisation" in error.value.message_dict
    assert not FollowUpAction.objects.exists()


def test_an_action_cannot_fall_due_before_its_decision(world: World) -> None:
    decision = _decision(world, _meeting(world))
    with pytest.raises(ValidationError) as error:
        _action(world, decision, due_date=datetime.date(2024, 3, 1))
    assert "due_date" in error.value.message_dict


def test_the_owner_moves_an_action_on_and_each_change_is_kept_with_its_date(world: World) -> None:
    action = _action(world, _decision(world, _meeting(world)))
    services.change_action_status(
        action=action, by=world.focal_point, status="in_progress", on=datetime.date(2024, 4, 2)
    )
    done = services.change_action_status(
        action=action,
        by=world.focal_point,
        status="done",
        note="Sent to 52 members",
        on=datetime.date(2024, 5, 6),
    )
    assert (done.status, done.status_note, done.status_changed_on) == (
        "done",
        "Sent to 52 members",
        datetime.date(2024, 5, 6),
    )
    assert list(ActionStatusChange.objects.filter(action=action).values_list("status", "changed_on")) == [
        ("open", MEETING_DAY),
        ("in_progress", datetime.date(2024, 4, 2)),
        ("done", datetime.date(2024, 5, 6)),
    ]


def test_someone_else_cannot_change_an_actions_status(world: World) -> None:
    action = _action(world, _decision(world, _meeting(world)))
    for person in (world.member, world.other_focal_point, world.outsider):
        with pytest.raises(PermissionDenied):
            services.change_action_status(action=action, by=person, status="done")
    assert FollowUpAction.objects.get(pk=action.pk).status == "open"


def test_dropping_needs_a_note_and_a_status_cannot_go_back_in_time(world: World) -> None:
    action = _action(world, _decision(world, _meeting(world)))
    with pytest.raises(ValidationError) as error:
        services.change_action_status(action=action, by=world.chair, status="dropped")
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_action_status(
            action=action, by=world.chair, status="done", on=datetime.date(2024, 1, 1)
        )
    assert "on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_action_status(
            action=action, by=world.chair, status="done", on=datetime.date(2999, 1, 1)
        )
    assert "on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_action_status(action=action, by=world.chair, status="finished")
    assert "status" in error.value.message_dict


# --- Reads: the body's record, my actions, counts as of a day -----------------------------------------------------


def test_counts_as_of_a_day_read_each_actions_status_on_that_day(world: World) -> None:
    decision = _decision(world, _meeting(world))
    early = _action(world, decision, due_date=datetime.date(2024, 4, 30))
    late = _action(
        world,
        decision,
        description="Draft the mapping",
        owner_person=world.chair,
        owner_organisation=None,
        due_date=datetime.date(2024, 9, 30),
    )
    services.change_action_status(
        action=early, by=world.focal_point, status="done", on=datetime.date(2024, 6, 1)
    )
    services.change_action_status(
        action=late,
        by=world.chair,
        status="dropped",
        note="Done by another group",
        on=datetime.date(2024, 10, 15),
    )
    body = world.supply_chains.pk
    on = selectors.follow_up_counts_by_body

    assert on(as_of=datetime.date(2024, 3, 1)) == {}  # before the decision
    assert on(as_of=datetime.date(2024, 4, 1))[body] == selectors.ActionCounts(open=2)
    assert on(as_of=datetime.date(2024, 5, 15))[body] == selectors.ActionCounts(open=2, overdue=1)
    assert on(as_of=datetime.date(2024, 10, 1))[body] == selectors.ActionCounts(open=1, overdue=1, done=1)
    assert on(as_of=datetime.date(2024, 11, 1))[body] == selectors.ActionCounts(done=1, dropped=1)

    by_owner = selectors.follow_up_counts_by_owner(as_of=datetime.date(2024, 5, 15))
    assert by_owner[selectors.OwnerKey("organisation", world.ngo.pk)] == selectors.ActionCounts(
        open=1, overdue=1
    )
    assert by_owner[selectors.OwnerKey("person", world.chair.pk)] == selectors.ActionCounts(open=1)


def test_my_actions_lists_what_a_person_their_organisation_or_their_body_owns(world: World) -> None:
    decision = _decision(world, _meeting(world))
    of_ngo = _action(world, decision)
    of_chair = _action(world, decision, owner_organisation=None, owner_person=world.chair)
    of_body = _action(world, decision, owner_organisation=None, owner_body=world.working_group)
    assert list(selectors.actions_of(world.focal_point)) == [of_ngo]
    assert set(selectors.actions_of(world.chair)) == {of_chair, of_body}
    assert list(selectors.actions_of(world.outsider)) == []


def test_deleting_a_decision_removes_its_actions(world: World) -> None:
    decision = _decision(world, _meeting(world))
    _action(world, decision)
    services.delete_decision(decision=decision, by=world.chair)
    assert not FollowUpAction.objects.exists()


def test_cached_pages_expire_at_midnight_while_an_action_is_still_to_do(world: World) -> None:
    now = timezone.make_aware(datetime.datetime(2024, 5, 2, 15, 30))
    assert selectors.next_day_change(now) is None
    action = _action(world, _decision(world, _meeting(world)))
    assert selectors.next_day_change(now) == timezone.make_aware(datetime.datetime(2024, 5, 3, 0, 0))
    services.change_action_status(action=action, by=world.chair, status="done", on=datetime.date(2024, 5, 2))
    assert selectors.next_day_change(now) is None
