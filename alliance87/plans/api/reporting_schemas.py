"""Schemas of plan reporting: reporting periods, reported values with their history and review, and budgets.

Numbers follow the plan schemas (see framework_schemas.py): stored figures are answered as decimal strings and
accepted as strings or JSON numbers. The plan schemas embed some of these (an indicator's periods, a plan's
budget totals), so this module must not import from them.
"""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.accounts.api_auth import viewer
from alliance87.core.api.fields import InputSchema
from alliance87.library.permissions import can_view_item
from alliance87.partners.schemas import OrganisationRef
from alliance87.plans.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorValue,
    ReportingPeriod,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)

from .fields import DECIMAL_IN, DecimalText, display_name

if TYPE_CHECKING:
    from alliance87.library.models import Item

# --- output ------------------------------------------------------------------------------------------------


class ValueOut(Schema):
    """A reported value; only approved values count in the verdict and the totals."""

    id: int
    period: int
    value: DecimalText | None = Field(description="Null for a qualitative indicator.")
    numerator: DecimalText | None
    denominator: DecimalText | None
    text_value: str
    disaggregated: dict[str, dict[str, DecimalText]] = Field(
        description="Values by dimension and category, each a decimal string."
    )
    source: str
    comment: str
    evidence_url: str
    evidence_item: str | None = Field(
        description="Slug of the library document cited as evidence; null without one, or if you may not see it."
    )
    status: ValueStatus
    origin: ValueOrigin
    version: int = Field(description="Send it back when you change, approve or return this value.")
    submitted_by: str | None
    submitted_at: datetime.datetime | None
    reviewed_by: str | None
    reviewed_at: datetime.datetime | None
    review_comment: str

    @staticmethod
    def resolve_period(value: IndicatorValue) -> int:
        return value.period_id

    @staticmethod
    def resolve_disaggregated(value: IndicatorValue) -> dict[str, dict[str, Decimal]]:
        return {
            dimension: {category: Decimal(str(number)) for category, number in numbers.items()}
            for dimension, numbers in (value.disaggregated or {}).items()
        }

    @staticmethod
    def resolve_evidence_item(value: IndicatorValue, context: dict[str, Any]) -> str | None:
        item = value.evidence_item if value.evidence_item_id else None
        request = (context or {}).get("request")
        if item is None or request is None or not can_view_item(viewer(request), item):
            return None
        return item.slug

    @staticmethod
    def resolve_submitted_by(value: IndicatorValue) -> str | None:
        return display_name(value.submitted_by) if value.submitted_by_id else None

    @staticmethod
    def resolve_reviewed_by(value: IndicatorValue) -> str | None:
        return display_name(value.reviewed_by) if value.reviewed_by_id else None


class PeriodOut(Schema):
    id: int
    indicator: int
    start: datetime.date
    end: datetime.date
    target_value: DecimalText | None
    target_comment: str
    actual: ValueOut | None = Field(description="The value reported for the period, in whatever status.")
    approved_value: DecimalText | None = Field(description="The value, once approved; null until then.")

    @staticmethod
    def resolve_indicator(period: ReportingPeriod) -> int:
        return period.indicator_id

    @staticmethod
    def resolve_actual(period: ReportingPeriod) -> IndicatorValue | None:
        return getattr(period, "actual", None)

    @staticmethod
    def resolve_approved_value(period: ReportingPeriod) -> Decimal | None:
        actual = getattr(period, "actual", None)
        return actual.value if actual is not None and actual.status == ValueStatus.APPROVED else None


class IndicatorRef(Schema):
    id: int
    code: str
    title: str


class PendingValueOut(ValueOut):
    """A submitted value waiting for your approval, with where it belongs."""

    plan: str = Field(description="Slug of the plan.")
    indicator: IndicatorRef
    period_start: datetime.date
    period_end: datetime.date

    @staticmethod
    def resolve_plan(value: IndicatorValue) -> str:
        return value.period.indicator.node.plan.slug

    @staticmethod
    def resolve_indicator(value: IndicatorValue) -> Indicator:
        return value.period.indicator

    @staticmethod
    def resolve_period_start(value: IndicatorValue) -> datetime.date:
        return value.period.start

    @staticmethod
    def resolve_period_end(value: IndicatorValue) -> datetime.date:
        return value.period.end


class ValueChangeOut(Schema):
    id: int
    action: str = Field(description="submitted, approved or returned.")
    changed_by: str | None
    changed_at: datetime.datetime
    old: dict[str, Any] = Field(
        description="The value before (empty for the first report); numbers as strings."
    )
    new: dict[str, Any] = Field(description="The value after; numbers as strings.")
    comment: str

    @staticmethod
    def resolve_changed_by(change: ValueChange) -> str | None:
        return display_name(change.changed_by) if change.changed_by_id else None

    @staticmethod
    def resolve_old(change: ValueChange, context: dict[str, Any]) -> dict[str, Any]:
        return _without_unseen_evidence(change.old, context)

    @staticmethod
    def resolve_new(change: ValueChange, context: dict[str, Any]) -> dict[str, Any]:
        return _without_unseen_evidence(change.new, context)


def _without_unseen_evidence(snapshot: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """A value's snapshot with its evidence document's slug only if the requester may see that document."""
    slug = (snapshot or {}).get("evidence_item")
    if not slug:
        return snapshot
    request = (context or {}).get("request")
    item_model: Any = IndicatorValue._meta.get_field("evidence_item").related_model
    item = item_model.objects.filter(slug=slug).first()
    if request is not None and item is not None and can_view_item(viewer(request), item):
        return snapshot
    return {**snapshot, "evidence_item": None}


class BudgetTotalsOut(Schema):
    year: int | None = Field(description="Null for the plan's overall total.")
    planned: DecimalText
    committed: DecimalText
    spent: DecimalText
    funding_gap: DecimalText = Field(description="Planned minus committed, never below zero.")


class BudgetTotalsSummaryOut(Schema):
    currency: str
    years: list[BudgetTotalsOut]
    total: BudgetTotalsOut


class BudgetLineOut(Schema):
    id: int
    node: int | None = Field(description="Id of the result the money is for (or null).")
    year: int
    description: str
    planned: DecimalText
    committed: DecimalText
    spent: DecimalText
    funding_source: FundingSource
    funder: OrganisationRef | None
    funder_name: str
    budget_line_code: str

    @staticmethod
    def resolve_node(line: BudgetLine) -> int | None:
        return line.node_id


class BudgetOut(BudgetTotalsSummaryOut):
    lines: list[BudgetLineOut] = Field(description="By year, then by result code.")


# --- input -------------------------------------------------------------------------------------------------


class PeriodIn(InputSchema):
    start: datetime.date
    end: datetime.date
    target_value: Decimal | None = Field(None, description=DECIMAL_IN)
    target_comment: str = ""


class ValueIn(InputSchema):
    version: int = Field(
        ge=0,
        description=(
            "The version of the value you read (0 when the period had none). If someone changed it since, "
            "nothing is saved and the answer is 409 Conflict."
        ),
    )
    value: Decimal | None = Field(None, description=DECIMAL_IN + " Leave out for a qualitative indicator.")
    numerator: Decimal | None = Field(None, description="For a percentage. " + DECIMAL_IN)
    denominator: Decimal | None = Field(None, description="For a percentage. " + DECIMAL_IN)
    text_value: str = Field("", description="What was achieved, for a qualitative indicator.")
    disaggregated: dict[str, dict[str, Decimal | None]] = Field(
        {}, description='By dimension and category, e.g. {"sex": {"female": 10, "male": "12"}}. ' + DECIMAL_IN
    )
    source: str = ""
    comment: str = ""
    evidence_url: str = ""
    evidence_item: str | None = Field(
        None, description="Slug of a library document you may see, as evidence."
    )


class ApproveValueIn(InputSchema):
    comment: str = ""
    version: int | None = Field(None, ge=0, description="The version you reviewed; 409 if it has changed.")


class ReturnValueIn(InputSchema):
    comment: str = Field(description="What the reporters should revise.")
    version: int | None = Field(None, ge=0, description="The version you reviewed; 409 if it has changed.")


class BudgetLineIn(InputSchema):
    year: int
    node: int | None = Field(None, description="Id of a result of the plan (usually an activity or output).")
    description: str = ""
    planned: Decimal = Field(Decimal(0), description="In the plan's currency, not negative. " + DECIMAL_IN)
    committed: Decimal = Field(Decimal(0), description="Not negative. " + DECIMAL_IN)
    spent: Decimal = Field(Decimal(0), description="Not negative. " + DECIMAL_IN)
    funding_source: FundingSource = FundingSource.OTHER
    funder: str | None = Field(None, description="Slug of the funding organisation.")
    funder_name: str = Field("", description="The funder, when it is not in the directory.")
    budget_line_code: str = ""


def library_item_by_slug(slug: str | None, *, field: str) -> "Item | None":
    """The library document a report cites; an unknown slug gets the same answer as one the caller may not see."""
    if slug is None:
        return None
    # library.Item through the evidence relation: plans read the library through its selectors and permissions.
    item_model: Any = IndicatorValue._meta.get_field("evidence_item").related_model
    item = item_model.objects.filter(slug=slug).first()
    if item is None:
        raise ValidationError({field: _("Cite a library document you can see.")})
    return item
