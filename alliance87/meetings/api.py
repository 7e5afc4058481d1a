"""Events, their agendas, registrations, participants, outcomes and roadmaps, over the same services as the pages.

Events are public; the participant list is for the event's registered participants and its editors only (403 for
anyone else), and the registration list with e-mail addresses for its editors only.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.bodies.schemas import body_by_slug, body_or_none
from alliance87.core.api.errors import AUTH_ERRORS, CONFLICT_ERRORS, READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.api.translations import translation_values
from alliance87.core.ratelimits import count_attempt
from alliance87.countries.schemas import pathfinder_by_code
from alliance87.meetings import selectors, services
from alliance87.meetings.models import (
    AgendaSession,
    Event,
    OutcomeNote,
    Registration,
    RegistrationStatus,
    RoadmapAction,
)
from alliance87.meetings.permissions import can_edit_event, can_see_participants
from alliance87.partners.schemas import organisation_by_slug, organisations_by_slug
from alliance87.plans import selectors as plan_selectors

from .schemas import (
    EventChangeIn,
    EventDetailOut,
    EventIn,
    EventOut,
    EventsQuery,
    LinkActivityIn,
    OutcomeIn,
    OutcomeOut,
    ParticipantOut,
    PlanActivityIn,
    PlanActivityRef,
    RegistrationOut,
    RoadmapActionIn,
    RoadmapActionOut,
    SessionIn,
    SessionOut,
    library_items_by_slug,
)

router = Router()


def _event(slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("owner_body", "owner_country"), slug=slug)


def _detail(request: HttpRequest, slug: str) -> Event:
    return selectors.event_detail(slug, request.user)


def _event_input(payload: dict[str, Any]) -> services.EventInput:
    """Slugs and codes become records; naming one owner clears the other, as an event has exactly one."""
    data = dict(payload)
    data.update(translation_values(data, ("title", "city", "description")))
    if "owner_body" in data:
        data["owner_body"] = body_or_none(data["owner_body"], field="owner_body")
        if data["owner_body"] is not None and "owner_country" not in data:
            data["owner_country"] = None
    if "owner_country" in data:
        data["owner_country"] = pathfinder_by_code(data["owner_country"], field="owner_country")
        if data["owner_country"] is not None and "owner_body" not in data:
            data["owner_body"] = None
    for field in ("organisers", "co_organisers"):
        if field in data:
            data[field] = organisations_by_slug(data[field], field=field)
    return services.EventInput.of(data)


def _session_input(request: HttpRequest, payload: dict[str, Any]) -> services.SessionInput:
    data = dict(payload)
    if "documents" in data:
        data["documents"] = library_items_by_slug(data["documents"], request.user, field="documents")
    return services.SessionInput.of(data)


def _action_input(payload: dict[str, Any]) -> services.RoadmapActionInput:
    data = dict(payload)
    if "responsible_organisation" in data:
        data["responsible_organisation"] = organisation_by_slug(
            data["responsible_organisation"], field="responsible_organisation"
        )
    return services.RoadmapActionInput.of(data)


def _check_editor(request: HttpRequest, event: Event) -> None:
    if not can_edit_event(caller(request), event):
        raise PermissionDenied(
            _("Only the event's organisers, the people who run its owner, or the Secretariat can do this.")
        )


# --- Events -------------------------------------------------------------------------------------------------------


@router.get("/events", response={200: list[EventOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_events(request: HttpRequest, filters: Query[EventsQuery]) -> QuerySet[Event]:
    """Events in date order (``when=past``: latest first), filtered by kind, owner body or owner country."""
    found = selectors.events(
        selectors.EventFilters(
            kind=filters.kind or "",
            body=body_by_slug(filters.body, field="body"),
            country=pathfinder_by_code(filters.country, field="country"),
        )
    )
    if filters.when == "upcoming":
        return selectors.upcoming(found)
    if filters.when == "past":
        return selectors.past(found)
    return found


@router.get("/events/{slug}", response={200: EventDetailOut, **READ_ERRORS})
def get_event(request: HttpRequest, slug: str) -> Event:
    """One event with its agenda (and the library documents you may see), outcomes and roadmap."""
    return _detail(request, slug)


@router.post("/events", auth=PERSON, response={201: EventDetailOut, **WRITE_ERRORS})
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    """Announce an event of a body (its chairs, the Secretariat) or a Pathfinder Country (its focal institution)."""
    event = services.create_event(by=caller(request), values=_event_input(payload.model_dump()))
    return Status(201, _detail(request, event.slug))


@router.patch(
    "/events/{slug}", auth=PERSON, response={200: EventDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS}
)
def update_event(request: HttpRequest, slug: str, payload: Patch[EventChangeIn]) -> Event:
    """Change an event (its editors); send only what changes, and the `version` you read to be refused (409)
    rather than overwrite someone else's change. Significant changes raise its SEQUENCE."""
    version = payload.pop("version", None)
    event = services.update_event(
        event=_event(slug), by=caller(request), values=_event_input(payload), version=version
    )
    return _detail(request, event.slug)


@router.post("/events/{slug}/cancel", auth=PERSON, response={200: EventDetailOut, **WRITE_ERRORS})
def cancel_event(request: HttpRequest, slug: str) -> Event:
    """Call the event off; it stays in the calendar feeds as cancelled and participants are told."""
    services.cancel_event(event=_event(slug), by=caller(request))
    return _detail(request, slug)


# --- Agenda -------------------------------------------------------------------------------------------------------


@router.get("/events/{slug}/agenda", response={200: list[SessionOut], **READ_ERRORS})
def list_agenda(request: HttpRequest, slug: str) -> list[AgendaSession]:
    """The agenda's sessions in time order."""
    return list(_detail(request, slug).sessions.all())


@router.post("/events/{slug}/agenda", auth=PERSON, response={201: SessionOut, **WRITE_ERRORS})
def create_session(request: HttpRequest, slug: str, payload: SessionIn) -> Status[AgendaSession]:
    """Add a session; times without an offset are read in the event's time zone."""
    session = services.save_session(
        event=_event(slug), by=caller(request), values=_session_input(request, payload.model_dump())
    )
    return Status(201, session)


@router.patch("/agenda-sessions/{session_id}", auth=PERSON, response={200: SessionOut, **WRITE_ERRORS})
def update_session(request: HttpRequest, session_id: int, payload: Patch[SessionIn]) -> AgendaSession:
    session = get_object_or_404(AgendaSession.objects.select_related("event"), pk=session_id)
    return services.save_session(
        event=session.event, by=caller(request), values=_session_input(request, payload), session=session
    )


@router.delete("/agenda-sessions/{session_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_session(request: HttpRequest, session_id: int) -> Status[None]:
    session = get_object_or_404(AgendaSession.objects.select_related("event"), pk=session_id)
    services.delete_session(session=session, by=caller(request))
    return Status(204, None)


# --- Registration -------------------------------------------------------------------------------------------------


@router.get(
    "/events/{slug}/registration", auth=PERSON, response={200: RegistrationOut, **AUTH_ERRORS, **READ_ERRORS}
)
def my_registration(request: HttpRequest, slug: str) -> Registration:
    """Your registration for the event (not found if you have none)."""
    return get_object_or_404(
        Registration.objects.select_related("event", "user"), event__slug=slug, user=caller(request)
    )


@router.post("/events/{slug}/registration", auth=PERSON, response={201: RegistrationOut, **WRITE_ERRORS})
def register(request: HttpRequest, slug: str) -> Status[Registration]:
    """Register: a place if one is free, else the waiting list; for a closed meeting, a request to approve."""
    count_attempt(request, action="event_registration", user=caller(request))
    return Status(201, services.register(event=_event(slug), user=caller(request)))


@router.delete("/events/{slug}/registration", auth=PERSON, response={200: RegistrationOut, **WRITE_ERRORS})
def unregister(request: HttpRequest, slug: str) -> Registration:
    """Cancel your registration; a freed place goes to the first on the waiting list."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), event__slug=slug, user=caller(request)
    )
    return services.cancel_registration(registration=registration, by=caller(request))


@router.get(
    "/events/{slug}/registrations",
    auth=PERSON,
    response={200: list[RegistrationOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_registrations(
    request: HttpRequest, slug: str, status: RegistrationStatus | None = None
) -> QuerySet[Registration]:
    """Every registration with its status and place in the queue (the event's editors)."""
    event = _event(slug)
    _check_editor(request, event)
    return selectors.registrations(event, status or "").select_related("event")


def _registration(registration_id: int) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event", "user"), pk=registration_id)


@router.post(
    "/registrations/{registration_id}/approve", auth=PERSON, response={200: RegistrationOut, **WRITE_ERRORS}
)
def approve_registration(request: HttpRequest, registration_id: int) -> Registration:
    """Accept a request to attend a closed meeting (a place if one is free, else the waiting list)."""
    return services.approve_registration(registration=_registration(registration_id), by=caller(request))


@router.post(
    "/registrations/{registration_id}/decline", auth=PERSON, response={200: RegistrationOut, **WRITE_ERRORS}
)
def decline_registration(request: HttpRequest, registration_id: int) -> Registration:
    """Turn a participant down; a freed place moves the waiting list on."""
    return services.decline_registration(registration=_registration(registration_id), by=caller(request))


@router.get(
    "/events/{slug}/participants",
    auth=PERSON,
    response={200: list[ParticipantOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_participants(request: HttpRequest, slug: str) -> QuerySet[Registration]:
    """The people holding a place (for the event's registered participants and editors only)."""
    event = _event(slug)
    if not can_see_participants(caller(request), event):
        raise PermissionDenied(_("The participant list is for the event's participants and organisers only."))
    return selectors.participants(event)


# --- Outcomes and roadmap -----------------------------------------------------------------------------------------


@router.get("/events/{slug}/outcomes", response={200: list[OutcomeOut], **READ_ERRORS})
def list_outcomes(request: HttpRequest, slug: str) -> list[OutcomeNote]:
    """Decisions, agreed priorities and research questions of the event."""
    return list(_event(slug).outcomes.all())


@router.post("/events/{slug}/outcomes", auth=PERSON, response={201: OutcomeOut, **WRITE_ERRORS})
def create_outcome(request: HttpRequest, slug: str, payload: OutcomeIn) -> Status[OutcomeNote]:
    return Status(
        201,
        services.save_outcome(
            event=_event(slug), by=caller(request), values=services.OutcomeInput.of(payload.model_dump())
        ),
    )


@router.patch("/outcomes/{outcome_id}", auth=PERSON, response={200: OutcomeOut, **WRITE_ERRORS})
def update_outcome(request: HttpRequest, outcome_id: int, payload: Patch[OutcomeIn]) -> OutcomeNote:
    outcome = get_object_or_404(OutcomeNote.objects.select_related("event"), pk=outcome_id)
    return services.save_outcome(
        event=outcome.event, by=caller(request), values=services.OutcomeInput.of(payload), outcome=outcome
    )


@router.delete("/outcomes/{outcome_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_outcome(request: HttpRequest, outcome_id: int) -> Status[None]:
    outcome = get_object_or_404(OutcomeNote.objects.select_related("event"), pk=outcome_id)
    services.delete_outcome(outcome=outcome, by=caller(request))
    return Status(204, None)


def _actions(event: Event) -> QuerySet[RoadmapAction]:
    return event.roadmap.select_related("responsible_organisation", "plan_activity__plan")


def _action(action_id: int) -> RoadmapAction:
    return get_object_or_404(
        RoadmapAction.objects.select_related("event", "responsible_organisation", "plan_activity__plan"),
        pk=action_id,
    )


@router.get("/events/{slug}/roadmap", response={200: list[RoadmapActionOut], **READ_ERRORS})
def list_roadmap(request: HttpRequest, slug: str) -> list[RoadmapAction]:
    """The actions the event agreed on, with the plan activities that track them."""
    return list(_actions(_event(slug)))


@router.post("/events/{slug}/roadmap", auth=PERSON, response={201: RoadmapActionOut, **WRITE_ERRORS})
def create_roadmap_action(request: HttpRequest, slug: str, payload: RoadmapActionIn) -> Status[RoadmapAction]:
    action = services.save_roadmap_action(
        event=_event(slug), by=caller(request), values=_action_input(payload.model_dump())
    )
    return Status(201, _action(action.pk))


@router.patch("/roadmap-actions/{action_id}", auth=PERSON, response={200: RoadmapActionOut, **WRITE_ERRORS})
def update_roadmap_action(
    request: HttpRequest, action_id: int, payload: Patch[RoadmapActionIn]
) -> RoadmapAction:
    action = _action(action_id)
    services.save_roadmap_action(
        event=action.event, by=caller(request), values=_action_input(payload), action=action
    )
    return _action(action_id)


@router.delete("/roadmap-actions/{action_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_roadmap_action(request: HttpRequest, action_id: int) -> Status[None]:
    services.delete_roadmap_action(action=_action(action_id), by=caller(request))
    return Status(204, None)


@router.post(
    "/roadmap-actions/{action_id}/plan-activity", auth=PERSON, response={201: PlanActivityRef, **WRITE_ERRORS}
)
def turn_into_plan_activity(request: HttpRequest, action_id: int, payload: PlanActivityIn) -> Status[Any]:
    """Create an activity for the action in a plan you edit (under `parent`), and link the action to it."""
    try:
        plan = plan_selectors.plan_detail(payload.plan)
    except ObjectDoesNotExist:
        raise ValidationError(
            {"plan": _("There is no plan with the slug “%(slug)s”.") % {"slug": payload.plan}}
        ) from None
    node = services.turn_action_into_plan_activity(
        action=_action(action_id),
        by=caller(request),
        plan=plan,
        parent=plan_selectors.node_by_id(payload.parent, field="parent"),
        title=payload.title,
    )
    return Status(201, node)


@router.put(
    "/roadmap-actions/{action_id}/plan-activity",
    auth=PERSON,
    response={200: RoadmapActionOut, **WRITE_ERRORS},
)
def link_plan_activity(request: HttpRequest, action_id: int, payload: LinkActivityIn) -> RoadmapAction:
    """Link the action to an existing result of a plan you edit (null unlinks it)."""
    services.link_action_to_plan_activity(
        action=_action(action_id),
        by=caller(request),
        node=plan_selectors.node_by_id(payload.node, field="node"),
    )
    return _action(action_id)
