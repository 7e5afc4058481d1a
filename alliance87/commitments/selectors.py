"""Reads of commitments: the register with its lights, one commitment, a hub's share, and completeness counts.

The lights are computed here from the records "as of" a date (`status.standing`), with a constant number of
queries whatever the number of deliverables: the deliverables with their commitment, partner, Action Group and
country in one query, their reports' year and status in a second.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.library.selectors import visible_items
from alliance87.partners.models import Organisation
from alliance87.partners.permissions import focal_point_organisation_ids

from .models import Commitment, Deliverable, DeliverableReport
from .status import Light, ReportFacts, Standing, standing

if TYPE_CHECKING:
    from alliance87.library.models import Item


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters; empty strings filter nothing."""

    partner_type: str = ""
    body: str = ""  # an Action Group's slug
    country: str = ""  # a Pathfinder Country's ISO code
    status: str = ""  # a Light value
    organisation: str = ""  # a partner's slug


@dataclass(frozen=True)
class Row:
    """A deliverable with where it stands."""

    deliverable: Deliverable
    standing: Standing


def _reports_prefetch() -> Prefetch:
    return Prefetch(
        "reports",
        queryset=DeliverableReport.objects.only("pk", "deliverable_id", "year", "status").order_by("year"),
    )


def with_standing(deliverables: Iterable[Deliverable], *, as_of: datetime.date) -> list[Row]:
    """Each deliverable (its reports and commitment loaded) with its light as of the date."""
    return [
        Row(
            deliverable=d,
            standing=standing(
                due_date=d.due_date,
                made_on=d.commitment.made_on,
                reports=[ReportFacts(year=r.year, status=r.status) for r in d.reports.all()],
                as_of=as_of,
            ),
        )
        for d in deliverables
    ]


def deliverables() -> QuerySet[Deliverable]:
    """Every deliverable with what a line of the register shows (its reports prefetched)."""
    return (
        Deliverable.objects.select_related("commitment__organisation", "body", "country")
        .prefetch_related(_reports_prefetch())
        .order_by("due_date", "commitment__organisation__name", "pk")
    )


def register(filters: RegisterFilters, *, as_of: datetime.date) -> list[Row]:
    """The commitments register: deliverables matching the filters, each with its light as of the date."""
    rows = deliverables()
    if filters.partner_type:
        rows = rows.filter(commitment__organisation__type=filters.partner_type)
    if filters.organisation:
        rows = rows.filter(commitment__organisation__slug=filters.organisation)
    if filters.body:
        rows = rows.filter(body__slug=filters.body)
    if filters.country:
        rows = rows.filter(country__country=filters.country.upper())
    result = with_standing(rows, as_of=as_of)
    if filters.status:
        result = [row for row in result if row.standing.light == filters.status]
    return result


def light_counts(rows: Iterable[Row]) -> dict[str, int]:
    """How many rows carry each light (every light listed, zeros included)."""
    counts = dict.fromkeys(Light.values, 0)
    for row in rows:
        counts[row.standing.light] += 1
    return counts


def hub_rows(*, as_of: datetime.date, body_id: int | None = None, country_id: int | None = None) -> list[Row]:
    """The deliverables concerning an Action Group or a Pathfinder Country, with their lights (for hub pages)."""
    rows = deliverables()
    if body_id is not None:
        rows = rows.filter(body_id=body_id)
    if country_id is not None:
        rows = rows.filter(country_id=country_id)
    return with_standing(rows, as_of=as_of)


def commitment_detail(pk: int) -> Commitment:
    """One commitment with its partner; raises Commitment.DoesNotExist."""
    return Commitment.objects.select_related("organisation", "created_by").get(pk=pk)


def deliverables_of(commitment: Commitment, *, viewer: Person, as_of: datetime.date) -> list[Row]:
    """A commitment's deliverables with their lights, full reports, and only the evidence the viewer may see."""
    reports = DeliverableReport.objects.select_related("reported_by").prefetch_related(
        Prefetch("evidence", queryset=visible_items(viewer).order_by("title"), to_attr="visible_evidence")
    )
    items = (
        Deliverable.objects.filter(commitment=commitment)
        .select_related("commitment", "body", "country")
        .prefetch_related(Prefetch("reports", queryset=reports.order_by("-year")))
    )
    return with_standing(items, as_of=as_of)


#: The lights of a deliverable its partner must act on: a yearly report missing, or past its due date without a
#: report saying it was delivered (or dropped).
LATE_LIGHTS = frozenset({Light.NO_REPORT, Light.LATE})


def late_rows(*, as_of: datetime.date, organisation_ids: Iterable[int]) -> list[Row]:
    """The deliverables of these partners with a report missing or past their due date, as of the date."""
    rows = deliverables().filter(commitment__organisation_id__in=list(organisation_ids))
    return [row for row in with_standing(rows, as_of=as_of) if row.standing.light in LATE_LIGHTS]


def commitments_of_organisation(organisation: Organisation) -> QuerySet[Commitment]:
    return Commitment.objects.filter(organisation=organisation).order_by("-made_on", "title")


def committing_organisations(user: Person) -> QuerySet[Organisation]:
    """The partners this person may record commitments for: theirs as focal point; every partner for the
    Secretariat."""
    if is_secretariat(user):
        return Organisation.objects.filter(is_partner=True).order_by("name")
    return Organisation.objects.filter(pk__in=focal_point_organisation_ids(user)).order_by("name")


# --- completeness (for the dashboard) ----------------------------------------------------------------------


@dataclass
class Completeness:
    """Counts of deliverables by where their reporting stands as of a date.

    `reported`: every report due is in (and there is at least one); `without_report`: a report that is due is
    missing; `not_due_yet`: no report due yet and none filed; `late`: past its due date and not reported
    delivered or dropped (all due reports in). `delivered`, `dropped`, `on_time` count those lights.
    """

    total: int = 0
    reported: int = 0
    without_report: int = 0
    not_due_yet: int = 0
    late: int = 0
    on_time: int = 0
    delivered: int = 0
    dropped: int = 0
    by_light: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Light.values, 0))

    def add(self, row: Row) -> None:
        self.total += 1
        light = row.standing.light
        self.by_light[light] += 1
        if light == Light.NO_REPORT:
            self.without_report += 1
        elif row.standing.reported:
            self.reported += 1
        else:
            self.not_due_yet += 1
        self.late += light == Light.LATE
        self.on_time += light == Light.ON_TIME
        self.delivered += light == Light.DELIVERED
        self.dropped += light == Light.DROPPED


@dataclass(frozen=True)
class CompletenessByOwner:
    """Completeness per partner (organisation pk), per Action Group (body pk) and per Pathfinder Country (pk),
    and for all deliverables."""

    as_of: datetime.date
    overall: Completeness
    by_organisation: dict[int, Completeness]
    by_body: dict[int, Completeness]
    by_country: dict[int, Completeness]


def completeness(
    *,
    as_of: datetime.date,
    organisation_ids: Iterable[int] | None = None,
    body_ids: Iterable[int] | None = None,
    country_ids: Iterable[int] | None = None,
) -> CompletenessByOwner:
    """Counts of deliverables reported, late and without report as of a date, per partner, body and country.

    Two queries whatever the size. Narrow it with the ids of the partners, bodies or countries wanted (a
    deliverable is counted when it matches any of them); without them every deliverable counts.
    """
    rows = deliverables()
    narrowing = Q()
    if organisation_ids is not None:
        narrowing |= Q(commitment__organisation_id__in=list(organisation_ids))
    if body_ids is not None:
        narrowing |= Q(body_id__in=list(body_ids))
    if country_ids is not None:
        narrowing |= Q(country_id__in=list(country_ids))
    if narrowing:
        rows = rows.filter(narrowing)
    overall = Completeness()
    by_organisation: dict[int, Completeness] = defaultdict(Completeness)
    by_body: dict[int, Completeness] = defaultdict(Completeness)
    by_country: dict[int, Completeness] = defaultdict(Completeness)
    for row in with_standing(rows, as_of=as_of):
        d = row.deliverable
        overall.add(row)
        by_organisation[d.commitment.organisation_id].add(row)
        if d.body_id:
            by_body[d.body_id].add(row)
        if d.country_id:
            by_country[d.country_id].add(row)
    return CompletenessByOwner(
        as_of=as_of,
        overall=overall,
        by_organisation=dict(by_organisation),
        by_body=dict(by_body),
        by_country=dict(by_country),
    )


def visible_evidence(report: DeliverableReport, *, viewer: Person) -> list[Item]:
    """The report's evidence this person may see."""
    return list(visible_items(viewer).filter(pk__in=report.evidence.values("pk")).order_by("title"))
