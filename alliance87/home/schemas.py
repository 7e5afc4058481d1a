"""API schemas of a Pathfinder Country's path: each step with the event, plan and documents that serve it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.core.api.fields import InputSchema
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.countries.models import PathStep, PathStepKind
from alliance87.library.models import Item
from alliance87.meetings.models import Event
from alliance87.partners.schemas import OrganisationRef
from alliance87.plans.models import Plan

from .selectors import CompletenessGroup


class Link(Schema):
    slug: str
    title: str
    url: str


def _links(objects: object) -> list[Link]:
    return [Link(slug=o.slug, title=o.title, url=o.get_absolute_url()) for o in objects.all()]  # type: ignore[attr-defined]


class PathStepOut(Schema):
    id: int = Field(description="The step's number, for corrections (`PATCH`) and deletion.")
    provenance: ProvenanceOut = PROVENANCE_FIELD
    kind: PathStepKind
    label: str = Field(description="The step's name in the language of the request.")
    position: int = Field(description="Where the step stands on the path, from 1.")
    date: datetime.date
    responsible: str
    responsible_organisation: OrganisationRef | None
    signatory: str = Field(description="Who signed the letter of interest.")
    notes: str = Field(description="Markdown.")
    skip_reason: str = Field(description="Why the country went on without this step; empty for a step taken.")
    source: str
    is_illustrative: bool = Field(description="Not confirmed by a published source.")
    events: list[Link]
    plans: list[Link] = Field(description="Only the plans the caller may see.")
    documents: list[Link] = Field(description="Library items; only those the caller may see.")

    @staticmethod
    def resolve_label(step: PathStep) -> str:
        return str(step.get_kind_display())

    @staticmethod
    def resolve_events(step: PathStep) -> list[Link]:
        return _links(step.events)

    @staticmethod
    def resolve_plans(step: PathStep) -> list[Link]:
        return _links(step.plans)

    @staticmethod
    def resolve_documents(step: PathStep) -> list[Link]:
        return _links(step.documents)


class _StepFields(InputSchema):
    """The fields of a step that a new step and a correction share."""

    kind: PathStepKind
    date: datetime.date
    responsible: str = Field("", max_length=200)
    responsible_organisation: str | None = Field(None, description="Slug of the responsible organisation.")
    signatory: str = Field("", max_length=200)
    notes: str = ""
    skip_reason: str = Field("", description="Set when the country went on without taking this step.")
    source: str = Field("", max_length=500)
    is_illustrative: bool = False


class PathStepIn(_StepFields):
    earlier_steps_reason: str = Field(
        "",
        description="Why the earlier steps not on record were passed by; each is then recorded as passed by.",
    )
    event: str | None = Field(None, description="Slug of the country's event that served this step.")
    plan: str | None = Field(None, description="Slug of the country's plan adopted at this step.")
    documents: list[str] = Field([], description="Slugs of library items.")


class PathStepCorrectionIn(_StepFields):
    """A correction of a recorded step: the fields that change, and why."""

    reason: str = Field(description="Why the step is corrected; kept in the step's history.")
    skip_reason: str = Field("", description="Set to mark the step as passed by, with the reason.")


class DeletionQuery(Schema):
    reason: str = Field(description="Why the step is deleted; kept in the audit log.")


def event_by_slug(slug: str | None) -> Event | None:
    if slug is None:
        return None
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise ValidationError({"event": _("There is no event “%(slug)s”.") % {"slug": slug}})
    return event


def plan_by_slug(slug: str | None) -> Plan | None:
    if slug is None:
        return None
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise ValidationError({"plan": _("There is no plan “%(slug)s”.") % {"slug": slug}})
    return plan


def library_items(slugs: list[str]) -> list[Item]:
    items = {item.slug: item for item in Item.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in items]
    if unknown:
        raise ValidationError({"documents": _("There is no library item “%(slug)s”.") % {"slug": unknown[0]}})
    return [items[slug] for slug in slugs]


class CompletenessCounts(Schema):
    expected: int = Field(description="Values expected: periods of adopted or implemented plans that ended.")
    reported: int = Field(description="Values entered, whatever their review status.")
    submitted: int = Field(description="Values awaiting review.")
    approved: int
    late: int = Field(description="Past their due date without a value submitted or approved.")


class CommitmentCounts(Schema):
    total: int = Field(description="Deliverables of partners' commitments.")
    reported: int = Field(description="Every report due is in.")
    without_report: int = Field(description="A yearly report that is due is missing.")
    not_due_yet: int
    late: int = Field(description="Past its due date, not reported delivered or dropped.")
    on_time: int
    delivered: int
    dropped: int


class FollowUpCounts(Schema):
    open: int = Field(description="Open or in progress, overdue ones included.")
    overdue: int
    done: int
    dropped: int


class CompletenessPlanOut(Schema):
    slug: str
    title: str
    url: str
    counts: CompletenessCounts


class CompletenessGroupOut(Schema):
    kind: str = Field(description="`body` or `country`.")
    name: str
    url: str
    plans: list[CompletenessPlanOut]
    total: CompletenessCounts
    commitments: CommitmentCounts | None = Field(None, description="None when no deliverable is recorded.")
    follow_ups: FollowUpCounts | None = Field(None, description="Of the body's meetings' decisions.")

    @staticmethod
    def resolve_plans(group: CompletenessGroup) -> list[dict[str, Any]]:
        return [
            {"slug": plan.slug, "title": plan.title, "url": plan.get_absolute_url(), "counts": counts}
            for plan, counts in group.plans
        ]


class CompletenessOut(Schema):
    year: int = Field(description="Reporting periods ending in this year.")
    as_of: datetime.date
    groups: list[CompletenessGroupOut]
    total: CompletenessCounts
    commitments: CommitmentCounts | None = None
    follow_ups: FollowUpCounts | None = None


class CompletenessQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="The last full year when absent.")
    as_of: datetime.date | None = Field(None, description="Today when absent.")
