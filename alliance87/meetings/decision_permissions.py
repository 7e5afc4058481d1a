"""Who may read and write a meeting's minutes, decisions and follow-up actions.

- Minutes are read by everyone once published; before that, by the members of the body that held the meeting
  (its current member organisations' people and role representatives), the event's editors and the Secretariat.
  A country's meeting has no members: its unpublished minutes are for its editors.
- The event's editors (organisers, chairs, the Secretariat) write the minutes; only those who run the meeting's
  owner (a chair of the body, the country's focal institution's focal points) or the Secretariat publish them and
  record decisions with their follow-up actions.
- Decisions and follow-up actions are the body's public record: everyone reads them.
- An action's status is changed by its owner (the person; the focal points of the organisation; the chairs of
  the body) and by those who record the meeting's decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.permissions import can_manage_body, chaired_body_ids
from alliance87.bodies.person import PersonStanding
from alliance87.library.permissions import member_body_ids
from alliance87.partners.permissions import focal_point_organisation_ids

from .decision_models import FollowUpAction, Minutes
from .models import Event
from .permissions import can_edit_event, can_hold_events_for_country


def can_run_meeting(user: Person, event: Event) -> bool:
    """Those who run the meeting's owner: a chair of its body, its country's focal points, the Secretariat."""
    if not signed_in(user):
        return False
    if is_secretariat(user):
        return True
    if event.owner_body_id is not None:
        return can_manage_body(user, event.owner_body)  # type: ignore[arg-type]
    if event.owner_country_id is not None:
        return can_hold_events_for_country(user, event.owner_country)  # type: ignore[arg-type]
    return False


def can_write_minutes(user: Person, event: Event) -> bool:
    return can_edit_event(user, event)


def can_publish_minutes(user: Person, event: Event) -> bool:
    return can_run_meeting(user, event)


def can_record_decisions(user: Person, event: Event) -> bool:
    return can_run_meeting(user, event)


def can_read_minutes(user: Person, minutes: Minutes) -> bool:
    """Published minutes are public; draft ones are for the body's members and the meeting's editors."""
    if minutes.is_published:
        return True
    if not signed_in(user):
        return False
    event = minutes.event
    if event.owner_body_id is not None and event.owner_body_id in member_body_ids(user):
        return True
    return can_edit_event(user, event)


@dataclass(frozen=True)
class MeetingRights:
    """What one person may do with one meeting's record, worked out once for the event page (the rules above)."""

    can_edit: bool  # the event's editors: write the minutes, read them as drafts
    can_run: bool  # those who run the meeting's owner: publish the minutes, record decisions
    is_member: bool  # of the body that held the meeting: reads its draft minutes

    def can_read(self, minutes: Minutes) -> bool:
        """`can_read_minutes`, from what is already known."""
        return minutes.is_published or self.is_member or self.can_edit


def meeting_rights(person: PersonStanding, event: Event, *, can_edit: bool) -> MeetingRights:
    """The request's person's rights on the meeting, from their facts (asked once per request) and the editing
    right the page has already worked out (`can_edit_event`), so nothing is asked twice."""
    if not person.is_signed_in:
        return MeetingRights(can_edit=False, can_run=False, is_member=False)
    return MeetingRights(
        can_edit=can_edit,
        can_run=can_run_meeting(person.user, event),
        is_member=event.owner_body_id is not None and event.owner_body_id in person.member_body_ids,
    )


def readable_minutes(user: Person) -> Q:
    """The rule of `can_read_minutes` as a filter on Minutes (lists and the API apply it)."""
    if is_secretariat(user):
        return Q()
    published = Q(published_at__isnull=False)
    if not signed_in(user):
        return published
    organisation_ids = focal_point_organisation_ids(user)
    return (
        published
        | Q(event__owner_body_id__in=member_body_ids(user) | chaired_body_ids(user))
        | Q(event__owner_country__focal_institution_id__in=organisation_ids)
        | Q(event__organiser_links__organisation_id__in=organisation_ids)
    )


def owned_actions(user: Person) -> Q:
    """The follow-up actions this person answers for: their own, their organisations', their bodies'."""
    if not signed_in(user):
        return Q(pk__in=[])
    return (
        Q(owner_person_id=user.pk)
        | Q(owner_organisation_id__in=focal_point_organisation_ids(user))
        | Q(owner_body_id__in=chaired_body_ids(user))
    )


def is_action_owner(user: Person, action: FollowUpAction) -> bool:
    if not signed_in(user):
        return False
    if action.owner_person_id is not None:
        return action.owner_person_id == user.pk
    if action.owner_organisation_id is not None:
        return action.owner_organisation_id in focal_point_organisation_ids(user)
    return action.owner_body_id in chaired_body_ids(user)


def can_update_action(user: Person, action: FollowUpAction) -> bool:
    """The owner reports progress; those who record the meeting's decisions may correct it."""
    return is_action_owner(user, action) or can_record_decisions(user, action.decision.event)
