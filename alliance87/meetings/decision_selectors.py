"""Reads of meetings' decisions and follow-up actions: a body's record, a person's actions, and counts "as of" a
day for the completeness dashboard.

The status of an action on a past day is its latest `ActionStatusChange` on or before that day (one subquery);
the counts are one query whatever the number of actions.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body, RoleTerm

from .decision_models import (
    PENDING_STATUSES,
    ActionStatusChange,
    Decision,
    FollowUpAction,
    FollowUpStatus,
    Minutes,
)
from .decision_permissions import can_read_minutes, owned_actions, readable_minutes
from .models import Event

OwnerKind = Literal["body", "organisation", "person"]


@dataclass(frozen=True)
class ActionCounts:
    """Follow-up actions on one day: still to do (of which overdue), done, dropped."""

    open: int = 0
    overdue: int = 0
    done: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.open + self.done + self.dropped

    def plus(self, status: str, *, overdue: bool) -> ActionCounts:
        return ActionCounts(
            open=self.open + (status in PENDING_STATUSES),
            overdue=self.overdue + overdue,
            done=self.done + (status == FollowUpStatus.DONE),
            dropped=self.dropped + (status == FollowUpStatus.DROPPED),
        )


@dataclass(frozen=True)
class OwnerKey:
    """Who owns actions: a body, an organisation or a person, by id."""

    kind: OwnerKind
    pk: int


#: One action on a day: the body whose meeting decided it, its owner (body, organisation, person), its status
#: that day and its due date.
Row = tuple[int | None, int | None, int | None, int | None, str | None, datetime.date]


def _rows(as_of: datetime.date, condition: Q) -> list[Row]:
    """Actions that existed on `as_of` (their decision taken by then), each with its status on that day."""
    status_then = (
        ActionStatusChange.objects.filter(action=OuterRef("pk"), changed_on__lte=as_of)
        .order_by("-changed_on", "-pk")
        .values("status")[:1]
    )
    rows = (
        FollowUpAction.objects.filter(decision__decided_on__lte=as_of)
        .filter(condition)
        .annotate(status_then=Subquery(status_then))
        .values_list(
            "decision__event__owner_body_id",
            "owner_body_id",
            "owner_organisation_id",
            "owner_person_id",
            "status_then",
            "due_date",
        )
    )
    return list(rows)


def follow_up_counts_by_body(
    *, as_of: datetime.date, bodies: Iterable[Body] | None = None
) -> dict[int, ActionCounts]:
    """Per body whose meetings decided them: follow-up actions open, overdue, done and dropped on `as_of`.

    Bodies with no action are absent (read a missing key as `ActionCounts()`). An action is overdue on `as_of`
    when it was still open or in progress that day and its due date was before it.
    """
    condition = Q(decision__event__owner_body__isnull=False)
    if bodies is not None:
        condition &= Q(decision__event__owner_body__in=[body.pk for body in bodies])
    counts: dict[int, ActionCounts] = defaultdict(ActionCounts)
    for body_id, _b, _o, _p, status, due in _rows(as_of, condition):
        if body_id is not None and status:
            counts[body_id] = counts[body_id].plus(status, overdue=status in PENDING_STATUSES and due < as_of)
    return dict(counts)


def follow_up_counts_by_owner(
    *, as_of: datetime.date, condition: Q | None = None
) -> dict[OwnerKey, ActionCounts]:
    """Per owner (a body, an organisation or a person): follow-up actions open, overdue, done, dropped on `as_of`.

    `condition` narrows the actions (e.g. ``Q(decision__event__owner_body=gcg)`` for one body's decisions).
    """
    counts: dict[OwnerKey, ActionCounts] = defaultdict(ActionCounts)
    for _meeting_body, body_id, organisation_id, person_id, status, due in _rows(as_of, condition or Q()):
        if not status:
            continue
        if body_id is not None:
            key = OwnerKey("body", body_id)
        elif organisation_id is not None:
            key = OwnerKey("organisation", organisation_id)
        else:
            key = OwnerKey("person", person_id or 0)
        counts[key] = counts[key].plus(status, overdue=status in PENDING_STATUSES and due < as_of)
    return dict(counts)


def _with_actions(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    actions = FollowUpAction.objects.select_related("owner_body", "owner_organisation", "owner_person")
    return decisions.select_related("event__owner_body").prefetch_related(
        Prefetch("actions", queryset=actions), "actions__status_changes"
    )


def decisions_of_body(body: Body, *, limit: int = 10) -> list[Decision]:
    """The body's latest decisions (its meetings'), newest first, each with its follow-up actions."""
    return list(_with_actions(Decision.objects.filter(event__owner_body=body))[:limit])


def decisions_of_event(event: Event) -> list[Decision]:
    """A meeting's decisions in number order, each with its follow-up actions."""
    return list(_with_actions(Decision.objects.filter(event=event)).order_by("decided_on", "pk"))


def decisions() -> QuerySet[Decision]:
    """Every decision (they are the bodies' public record), newest first, with its meeting and actions."""
    return _with_actions(Decision.objects.all())


def decision_detail(pk: int) -> Decision:
    decision: Decision = _with_actions(Decision.objects.all()).get(pk=pk)
    return decision


def follow_up_actions() -> QuerySet[FollowUpAction]:
    """Every follow-up action with its decision, meeting and owner, soonest due first."""
    return FollowUpAction.objects.select_related(
        "decision__event__owner_body", "owner_body", "owner_organisation", "owner_person"
    ).order_by("due_date", "pk")


def actions_of(person: Person) -> QuerySet[FollowUpAction]:
    """The actions this person answers for (their own, their organisations', the bodies they chair)."""
    return follow_up_actions().filter(owned_actions(person))


def overdue_actions(*, on: datetime.date) -> QuerySet[FollowUpAction]:
    """Every action still open or in progress whose due date is before the day, soonest due first."""
    return follow_up_actions().filter(status__in=PENDING_STATUSES, due_date__lt=on)


def overdue_actions_of(person: Person, *, on: datetime.date) -> QuerySet[FollowUpAction]:
    """The overdue actions this person answers for (their own, their organisations', the bodies they chair)."""
    return overdue_actions(on=on).filter(owned_actions(person))


def pending_first(actions: Iterable[FollowUpAction]) -> list[FollowUpAction]:
    """Open and in-progress actions first (soonest due first), then done and dropped ones."""
    return sorted(actions, key=lambda action: (not action.is_pending, action.due_date, action.pk))


def status_changes(action: FollowUpAction) -> QuerySet[ActionStatusChange]:
    return action.status_changes.select_related("changed_by").order_by("changed_on", "pk")


def minutes_of(event: Event) -> Minutes | None:
    """The meeting's minutes whoever may read them (check `MeetingRights.can_read` before showing them)."""
    minutes = Minutes.objects.filter(event=event).first()
    if minutes is not None:
        minutes.event = event
    return minutes


def minutes_for(person: Person, event: Event) -> Minutes | None:
    """The meeting's minutes if this person may read them, else None (a visitor never learns of drafts)."""
    minutes = Minutes.objects.filter(event=event).select_related("event").first()
    if minutes is None or not can_read_minutes(person, minutes):
        return None
    return minutes


def minutes_visible_to(person: Person) -> QuerySet[Minutes]:
    """Every minutes this person may read, newest meeting first."""
    return (
        Minutes.objects.filter(readable_minutes(person))
        .distinct()
        .select_related("event")
        .order_by("-event__starts_at")
    )


def possible_owner_people(event: Event) -> QuerySet[User]:
    """People an action of this meeting may be given to: those of the body's current member organisations and its
    role representatives (or of the country's focal institution). A chooser never lists every account."""
    if event.owner_body_id is not None:
        terms = RoleTerm.objects.current().filter(body_id=event.owner_body_id)
        condition = Q(organisation_memberships__organisation_id__in=terms.values("organisation_id")) | Q(
            role_terms__in=terms
        )
    else:
        condition = Q(organisation_memberships__organisation__pathfinder_countries__pk=event.owner_country_id)
    return User.objects.filter(condition, is_active=True).distinct().order_by("first_name", "last_name", "pk")


def next_day_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next local midnight while an action is still to do: "Due in 3 days" becomes "Due in 2 days" then."""
    if not FollowUpAction.objects.filter(status__in=PENDING_STATUSES).exists():
        return None
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
