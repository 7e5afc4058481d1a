"""Schemas of the decisions API (decision_api.py): minutes, decisions, follow-up actions and their status."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

from alliance87.accounts.models import User
from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import InputSchema
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.partners.schemas import OrganisationRef

from .decision_models import ActionStatusChange, FollowUpAction, FollowUpStatus, Minutes


class EventBrief(Schema):
    slug: str
    title: str
    owner_body: BodyRef | None


class MinutesOut(Schema):
    event: EventBrief
    text: str = Field(description="Markdown; sanitised when shown on the page.")
    is_published: bool
    published_at: datetime.datetime | None
    is_illustrative: bool

    @staticmethod
    def resolve_is_published(minutes: Minutes) -> bool:
        return minutes.is_published


class MinutesIn(InputSchema):
    text: str = Field(min_length=1, max_length=100_000)


class PublishIn(InputSchema):
    published: bool = Field(description="true publishes the minutes; false takes them back to the members.")


class PersonRef(Schema):
    name: str

    @staticmethod
    def resolve_name(user: User) -> str:
        return str(user)


class StatusChangeOut(Schema):
    status: FollowUpStatus
    changed_on: datetime.date
    note: str


class FollowUpActionOut(Schema):
    id: int
    decision: int = Field(description="Id of the decision.")
    description: str
    owner_body: BodyRef | None
    owner_organisation: OrganisationRef | None
    owner_person: PersonRef | None
    due_date: datetime.date
    status: FollowUpStatus
    status_changed_on: datetime.date
    status_note: str
    is_overdue: bool = Field(description="Still open or in progress after its due date, today.")
    is_illustrative: bool
    status_history: list[StatusChangeOut]

    @staticmethod
    def resolve_decision(action: FollowUpAction) -> int:
        return action.decision_id

    @staticmethod
    def resolve_is_overdue(action: FollowUpAction) -> bool:
        from django.utils import timezone

        return action.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_status_history(action: FollowUpAction) -> list[ActionStatusChange]:
        return list(action.status_changes.all())


class DecisionOut(Schema):
    id: int
    event: EventBrief
    number: str
    text: str = Field(description="Markdown.")
    decided_on: datetime.date
    provenance: ProvenanceOut = PROVENANCE_FIELD
    actions: list[FollowUpActionOut]

    @staticmethod
    def resolve_actions(decision: object) -> list[FollowUpAction]:
        return list(decision.actions.all())  # type: ignore[attr-defined]


class DecisionIn(InputSchema):
    number: str = Field("", max_length=40, description="Empty for the meeting's next number.")
    text: str = Field(min_length=1)
    decided_on: datetime.date | None = Field(None, description="Defaults to the meeting's first day.")
    source: str = Field(
        "", max_length=500, description="Title and publisher of the document that publishes it."
    )
    source_url: str = Field("", max_length=500, description="The address where it is published.")
    is_illustrative: bool = False


class FollowUpActionIn(InputSchema):
    description: str = Field(min_length=1)
    owner_body: str | None = Field(None, description="Slug of the owner body (give exactly one owner).")
    owner_organisation: str | None = Field(None, description="Slug of the owner organisation.")
    owner_person: str | None = Field(None, description="E-mail address of the owner person.")
    due_date: datetime.date
    is_illustrative: bool = False


class StatusIn(InputSchema):
    status: FollowUpStatus
    note: str = Field("", max_length=500)
    on: datetime.date | None = Field(None, description="The day the status changed; today when omitted.")


class ActionsQuery(Schema):
    body: str | None = Field(None, description="Slug of the body whose meetings decided the actions.")
    mine: bool = Field(False, description="Only the actions you answer for (signed in).")
    status: FollowUpStatus | None = None
