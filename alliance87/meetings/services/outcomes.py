"""What an event decided or agreed (outcomes) and its roadmap actions, which plans may track."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.partners.models import Organisation
from alliance87.plans import services as plan_services
from alliance87.plans.permissions import can_edit_plan

from ..models import (
    Event,
    OutcomeNote,
    RoadmapAction,
)

if TYPE_CHECKING:
    from alliance87.plans.models import Plan, ResultNode

from .common import check_editor


@dataclass(frozen=True, kw_only=True)
class OutcomeInput(ServiceInput):
    """A decision, an agreed priority or a research question of an event."""

    kind: str | Unset = UNSET
    text: str | Unset = UNSET
    position: int | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class RoadmapActionInput(ServiceInput):
    """An action of an event's roadmap: who is responsible, and when it is due."""

    description: str | Unset = UNSET
    responsible_organisation: Organisation | Unset | None = UNSET
    due_date: datetime.date | Unset | None = UNSET
    status: str | Unset = UNSET
    position: int | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


OUTCOME_FIELDS = OutcomeInput.field_names()
ACTION_FIELDS = RoadmapActionInput.field_names()


def _save_child(
    model: type[OutcomeNote] | type[RoadmapAction],
    *,
    event: Event,
    by: User,
    values: OutcomeInput | RoadmapActionInput,
    instance: Any,
) -> Any:
    check_editor(by, event)
    if instance is not None and instance.event_id != event.pk:
        raise ValidationError(_("This record belongs to another event."))
    if instance is None:
        last = model.objects.filter(event=event).aggregate(last=Max("position"))["last"]
        instance = model(event=event, position=(last or 0) + 1)
    for field, value in values.given().items():
        setattr(instance, field, value.strip() if isinstance(value, str) else value)
    instance.full_clean(exclude=["event", "plan_activity"])
    instance.save()
    return instance


@transaction.atomic
def save_outcome(
    *, event: Event, by: User, values: OutcomeInput, outcome: OutcomeNote | None = None
) -> OutcomeNote:
    """Record a decision, an agreed priority or a research question of an event."""
    return _save_child(OutcomeNote, event=event, by=by, values=values, instance=outcome)


@transaction.atomic
def delete_outcome(*, outcome: OutcomeNote, by: User) -> None:
    check_editor(by, outcome.event)
    outcome.delete()


@transaction.atomic
def save_roadmap_action(
    *, event: Event, by: User, values: RoadmapActionInput, action: RoadmapAction | None = None
) -> RoadmapAction:
    """Record an action of an event's roadmap, with who is responsible and when it is due."""
    return _save_child(RoadmapAction, event=event, by=by, values=values, instance=action)


@transaction.atomic
def delete_roadmap_action(*, action: RoadmapAction, by: User) -> None:
    check_editor(by, action.event)
    action.delete()


def _check_plan_editor(by: User, plan: Plan) -> None:
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors can add or link activities in it."))


@transaction.atomic
def turn_action_into_plan_activity(
    *, action: RoadmapAction, by: User, plan: Plan, parent: ResultNode | None, title: str = ""
) -> ResultNode:
    """Create a result in a plan's framework for a roadmap action, so what the workshop decided is tracked there."""
    check_editor(by, action.event)
    _check_plan_editor(by, plan)
    if action.plan_activity_id:
        raise ValidationError(_("This action is already tracked as a plan activity."))
    node = plan_services.framework.add_node(
        plan=plan,
        by=by,
        parent=parent,
        title=(title or action.description).strip()[:500],
        description=_("From the roadmap of %(event)s.") % {"event": action.event.title},
        due_date=action.due_date,
        responsible_organisations=[action.responsible_organisation]
        if action.responsible_organisation
        else [],
    )
    action.plan_activity = node
    action.save(update_fields=["plan_activity", "updated_at"])
    return node


@transaction.atomic
def link_action_to_plan_activity(
    *, action: RoadmapAction, by: User, node: ResultNode | None
) -> RoadmapAction:
    """Link a roadmap action to an existing result of a plan (or unlink it with None)."""
    check_editor(by, action.event)
    if node is not None:
        _check_plan_editor(by, node.plan)
    action.plan_activity = node
    action.save(update_fields=["plan_activity", "updated_at"])
    return action
