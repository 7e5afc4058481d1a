"""Indicators and their reporting periods: definitions, baselines, targets, measures and disaggregations."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.validation import check_fields

from .. import verdicts
from ..models import Indicator, IndicatorValue, Measure, ReportingPeriod, ResultNode
from .framework import check_editor, refuse_losing_approved_values

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


HUNDRED = Decimal(100)


FOUR_PLACES = Decimal("0.0001")


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
            check_measure_value(indicator.measure, getattr(indicator, field), field)
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


def check_measure_value(measure: str, value: Decimal | None, field: str) -> None:
    if value is None:
        return
    if measure == Measure.YES_NO and value not in (0, 1):
        raise ValidationError({field: _("A yes/no value is 1 (yes) or 0 (no).")})
    if measure == Measure.PERCENTAGE and not (0 <= value <= 100):
        raise ValidationError({field: _("A percentage lies between 0 and 100.")})


@transaction.atomic
def add_indicator(*, node: ResultNode, by: User, data: Mapping[str, Any]) -> Indicator:
    """Add an indicator to a result, last among its indicators unless `position` is given."""
    check_editor(by, node.plan)
    check_fields(data, INDICATOR_FIELDS)
    fields = {"position": node.indicators.count(), **data, "node": node}
    return _save_indicator(Indicator(**fields))


@transaction.atomic
def update_indicator(*, indicator: Indicator, by: User, data: Mapping[str, Any]) -> Indicator:
    """Change an indicator's definition, baseline, final target, measure, rules or disaggregations."""
    plan = indicator.node.plan
    check_editor(by, plan)
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
    """Remove an indicator with its periods and values; refused while it holds approved values."""
    check_editor(by, indicator.node.plan)
    refuse_losing_approved_values(
        IndicatorValue.objects.filter(period__indicator=indicator),
        message=_(
            "This indicator holds %(count)s approved values, the record of what was achieved; it cannot be "
            "deleted."
        ),
    )
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
    check_editor(by, indicator.node.plan)
    if end < start:
        raise ValidationError({"end": _("A period cannot end before it starts.")})
    if indicator.measure != Measure.QUALITATIVE:
        check_measure_value(indicator.measure, target_value, "target_value")
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
    check_editor(by, period.indicator.node.plan)
    if IndicatorValue.objects.filter(period=period).exists():
        raise ValidationError(_("A value has been reported for this period; it cannot be removed."))
    period.delete()
