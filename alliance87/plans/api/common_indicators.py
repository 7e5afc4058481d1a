"""Common indicators and their values combined across the plans that measure them (plans/common_indicators/).

The Secretariat defines, changes and deletes common indicators (common_indicators/services.py); plan editors link
their indicators to one through the indicator's `common_indicator`. Combinations cover only the plans the caller
may see.
"""

import dataclasses
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.core.api.errors import READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import InputSchema, Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.plans.common_indicators import combined
from alliance87.plans.common_indicators import services as common_services
from alliance87.plans.models import CommonIndicator, Direction, Measure

from .fields import DecimalText

router = Router()


class CommonIndicatorOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    slug: str
    title: str
    reference: str = Field(description="The code in a published list of indicators, e.g. SDG 8.7.1.")
    reference_url: str
    definition: str
    measure: Measure
    unit: str
    direction: Direction
    caveats: str
    plan_count: int = Field(description="Plans you may see that measure it.")
    rule: str = Field(description="How values combine across plans, in words.")
    url: str

    @staticmethod
    def resolve_rule(common: CommonIndicator) -> str:
        return combined.combination_rule(common.measure)

    @staticmethod
    def resolve_url(common: CommonIndicator) -> str:
        return common.get_absolute_url()


class CommonIndicatorIn(InputSchema):
    title: str
    reference: str = ""
    reference_url: str = ""
    definition: str = ""
    measure: Measure = Measure.NUMBER
    unit: str = ""
    direction: Direction = Direction.INCREASE
    caveats: str = ""


class PlanFigureOut(Schema):
    year: int
    value: DecimalText
    numerator: DecimalText | None
    denominator: DecimalText | None
    source: str


class PlanSeriesOut(Schema):
    plan: str = Field(description="The plan's slug.")
    plan_title: str
    owner: str
    indicator: int = Field(description="Id of the plan's indicator.")
    currency: str
    caveats: str
    figures: list[PlanFigureOut] = Field(description="The plan's approved figure for each year it reported.")


class CombinedYearOut(Schema):
    year: int
    value: DecimalText | None = Field(description="Null when the rule refuses (see `reason`).")
    numerator: DecimalText | None
    denominator: DecimalText | None
    reason: str = Field(description="How the value was combined, or why it was not.")
    plans_reporting: int
    plans_linked: int


class CombinedOut(Schema):
    indicator: CommonIndicatorOut
    years: list[CombinedYearOut]
    plans: list[PlanSeriesOut]


@router.get(
    "/common-indicators",
    response={200: list[CommonIndicatorOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    operation_id="alliance87_api_common_indicators_list_common_indicators",
)
@paginate(LimitOffset)
def list_common_indicators(request: HttpRequest) -> QuerySet[CommonIndicator]:
    """Every common indicator, with how many plans you may see measure it."""
    return combined.common_indicators(viewer(request))


@router.get(
    "/common-indicators/{slug}",
    response={200: CombinedOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    operation_id="alliance87_api_common_indicators_get_common_indicator",
)
def get_common_indicator(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One common indicator combined year by year across the plans you may see, with each plan's figures."""
    user = viewer(request)
    common = get_object_or_404(combined.common_indicators(user), slug=slug)
    result = combined.combined_indicator(common, user)
    return {
        "indicator": common,
        "years": [
            {
                "year": year.year,
                "value": year.value,
                "numerator": year.combined.numerator,
                "denominator": year.combined.denominator,
                "reason": str(year.combined.reason),
                "plans_reporting": year.reporting,
                "plans_linked": year.linked,
            }
            for year in result.years
        ],
        "plans": [
            {
                "plan": series.plan.slug,
                "plan_title": series.plan.title,
                "owner": series.plan.owner_name,
                "indicator": series.indicator.pk,
                "currency": series.currency,
                "caveats": series.indicator.caveats,
                "figures": list(series.figures.values()),
            }
            for series in result.plans
        ],
    }


def _with_count(request: HttpRequest, common: CommonIndicator) -> CommonIndicator:
    return combined.common_indicators(viewer(request)).get(pk=common.pk)


@router.post(
    "/common-indicators",
    auth=PERSON,
    response={201: CommonIndicatorOut, **WRITE_ERRORS},
    operation_id="alliance87_api_common_indicators_create_common_indicator",
)
def create_common_indicator(request: HttpRequest, payload: CommonIndicatorIn) -> Status[CommonIndicator]:
    """Define a common indicator (the Secretariat)."""
    common = common_services.save_common_indicator(
        by=caller(request), fields=common_services.CommonIndicatorFields(**payload.model_dump())
    )
    return Status(201, _with_count(request, common))


@router.patch(
    "/common-indicators/{slug}",
    auth=PERSON,
    response={200: CommonIndicatorOut, **WRITE_ERRORS},
    operation_id="alliance87_api_common_indicators_update_common_indicator",
)
def update_common_indicator(
    request: HttpRequest, slug: str, payload: Patch[CommonIndicatorIn]
) -> CommonIndicator:
    """Change a common indicator (the Secretariat); its measure stays while plans' indicators are linked."""
    common = get_object_or_404(CommonIndicator, slug=slug)
    fields = dataclasses.replace(common_services.CommonIndicatorFields.of(common), **dict(payload))
    common = common_services.save_common_indicator(by=caller(request), fields=fields, common=common)
    return _with_count(request, common)


@router.delete(
    "/common-indicators/{slug}",
    auth=PERSON,
    response={204: None, **WRITE_ERRORS},
    operation_id="alliance87_api_common_indicators_delete_common_indicator",
)
def delete_common_indicator(request: HttpRequest, slug: str) -> Status[None]:
    """Delete a common indicator no plan's indicator is linked to (the Secretariat)."""
    common_services.delete_common_indicator(
        by=caller(request), common=get_object_or_404(CommonIndicator, slug=slug)
    )
    return Status(204, None)
