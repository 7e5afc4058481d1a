"""Who may hold, edit and see what of an event.

- An event is created and edited by the people who run its owner: the Secretariat, the chairs of the owner
  body (see bodies.permissions), or the focal points of the owner country's national focal institution.
- The focal points of an event's organising and co-organising organisations edit it too: they run the agenda,
  the registrations and the outcomes of the meeting they organise.
- The participant list is for the event's registered participants and its editors only.
"""

from __future__ import annotations

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import can_manage_body
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.permissions import focal_point_organisation_ids

from .models import Event, Registration, RegistrationStatus


def can_hold_events_for_body(user: Person, body: Body) -> bool:
    return is_secretariat(user) or can_manage_body(user, body)


def can_hold_events_for_country(user: Person, country: PathfinderCountry) -> bool:
    if is_secretariat(user):
        return True
    return bool(
        country.focal_institution_id and country.focal_institution_id in focal_point_organisation_ids(user)
    )


def can_create_events(user: Person) -> bool:
    """Whether to offer "New event" at all: the Secretariat, or anyone who runs a body or a country."""
    from alliance87.bodies.permissions import chaired_body_ids

    if is_secretariat(user):
        return True
    if not signed_in(user):
        return False
    if chaired_body_ids(user):
        return True
    organisation_ids = focal_point_organisation_ids(user)
    return PathfinderCountry.objects.filter(focal_institution_id__in=organisation_ids).exists()


def can_edit_event(user: Person, event: Event) -> bool:
    """Editors change the event, its agenda and outcomes, and decide on registrations."""
    if not signed_in(user):
        return False
    if is_secretariat(user):
        return True
    if event.owner_body_id and can_manage_body(user, event.owner_body):  # type: ignore[arg-type]
        return True
    if event.owner_country_id and can_hold_events_for_country(user, event.owner_country):  # type: ignore[arg-type]
        return True
    organisation_ids = focal_point_organisation_ids(user)
    # The organiser links the event page prefetched (one query when they were not).
    return bool(organisation_ids) and any(
        link.organisation_id in organisation_ids for link in event.organiser_links.all()
    )


def is_participant(user: Person, event: Event) -> bool:
    if not signed_in(user):
        return False
    return Registration.objects.filter(event=event, user=user, status=RegistrationStatus.REGISTERED).exists()


def can_see_participants(user: Person, event: Event) -> bool:
    """The participant list is shown to the event's registered participants and its editors only."""
    return is_participant(user, event) or can_edit_event(user, event)
