"""Registrations for events, the waiting list and organisers' approvals.

Registration is the one place where people race each other for places: every change to an event's
registrations first locks the event row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs write transactions
one at a time, see settings ``transaction_mode``), then counts the places under that lock.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.emails import queue_email

from ..models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from ..permissions import can_edit_event

if TYPE_CHECKING:
    pass

from .common import check_editor


def _notify(registration: Registration, reason: str) -> None:
    if registration.user.email:
        queue_email(
            template="meetings/email/registration",
            to=[registration.user.email],
            context={"registration": registration, "event": registration.event, "reason": reason},
            language=registration.user.preferred_language,
        )


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def _has_room(event: Event) -> bool:
    return event.capacity is None or _registered_count(event) < event.capacity


def _next_waitlist_position(event: Event) -> int:
    last = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).aggregate(
        last=Max("position")
    )["last"]
    return (last or 0) + 1


def promote_waitlisted(event: Event) -> list[Registration]:
    """Give free places to the waiting list, first come first served; the caller holds the event lock."""
    promoted = []
    while _has_room(event):
        first = (
            Registration.objects.select_for_update()
            .select_related("user", "event")
            .filter(event=event, status=RegistrationStatus.WAITLISTED)
            .order_by("position", "created_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = RegistrationStatus.REGISTERED
        first.position = 0
        first.save(update_fields=["status", "position", "updated_at"])
        _notify(first, "promoted")
        promoted.append(first)
    return promoted


def registration_closed_reason(event: Event, now: datetime.datetime | None = None) -> str:
    """Why nobody can register now ("" when registration is open)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if event.ends_at < now:
        return _("This event is over.")
    if event.registration_deadline and event.registration_deadline < now:
        return _("Registration for this event has closed.")
    return ""


@transaction.atomic
def register(*, event: Event, user: User) -> Registration:
    """Register a person: a place if one is free, else the waiting list; for a closed meeting, a request the
    organisers approve. The person is told by e-mail."""
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Sign in to register."))
    locked = _lock(event)
    reason = registration_closed_reason(locked)
    if reason:
        raise ValidationError(reason)
    registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
    if registration is not None:
        if registration.status == RegistrationStatus.DECLINED:
            raise ValidationError(_("The organisers have declined your registration for this event."))
        if registration.status != RegistrationStatus.CANCELLED:
            raise ValidationError(_("You are already registered for this event."))
    else:
        registration = Registration(event=locked, user=user)
    if not locked.is_open:
        registration.status, registration.position = RegistrationStatus.PENDING, 0
    elif _has_room(locked):
        registration.status, registration.position = RegistrationStatus.REGISTERED, 0
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.position = _next_waitlist_position(locked)
    registration.decided_by, registration.decided_at = None, None
    registration.save()
    registration.event = locked
    _notify(registration, str(registration.status))
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User) -> Registration:
    """The participant withdraws (or an editor removes them); a freed place goes to the first on the waiting list."""
    if not (by.pk == registration.user_id or can_edit_event(by, registration.event)):
        raise PermissionDenied(_("You may not cancel this registration."))
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.PENDING,
    ):
        raise ValidationError(_("This registration is not active."))
    held_a_place = locked.status == RegistrationStatus.REGISTERED
    locked.status, locked.position = RegistrationStatus.CANCELLED, 0
    locked.save(update_fields=["status", "position", "updated_at"])
    if held_a_place and event.status == EventStatus.SCHEDULED:
        promote_waitlisted(event)
    return locked


@transaction.atomic
def approve_registration(*, registration: Registration, by: User) -> Registration:
    """Accept a request to attend a closed meeting: a place if one is free, else the waiting list."""
    check_editor(by, registration.event)
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a request waiting for approval can be approved."))
    if _has_room(event):
        locked.status, locked.position = RegistrationStatus.REGISTERED, 0
    else:
        locked.status, locked.position = RegistrationStatus.WAITLISTED, _next_waitlist_position(event)
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save()
    locked.event = event
    _notify(locked, "approved" if locked.status == RegistrationStatus.REGISTERED else "waitlisted")
    return locked


@transaction.atomic
def decline_registration(*, registration: Registration, by: User) -> Registration:
    """Turn a participant down (a request, a waiting-list place or a place); a freed place moves the list on."""
    check_editor(by, registration.event)
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if locked.status not in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REGISTERED,
    ):
        raise ValidationError(_("This registration is not active."))
    held_a_place = locked.status == RegistrationStatus.REGISTERED
    locked.status, locked.position = RegistrationStatus.DECLINED, 0
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save()
    locked.event = event
    _notify(locked, "declined")
    if held_a_place and event.status == EventStatus.SCHEDULED:
        promote_waitlisted(event)
    return locked
