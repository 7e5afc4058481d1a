"""The parts of an event's page that are the reader's own: their registration, and who else comes when they may
see it (registered participants and the event's editors).

A signed-in person's event page is kept for everyone with the same audience (`core.audiencecache`): these parts are
placeholders in the kept page, filled for each person when it is served, from the same templates the page renders
for a visitor or for a page rendered on the spot.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from alliance87.accounts.person import remember
from alliance87.accounts.types import signed_in
from alliance87.core.audiencecache import kept_for_person, personal
from alliance87.core.fragments import fragment

from . import selectors
from .decision_models import FollowUpAction
from .models import Event, Registration, RegistrationStatus
from .services import registration_closed_reason

REGISTRATION = "event-registration"
PARTICIPANTS = "event-participants"
#: What the registration box needs of the event when it is filled in for a kept page.
_EVENT_FIELDS = ("id", "slug", "is_open", "status", "ends_at", "registration_deadline")


def _registration(request: HttpRequest, event_id: int) -> Registration | None:
    """The person's registration for the event (both parts need it): kept for them per data version, so a kept page
    served again asks nothing; any change of a registration (theirs, or a place freed for them) is a new version."""
    user = request.user
    if not signed_in(user):
        return None
    return remember(
        user,
        ("meetings.registration", event_id),
        lambda: kept_for_person(
            request,
            f"meetings.registration.{event_id}",
            lambda: Registration.objects.filter(event_id=event_id, user=user).first(),
        ),
    )


def _registration_html(request: HttpRequest, event: Event) -> str:
    return render_to_string(
        "meetings/includes/registration_state.html",
        {
            "event": event,
            "registration": _registration(request, event.pk),
            "closed_reason": registration_closed_reason(event),
            "signed_in": signed_in(request.user),
            "path": request.path,
            "csrf_token": SimpleLazyObject(lambda: get_token(request)),  # only where a form is shown
        },
    )


def _participants_html(request: HttpRequest, event: Event, *, can_edit: bool) -> str:
    """The participant list, for the event's editors and its registered participants; nothing for others."""
    registration = None if can_edit else _registration(request, event.pk)
    if not (can_edit or (registration is not None and registration.status == RegistrationStatus.REGISTERED)):
        return ""
    # The same list for everyone allowed to see it: kept per event and data version, never per person.
    return fragment(
        f"event-participants:{event.pk}",
        audience="may-see-participants",
        compute=lambda: render_to_string(
            "meetings/includes/participants.html", {"participants": list(selectors.participants(event))}
        ),
    )


def registration_part(request: HttpRequest, event: Event) -> str:
    """The person's registration state and its form (register, cancel), or why nobody can register now."""
    return personal(request, REGISTRATION, lambda: _registration_html(request, event), key=str(event.pk))


def participants_part(request: HttpRequest, event: Event, *, can_edit: bool) -> str:
    """Who is registered, for those who may see it. The event's editors all see it (`can_edit` follows from the
    audience): it is part of their kept page. Anyone else sees it once registered: a placeholder."""
    if can_edit:
        return _participants_html(request, event, can_edit=True)
    return personal(
        request, PARTICIPANTS, lambda: _participants_html(request, event, can_edit=False), key=str(event.pk)
    )


def _event(request: HttpRequest, event_id: int) -> Event | None:
    """What the parts need of the event: the same for every reader, kept per event and data version."""
    return remember(
        request.user,
        ("meetings.event-for-parts", event_id),
        lambda: fragment(
            f"meetings.event-for-parts:{event_id}",
            audience="everyone",
            compute=lambda: Event.objects.only(*_EVENT_FIELDS).filter(pk=event_id).first(),
        ),
    )


def fill_registration(request: HttpRequest, key: str) -> str:
    """`registration_part` for the person a kept page is served to (`core.audiencecache.register_keyed_personal`)."""
    event = _event(request, int(key))
    return "" if event is None else _registration_html(request, event)


def fill_participants(request: HttpRequest, key: str) -> str:
    """`participants_part` for the person a kept page is served to (not an editor: theirs is in the page)."""
    event = _event(request, int(key))
    return "" if event is None else _participants_html(request, event, can_edit=False)


# --- A decision's page: the status link of the follow-up actions a person owns themselves ----------------------

OWN_ACTION = "own-action"


def _own_action_html(request: HttpRequest, action_id: int, owner_id: int) -> str:
    if not signed_in(request.user) or request.user.pk != owner_id:
        return ""
    action = FollowUpAction.objects.filter(pk=action_id, owner_person_id=owner_id).first()
    if action is None:
        return ""
    return render_to_string("meetings/includes/own_action_status.html", {"action": action})


def own_action_part(request: HttpRequest, action: FollowUpAction) -> str:
    """The "Change the status" link of an action a person owns themselves, for that person only (the owners
    through an organisation or a body, and those who record decisions, follow from the audience)."""
    owner_id = action.owner_person_id or 0
    return personal(
        request,
        OWN_ACTION,
        lambda: _own_action_html(request, action.pk, owner_id),
        key=f"{action.pk}.{owner_id}",
    )


def fill_own_action(request: HttpRequest, key: str) -> str:
    """`own_action_part` for the person a kept page is served to: the owner is in the key, a query only for them."""
    action_id, owner_id = (int(part) for part in key.split("."))
    return _own_action_html(request, action_id, owner_id)
