"""IATI 2.03 activity XML: export a plan as one activity, and import an activity's results into a plan.

Export: one `<iati-activity>` in the schema's element order, validated against the official XSD kept in
`iati_schemas/` (copied with its provenance). Only approved actual values leave the platform.

Import is all-or-nothing and idempotent. IATI 2.03 gives results and indicators no identifiers, so each imported
thing is matched on a stable key made of what the file does carry:
- a result by (level from its type, title, n-th occurrence of that title at that level),
- an indicator by (title, n-th occurrence) within its result,
- a period by (start, end) within its indicator (the model's unique constraint).
A match is left as it is; only what is missing is created. An actual value that someone entered on the platform
(origin "manual") is never overwritten; one imported earlier (origin "import") is updated when the file changed.

What is lost on the way (the IATI standard has no place for it): units, indicator kinds, period rules, final
targets, node dates, statuses, assumptions, risks and disaggregations (dimensions are not read).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from alliance87.partners.models import OrganisationType

from ... import verdicts
from ...models import (
    Direction,
    Indicator,
    IndicatorValue,
    Measure,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)
from ...permissions import can_edit_plan

IATI_VERSION = "2.03"
SCHEMA_DIR = Path(__file__).resolve().parent / "iati_schemas"
ALLIANCE_ORGANISATION_REF = "XM-A87"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TITLE_LENGTH = 500
MAX_CODE_LENGTH = 20
SCHEMA_ERRORS_SHOWN = 5

# IATI ResultType codes; a node's level gives its type (level 0 is the top of the framework).
RESULT_TYPE_OUTPUT, RESULT_TYPE_OUTCOME, RESULT_TYPE_IMPACT, RESULT_TYPE_OTHER = "1", "2", "3", "9"
LEVEL_BY_RESULT_TYPE = {
    RESULT_TYPE_IMPACT: 0,
    RESULT_TYPE_OUTCOME: 1,
    RESULT_TYPE_OUTPUT: 2,
    RESULT_TYPE_OTHER: 2,
}

# IATI IndicatorMeasure codes: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative.
MEASURE_CODE: dict[str, str] = {
    Measure.NUMBER: "1",
    Measure.CURRENCY: "1",
    Measure.PERCENTAGE: "2",
    Measure.YES_NO: "3",
    Measure.ORDINAL: "4",
    Measure.QUALITATIVE: "5",
}
MEASURE_BY_CODE = {
    "1": Measure.NUMBER,
    "2": Measure.PERCENTAGE,
    "3": Measure.YES_NO,
    "4": Measure.ORDINAL,
    "5": Measure.QUALITATIVE,
}

# IATI ActivityStatus codes.
ACTIVITY_STATUS: dict[str, str] = {
    PlanStatus.DRAFT: "1",
    PlanStatus.ADOPTED: "1",
    PlanStatus.IN_IMPLEMENTATION: "2",
    PlanStatus.CLOSED: "4",
}

# IATI OrganisationType codes.
ORGANISATION_TYPE: dict[str, str] = {
    OrganisationType.GOVERNMENT: "10",
    OrganisationType.UN_ENTITY: "40",
    OrganisationType.INTERNATIONAL_ORGANISATION: "40",
    OrganisationType.BUSINESS: "70",
    OrganisationType.CIVIL_SOCIETY: "21",
    OrganisationType.ACADEMIC: "80",
}
OTHER_ORGANISATION_TYPE = "90"
GOVERNMENT_ORGANISATION_TYPE = "10"

# IATI OrganisationRole, ActivityDateType, BudgetType and BudgetStatus codes used here.
ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "2", "4"
DATE_PLANNED_START, DATE_PLANNED_END = "1", "3"
BUDGET_ORIGINAL, BUDGET_INDICATIVE = "1", "1"
OWN_VOCABULARY = "99"


@lru_cache(maxsize=1)
def activities_schema() -> etree.XMLSchema:
    """The official IATI 2.03 activities schema (read once from the copy kept beside this module)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


def schema_errors(document: etree._Element) -> list[str]:
    """The XSD validation errors of an IATI activities document, as 'line N: message'; empty when it is valid."""
    schema = activities_schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


# Export ---------------------------------------------------------------------------------------------------------


def activity_identifier(plan: Plan) -> str:
    return plan.iati_identifier or f"{ALLIANCE_ORGANISATION_REF}-{plan.slug}"


def format_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal('10.5000') → '10.5'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _add(parent: etree._Element, tag: str, attributes: dict[str, str] | None = None, text: str | None = None):
    element = etree.SubElement(parent, tag, attributes or {})
    if text is not None:
        element.text = text
    return element


def _add_narrative(parent: etree._Element, tag: str, text: str, attributes: dict[str, str] | None = None):
    element = _add(parent, tag, attributes)
    _add(element, "narrative", text=text)
    return element


def _iso_datetime(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def nodes_in_tree_order(plan: Plan) -> list[ResultNode]:
    """The plan's results depth-first, siblings by position: the order a logframe is read in."""
    nodes = list(
        plan.nodes.order_by("position", "pk").prefetch_related(
            "indicators__periods__actual", "responsible_organisations"
        )
    )
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[ResultNode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.pk, [])))
    return ordered


def result_type(node: ResultNode) -> str:
    if node.level == 0:
        return RESULT_TYPE_IMPACT
    if node.level == 1:
        return RESULT_TYPE_OUTCOME
    return RESULT_TYPE_OUTPUT


def approved_actual(period: ReportingPeriod) -> IndicatorValue | None:
    try:
        actual = period.actual
    except IndicatorValue.DoesNotExist:
        return None
    return actual if actual.status == ValueStatus.APPROVED else None


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
    _add_narrative(element, "title", indicator.title)
    if indicator.description:
        _add_narrative(element, "description", indicator.description)
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
        actual = approved_actual(period)
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
        "Alliance 8.7",
        {"ref": ALLIANCE_ORGANISATION_REF, "type": OTHER_ORGANISATION_TYPE},
    )
    _add_narrative(activity, "title", plan.title)
    _add_narrative(activity, "description", plan.description or plan.title, {"type": "1"})
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
        _add_narrative(result, "title", node.title)
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


# Import ---------------------------------------------------------------------------------------------------------


@dataclass
class ParsedPeriod:
    start: datetime.date
    end: datetime.date
    target_value: Decimal | None
    target_comment: str
    actual_value: Decimal | None
    actual_comment: str
    has_actual: bool


@dataclass
class ParsedIndicator:
    title: str
    description: str
    code: str
    measure: str
    direction: str
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_comment: str
    periods: list[ParsedPeriod]


@dataclass
class ParsedResult:
    level: int
    title: str
    description: str
    code: str
    indicators: list[ParsedIndicator]


@dataclass
class ParsedActivity:
    identifier: str
    title: str
    results: list[ParsedResult]


class ImportedKind:
    RESULT = "result"
    INDICATOR = "indicator"
    PERIOD = "period"
    ACTUAL = "actual"
    LABELS = {
        RESULT: gettext_lazy("Results"),
        INDICATOR: gettext_lazy("Indicators"),
        PERIOD: gettext_lazy("Reporting periods"),
        ACTUAL: gettext_lazy("Actual values"),
    }


@dataclass
class ImportReport:
    """What an import did, by kind of thing: created, updated (imported values only), unchanged, skipped."""

    identifier: str = ""
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped_manual: list[str] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return sum(self.created.values()) > 0

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind, label in ImportedKind.LABELS.items()
        ]


def parse_xml_safely(xml_bytes: bytes) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network; refuse documents that declare a DOCTYPE."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(
            _("The file is not well-formed XML: %(error)s"), params={"error": str(error)}
        ) from None
    if root is None:
        raise ValidationError(_("The file is empty."))
    if root.getroottree().docinfo.doctype:
        raise ValidationError(_("The file declares a DOCTYPE; IATI files do not need one, so it is refused."))
    return root


def _text(element: etree._Element | None) -> str:
    """The default-language narrative of an element (the first one without xml:lang, else the first one)."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    chosen = next((n for n in narratives if n.get(XML_LANG) is None), narratives[0] if narratives else None)
    return " ".join((chosen.text or "").split()) if chosen is not None else ""


def _own_code(element: etree._Element) -> str:
    for reference in element.findall("reference"):
        if reference.get("vocabulary") == OWN_VOCABULARY and reference.get("code"):
            return reference.get("code", "").strip()[:MAX_CODE_LENGTH]
    return ""


def _title(text: str) -> str:
    return text if len(text) <= MAX_TITLE_LENGTH else text[: MAX_TITLE_LENGTH - 1] + "…"


def _date(value: str | None) -> datetime.date:
    return datetime.date.fromisoformat((value or "")[:10])


def _decimal(raw: str | None, where: str) -> Decimal | None:
    if raw is None or not raw.strip():
        return None
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise ValidationError(
            _("%(where)s: '%(value)s' is not a number."), params={"where": where, "value": raw}
        ) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise ValidationError(
            _("%(where)s: '%(value)s' is out of range."), params={"where": where, "value": raw}
        )
    return number.quantize(Decimal("0.0001"))


def _first_without_dimensions(elements: list[etree._Element]) -> etree._Element | None:
    return next((e for e in elements if e.find("dimension") is None), elements[0] if elements else None)


def _parse_period(element: etree._Element, measure: str, where: str) -> ParsedPeriod:
    start, end = (
        _date(element.find("period-start").get("iso-date")),
        _date(element.find("period-end").get("iso-date")),
    )
    where = f"{where}, {start:%Y-%m-%d} – {end:%Y-%m-%d}"
    if end < start:
        raise ValidationError(_("%(where)s: the period ends before it starts."), params={"where": where})
    target = _first_without_dimensions(element.findall("target"))
    actual = _first_without_dimensions(element.findall("actual"))
    actual_comment = _text(actual.find("comment")) if actual is not None else ""
    return ParsedPeriod(
        start=start,
        end=end,
        target_value=_decimal(target.get("value"), where) if target is not None else None,
        target_comment=_text(target.find("comment"))[:500] if target is not None else "",
        actual_value=_decimal(actual.get("value"), where) if actual is not None else None,
        actual_comment=actual_comment,
        has_actual=actual is not None and (actual.get("value") is not None or bool(actual_comment)),
    )


def _parse_indicator(element: etree._Element, where: str) -> ParsedIndicator:
    title = _title(_text(element.find("title")))
    where = f"{where}, {_('indicator')} '{title}'"
    if not title:
        raise ValidationError(_("%(where)s: the indicator has no title."), params={"where": where})
    measure = MEASURE_BY_CODE.get(element.get("measure", "").strip())
    if measure is None:
        raise ValidationError(
            _(
                "%(where)s: measure '%(measure)s' is not one of 1 (unit), 2 (percentage), 3 (nominal), "
                "4 (ordinal), 5 (qualitative)."
            ),
            params={"where": where, "measure": element.get("measure")},
        )
    ascending = element.get("ascending", "1").strip() not in ("0", "false")
    baseline = _first_without_dimensions(element.findall("baseline"))
    baseline_year = int(baseline.get("year")) if baseline is not None else None
    if baseline_year is not None and not 1900 <= baseline_year <= 2200:
        raise ValidationError(
            _("%(where)s: baseline year %(year)s is out of range."),
            params={"where": where, "year": baseline_year},
        )
    periods = [_parse_period(p, measure, where) for p in element.findall("period")]
    keys = [(p.start, p.end) for p in periods]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("%(where)s: the same period appears twice."), params={"where": where})
    return ParsedIndicator(
        title=title,
        description=_text(element.find("description")),
        code=_own_code(element),
        measure=measure,
        direction=Direction.INCREASE if ascending else Direction.DECREASE,
        baseline_year=baseline_year,
        baseline_value=_decimal(baseline.get("value"), where) if baseline is not None else None,
        baseline_comment=_text(baseline.find("comment"))[:500] if baseline is not None else "",
        periods=periods,
    )


def _parse_result(element: etree._Element, number: int) -> ParsedResult:
    title = _title(_text(element.find("title")))
    where = _("Result %(number)s ('%(title)s')") % {"number": number, "title": title}
    result_type_code = element.get("type", "").strip()
    if result_type_code not in LEVEL_BY_RESULT_TYPE:
        raise ValidationError(
            _("%(where)s: type '%(type)s' is not one of 1 (output), 2 (outcome), 3 (impact), 9 (other)."),
            params={"where": where, "type": result_type_code},
        )
    if not title:
        raise ValidationError(_("%(where)s: the result has no title."), params={"where": where})
    return ParsedResult(
        level=LEVEL_BY_RESULT_TYPE[result_type_code],
        title=title,
        description=_text(element.find("description")),
        code=_own_code(element),
        indicators=[_parse_indicator(i, where) for i in element.findall("indicator")],
    )


def parse_activity(xml_bytes: bytes, *, identifier: str = "") -> ParsedActivity:
    """Read and check an IATI 2.03 file; choose the activity with `identifier`, or the only one in the file."""
    root = parse_xml_safely(xml_bytes)
    if root.tag != "iati-activities":
        raise ValidationError(
            _("This is not an IATI activities file: its root element is <%(tag)s>."), params={"tag": root.tag}
        )
    errors = schema_errors(root)
    if errors:
        raise ValidationError(
            _("The file is not valid IATI 2.03 XML: %(errors)s"),
            params={"errors": "; ".join(errors[:SCHEMA_ERRORS_SHOWN])},
        )
    activities = root.findall("iati-activity")
    by_identifier = {(a.findtext("iati-identifier") or "").strip(): a for a in activities}
    if identifier and identifier in by_identifier:
        activity = by_identifier[identifier]
    elif len(activities) == 1:
        activity = activities[0]
    else:
        raise ValidationError(
            _("The file holds %(count)s activities and none has this plan's identifier; found: %(found)s."),
            params={"count": len(activities), "found": ", ".join(sorted(by_identifier)[:10])},
        )
    try:
        results = [_parse_result(r, n) for n, r in enumerate(activity.findall("result"), start=1)]
    except (TypeError, ValueError) as error:  # dates or years the XSD let through but Python cannot read
        raise ValidationError(
            _("The file has a date or year that cannot be read: %(error)s"), params={"error": str(error)}
        ) from None
    return ParsedActivity(
        identifier=(activity.findtext("iati-identifier") or "").strip(),
        title=_title(_text(activity.find("title"))),
        results=results,
    )


def _value_snapshot(value: IndicatorValue) -> dict[str, Any]:
    return {
        "value": None if value.value is None else format_decimal(value.value),
        "text_value": value.text_value,
        "comment": value.comment,
        "status": value.status,
        "origin": value.origin,
    }


class _ResultWriter:
    """Writes parsed results into a plan, matching what exists by the stable keys described in the module."""

    def __init__(self, plan: Plan, by: Any, report: ImportReport, fallback_title: str) -> None:
        self.plan, self.by, self.report, self.fallback_title = plan, by, report, fallback_title
        self.now = timezone.now()
        self.nodes_by_key: dict[tuple[int, str, int], ResultNode] = {}
        seen: Counter[tuple[int, str]] = Counter()
        for node in plan.nodes.order_by("position", "pk"):
            seen[(node.level, node.title)] += 1
            self.nodes_by_key[(node.level, node.title, seen[(node.level, node.title)])] = node
        self.seen_in_file: Counter[tuple[int, str]] = Counter()
        self.top: ResultNode | None = (
            plan.nodes.filter(parent=None, level=0).order_by("position", "pk").first()
        )
        self.outcome: ResultNode | None = None

    def _top(self) -> ResultNode:
        if self.top is None:
            self.top = self._create_node(
                level=0, parent=None, title=self.fallback_title, description="", code=""
            )
        return self.top

    def _create_node(self, *, level: int, parent: ResultNode | None, title: str, description: str, code: str):
        siblings = self.plan.nodes.filter(parent=parent)
        position = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1 if siblings.exists() else 0
        node = ResultNode.objects.create(
            plan=self.plan,
            parent=parent,
            level=level,
            position=position,
            title=title,
            description=description,
            code=code,
        )
        self.report.created[ImportedKind.RESULT] += 1
        return node

    def write_result(self, parsed: ParsedResult) -> None:
        self.seen_in_file[(parsed.level, parsed.title)] += 1
        key = (parsed.level, parsed.title, self.seen_in_file[(parsed.level, parsed.title)])
        node = self.nodes_by_key.get(key)
        if node is not None:
            self.report.unchanged[ImportedKind.RESULT] += 1
        else:
            if parsed.level == 0:
                parent = None
            elif parsed.level == 1:
                parent = self._top()
            else:
                parent = self.outcome or self._top()
            node = self._create_node(
                level=parsed.level,
                parent=parent,
                title=parsed.title,
                description=parsed.description,
                code=parsed.code,
            )
            self.nodes_by_key[key] = node
        if parsed.level == 0:
            self.top, self.outcome = node, None
        elif parsed.level == 1:
            self.outcome = node
        self._write_indicators(node, parsed.indicators)

    def _write_indicators(self, node: ResultNode, parsed_indicators: list[ParsedIndicator]) -> None:
        existing: dict[tuple[str, int], Indicator] = {}
        seen: Counter[str] = Counter()
        for current in node.indicators.order_by("position", "pk"):
            seen[current.title] += 1
            existing[(current.title, seen[current.title])] = current
        next_position = max((i.position for i in existing.values()), default=-1) + 1
        seen_in_file: Counter[str] = Counter()
        for parsed in parsed_indicators:
            seen_in_file[parsed.title] += 1
            match = existing.get((parsed.title, seen_in_file[parsed.title]))
            if match is not None:
                indicator = match
                self.report.unchanged[ImportedKind.INDICATOR] += 1
            else:
                indicator = Indicator.objects.create(
                    node=node,
                    position=next_position,
                    code=parsed.code,
                    title=parsed.title,
                    description=parsed.description,
                    measure=parsed.measure,
                    direction=parsed.direction,
                    baseline_year=parsed.baseline_year,
                    baseline_value=parsed.baseline_value,
                    baseline_comment=parsed.baseline_comment,
                )
                next_position += 1
                self.report.created[ImportedKind.INDICATOR] += 1
            self._write_periods(indicator, parsed.periods)

    def _write_periods(self, indicator: Indicator, parsed_periods: list[ParsedPeriod]) -> None:
        existing = {(p.start, p.end): p for p in indicator.periods.select_related("actual")}
        for parsed in parsed_periods:
            period = existing.get((parsed.start, parsed.end))
            if period is not None:
                self.report.unchanged[ImportedKind.PERIOD] += 1
            else:
                period = ReportingPeriod.objects.create(
                    indicator=indicator,
                    start=parsed.start,
                    end=parsed.end,
                    target_value=parsed.target_value,
                    target_comment=parsed.target_comment,
                )
                self.report.created[ImportedKind.PERIOD] += 1
            if parsed.has_actual:
                self._write_actual(indicator, period, parsed)

    def _write_actual(self, indicator: Indicator, period: ReportingPeriod, parsed: ParsedPeriod) -> None:
        is_qualitative = indicator.measure == Measure.QUALITATIVE
        text_value = parsed.actual_comment if is_qualitative else ""
        comment = "" if is_qualitative else parsed.actual_comment
        try:
            value = period.actual
        except IndicatorValue.DoesNotExist:
            value = None
        if value is not None and value.origin != ValueOrigin.IMPORT:
            self.report.skipped_manual.append(f"{indicator.title} ({period})")
            return
        if value is None:
            value = IndicatorValue.objects.create(
                period=period,
                value=parsed.actual_value,
                text_value=text_value,
                comment=comment,
                status=ValueStatus.APPROVED,
                origin=ValueOrigin.IMPORT,
                submitted_by=self.by,
                submitted_at=self.now,
                reviewed_by=self.by,
                reviewed_at=self.now,
            )
            ValueChange.objects.create(
                value=value,
                changed_by=self.by,
                action="import",
                new=_value_snapshot(value),
                comment=_("Imported from IATI"),
            )
            self.report.created[ImportedKind.ACTUAL] += 1
            return
        if (value.value, value.text_value, value.comment, value.status) == (
            parsed.actual_value,
            text_value,
            comment,
            ValueStatus.APPROVED,
        ):
            self.report.unchanged[ImportedKind.ACTUAL] += 1
            return
        before = _value_snapshot(value)
        value.value, value.text_value, value.comment = parsed.actual_value, text_value, comment
        value.status, value.reviewed_by, value.reviewed_at = ValueStatus.APPROVED, self.by, self.now
        value.version += 1
        value.save()
        ValueChange.objects.create(
            value=value,
            changed_by=self.by,
            action="import",
            old=before,
            new=_value_snapshot(value),
            comment=_("Imported from IATI"),
        )
        self.report.updated[ImportedKind.ACTUAL] += 1


def import_results(*, plan: Plan, xml_bytes: bytes, by: Any) -> ImportReport:
    """Import an IATI activity's results into a plan, all or nothing; importing the same file again changes nothing."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors may import into it."))
    parsed = parse_activity(xml_bytes, identifier=plan.iati_identifier)
    report = ImportReport(identifier=parsed.identifier)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        writer = _ResultWriter(locked, by, report, fallback_title=parsed.title or locked.title)
        for result in parsed.results:
            writer.write_result(result)
        if not locked.iati_identifier and parsed.identifier:
            locked.iati_identifier = parsed.identifier[:150]
            locked.save(update_fields=["iati_identifier", "updated_at"])
        verdicts.refresh_plan(locked.pk)
    plan.iati_identifier = locked.iati_identifier
    return report
