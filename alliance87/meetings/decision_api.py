"""Minutes, decisions and follow-up actions over the same services, selectors and permissions as the pages.

Decisions and actions are public; unpublished minutes are a 404 to anyone who may not read them (as on the page).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.accounts.types import signed_in
from alliance87.bodies.schemas import body_by_slug, body_or_none, user_by_email
from alliance87.core.api.errors import READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.partners.schemas import organisation_by_slug

from . import decision_selectors as selectors
from .decision_models import Decision, FollowUpAction, Minutes
from .decision_schemas import (
    ActionsQuery,
    DecisionIn,
    DecisionOut,
    FollowUpActionIn,
    FollowUpActionOut,
    MinutesIn,
    MinutesOut,
    PublishIn,
    StatusIn,
)
from .models import Event
from .services import decisions as services
from .services import minutes as minutes_services

router = Router()


def _event(slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("owner_body", "owner_country"), slug=slug)


def _readable_minutes(request: HttpRequest, slug: str) -> Minutes:
    minutes = selectors.minutes_for(request.user, _event(slug))
    if minutes is None:
        raise Http404
    return minutes


def _decision(decision_id: int) -> Decision:
    try:
        return selectors.decision_detail(decision_id)
    except Decision.DoesNotExist:
        raise Http404 from None


def _action(action_id: int) -> FollowUpAction:
    return get_object_or_404(selectors.follow_up_actions().prefetch_related("status_changes"), pk=action_id)


def _action_input(payload: dict[str, Any]) -> services.FollowUpActionInput:
    """Slugs and addresses become records; naming one owner clears the other two (an action has one owner)."""
    data = dict(payload)
    named = [name for name in services.OWNER_FIELDS if data.get(name)]
    if "owner_body" in data:
        data["owner_body"] = body_or_none(data["owner_body"], field="owner_body")
    if "owner_organisation" in data:
        data["owner_organisation"] = organisation_by_slug(
            data["owner_organisation"], field="owner_organisation"
        )
    if "owner_person" in data:
        data["owner_person"] = user_by_email(data["owner_person"], field="owner_person")
    if len(named) == 1:
        for name in services.OWNER_FIELDS:
            data.setdefault(name, None)
    return services.FollowUpActionInput.of(data)


# --- Minutes ------------------------------------------------------------------------------------------------------


@router.get("/events/{slug}/minutes", response={200: MinutesOut, **READ_ERRORS})
def get_minutes(request: HttpRequest, slug: str) -> Minutes:
    """A meeting's minutes: public once published, else for the body's members and the meeting's editors (404)."""
    return _readable_minutes(request, slug)


@router.put("/events/{slug}/minutes", auth=PERSON, response={200: MinutesOut, **WRITE_ERRORS})
def save_minutes(request: HttpRequest, slug: str, payload: MinutesIn) -> Minutes:
    """Write or rewrite the minutes (the meeting's editors); earlier versions stay in the history."""
    return minutes_services.save_minutes(event=_event(slug), by=caller(request), text=payload.text)


@router.post("/events/{slug}/minutes/publish", auth=PERSON, response={200: MinutesOut, **WRITE_ERRORS})
def publish_minutes(request: HttpRequest, slug: str, payload: PublishIn) -> Minutes:
    """Publish the minutes, or take them back to the members (a chair of the body or the Secretariat)."""
    minutes = _readable_minutes(request, slug)
    if payload.published:
        return minutes_services.publish_minutes(minutes=minutes, by=caller(request))
    return minutes_services.unpublish_minutes(minutes=minutes, by=caller(request))


# --- Decisions ----------------------------------------------------------------------------------------------------


@router.get("/events/{slug}/decisions", response={200: list[DecisionOut], **READ_ERRORS})
def list_meeting_decisions(request: HttpRequest, slug: str) -> list[Decision]:
    """A meeting's decisions in the order they were taken, each with its follow-up actions."""
    return selectors.decisions_of_event(_event(slug))


@router.post("/events/{slug}/decisions", auth=PERSON, response={201: DecisionOut, **WRITE_ERRORS})
def record_decision(request: HttpRequest, slug: str, payload: DecisionIn) -> Status[Decision]:
    """Record a decision of the meeting (a chair of its body, or the Secretariat)."""
    data = payload.model_dump()
    if data["decided_on"] is None:
        del data["decided_on"]
    decision = services.record_decision(
        event=_event(slug), by=caller(request), values=services.DecisionInput.of(data)
    )
    return Status(201, _decision(decision.pk))


@router.get("/decisions", response={200: list[DecisionOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_decisions(request: HttpRequest, body: str | None = None) -> QuerySet[Decision]:
    """Every recorded decision, newest first; ``body`` narrows to one body's meetings."""
    decisions = selectors.decisions()
    if body:
        decisions = decisions.filter(event__owner_body=body_by_slug(body, field="body"))
    return decisions


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **READ_ERRORS})
def get_decision(request: HttpRequest, decision_id: int) -> Decision:
    return _decision(decision_id)


@router.patch("/decisions/{decision_id}", auth=PERSON, response={200: DecisionOut, **WRITE_ERRORS})
def update_decision(request: HttpRequest, decision_id: int, payload: Patch[DecisionIn]) -> Decision:
    """Correct a decision (a chair of the body, or the Secretariat); its earlier wording stays in its history."""
    data = {name: value for name, value in payload.items() if not (name == "decided_on" and value is None)}
    services.update_decision(
        decision=_decision(decision_id), by=caller(request), values=services.DecisionInput.of(data)
    )
    return _decision(decision_id)


@router.delete("/decisions/{decision_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_decision(request: HttpRequest, decision_id: int) -> Status[None]:
    services.delete_decision(decision=_decision(decision_id), by=caller(request))
    return Status(204, None)


# --- Follow-up actions --------------------------------------------------------------------------------------------


@router.post(
    "/decisions/{decision_id}/actions", auth=PERSON, response={201: FollowUpActionOut, **WRITE_ERRORS}
)
def add_action(request: HttpRequest, decision_id: int, payload: FollowUpActionIn) -> Status[FollowUpAction]:
    """Give a body, an organisation or a person (exactly one) an action following the decision, due by a date."""
    action = services.add_follow_up_action(
        decision=_decision(decision_id), by=caller(request), values=_action_input(payload.model_dump())
    )
    return Status(201, _action(action.pk))


@router.get("/follow-up-actions", response={200: list[FollowUpActionOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_actions(request: HttpRequest, filters: Query[ActionsQuery]) -> QuerySet[FollowUpAction]:
    """Follow-up actions, soonest due first: of one body's meetings, of one status, or yours (``mine=true``)."""
    actions = selectors.follow_up_actions().prefetch_related("status_changes")
    if filters.mine:
        if not signed_in(request.user):
            raise PermissionDenied(_("Sign in to see your actions."))
        actions = selectors.actions_of(request.user).prefetch_related("status_changes")
    if filters.body:
        actions = actions.filter(decision__event__owner_body=body_by_slug(filters.body, field="body"))
    if filters.status:
        actions = actions.filter(status=filters.status)
    return actions


@router.get("/follow-up-actions/{action_id}", response={200: FollowUpActionOut, **READ_ERRORS})
def get_action(request: HttpRequest, action_id: int) -> FollowUpAction:
    return _action(action_id)


@router.patch(
    "/follow-up-actions/{action_id}", auth=PERSON, response={200: FollowUpActionOut, **WRITE_ERRORS}
)
def update_action(request: HttpRequest, action_id: int, payload: Patch[FollowUpActionIn]) -> FollowUpAction:
    """Change what the action is, who owns it or when it is due (a chair of the body, or the Secretariat)."""
    services.update_follow_up_action(
        action=_action(action_id), by=caller(request), values=_action_input(payload)
    )
    return _action(action_id)


@router.delete("/follow-up-actions/{action_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_action(request: HttpRequest, action_id: int) -> Status[None]:
    services.delete_follow_up_action(action=_action(action_id), by=caller(request))
    return Status(204, None)


@router.post(
    "/follow-up-actions/{action_id}/status", auth=PERSON, response={200: FollowUpActionOut, **WRITE_ERRORS}
)
def change_status(request: HttpRequest, action_id: int, payload: StatusIn) -> FollowUpAction:
    """Report the action in progress, done, dropped (with a note saying why) or open again (its owner)."""
    services.change_action_status(
        action=_action(action_id), by=caller(request), status=payload.status, note=payload.note, on=payload.on
    )
    return _action(action_id)
