"""Decisions a meeting takes and the follow-up actions they give a body, an organisation or a person to do.

Dates are the partnership's calendar dates (`date`), checked in order: a decision is taken on or after the day the
meeting starts and never in the future; an action is due on or after its decision; a status changes on or after
the last change, never in the future. Every status change is kept as a dated record (`ActionStatusChange`), so the
status of an action on any past day can be read back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.partners.models import Organisation

from ..decision_models import ActionStatusChange, Decision, FollowUpAction, FollowUpStatus
from ..decision_permissions import can_record_decisions, can_update_action
from ..models import Event
from .common import FIRST_YEAR, LAST_YEAR


@dataclass(frozen=True, kw_only=True)
class DecisionInput(ServiceInput):
    """A decision of a meeting (unset fields keep their values; a new decision without a number gets the next)."""

    number: str | Unset = UNSET
    text: str | Unset = UNSET
    decided_on: datetime.date | Unset = UNSET
    source: str | Unset = UNSET
    source_url: str | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class FollowUpActionInput(ServiceInput):
    """A follow-up action: what, by whom (one body, organisation or person) and by when."""

    description: str | Unset = UNSET
    owner_body: Body | Unset | None = UNSET
    owner_organisation: Organisation | Unset | None = UNSET
    owner_person: User | Unset | None = UNSET
    due_date: datetime.date | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


DECISION_FIELDS = DecisionInput.field_names()
FOLLOW_UP_FIELDS = FollowUpActionInput.field_names()
OWNER_FIELDS = ("owner_body", "owner_organisation", "owner_person")


def _check_recorder(by: User, event: Event) -> None:
    if not can_record_decisions(by, event):
        raise PermissionDenied(
            _("Only a chair of the body or the Secretariat records the meeting's decisions.")
        )


def _check_date(field: str, value: datetime.date | None) -> None:
    if value is None:
        raise ValidationError({field: _("Give a date.")})
    if not (FIRST_YEAR <= value.year <= LAST_YEAR):
        raise ValidationError(
            {
                field: _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


def _meeting_day(event: Event) -> datetime.date:
    return event.local_starts_at.date()


def _next_number(event: Event) -> str:
    numbers = set(Decision.objects.filter(event=event).values_list("number", flat=True))
    candidate = len(numbers) + 1
    while str(candidate) in numbers:
        candidate += 1
    return str(candidate)


def _validate_decision(decision: Decision, event: Event) -> None:
    if not decision.text.strip():
        raise ValidationError({"text": _("Write what was decided.")})
    if not decision.number.strip():
        raise ValidationError({"number": _("Give the decision a number.")})
    _check_date("decided_on", decision.decided_on)
    if decision.decided_on < _meeting_day(event):
        raise ValidationError(
            {
                "decided_on": _("A decision cannot be taken before the meeting starts (%(day)s).")
                % {"day": _meeting_day(event).isoformat()}
            }
        )
    if decision.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be recorded before the day it is taken.")})
    if Decision.objects.filter(event=event, number=decision.number).exclude(pk=decision.pk).exists():
        raise ValidationError({"number": _("This meeting already has a decision with this number.")})
    decision.full_clean(exclude=["event"], validate_constraints=False)


@transaction.atomic
def record_decision(*, event: Event, by: User, values: DecisionInput) -> Decision:
    """Record a decision the meeting took (a chair of its body, or the Secretariat)."""
    _check_recorder(by, event)
    Event.objects.select_for_update().get(pk=event.pk)  # two chairs numbering at once get distinct numbers
    decision = Decision(event=event, decided_on=_meeting_day(event), number="")
    _assign(decision, values)
    if not decision.number:
        decision.number = _next_number(event)
    _validate_decision(decision, event)
    decision.save()
    return decision


@transaction.atomic
def update_decision(*, decision: Decision, by: User, values: DecisionInput) -> Decision:
    """Correct a recorded decision; its earlier wording stays in its history."""
    _check_recorder(by, decision.event)
    locked = Decision.objects.select_for_update().select_related("event").get(pk=decision.pk)
    _assign(locked, values)
    _validate_decision(locked, locked.event)
    if locked.actions.filter(due_date__lt=locked.decided_on).exists():
        raise ValidationError({"decided_on": _("An action of this decision falls due before this date.")})
    locked.save()
    return locked


@transaction.atomic
def delete_decision(*, decision: Decision, by: User) -> None:
    """Remove a decision recorded by mistake, with its follow-up actions."""
    _check_recorder(by, decision.event)
    decision.delete()


def _assign(instance: Decision | FollowUpAction, values: ServiceInput) -> None:
    for field, value in values.given().items():
        setattr(instance, field, value.strip() if isinstance(value, str) and field != "text" else value)


def _validate_action(action: FollowUpAction, decision: Decision) -> None:
    if not action.description.strip():
        raise ValidationError({"description": _("Say what is to be done.")})
    owners = [name for name in OWNER_FIELDS if getattr(action, f"{name}_id") is not None]
    if not owners:
        raise ValidationError(
            {"owner_body": _("Choose who owns the action: a body, an organisation or a person.")}
        )
    if len(owners) > 1:
        raise ValidationError(
            {owners[1]: _("An action is owned by one body, one organisation or one person.")}
        )
    if action.owner_person is not None and not action.owner_person.is_active:
        raise ValidationError({"owner_person": _("This person's account is closed; choose someone else.")})
    _check_date("due_date", action.due_date)
    if action.due_date < decision.decided_on:
        raise ValidationError(
            {
                "due_date": _("An action cannot fall due before its decision (%(day)s).")
                % {"day": decision.decided_on.isoformat()}
            }
        )
    action.full_clean(exclude=["decision"])


@transaction.atomic
def add_follow_up_action(*, decision: Decision, by: User, values: FollowUpActionInput) -> FollowUpAction:
    """Give a body, an organisation or a person something to do by a date, following a decision; it starts open."""
    _check_recorder(by, decision.event)
    action = FollowUpAction(
        decision=decision,
        description="",
        status=FollowUpStatus.OPEN,
        status_changed_on=decision.decided_on,
    )
    _assign(action, values)
    _validate_action(action, decision)
    action.save()
    ActionStatusChange.objects.create(
        action=action,
        status=FollowUpStatus.OPEN,
        changed_on=decision.decided_on,
        changed_by=by,
        is_demo=action.is_demo,
    )
    return action


@transaction.atomic
def update_follow_up_action(
    *, action: FollowUpAction, by: User, values: FollowUpActionInput
) -> FollowUpAction:
    """Change what an action is, who owns it or when it is due (not its status: see `change_action_status`)."""
    _check_recorder(by, action.decision.event)
    locked = FollowUpAction.objects.select_for_update().select_related("decision").get(pk=action.pk)
    given = values.given()
    if any(name in given for name in OWNER_FIELDS):
        # A new owner replaces the old one: the form sends one of the three.
        for name in OWNER_FIELDS:
            setattr(locked, name, given.get(name))
    _assign(locked, values)
    _validate_action(locked, locked.decision)
    locked.save()
    return locked


@transaction.atomic
def delete_follow_up_action(*, action: FollowUpAction, by: User) -> None:
    _check_recorder(by, action.decision.event)
    action.delete()


@transaction.atomic
def change_action_status(
    *,
    action: FollowUpAction,
    by: User,
    status: str,
    note: str = "",
    on: datetime.date | None = None,
) -> FollowUpAction:
    """Report an action in progress, done or dropped (or open again), with a note, on a date (today by default).

    Its owner or those who record the meeting's decisions; dropping an action needs a note saying why.
    """
    if not can_update_action(by, action):
        raise PermissionDenied(
            _("Only the action's owner, a chair of the body or the Secretariat changes its status.")
        )
    locked = FollowUpAction.objects.select_for_update().select_related("decision").get(pk=action.pk)
    if status not in FollowUpStatus.values:
        raise ValidationError(
            {
                "status": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(map(str, FollowUpStatus.labels))}
            }
        )
    note = (note or "").strip()
    if status == FollowUpStatus.DROPPED and not note:
        raise ValidationError({"note": _("Say why the action is dropped.")})
    if len(note) > 500:
        raise ValidationError({"note": _("Keep the note under 500 characters.")})
    on = on or timezone.localdate()
    _check_date("on", on)
    if status == locked.status:
        raise ValidationError(
            {"status": _("The action is already “%(status)s”.") % {"status": locked.get_status_display()}}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("A status cannot change on a day still to come.")})
    if on < locked.status_changed_on:
        raise ValidationError(
            {
                "on": _("The status last changed on %(day)s; give that day or a later one.")
                % {"day": locked.status_changed_on.isoformat()}
            }
        )
    locked.status, locked.status_note, locked.status_changed_on = status, note, on
    locked.save(update_fields=["status", "status_note", "status_changed_on", "updated_at"])
    ActionStatusChange.objects.create(
        action=locked, status=status, note=note, changed_on=on, changed_by=by, is_demo=locked.is_demo
    )
    return locked
