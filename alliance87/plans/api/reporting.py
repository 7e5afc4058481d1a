"""Reporting on plans: reporting periods and their targets, reported values and their review, and budgets.

The same rules as framework.py: a plan the caller may not see is not found (404), on reads and writes alike,
and reads take credentials optionally.
"""

import dataclasses
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.core.api.errors import AUTH_ERRORS, CONFLICT_ERRORS, READ_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.partners.schemas import organisation_by_slug
from alliance87.plans import selectors, services
from alliance87.plans.models import BudgetLine, IndicatorValue, ReportingPeriod, ValueChange
from alliance87.plans.permissions import can_report_on_plan

from .access import visible_budget_line, visible_indicator, visible_period, visible_value
from .reporting_schemas import (
    ApproveValueIn,
    BudgetLineIn,
    BudgetLineOut,
    BudgetOut,
    PendingValueOut,
    PeriodIn,
    PeriodOut,
    ReturnValueIn,
    ValueChangeOut,
    ValueIn,
    ValueOut,
    library_item_by_slug,
)

router = Router()


def _budget_data(payload: dict[str, Any]) -> dict[str, Any]:
    data = dict(payload)
    if "node" in data:
        data["node"] = selectors.node_by_id(data["node"], field="node")
    if "funder" in data:
        data["funder"] = organisation_by_slug(data["funder"] or None, field="funder")
    return data


# --- reporting periods -------------------------------------------------------------------------------------


@router.post(
    "/indicators/{indicator_id}/periods",
    auth=PERSON,
    response={201: PeriodOut, **WRITE_ERRORS},
    tags=["reporting periods"],
)
def create_period(request: HttpRequest, indicator_id: int, payload: PeriodIn) -> Status[ReportingPeriod]:
    """Add a reporting period with its target; periods of one indicator may not overlap."""
    period = services.indicators.set_period(
        indicator=visible_indicator(request, indicator_id), by=caller(request), **payload.model_dump()
    )
    return Status(201, period)


@router.patch(
    "/periods/{period_id}",
    auth=PERSON,
    response={200: PeriodOut, **WRITE_ERRORS},
    tags=["reporting periods"],
)
def update_period(request: HttpRequest, period_id: int, payload: Patch[PeriodIn]) -> ReportingPeriod:
    """Change a period's dates or target; send only what changes."""
    period = visible_period(request, period_id)
    current = {
        "start": period.start,
        "end": period.end,
        "target_value": period.target_value,
        "target_comment": period.target_comment,
    }
    return services.indicators.set_period(
        indicator=period.indicator, by=caller(request), period=period, **{**current, **payload}
    )


@router.delete(
    "/periods/{period_id}",
    auth=PERSON,
    response={204: None, **WRITE_ERRORS},
    tags=["reporting periods"],
)
def delete_period(request: HttpRequest, period_id: int) -> Status[None]:
    """Remove a period; refused (400) while it holds a reported value."""
    services.indicators.delete_period(period=visible_period(request, period_id), by=caller(request))
    return Status(204, None)


# --- reported values ---------------------------------------------------------------------------------------


@router.put(
    "/periods/{period_id}/value",
    auth=PERSON,
    response={200: ValueOut, 201: ValueOut, **WRITE_ERRORS, **CONFLICT_ERRORS},
)
def submit_value(request: HttpRequest, period_id: int, payload: ValueIn) -> Status[IndicatorValue]:
    """Report the period's actual value for approval (201 for the first report, 200 when replacing one).

    Send the `version` you read; if someone changed the value since, nothing is saved and the answer is 409.
    """
    period = visible_period(request, period_id)
    is_first_report = getattr(period, "actual", None) is None
    data = payload.model_dump()
    data["evidence_item"] = library_item_by_slug(data.get("evidence_item"), field="evidence_item")
    value = services.reporting.submit_value(
        period=period, by=caller(request), expected_version=data.pop("version"), **data
    )
    return Status(201 if is_first_report else 200, value)


@router.post(
    "/values/{value_id}/approve",
    auth=PERSON,
    response={200: ValueOut, **WRITE_ERRORS, **CONFLICT_ERRORS},
)
def approve_value(request: HttpRequest, value_id: int, payload: ApproveValueIn) -> IndicatorValue:
    """Accept a submitted value (the plan's editors): from now on it counts in the verdict and totals."""
    return services.reporting.approve_value(
        value=visible_value(request, value_id),
        by=caller(request),
        comment=payload.comment,
        expected_version=payload.version,
    )


@router.post(
    "/values/{value_id}/return",
    auth=PERSON,
    response={200: ValueOut, **WRITE_ERRORS, **CONFLICT_ERRORS},
)
def return_value(request: HttpRequest, value_id: int, payload: ReturnValueIn) -> IndicatorValue:
    """Send a submitted value back to the reporters with a comment saying what to revise (the plan's editors)."""
    return services.reporting.return_value(
        value=visible_value(request, value_id),
        by=caller(request),
        comment=payload.comment,
        expected_version=payload.version,
    )


@router.get(
    "/values/pending",
    auth=PERSON,
    response={200: list[PendingValueOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_pending_values(request: HttpRequest) -> QuerySet[IndicatorValue]:
    """Submitted values waiting for your approval, on the plans you edit, oldest first."""
    return selectors.pending_values_for(caller(request))


@router.get(
    "/values/{value_id}/history",
    auth=PERSON,
    response={200: list[ValueChangeOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_value_history(request: HttpRequest, value_id: int) -> QuerySet[ValueChange]:
    """Every change to a reported value, newest first (the plan's reporters and editors)."""
    value = visible_value(request, value_id)
    if not can_report_on_plan(caller(request), value.period.indicator.node.plan):
        raise PermissionDenied(_("Only the plan's reporters and editors can read a value's history."))
    return selectors.value_changes(value=value)


# --- budget ------------------------------------------------------------------------------------------------


@router.get(
    "/plans/{slug}/budget",
    response={200: BudgetOut, **READER_ERRORS},
    tags=["budget"],
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_budget(request: HttpRequest, slug: str) -> selectors.BudgetSummary:
    """The plan's budget lines with totals per year and overall, in the plan's currency."""
    return selectors.plan_budget_summary(selectors.visible_plan(viewer(request), slug))


@router.post(
    "/plans/{slug}/budget",
    auth=PERSON,
    response={201: BudgetLineOut, **WRITE_ERRORS},
    tags=["budget"],
)
def create_budget_line(request: HttpRequest, slug: str, payload: BudgetLineIn) -> Status[BudgetLine]:
    """Add a budget line: planned, committed and spent amounts for a year (the plan's editors)."""
    plan = selectors.visible_plan(viewer(request), slug)
    fields = services.budget.BudgetLineFields(**_budget_data(payload.model_dump()))
    line = services.budget.save_budget_line(plan=plan, by=caller(request), fields=fields)
    return Status(201, line)


@router.patch(
    "/budget-lines/{line_id}",
    auth=PERSON,
    response={200: BudgetLineOut, **WRITE_ERRORS},
    tags=["budget"],
)
def update_budget_line(request: HttpRequest, line_id: int, payload: Patch[BudgetLineIn]) -> BudgetLine:
    """Change a budget line; send only what changes."""
    line = visible_budget_line(request, line_id)
    fields = dataclasses.replace(services.budget.BudgetLineFields.of(line), **_budget_data(payload))
    return services.budget.save_budget_line(plan=line.plan, by=caller(request), fields=fields, line=line)


@router.delete(
    "/budget-lines/{line_id}",
    auth=PERSON,
    response={204: None, **WRITE_ERRORS},
    tags=["budget"],
)
def delete_budget_line(request: HttpRequest, line_id: int) -> Status[None]:
    """Remove a budget line (the plan's editors)."""
    services.budget.delete_budget_line(line=visible_budget_line(request, line_id), by=caller(request))
    return Status(204, None)
