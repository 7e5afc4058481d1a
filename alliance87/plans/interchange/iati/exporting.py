"""Export: a plan as one IATI activity, in the schema's element order, validated against the official XSD."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from lxml import etree

from alliance87.core.content_translation import ORIGINAL_LANGUAGE, original_value, translations_of

from ... import verdicts
from ...models import (
    Direction,
    Indicator,
    Measure,
    Plan,
    ResultNode,
)
from ..common import format_decimal, nodes_in_tree_order
from .codes import (
    ACTIVITY_STATUS,
    BUDGET_INDICATIVE,
    BUDGET_ORIGINAL,
    DATE_PLANNED_END,
    DATE_PLANNED_START,
    GOVERNMENT_ORGANISATION_TYPE,
    IATI_VERSION,
    MEASURE_CODE,
    ORGANISATION_TYPE,
    OTHER_ORGANISATION_TYPE,
    OWN_VOCABULARY,
    RESULT_TYPE_IMPACT,
    RESULT_TYPE_OUTCOME,
    RESULT_TYPE_OUTPUT,
    ROLE_ACCOUNTABLE,
    ROLE_IMPLEMENTING,
    XML_LANG,
    activity_identifier,
    schema_errors,
)


def _add(
    parent: etree._Element, tag: str, attributes: dict[str, str] | None = None, text: str | None = None
) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes or {})
    if text is not None:
        element.text = text
    return element


def _add_narrative(
    parent: etree._Element, tag: str, text: str, attributes: dict[str, str] | None = None
) -> etree._Element:
    element = _add(parent, tag, attributes)
    _add(element, "narrative", text=text)
    return element


def _add_translated(
    parent: etree._Element, tag: str, record: Any, field: str, attributes: dict[str, str] | None = None
) -> etree._Element:
    """The record's original text in the activity's language, then a narrative per translation (xml:lang).

    The original, never `record.<field>`, which reads the language of whoever exports."""
    element = _add_narrative(parent, tag, original_value(record, field), attributes)
    for language, text in translations_of(record, field).items():
        if language != ORIGINAL_LANGUAGE:
            _add(element, "narrative", {XML_LANG: language}, text)
    return element


def _iso_datetime(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def result_type(node: ResultNode) -> str:
    if node.level == 0:
        return RESULT_TYPE_IMPACT
    if node.level == 1:
        return RESULT_TYPE_OUTCOME
    return RESULT_TYPE_OUTPUT


def _export_participating_orgs(activity: etree._Element, plan: Plan) -> None:
    if plan.owner_body_id:
        _add_narrative(activity, "participating-org", plan.owner_name, {"role": ROLE_ACCOUNTABLE})
    else:
        _add_narrative(
            activity,
            "participating-org",
            plan.owner_name,
            {"role": ROLE_ACCOUNTABLE, "type": GOVERNMENT_ORGANISATION_TYPE},
        )
    for organisation in plan.responsible_organisations.order_by("name", "pk"):
        _add_narrative(
            activity,
            "participating-org",
            organisation.name,
            {
                "role": ROLE_IMPLEMENTING,
                "type": ORGANISATION_TYPE.get(organisation.type, OTHER_ORGANISATION_TYPE),
            },
        )


def _export_budgets(activity: etree._Element, plan: Plan) -> None:
    totals = plan.budget_lines.values("year").annotate(total=Sum("planned")).order_by("year")
    for row in totals:
        start, end = f"{row['year']:04d}-01-01", f"{row['year']:04d}-12-31"
        budget = _add(activity, "budget", {"type": BUDGET_ORIGINAL, "status": BUDGET_INDICATIVE})
        _add(budget, "period-start", {"iso-date": start})
        _add(budget, "period-end", {"iso-date": end})
        _add(
            budget,
            "value",
            {"currency": plan.currency, "value-date": start},
            format_decimal(row["total"] or Decimal(0)),
        )


def _export_indicator(result: etree._Element, indicator: Indicator, plan: Plan) -> None:
    element = _add(
        result,
        "indicator",
        {
            "measure": MEASURE_CODE.get(indicator.measure, "1"),
            "ascending": "0" if indicator.direction == Direction.DECREASE else "1",
        },
    )
    _add_translated(element, "title", indicator, "title")
    if original_value(indicator, "description"):
        _add_translated(element, "description", indicator, "description")
    if indicator.code:
        _add(element, "reference", {"vocabulary": OWN_VOCABULARY, "code": indicator.code})
    if indicator.baseline_year or indicator.baseline_value is not None or indicator.baseline_comment:
        year = indicator.baseline_year or plan.period_start.year
        attributes = {"year": str(year), "iso-date": f"{year:04d}-01-01"}
        if indicator.baseline_value is not None:
            attributes["value"] = format_decimal(indicator.baseline_value)
        baseline = _add(element, "baseline", attributes)
        if indicator.baseline_comment:
            _add_narrative(baseline, "comment", indicator.baseline_comment)
    for period in indicator.periods.all():
        period_element = _add(element, "period")
        _add(period_element, "period-start", {"iso-date": period.start.isoformat()})
        _add(period_element, "period-end", {"iso-date": period.end.isoformat()})
        if period.target_value is not None or period.target_comment:
            target = _add(period_element, "target")
            if period.target_value is not None:
                target.set("value", format_decimal(period.target_value))
            if period.target_comment:
                _add_narrative(target, "comment", period.target_comment)
        actual = verdicts.approved_actual(period)  # the last approved version while one is reviewed
        if actual is not None:
            actual_element = _add(period_element, "actual")
            if actual.value is not None:
                actual_element.set("value", format_decimal(actual.value))
            comment = actual.text_value if indicator.measure == Measure.QUALITATIVE else actual.comment
            if comment:
                _add_narrative(actual_element, "comment", comment)


def build_activities(plan: Plan, *, generated_at: datetime.datetime | None = None) -> etree._Element:
    """The `<iati-activities>` element for a plan, children in the order the XSD's sequence requires."""
    generated_at = generated_at or timezone.now()
    root = etree.Element(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": _iso_datetime(generated_at)}
    )
    activity = _add(
        root,
        "iati-activity",
        {
            XML_LANG: settings.LANGUAGE_CODE.split("-")[0],
            "default-currency": plan.currency,
            "last-updated-datetime": _iso_datetime(plan.updated_at),
        },
    )
    _add(activity, "iati-identifier", text=activity_identifier(plan))
    _add_narrative(
        activity,
        "reporting-org",
        settings.IATI_REPORTING_ORG_NAME,
        {"ref": settings.IATI_REPORTING_ORG_REF, "type": settings.IATI_REPORTING_ORG_TYPE},
    )
    _add_translated(activity, "title", plan, "title")
    if original_value(plan, "description"):
        _add_translated(activity, "description", plan, "description", {"type": "1"})
    else:
        _add_translated(activity, "description", plan, "title", {"type": "1"})
    _export_participating_orgs(activity, plan)
    _add(activity, "activity-status", {"code": ACTIVITY_STATUS.get(plan.status, "1")})
    _add(activity, "activity-date", {"type": DATE_PLANNED_START, "iso-date": plan.period_start.isoformat()})
    _add(activity, "activity-date", {"type": DATE_PLANNED_END, "iso-date": plan.period_end.isoformat()})
    _export_budgets(activity, plan)
    for node in nodes_in_tree_order(plan):
        indicators = list(node.indicators.all())
        if not indicators:
            continue  # the XSD requires at least one indicator per result
        result = _add(activity, "result", {"type": result_type(node)})
        _add_translated(result, "title", node, "title")
        if node.description:
            _add_narrative(result, "description", node.description)
        if node.code:
            _add(result, "reference", {"vocabulary": OWN_VOCABULARY, "code": node.code})
        for indicator in indicators:
            _export_indicator(result, indicator, plan)
    return root


def export_plan(plan: Plan) -> bytes:
    """The plan as an IATI 2.03 activities document (UTF-8 bytes), checked against the official schema."""
    root = build_activities(plan)
    errors = schema_errors(root)
    if errors:  # a bug in this module, never the user's fault
        raise AssertionError("IATI export does not validate: " + "; ".join(errors))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
