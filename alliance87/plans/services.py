"""Changes to plans, their results frameworks, indicators, periods, reported values and budgets.

Every function is one transaction and checks the permission itself, so the pages, the API and the importers
(xlsx.py, iati.py) share one rule. A refusal is a PermissionDenied or a ValidationError a person can read, and
leaves nothing half-saved. Every change to a reported value writes a ValueChange row, and every change that can
alter an indicator's progress verdict stores the new verdict (`verdicts.refresh`) in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.slugs import unique_slug
from alliance87.core.validation import check_fields
from alliance87.library.permissions import can_view_item
from alliance87.library.selectors import visible_items
from alliance87.partners.models import Organisation

from . import aggregation, verdicts
from .models import (
    BudgetLine,
    FundingSource,
    Indicator,
    IndicatorValue,
    Measure,
    NodeStatus,
    Plan,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)
from .permissions import (
    can_create_plan_for_body,
    can_create_plan_for_country,
    can_edit_plan,
    can_report_on_plan,
)

PLAN_FIELDS = (
    "title",
    "description",
    "owner_body",
    "owner_country",
    "period_start",
    "period_end",
    "status",
    "currency",
    "tier_names",
    "responsible_organisations",
    "iati_identifier",
    "is_illustrative",
)
if TYPE_CHECKING:
    from alliance87.library.models import Item

NODE_FIELDS = (
    "code",
    "title",
    "description",
    "assumptions",
    "risks",
    "start_date",
    "due_date",
    "status",
    "responsible_organisations",
    "library_items",
)
INDICATOR_FIELDS = (
    "node",
    "position",
    "code",
    "title",
    "description",
    "kind",
    "measure",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "baseline_numerator",
    "baseline_denominator",
    "baseline_comment",
    "target_value",
    "target_year",
    "period_rule",
    "disaggregations",
    "source",
    "caveats",
    "common_indicator",
)
BUDGET_FIELDS = (
    "node",
    "year",
    "description",
    "planned",
    "committed",
    "spent",
    "funding_source",
    "funder",
    "funder_name",
    "budget_line_code",
)
#: Slugs that are pages of their own under /plans/ (see views.py, exchange_views.py, gap_views.py).
RESERVED_SLUGS = frozenset({"new", "review", "gaps", "import", "export", "iati", "xlsx", "common"})
#: ResultNode.level is at most 5, so a framework has at most six tiers.
MAX_TIERS = 6
HUNDRED = Decimal(100)
FOUR_PLACES = Decimal("0.0001")


# --- plans -------------------------------------------------------------------------------------------------


def valid_currency(code: str) -> str:
    """The upper-case ISO 4217 code, or a ValidationError."""
    normalised = (code or "").strip().upper()
    if len(normalised) != 3 or pycountry.currencies.get(alpha_3=normalised) is None:
        raise ValidationError(
            {
                "currency": _("“%(code)s” is not an ISO 4217 currency code, such as USD or EUR.")
                % {"code": code}
            }
        )
    return normalised


def _valid_tier_names(names: Any) -> list[str]:
    if not isinstance(names, list | tuple) or not all(isinstance(name, str) for name in names):
        raise ValidationError({"tier_names": _("Give the tier names as a list of words.")})
    cleaned = [name.strip() for name in names]
    if not cleaned or not all(cleaned):
        raise ValidationError({"tier_names": _("Name every tier; a framework has at least one.")})
    if len(cleaned) > MAX_TIERS:
        raise ValidationError({"tier_names": _("A framework has at most %(n)s tiers.") % {"n": MAX_TIERS}})
    return cleaned


def _unique_plan_slug(title: str) -> str:
    return unique_slug(Plan, title, max_length=90, reserved=RESERVED_SLUGS, fallback="plan")


def _check_may_own(by: User, plan: Plan) -> None:
    if bool(plan.owner_body_id) == bool(plan.owner_country_id):
        raise ValidationError({"owner_body": _("A plan belongs either to a body or to a country, not both.")})
    if plan.owner_body_id and not can_create_plan_for_body(by, plan.owner_body):  # type: ignore[arg-type]
        raise PermissionDenied(_("Only the body's chairs or the Secretariat can make plans for this body."))
    if plan.owner_country_id and not can_create_plan_for_country(by, plan.owner_country):  # type: ignore[arg-type]
        raise PermissionDenied(
            _(
                "Only the focal points of the country's national focal institution or the Secretariat can make its plans."
            )
        )


def _save_plan(plan: Plan, data: Mapping[str, Any], by: User) -> Plan:
    check_fields(data, PLAN_FIELDS)
    organisations = data.get("responsible_organisations")
    for field, value in data.items():
        if field not in ("responsible_organisations", "library_items"):
            setattr(plan, field, value)
    plan.title = (plan.title or "").strip()
    plan.currency = valid_currency(plan.currency)
    plan.tier_names = _valid_tier_names(plan.tier_names)
    _check_may_own(by, plan)
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ValidationError({"period_end": _("A plan cannot end before it starts.")})
    if plan.pk:
        deepest = plan.nodes.aggregate(deepest=Max("level"))["deepest"]
        if deepest is not None and deepest >= len(plan.tier_names):
            raise ValidationError(
                {
                    "tier_names": _(
                        "The framework already has %(n)s levels; give at least that many tier names."
                    )
                    % {"n": deepest + 1}
                }
            )
    if not plan.slug:
        plan.slug = _unique_plan_slug(plan.title)
    plan.full_clean()
    plan.save()
    if organisations is not None:
        plan.responsible_organisations.set(organisations)
    return plan


@transaction.atomic
def create_plan(*, by: User, data: Mapping[str, Any]) -> Plan:
    """Create a body's work plan or a country's national action plan (its chairs, focal points or the Secretariat).

    `data` holds PLAN_FIELDS; `responsible_organisations` is an iterable of organisations.
    """
    return _save_plan(Plan(), data, by)


@transaction.atomic
def update_plan(*, plan: Plan, by: User, data: Mapping[str, Any]) -> Plan:
    """Change a plan; moving it to another owner needs the right to make plans for that owner too."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("You may not edit this plan."))
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    return _save_plan(locked, data, by)


@transaction.atomic
def delete_plan(*, plan: Plan, by: User) -> None:
    """Remove a plan with its framework, values and budget (editors; kept for plans entered by mistake)."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("You may not delete this plan."))
    plan.delete()


# --- results framework -------------------------------------------------------------------------------------


def _check_editor(by: User, plan: Plan) -> None:
    if not can_edit_plan(by, plan):
        raise PermissionDenied(
            _("Only the plan's editors can change its results framework, targets and budget.")
        )


def _check_node_dates(node: ResultNode) -> None:
    if node.start_date and node.due_date and node.due_date < node.start_date:
        raise ValidationError({"due_date": _("A result cannot be due before it starts.")})


def _subtree_depth(node: ResultNode) -> int:
    """How many levels below the node its descendants reach (0 for a leaf)."""
    levels = ResultNode.objects.filter(plan_id=node.plan_id).values_list("pk", "parent_id", "level")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, _level in levels:
        children.setdefault(parent_id, []).append(pk)
    depth, frontier = 0, children.get(node.pk, [])
    while frontier:
        depth += 1
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return depth


def _descendant_ids(node: ResultNode) -> set[int]:
    pairs = ResultNode.objects.filter(plan_id=node.plan_id).values_list("pk", "parent_id")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    frontier = children.get(node.pk, [])
    while frontier:
        found.update(frontier)
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return found


def _check_level(plan: Plan, level: int) -> None:
    tiers = len(plan.tier_names or [])
    if level >= tiers:
        raise ValidationError(
            {
                "parent": _(
                    "This framework has %(n)s tiers (%(names)s); a result cannot go below the last one."
                )
                % {"n": tiers, "names": ", ".join(plan.tier_names)}
            }
        )


def _siblings(plan: Plan, parent_id: int | None, exclude_pk: int | None = None) -> list[ResultNode]:
    return list(
        ResultNode.objects.select_for_update()
        .filter(plan=plan, parent_id=parent_id)
        .exclude(pk__in=[exclude_pk] if exclude_pk else [])
        .order_by("position", "pk")
    )


def _renumber(nodes: list[ResultNode]) -> None:
    changed = []
    for index, sibling in enumerate(nodes):
        if sibling.position != index:
            sibling.position = index
            changed.append(sibling)
    ResultNode.objects.bulk_update(changed, ["position"])


@transaction.atomic
def add_node(
    *,
    plan: Plan,
    by: User,
    title: str,
    parent: ResultNode | None = None,
    code: str = "",
    description: str = "",
    assumptions: str = "",
    risks: str = "",
    start_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    status: str = NodeStatus.NOT_STARTED,
    responsible_organisations: Iterable[Organisation] = (),
    library_items: Iterable[Item] = (),
) -> ResultNode:
    """Add a result under `parent` (or at the top), one tier below it and last among its siblings."""
    _check_editor(by, plan)
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError({"parent": _("The parent result belongs to another plan.")})
    level = 0 if parent is None else parent.level + 1
    _check_level(plan, level)
    node = ResultNode(
        plan=plan,
        parent=parent,
        level=level,
        position=len(_siblings(plan, parent.pk if parent else None)),
        code=code.strip(),
        title=title.strip(),
        description=description,
        assumptions=assumptions,
        risks=risks,
        start_date=start_date,
        due_date=due_date,
        status=status,
    )
    _check_node_dates(node)
    node.full_clean()
    node.save()
    node.responsible_organisations.set(responsible_organisations)
    _link_library_items(node, library_items, by=by)
    return node


def _link_library_items(node: ResultNode, items: Iterable[Item], *, by: User) -> None:
    """Link the documents named, each one `by` may see; links to documents `by` cannot see are kept."""
    items = list(items)
    if any(not can_view_item(by, item) for item in items):
        raise ValidationError({"library_items": _("Link only library documents you can see.")})
    hidden = list(node.library_items.exclude(pk__in=visible_items(by).values("pk")))
    node.library_items.set(items + hidden)


@transaction.atomic
def link_item_to_results(*, item: Item, results: Iterable[ResultNode], by: User) -> None:
    """Make `results` the plan results that link a library item, from the item's side (the API's item record).

    The same rule as from a result's side: `by` sees the item and edits every plan whose links change.
    """
    wanted = {node.pk: node for node in results}
    current = {node.pk: node for node in ResultNode.objects.filter(library_items=item).select_related("plan")}
    changed = [wanted.get(pk) or current[pk] for pk in wanted.keys() ^ current.keys()]
    if not changed:
        return
    if not can_view_item(by, item) or any(not can_edit_plan(by, node.plan) for node in changed):
        raise ValidationError({"results": _("Link only results of plans you edit.")})
    item.results.set(list(wanted.values()))


@transaction.atomic
def update_node(*, node: ResultNode, by: User, data: Mapping[str, Any]) -> ResultNode:
    """Change a result's wording, dates, status, responsible partners or library items (move_node moves it)."""
    _check_editor(by, node.plan)
    check_fields(data, NODE_FIELDS)
    locked = ResultNode.objects.select_for_update().get(pk=node.pk)
    for field, value in data.items():
        if field not in ("responsible_organisations", "library_items"):
            setattr(
                locked,
                field,
                value.strip() if isinstance(value, str) and field in ("code", "title") else value,
            )
    _check_node_dates(locked)
    locked.full_clean()
    locked.save()
    if "responsible_organisations" in data:
        locked.responsible_organisations.set(data["responsible_organisations"])
    if "library_items" in data:
        _link_library_items(locked, data["library_items"] or (), by=by)
    return locked


@transaction.atomic
def move_node(*, node: ResultNode, by: User, new_parent: ResultNode | None, position: int) -> ResultNode:
    """Put a result under another parent (or at the top) at a position among its siblings (0 is first).

    Its descendants move with it; the siblings it leaves and joins are renumbered 0, 1, 2…
    """
    plan = node.plan
    _check_editor(by, plan)
    locked = ResultNode.objects.select_for_update().get(pk=node.pk)
    if new_parent is not None:
        if new_parent.plan_id != plan.pk:
            raise ValidationError({"parent": _("The new parent belongs to another plan.")})
        if new_parent.pk == locked.pk or new_parent.pk in _descendant_ids(locked):
            raise ValidationError(
                {"parent": _("A result cannot be moved under itself or one of its own results.")}
            )
    new_level = 0 if new_parent is None else new_parent.level + 1
    _check_level(plan, new_level + _subtree_depth(locked))
    old_parent_id = locked.parent_id
    new_parent_id = new_parent.pk if new_parent else None
    shift = new_level - locked.level
    if shift:
        descendants = list(ResultNode.objects.filter(pk__in=_descendant_ids(locked)))
        for descendant in descendants:
            descendant.level += shift
        ResultNode.objects.bulk_update(descendants, ["level"])
    locked.parent_id = new_parent_id
    locked.level = new_level
    locked.save(update_fields=["parent", "level", "updated_at"])
    siblings = _siblings(plan, new_parent_id, exclude_pk=locked.pk)
    index = max(0, min(position, len(siblings)))
    siblings.insert(index, locked)
    _renumber(siblings)
    if old_parent_id != new_parent_id:
        _renumber(_siblings(plan, old_parent_id))
    locked.refresh_from_db()
    return locked


@transaction.atomic
def shift_node(*, node: ResultNode, by: User, offset: int) -> ResultNode:
    """Move a result up (offset -1) or down (+1) among its siblings, keeping its parent."""
    _check_editor(by, node.plan)
    siblings = _siblings(node.plan, node.parent_id)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == node.pk)
    return move_node(node=node, by=by, new_parent=node.parent, position=index + offset)


@transaction.atomic
def delete_node(*, node: ResultNode, by: User) -> None:
    """Remove a result with everything under it: its results, indicators, periods, values and budget lines."""
    plan = node.plan
    _check_editor(by, plan)
    parent_id = node.parent_id
    node.delete()
    _renumber(_siblings(plan, parent_id))


# --- indicators and periods --------------------------------------------------------------------------------


def _valid_disaggregations(raw: Any) -> dict[str, list[str]]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise ValidationError(
            {"disaggregations": _("Give the disaggregations as dimensions with their categories.")}
        )
    cleaned: dict[str, list[str]] = {}
    for dimension, categories in raw.items():
        name = str(dimension).strip()
        if not name:
            raise ValidationError({"disaggregations": _("Every dimension needs a name.")})
        if not isinstance(categories, list | tuple) or not categories:
            raise ValidationError(
                {
                    "disaggregations": _("The dimension “%(name)s” needs at least one category.")
                    % {"name": name}
                }
            )
        labels = [str(category).strip() for category in categories]
        if not all(labels) or len(set(labels)) != len(labels):
            raise ValidationError(
                {
                    "disaggregations": _("The categories of “%(name)s” must be named and different.")
                    % {"name": name}
                }
            )
        cleaned[name] = labels
    return cleaned


def percentage(numerator: Decimal, denominator: Decimal) -> Decimal:
    """100 × numerator / denominator, to the models' four decimals."""
    return (HUNDRED * Decimal(numerator) / Decimal(denominator)).quantize(FOUR_PLACES)


def _validated_indicator(indicator: Indicator) -> Indicator:
    indicator.title = (indicator.title or "").strip()
    indicator.disaggregations = _valid_disaggregations(indicator.disaggregations)
    if indicator.measure == Measure.PERCENTAGE:
        numerator, denominator = indicator.baseline_numerator, indicator.baseline_denominator
        if (numerator is None) != (denominator is None):
            raise ValidationError(
                {"baseline_denominator": _("Give both the baseline numerator and denominator, or neither.")}
            )
        if denominator is not None:
            if denominator <= 0:
                raise ValidationError({"baseline_denominator": _("The denominator must be more than zero.")})
            indicator.baseline_value = percentage(numerator, denominator)  # type: ignore[arg-type]
    else:
        indicator.baseline_numerator = indicator.baseline_denominator = None
    if indicator.baseline_value is not None and indicator.baseline_year is None:
        raise ValidationError({"baseline_year": _("Say which year the baseline value is for.")})
    if indicator.target_value is not None and indicator.target_year is None:
        raise ValidationError({"target_year": _("Say by which year the target should be reached.")})
    if indicator.baseline_year and indicator.target_year and indicator.target_year <= indicator.baseline_year:
        raise ValidationError({"target_year": _("The target year must come after the baseline year.")})
    if indicator.measure != Measure.QUALITATIVE:
        for field in ("baseline_value", "target_value"):
            _check_measure_value(indicator.measure, getattr(indicator, field), field)
    if (
        indicator.measure in (Measure.PERCENTAGE, Measure.YES_NO, Measure.ORDINAL)
        and indicator.period_rule != "latest"
    ):
        raise ValidationError(
            {
                "period_rule": _(
                    "Percentages, yes/no answers and ordinal values are not added or averaged over periods: "
                    "use the latest value."
                )
            }
        )
    common = indicator.common_indicator
    if common is not None and common.measure != indicator.measure:
        raise ValidationError(
            {
                "common_indicator": _(
                    "“%(common)s” is measured as %(measure)s; only an indicator measured the same way can "
                    "be combined with it."
                )
                % {"common": common, "measure": common.get_measure_display().lower()}
            }
        )
    indicator.full_clean()
    return indicator


def _check_measure_value(measure: str, value: Decimal | None, field: str) -> None:
    if value is None:
        return
    if measure == Measure.YES_NO and value not in (0, 1):
        raise ValidationError({field: _("A yes/no value is 1 (yes) or 0 (no).")})
    if measure == Measure.PERCENTAGE and not (0 <= value <= 100):
        raise ValidationError({field: _("A percentage lies between 0 and 100.")})


@transaction.atomic
def add_indicator(*, node: ResultNode, by: User, data: Mapping[str, Any]) -> Indicator:
    """Add an indicator to a result, last among its indicators unless `position` is given."""
    _check_editor(by, node.plan)
    check_fields(data, INDICATOR_FIELDS)
    fields = {"position": node.indicators.count(), **data, "node": node}
    return _save_indicator(Indicator(**fields))


@transaction.atomic
def update_indicator(*, indicator: Indicator, by: User, data: Mapping[str, Any]) -> Indicator:
    """Change an indicator's definition, baseline, final target, measure, rules or disaggregations."""
    plan = indicator.node.plan
    _check_editor(by, plan)
    check_fields(data, INDICATOR_FIELDS)
    locked = Indicator.objects.select_for_update().select_related("node").get(pk=indicator.pk)
    for field, value in data.items():
        setattr(locked, field, value)
    if locked.node.plan_id != plan.pk:
        raise ValidationError({"node": _("An indicator stays in its plan.")})
    return _save_indicator(locked)


def _save_indicator(indicator: Indicator) -> Indicator:
    _validated_indicator(indicator)
    indicator.save()
    verdicts.refresh([indicator.pk])
    return indicator


@transaction.atomic
def delete_indicator(*, indicator: Indicator, by: User) -> None:
    """Remove an indicator with its periods and values."""
    _check_editor(by, indicator.node.plan)
    indicator.delete()


@transaction.atomic
def set_period(
    *,
    indicator: Indicator,
    by: User,
    start: datetime.date,
    end: datetime.date,
    target_value: Decimal | None = None,
    target_comment: str = "",
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    """Create a reporting period with its target, or change one (the given `period`, or the one with these dates).

    Periods of one indicator may not overlap: each approved value stands for its own stretch of time.
    """
    _check_editor(by, indicator.node.plan)
    if end < start:
        raise ValidationError({"end": _("A period cannot end before it starts.")})
    if indicator.measure != Measure.QUALITATIVE:
        _check_measure_value(indicator.measure, target_value, "target_value")
    if period is None:
        period = ReportingPeriod.objects.filter(indicator=indicator, start=start, end=end).first()
    elif period.indicator_id != indicator.pk:
        raise ValidationError(_("This period belongs to another indicator."))
    overlapping = ReportingPeriod.objects.filter(indicator=indicator, start__lte=end, end__gte=start).exclude(
        pk__in=[period.pk] if period else []
    )
    clash = overlapping.first()
    if clash:
        raise ValidationError(
            {
                "start": _("This period overlaps the period %(period)s of the same indicator.")
                % {"period": clash}
            }
        )
    period = period or ReportingPeriod(indicator=indicator)
    period.start, period.end = start, end
    period.target_value = target_value
    period.target_comment = target_comment.strip()
    period.full_clean()
    period.save()
    verdicts.refresh([indicator.pk])
    return period


@transaction.atomic
def delete_period(*, period: ReportingPeriod, by: User) -> None:
    """Remove a period; refused while it holds a reported value, so no report is lost unnoticed."""
    _check_editor(by, period.indicator.node.plan)
    if IndicatorValue.objects.filter(period=period).exists():
        raise ValidationError(_("A value has been reported for this period; it cannot be removed."))
    period.delete()


# --- reported values ---------------------------------------------------------------------------------------


def _json_number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def value_snapshot(value: IndicatorValue | None) -> dict[str, Any]:
    """What a reported value holds, as JSON for its history."""
    if value is None:
        return {}
    return {
        "value": _json_number(value.value),
        "numerator": _json_number(value.numerator),
        "denominator": _json_number(value.denominator),
        "text_value": value.text_value,
        "disaggregated": value.disaggregated,
        "source": value.source,
        "comment": value.comment,
        "evidence_url": value.evidence_url,
        "evidence_item": value.evidence_item.slug if value.evidence_item_id else None,  # type: ignore[union-attr]
        "status": value.status,
        "review_comment": value.review_comment,
        "version": value.version,
    }


def _record(
    value: IndicatorValue, *, by: User | None, action: str, old: dict[str, Any], comment: str = ""
) -> None:
    ValueChange.objects.create(
        value=value, changed_by=by, action=action, old=old, new=value_snapshot(value), comment=comment
    )


def _check_version(value: IndicatorValue | None, expected_version: int | None) -> None:
    """Refuse to overwrite a value someone else changed after the form was opened (0: there was no value then)."""
    if expected_version is None:
        return
    current = value.version if value is not None else 0
    if current == expected_version:
        return
    last = value.history.select_related("changed_by").first() if value is not None else None
    who = str(last.changed_by) if last and last.changed_by else _("someone else")
    when = timezone.localtime(last.changed_at if last else value.updated_at) if value else timezone.now()  # type: ignore[union-attr]
    raise ValidationError(
        _(
            "This value was changed by %(who)s at %(when)s since you opened it, and your changes were not saved. "
            "Read the current value below, then enter your changes again."
        )
        % {"who": who, "when": date_format(when, "DATETIME_FORMAT")},
        code="stale",
    )


def _number(raw: Any, field: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        number = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _valid_disaggregated(indicator: Indicator, raw: Any) -> dict[str, dict[str, float | int]]:
    """Values by dimension and category, each known to the indicator; incomplete ones are allowed (and flagged)."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"disaggregated": _("Give the values by dimension and category.")})
    dimensions = indicator.disaggregations or {}
    cleaned: dict[str, dict[str, float | int]] = {}
    for dimension, values in raw.items():
        if dimension not in dimensions:
            raise ValidationError(
                {
                    "disaggregated": _("The indicator has no dimension “%(name)s”; it has: %(known)s.")
                    % {"name": dimension, "known": ", ".join(dimensions) or _("none")}
                }
            )
        if not isinstance(values, dict):
            raise ValidationError(
                {"disaggregated": _("Give the values of “%(name)s” by category.") % {"name": dimension}}
            )
        row: dict[str, float | int] = {}
        for category, raw_number in values.items():
            if category not in dimensions[dimension]:
                raise ValidationError(
                    {
                        "disaggregated": _("“%(category)s” is not a category of “%(name)s”.")
                        % {"category": category, "name": dimension}
                    }
                )
            number = _number(raw_number, "disaggregated")
            if number is not None:
                row[category] = int(number) if number == number.to_integral_value() else float(number)
        if row:
            cleaned[dimension] = row
    return cleaned


def disaggregation_checks(
    indicator: Indicator, value: IndicatorValue
) -> dict[str, aggregation.DisaggregationCheck]:
    """For each dimension of an additive indicator (a count or an amount), whether the report accounts for the total.

    A dimension with no value at all is checked too, so a missing breakdown is flagged as well.
    """
    if indicator.measure not in (Measure.NUMBER, Measure.CURRENCY):
        return {}
    return {
        dimension: aggregation.check_disaggregation(
            total=value.value, values=(value.disaggregated or {}).get(dimension, {}), categories=categories
        )
        for dimension, categories in (indicator.disaggregations or {}).items()
    }


def _apply_reported(
    value: IndicatorValue,
    indicator: Indicator,
    *,
    number: Any,
    numerator: Any,
    denominator: Any,
    text_value: str,
    disaggregated: Any,
) -> None:
    measure = indicator.measure
    value.text_value = (text_value or "").strip()
    value.numerator = value.denominator = None
    if measure == Measure.QUALITATIVE:
        if not value.text_value:
            raise ValidationError({"text_value": _("Describe what was achieved.")})
        value.value = None
    elif measure == Measure.PERCENTAGE and (numerator not in (None, "") or denominator not in (None, "")):
        value.numerator = _number(numerator, "numerator")
        value.denominator = _number(denominator, "denominator")
        if value.numerator is None or value.denominator is None:
            raise ValidationError({"denominator": _("Give both the numerator and the denominator.")})
        if value.denominator <= 0:
            raise ValidationError({"denominator": _("The denominator must be more than zero.")})
        if value.numerator < 0:
            raise ValidationError({"numerator": _("The numerator cannot be negative.")})
        value.value = percentage(value.numerator, value.denominator)
    else:
        value.value = _number(number, "value")
        if value.value is None:
            raise ValidationError({"value": _("Enter the value for this period.")})
    if measure != Measure.QUALITATIVE:
        _check_measure_value(measure, value.value, "value")
    value.disaggregated = _valid_disaggregated(indicator, disaggregated)


@transaction.atomic
def submit_value(
    *,
    period: ReportingPeriod,
    by: User,
    value: Any = None,
    numerator: Any = None,
    denominator: Any = None,
    text_value: str = "",
    disaggregated: Mapping[str, Mapping[str, Any]] | None = None,
    source: str = "",
    comment: str = "",
    evidence_url: str = "",
    evidence_item: Item | None = None,
    expected_version: int | None = None,
    origin: str = ValueOrigin.MANUAL,
) -> IndicatorValue:
    """Report the actual value for a period; it waits for an editor's approval (status submitted).

    `expected_version` is the version the reporter saw (0 when there was no value yet); if someone changed the
    value since, the report is refused rather than overwriting theirs. For a percentage, give the numerator and
    denominator: the value is 100 × numerator / denominator. An approved value is changed by editors only.
    """
    indicator = period.indicator
    plan = indicator.node.plan
    if not can_report_on_plan(by, plan):
        raise PermissionDenied(_("You may not report on this plan."))
    current = IndicatorValue.objects.select_for_update().filter(period=period).first()
    _check_version(current, expected_version)
    if current is not None and current.status == ValueStatus.APPROVED and not can_edit_plan(by, plan):
        raise PermissionDenied(_("This value has been approved; only the plan's editors can change it now."))
    old = value_snapshot(current)
    reported = current or IndicatorValue(period=period, version=0)
    _apply_reported(
        reported,
        indicator,
        number=value,
        numerator=numerator,
        denominator=denominator,
        text_value=text_value,
        disaggregated=disaggregated,
    )
    reported.source = source.strip()
    reported.comment = comment.strip()
    reported.evidence_url = evidence_url.strip()
    if evidence_item is not None and not can_view_item(by, evidence_item):
        raise ValidationError({"evidence_item": _("Cite a library document you can see.")})
    reported.evidence_item = evidence_item
    reported.origin = origin
    reported.status = ValueStatus.SUBMITTED
    reported.submitted_by = by
    reported.submitted_at = timezone.now()
    reported.review_comment = ""
    reported.reviewed_by = None
    reported.reviewed_at = None
    reported.version += 1
    reported.full_clean(exclude=["period"])
    reported.save()
    _record(reported, by=by, action="submitted", old=old, comment=reported.comment)
    verdicts.refresh([indicator.pk])  # a value approved before no longer counts while it is reviewed again
    return reported


def _review(
    value: IndicatorValue, by: User, expected_version: int | None
) -> tuple[IndicatorValue, dict[str, Any]]:
    plan = value.period.indicator.node.plan
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors can approve or return reported values."))
    locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    _check_version(locked, expected_version)
    if locked.status != ValueStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be reviewed; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked, value_snapshot(locked)


@transaction.atomic
def approve_value(
    *, value: IndicatorValue, by: User, comment: str = "", expected_version: int | None = None
) -> IndicatorValue:
    """Accept a submitted value: from now on it counts in the progress verdict and the reports."""
    locked, old = _review(value, by, expected_version)
    locked.status = ValueStatus.APPROVED
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.version += 1
    locked.save()
    _record(locked, by=by, action="approved", old=old, comment=locked.review_comment)
    verdicts.refresh([locked.period.indicator_id])
    return locked


@transaction.atomic
def return_value(
    *, value: IndicatorValue, by: User, comment: str, expected_version: int | None = None
) -> IndicatorValue:
    """Send a submitted value back to the reporters with a comment saying what to revise."""
    if not comment or not comment.strip():
        raise ValidationError({"comment": _("Tell the reporters what to revise.")})
    locked, old = _review(value, by, expected_version)
    locked.status = ValueStatus.RETURNED
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.version += 1
    locked.save()
    _record(locked, by=by, action="returned", old=old, comment=locked.review_comment)
    verdicts.refresh([locked.period.indicator_id])
    return locked


# --- budgets -----------------------------------------------------------------------------------------------


@transaction.atomic
def save_budget_line(
    *, plan: Plan, by: User, data: Mapping[str, Any], line: BudgetLine | None = None
) -> BudgetLine:
    """Create or change a budget line: planned, committed and spent amounts in the plan's currency for a year."""
    _check_editor(by, plan)
    check_fields(data, BUDGET_FIELDS)
    if line is not None and line.plan_id != plan.pk:
        raise ValidationError(_("This budget line belongs to another plan."))
    line = (
        BudgetLine.objects.select_for_update().get(pk=line.pk) if line is not None else BudgetLine(plan=plan)
    )
    for field, value in data.items():
        setattr(line, field, value)
    for field in ("planned", "committed", "spent"):
        amount = getattr(line, field)
        if amount is None:
            setattr(line, field, Decimal(0))
        elif amount < 0:
            raise ValidationError({field: _("An amount cannot be negative.")})
    if line.node_id and line.node.plan_id != plan.pk:  # type: ignore[union-attr]
        raise ValidationError({"node": _("The result belongs to another plan.")})
    line.funder_name = (line.funder_name or "").strip()
    if line.funding_source in (FundingSource.DONOR, FundingSource.PARTNER) and not (
        line.funder_id or line.funder_name
    ):
        raise ValidationError({"funder": _("Say who funds it: choose an organisation or write its name.")})
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def delete_budget_line(*, line: BudgetLine, by: User) -> None:
    _check_editor(by, line.plan)
    line.delete()
