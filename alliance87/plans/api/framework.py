"""Plans, their results frameworks and their indicators.

The same services and selectors as the plan pages, so the same rules: the services check who may change what,
and a plan the caller may not see (a draft, to anyone but its editors and reporters) is not found (404), on
reads and writes alike. Reads take credentials optionally: a draft shows to its editors with a token too.
Reporting periods, reported values and budgets are in reporting.py.
"""

import dataclasses
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.bodies.models import Body
from alliance87.bodies.schemas import body_or_none
from alliance87.core.api.errors import CONFLICT_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.api.translations import translation_values
from alliance87.countries.models import PathfinderCountry
from alliance87.countries.schemas import pathfinder_by_code
from alliance87.partners.schemas import organisations_by_slug
from alliance87.plans import selectors, services
from alliance87.plans.models import Indicator, Plan, ResultNode
from alliance87.plans.permissions import can_edit_plan, can_report_on_plan

from .access import visible_indicator, visible_node
from .framework_schemas import (
    IndicatorAssessmentOut,
    IndicatorChangeIn,
    IndicatorDetailOut,
    IndicatorIn,
    IndicatorOut,
    MoveIn,
    NodeFields,
    NodeIn,
    NodeOut,
    PlanChangeIn,
    PlanDetailOut,
    PlanIn,
    PlanOut,
    PlansQuery,
    common_indicator_by_slug,
)

router = Router()

#: What a plan's `translations` may name (its own tier names as a list, one name per tier).
PLAN_TRANSLATED = ("title", "description", "tier_names")


# --- turning requests into what the services take ----------------------------------------------------------


def _plan_data(payload: dict[str, Any]) -> dict[str, Any]:
    """Slugs and codes become records; naming one owner clears the other, as a plan has exactly one."""
    data = dict(payload)
    data.update(translation_values(data, PLAN_TRANSLATED, lists=("tier_names",)))
    if "owner_body" in data:
        data["owner_body"] = body_or_none(data["owner_body"], field="owner_body")
        if data["owner_body"] is not None and "owner_country" not in data:
            data["owner_country"] = None
    if "owner_country" in data:
        data["owner_country"] = pathfinder_by_code(data["owner_country"], field="owner_country")
        if data["owner_country"] is not None and "owner_body" not in data:
            data["owner_body"] = None
    if "responsible_organisations" in data:
        data["responsible_organisations"] = organisations_by_slug(
            data["responsible_organisations"], field="responsible_organisations"
        )
    return data


def _node_data(payload: dict[str, Any]) -> dict[str, Any]:
    data = dict(payload)
    data.update(translation_values(data, ("title",)))
    if "responsible_organisations" in data:
        data["responsible_organisations"] = organisations_by_slug(
            data["responsible_organisations"], field="responsible_organisations"
        )
    return data


def _indicator_data(payload: dict[str, Any]) -> dict[str, Any]:
    """Leaving the position out (or null) keeps it: last for a new indicator, unchanged for an existing one."""
    data = {field: value for field, value in payload.items() if not (field == "position" and value is None)}
    data.update(translation_values(data, ("title", "description")))
    if "common_indicator" in data:
        data["common_indicator"] = common_indicator_by_slug(
            data["common_indicator"], field="common_indicator"
        )
    return data


def _detail(request: HttpRequest, plan: Plan) -> Plan:
    """A plan as its detail schema expects it: with its verdicts, budget totals and what the caller may do."""
    plan = selectors.plan_detail(plan.slug)
    person = viewer(request)
    plan.verdicts = selectors.plan_verdict_summary(plan)  # type: ignore[attr-defined]
    plan.budget = selectors.plan_budget_summary(plan)  # type: ignore[attr-defined]
    plan.can_edit = can_edit_plan(person, plan)  # type: ignore[attr-defined]
    plan.can_report = can_report_on_plan(person, plan)  # type: ignore[attr-defined]
    return plan


# --- plans -------------------------------------------------------------------------------------------------


@router.get(
    "/plans",
    response={200: list[PlanOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_plans(request: HttpRequest, filters: Query[PlansQuery]) -> QuerySet[Plan]:
    """The plans you may see (drafts only to their editors and reporters), newest period first."""
    owner_body = owner_country = None
    if filters.body:
        owner_body = Body.objects.filter(slug=filters.body).first()
    if filters.country:
        owner_country = PathfinderCountry.objects.filter(country=filters.country).first()
    if (filters.body and owner_body is None) or (filters.country and owner_country is None):
        return Plan.objects.none()
    return selectors.plan_list(
        viewer(request), owner_body=owner_body, owner_country=owner_country, status=filters.status or ""
    )


@router.get(
    "/plans/{slug}",
    response={200: PlanDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_plan(request: HttpRequest, slug: str) -> Plan:
    """One plan with its owner, tiers, progress verdicts and budget totals."""
    return _detail(request, selectors.visible_plan(viewer(request), slug))


@router.post("/plans", auth=PERSON, response={201: PlanDetailOut, **WRITE_ERRORS})
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[Plan]:
    """Make a body's work plan (its chairs) or a country's action plan (its focal institution), or as Secretariat."""
    fields = services.framework.PlanFields(**_plan_data(payload.model_dump()))
    plan = services.framework.create_plan(by=caller(request), fields=fields)
    return Status(201, _detail(request, plan))


@router.patch("/plans/{slug}", auth=PERSON, response={200: PlanDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS})
def update_plan(request: HttpRequest, slug: str, payload: Patch[PlanChangeIn]) -> Plan:
    """Change a plan (its editors); send only what changes, and the `version` you read to be refused (409)
    rather than overwrite someone else's change."""
    plan = selectors.visible_plan(viewer(request), slug)
    version = payload.pop("version", None)
    fields = dataclasses.replace(services.framework.PlanFields.of(plan), **_plan_data(payload))
    plan = services.framework.update_plan(plan=plan, by=caller(request), fields=fields, version=version)
    return _detail(request, plan)


@router.delete("/plans/{slug}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_plan(request: HttpRequest, slug: str) -> Status[None]:
    """Remove a plan with its framework, values and budget (its editors)."""
    services.framework.delete_plan(plan=selectors.visible_plan(viewer(request), slug), by=caller(request))
    return Status(204, None)


# --- results -----------------------------------------------------------------------------------------------


@router.get(
    "/plans/{slug}/nodes",
    response={200: list[NodeOut], **READER_ERRORS},
    tags=["results"],
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_nodes(request: HttpRequest, slug: str) -> QuerySet[ResultNode]:
    """The plan's results as a flat list: tier by tier, each parent's results together and in order."""
    return selectors.plan_nodes(plan=selectors.visible_plan(viewer(request), slug))


@router.post("/plans/{slug}/nodes", auth=PERSON, response={201: NodeOut, **WRITE_ERRORS}, tags=["results"])
def create_node(request: HttpRequest, slug: str, payload: NodeIn) -> Status[ResultNode]:
    """Add a result under a parent (or at the top), one tier below it and last among its siblings."""
    plan = selectors.visible_plan(viewer(request), slug)
    data = _node_data(payload.model_dump())
    data["parent"] = selectors.node_by_id(data.pop("parent"), field="parent")
    node = services.framework.add_node(plan=plan, by=caller(request), **data)
    return Status(201, selectors.plan_nodes(plan=plan).get(pk=node.pk))


@router.patch("/nodes/{node_id}", auth=PERSON, response={200: NodeOut, **WRITE_ERRORS}, tags=["results"])
def update_node(request: HttpRequest, node_id: int, payload: Patch[NodeFields]) -> ResultNode:
    """Change a result's wording, dates, status or partners; its place changes with move."""
    node = visible_node(request, node_id)
    fields = dataclasses.replace(services.framework.NodeFields.of(node), **_node_data(payload))
    services.framework.update_node(node=node, by=caller(request), fields=fields)
    return selectors.plan_nodes(plan=node.plan).get(pk=node.pk)


@router.post("/nodes/{node_id}/move", auth=PERSON, response={200: NodeOut, **WRITE_ERRORS}, tags=["results"])
def move_node(request: HttpRequest, node_id: int, payload: MoveIn) -> ResultNode:
    """Put a result, with everything under it, under another parent at a position (siblings renumbered)."""
    node = visible_node(request, node_id)
    services.framework.move_node(
        node=node,
        by=caller(request),
        new_parent=selectors.node_by_id(payload.parent, field="parent"),
        position=payload.position,
    )
    return selectors.plan_nodes(plan=node.plan).get(pk=node.pk)


@router.delete("/nodes/{node_id}", auth=PERSON, response={204: None, **WRITE_ERRORS}, tags=["results"])
def delete_node(request: HttpRequest, node_id: int) -> Status[None]:
    """Remove a result with everything under it: results, indicators, periods, values and budget lines."""
    services.framework.delete_node(node=visible_node(request, node_id), by=caller(request))
    return Status(204, None)


# --- indicators --------------------------------------------------------------------------------------------


@router.get(
    "/plans/{slug}/indicators",
    response={200: list[IndicatorOut], **READER_ERRORS},
    tags=["indicators"],
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_indicators(request: HttpRequest, slug: str) -> QuerySet[Indicator]:
    """The plan's indicators in the order of its results."""
    return selectors.plan_indicators(plan=selectors.visible_plan(viewer(request), slug))


@router.get(
    "/indicators/{indicator_id}",
    response={200: IndicatorDetailOut, **READER_ERRORS},
    tags=["indicators"],
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    """One indicator with its periods, their targets and reported values (only approved ones count)."""
    return visible_indicator(request, indicator_id)


@router.get(
    "/indicators/{indicator_id}/assessment",
    response={200: IndicatorAssessmentOut, **READER_ERRORS},
    tags=["indicators"],
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_indicator_assessment(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    """The Open SDG progress verdict with the numbers it used, and the straight-line projection."""
    indicator = visible_indicator(request, indicator_id)
    result = selectors.indicator_assessment(indicator, indicator.period_list)  # type: ignore[attr-defined]
    return {
        "indicator": indicator.pk,
        "series": result.series,
        "assessment": result.assessment,
        "projection": result.projection,
    }


@router.post(
    "/nodes/{node_id}/indicators",
    auth=PERSON,
    response={201: IndicatorDetailOut, **WRITE_ERRORS},
    tags=["indicators"],
)
def create_indicator(request: HttpRequest, node_id: int, payload: IndicatorIn) -> Status[Indicator]:
    """Add an indicator to a result (the plan's editors)."""
    node = visible_node(request, node_id)
    fields = services.indicators.IndicatorFields(**_indicator_data(payload.model_dump()))
    indicator = services.indicators.add_indicator(node=node, by=caller(request), fields=fields)
    return Status(201, selectors.indicator_detail(plan=node.plan, pk=indicator.pk))


@router.patch(
    "/indicators/{indicator_id}",
    auth=PERSON,
    response={200: IndicatorDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS},
    tags=["indicators"],
)
def update_indicator(request: HttpRequest, indicator_id: int, payload: Patch[IndicatorChangeIn]) -> Indicator:
    """Change an indicator's definition, baseline, final target, measure, rules or disaggregations; send the
    `version` you read to be refused (409) rather than overwrite someone else's change."""
    indicator = visible_indicator(request, indicator_id)
    version = payload.pop("version", None)
    fields = dataclasses.replace(
        services.indicators.IndicatorFields.of(indicator), **_indicator_data(payload)
    )
    services.indicators.update_indicator(
        indicator=indicator, by=caller(request), fields=fields, version=version
    )
    return selectors.indicator_detail(plan=indicator.node.plan, pk=indicator.pk)


@router.delete(
    "/indicators/{indicator_id}", auth=PERSON, response={204: None, **WRITE_ERRORS}, tags=["indicators"]
)
def delete_indicator(request: HttpRequest, indicator_id: int) -> Status[None]:
    """Remove an indicator with its periods and values."""
    services.indicators.delete_indicator(
        indicator=visible_indicator(request, indicator_id), by=caller(request)
    )
    return Status(204, None)
