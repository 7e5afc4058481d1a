"""Schemas of the events API (meetings/api.py): events, agenda, registrations, outcomes, roadmaps."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.accounts.types import Person
from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import CountryCode, InputSchema, country_code_of
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.translations import TranslatedOut, TranslationsIn
from alliance87.core.api.versions import VersionedIn, VersionedOut
from alliance87.library.selectors import visible_items
from alliance87.meetings.ics import event_uid
from alliance87.meetings.models import (
    ActionStatus,
    AgendaSession,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    OrganiserRole,
    OutcomeKind,
    Registration,
    RegistrationStatus,
    RoadmapAction,
)
from alliance87.partners.schemas import OrganisationRef

if TYPE_CHECKING:
    from alliance87.library.models import Item


class OrganiserOut(Schema):
    organisation: OrganisationRef
    role: OrganiserRole


class EventOut(TranslatedOut, Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    slug: str
    kind: EventKind
    title: str
    description: str = Field(description="Markdown.")
    owner_body: BodyRef | None
    owner_country: str | None = Field(description="ISO 3166 alpha-2 code of the owner Pathfinder Country.")
    starts_at: datetime.datetime = Field(description="In UTC.")
    ends_at: datetime.datetime = Field(description="In UTC.")
    timezone: str = Field(description="The IANA time zone where the event takes place.")
    starts_at_local: datetime.datetime = Field(
        description="The start on the clocks of the event's time zone."
    )
    ends_at_local: datetime.datetime
    venue: str
    city: str
    country: str = Field(description="ISO 3166 alpha-2 code of where it takes place.")
    online_url: str
    organisers: list[OrganiserOut]
    is_open: bool = Field(description="False: the organisers approve each registration.")
    capacity: int | None = Field(description="Places; null for no limit.")
    registration_deadline: datetime.datetime | None
    status: EventStatus
    sequence: int = Field(description="iCalendar SEQUENCE: raised on every significant change.")
    uid: str = Field(description="iCalendar UID, stable for the event's life.")
    is_illustrative: bool
    url: str
    ics_url: str

    resolve_country = staticmethod(country_code_of)

    @staticmethod
    def resolve_owner_country(event: Event) -> str | None:
        return event.owner_country.code if event.owner_country else None

    @staticmethod
    def resolve_starts_at_local(event: Event) -> datetime.datetime:
        return event.local_starts_at

    @staticmethod
    def resolve_ends_at_local(event: Event) -> datetime.datetime:
        return event.local_ends_at

    @staticmethod
    def resolve_organisers(event: Event) -> list[EventOrganiser]:
        return list(event.organiser_links.all())

    @staticmethod
    def resolve_uid(event: Event) -> str:
        return event_uid(event)

    @staticmethod
    def resolve_url(event: Event) -> str:
        return event.get_absolute_url()

    @staticmethod
    def resolve_ics_url(event: Event) -> str:
        return f"/events/{event.slug}.ics"


class DocumentRef(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(item: Item) -> str:
        return item.get_absolute_url()


class SessionOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    title: str
    description: str
    speakers: str
    documents: list[DocumentRef] = Field(description="Library items you may see.")

    @staticmethod
    def resolve_documents(session: AgendaSession, context: dict[str, Any]) -> list[Item]:
        """The documents the requester may see: as the event selector prefetched them, or filtered here (a
        session just created or changed), never every attached document."""
        if "documents" in getattr(session, "_prefetched_objects_cache", {}):
            return list(session.documents.all())
        user = context["request"].user
        return list(visible_items(user).filter(agenda_sessions=session).distinct().order_by("title"))


class OutcomeOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    id: int
    kind: OutcomeKind
    text: str
    position: int
    is_illustrative: bool


class PlanActivityRef(Schema):
    id: int
    title: str
    plan: str = Field(description="Slug of the plan.")

    @staticmethod
    def resolve_plan(node: Any) -> str:
        return node.plan.slug


class RoadmapActionOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    id: int
    description: str
    responsible_organisation: OrganisationRef | None
    due_date: datetime.date | None
    status: ActionStatus
    position: int
    is_illustrative: bool
    plan_activity: PlanActivityRef | None


class EventDetailOut(EventOut, VersionedOut):
    registered_count: int
    waitlisted_count: int
    agenda: list[SessionOut]
    outcomes: list[OutcomeOut]
    roadmap: list[RoadmapActionOut]

    @staticmethod
    def resolve_agenda(event: Event) -> list[AgendaSession]:
        return list(event.sessions.all())

    @staticmethod
    def resolve_outcomes(event: Event) -> list[Any]:
        return list(event.outcomes.all())

    @staticmethod
    def resolve_roadmap(event: Event) -> list[RoadmapAction]:
        return list(event.roadmap.all())


class RegistrationOut(Schema):
    id: int
    event: str = Field(description="Slug of the event.")
    name: str
    email: str
    status: RegistrationStatus
    position: int = Field(description="Place on the waiting list (0 when not waiting).")
    created_at: datetime.datetime
    decided_at: datetime.datetime | None

    @staticmethod
    def resolve_event(registration: Registration) -> str:
        return registration.event.slug

    @staticmethod
    def resolve_name(registration: Registration) -> str:
        return registration.user.display_name

    @staticmethod
    def resolve_email(registration: Registration) -> str:
        return registration.user.email


class ParticipantOut(Schema):
    name: str
    organisations: list[str] = Field(description="Acronyms or names of the person's organisations.")

    @staticmethod
    def resolve_name(registration: Registration) -> str:
        return registration.user.display_name

    @staticmethod
    def resolve_organisations(registration: Registration) -> list[str]:
        return [
            m.organisation.acronym or m.organisation.name
            for m in registration.user.organisation_memberships.all()
        ]


class EventsQuery(Schema):
    kind: EventKind | None = None
    body: str | None = Field(None, description="Slug of the owner body.")
    country: CountryCode | None = Field(None, description="ISO code of the owner Pathfinder Country.")
    when: str | None = Field(
        None, pattern="^(upcoming|past)$", description="upcoming or past; all if omitted."
    )


class EventIn(TranslationsIn, InputSchema):
    kind: EventKind
    title: str = Field(min_length=1, max_length=300)
    owner_body: str | None = Field(None, description="Slug of the owner body; give this or owner_country.")
    owner_country: CountryCode | None = Field(None, description="ISO code of the owner Pathfinder Country.")
    description: str = ""
    starts_at: datetime.datetime = Field(
        description="With an offset, or without one to read it on the clocks of `timezone`."
    )
    ends_at: datetime.datetime
    timezone: str = Field("UTC", description="IANA time zone name, e.g. Europe/Zurich.")
    venue: str = ""
    city: str = ""
    country: CountryCode = ""
    online_url: str = ""
    organisers: list[str] = Field([], description="Slugs of organising organisations.")
    co_organisers: list[str] = Field([], description="Slugs of co-organising organisations.")
    is_open: bool = True
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    registration_deadline: datetime.datetime | None = None
    is_illustrative: bool = False


class EventChangeIn(EventIn, VersionedIn):
    pass


class SessionIn(InputSchema):
    title: str = Field(min_length=1, max_length=300)
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    description: str = ""
    speakers: str = ""
    documents: list[str] = Field([], description="Slugs of library items.")


class OutcomeIn(InputSchema):
    kind: OutcomeKind
    text: str = Field(min_length=1)
    is_illustrative: bool = False


class RoadmapActionIn(InputSchema):
    description: str = Field(min_length=1)
    responsible_organisation: str | None = Field(None, description="Slug of the organisation.")
    due_date: datetime.date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    is_illustrative: bool = False


class PlanActivityIn(InputSchema):
    plan: str = Field(description="Slug of the plan to add the activity to (you must edit it).")
    parent: int | None = Field(None, description="Id of the result to put it under; null for the top tier.")
    title: str = Field("", description="Defaults to the action's description.")


class LinkActivityIn(InputSchema):
    node: int | None = Field(description="Id of an existing result of a plan you edit; null to unlink.")


def library_items_by_slug(slugs: list[str], user: Person, *, field: str) -> list[Item]:
    """Library items the caller may see, named by slug; an unknown (or hidden) one is named in the error."""
    found = {item.slug: item for item in visible_items(user).filter(slug__in=slugs).distinct()}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {field: _("There is no library item with the slug “%(slug)s”.") % {"slug": unknown[0]}}
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]
