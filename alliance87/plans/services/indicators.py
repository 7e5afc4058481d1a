"""Indicators and their reporting periods: definitions, baselines, targets, measures and disaggregations."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.concurrency import check_version
from alliance87.core.content_translation import blank_to_none, original_value, translation_field_names

from .. import gap_counts, verdicts
from ..models import (
    CommonIndicator,
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    PeriodRule,
    ReportingPeriod,
    ResultNode,
)
from ..validation import check_indicator_value, validate_indicator, validate_period
from .framework import check_editor, field_names, refuse_losing_approved_values

INDICATOR_TRANSLATIONS = translation_field_names(("title", "description"))


@dataclass(frozen=True, kw_only=True)
class IndicatorFields:
    """What a person sets on an indicator. To change some fields only:
    ``dataclasses.replace(IndicatorFields.of(indicator), …)``."""

    title: str
    code: str = ""
    description: str = ""
    kind: str = IndicatorKind.RESULT
    measure: str = Measure.NUMBER
    unit: str = ""
    direction: str = Direction.INCREASE
    allows_negative: bool = False
    allows_over_100: bool = False
    scale_levels: Sequence[str] = ()
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    baseline_numerator: Decimal | None = None
    baseline_denominator: Decimal | None = None
    baseline_comment: str = ""
    target_value: Decimal | None = None
    target_year: int | None = None
    period_rule: str = PeriodRule.LATEST
    disaggregations: Mapping[str, Sequence[str]] = field(default_factory=dict)
    source: str = ""
    caveats: str = ""
    common_indicator: CommonIndicator | None = None
    position: int | None = None  # None: last (new), unchanged (existing)
    # Translations of the title and the definition: None where there is none, so the original shows.
    title_fr: str | None = None
    description_fr: str | None = None
    title_es: str | None = None
    description_es: str | None = None

    @classmethod
    def of(cls, indicator: Indicator) -> IndicatorFields:
        """The indicator's current values: the originals whatever the reader's language, and the translations."""
        return cls(**{name: original_value(indicator, name) for name in field_names(cls)})

    def apply_to(self, indicator: Indicator) -> Indicator:
        """Set these values on an indicator (not saved)."""
        for name in field_names(IndicatorFields):
            value = getattr(self, name)
            if name == "position" and value is None:
                continue
            if name == "scale_levels" and isinstance(value, tuple):
                value = list(value)
            elif name == "disaggregations" and isinstance(value, Mapping):
                value = {dimension: categories for dimension, categories in value.items()}
            elif name in INDICATOR_TRANSLATIONS:
                value = blank_to_none(value)
            # Anything else (a form's empty field, a malformed value) is left to validate_indicator to refuse.
            setattr(indicator, name, value)
        return indicator


@transaction.atomic
def add_indicator(*, node: ResultNode, by: User, fields: IndicatorFields) -> Indicator:
    """Add an indicator to a result, last among its indicators unless `fields.position` is given."""
    check_editor(by, node.plan)
    indicator = fields.apply_to(Indicator(node=node, position=node.indicators.count()))
    return _save_indicator(indicator)


@transaction.atomic
def update_indicator(
    *, indicator: Indicator, by: User, fields: IndicatorFields, version: str | None = None
) -> Indicator:
    """Change an indicator's definition, baseline, final target, measure, bounds, rules or disaggregations.

    Refused when a reported value or a period's target no longer fits the new measure or bounds, and, with
    ``version`` (what the editor read), when someone saved the indicator since (`core/concurrency.py`).
    """
    plan = indicator.node.plan
    check_editor(by, plan)
    locked = Indicator.objects.select_for_update().select_related("node").get(pk=indicator.pk)
    check_version(locked, version)
    fields.apply_to(locked)
    _save_indicator(locked)
    for period in locked.periods.select_related("actual"):
        validate_period(period, locked)
        actual = getattr(period, "actual", None)
        if actual is not None and actual.value is not None:
            try:
                check_indicator_value(locked, actual.value, "value")
            except ValidationError:
                raise ValidationError(
                    {
                        "measure": _(
                            "The value reported for %(period)s, %(value)s, does not fit this measure or its "
                            "bounds; correct it first."
                        )
                        % {"period": period, "value": actual.value}
                    }
                ) from None
    return locked


def _save_indicator(indicator: Indicator) -> Indicator:
    validate_indicator(indicator)
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
    plan_id = indicator.node.plan_id
    indicator.delete()
    gap_counts.store([plan_id])


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
    if period is None:
        period = ReportingPeriod.objects.filter(indicator=indicator, start=start, end=end).first()
    elif period.indicator_id != indicator.pk:
        raise ValidationError(_("This period belongs to another indicator."))
    period = period or ReportingPeriod(indicator=indicator)
    period.start, period.end = start, end
    period.target_value = target_value
    period.target_comment = target_comment
    validate_period(period, indicator, others=ReportingPeriod.objects.filter(indicator=indicator))
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
