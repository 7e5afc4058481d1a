"""API schemas of commitments, their deliverables, yearly reports and the register."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import CountryCode, DecimalText, InputSchema, Year
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut

from .models import Commitment, Deliverable, DeliverableReport, DeliveryStatus
from .status import Light

ILLUSTRATIVE = "An example, not a real commitment: flagged on the page too."


class PartnerRef(Schema):
    slug: str
    name: str
    type: str


class StandingOut(Schema):
    light: Light = Field(description="on_time, late, no_report, delivered or dropped, as of `as_of`.")
    as_of: datetime.date
    sentence: str = Field(description="The light in words, in the caller's language.")
    missing_years: list[int] = Field(description="Years whose report is due and missing.")


class ReportOut(Schema):
    id: int
    year: int
    status: DeliveryStatus
    narrative: str = Field(description="Markdown; the page shows it sanitised.")
    evidence: list[str] = Field(description="Slugs of the library items cited that the caller may see.")
    reported_on: datetime.date
    corrected_on: datetime.date | None

    @staticmethod
    def resolve_evidence(report: DeliverableReport) -> list[str]:
        return [item.slug for item in getattr(report, "visible_evidence", [])]


class DeliverableOut(Schema):
    id: int
    title: str
    measure: str
    due_date: datetime.date
    body: BodyRef | None = Field(description="The Action Group concerned.")
    country: str | None = Field(description="ISO 3166 alpha-2 code of the Pathfinder Country concerned.")
    pledged_amount: DecimalText | None
    pledged_currency: str
    in_kind: str

    @staticmethod
    def resolve_country(deliverable: Deliverable) -> str | None:
        return deliverable.country.code if deliverable.country else None


class DeliverableDetailOut(DeliverableOut):
    standing: StandingOut
    reports: list[ReportOut] = Field(description="Newest year first.")

    @staticmethod
    def resolve_reports(deliverable: Deliverable) -> list[Any]:
        return list(deliverable.reports.all())


class CommitmentOut(Schema):
    id: int
    partner: PartnerRef
    title: str
    description: str = Field(description="Markdown.")
    made_on: datetime.date
    provenance: ProvenanceOut = PROVENANCE_FIELD
    url: str = Field(description="The commitment's page.")

    @staticmethod
    def resolve_partner(commitment: Commitment) -> Any:
        return commitment.organisation

    @staticmethod
    def resolve_url(commitment: Commitment) -> str:
        return commitment.get_absolute_url()


class CommitmentDetailOut(CommitmentOut):
    deliverables: list[DeliverableDetailOut]

    @staticmethod
    def resolve_deliverables(commitment: Commitment) -> list[Any]:
        return list(getattr(commitment, "deliverables_out", []))


class RegisterRowOut(Schema):
    commitment: int = Field(description="The commitment's id.")
    commitment_title: str
    partner: PartnerRef
    provenance: ProvenanceOut = Field(
        description="Where the commitment is stated, or that it is illustrative."
    )
    deliverable: DeliverableOut
    standing: StandingOut


class RegisterQuery(Schema):
    partner_type: str = Field("", description="A type of organisation (e.g. civil_society).")
    body: str = Field("", description="Slug of an Action Group.")
    country: CountryCode = ""
    status: Light | None = None
    as_of: datetime.date | None = Field(
        None, description="The date the lights are computed for (default: today)."
    )


class CommitmentsQuery(Schema):
    partner: str = Field("", description="Slug of a partner organisation.")


class CommitmentIn(InputSchema):
    partner: str = Field(description="Slug of the partner organisation making the commitment.")
    title: str
    description: str = ""
    made_on: datetime.date
    source: str = Field("", max_length=500, description="Title and publisher of the document that states it.")
    source_url: str = Field("", max_length=500, description="The address where it is stated.")
    is_illustrative: bool = Field(False, description=ILLUSTRATIVE)


class DeliverableIn(InputSchema):
    title: str
    measure: str = ""
    due_date: datetime.date
    body: str | None = Field(None, description="Slug of the Action Group concerned.")
    country: CountryCode | None = Field(None, description="ISO code of the Pathfinder Country concerned.")
    pledged_amount: Decimal | None = Field(
        None, description="A decimal number, as a JSON number or a string."
    )
    pledged_currency: str = Field("", description="ISO 4217 code of the amount, e.g. USD.")
    in_kind: str = ""


class ReportIn(InputSchema):
    year: Year
    status: DeliveryStatus
    narrative: str
    evidence: list[str] = Field([], description="Slugs (or page addresses) of library items you may see.")


class ReportPatchIn(InputSchema):
    status: DeliveryStatus
    narrative: str
    evidence: list[str] = Field([], description="Slugs (or page addresses) of library items you may see.")


class CompletenessOut(Schema):
    total: int
    reported: int
    without_report: int
    not_due_yet: int
    late: int
    on_time: int
    delivered: int
    dropped: int


class CompletenessByPartnerOut(CompletenessOut):
    partner: str = Field(description="Slug of the partner.")
