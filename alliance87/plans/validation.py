"""The rules a plan's records obey, as plain public functions: every door calls them.

The services (and so the pages and the API) and the importers (XLSX and IATI, in plans/interchange/, and any
background job that runs them) check a result, an indicator, a reporting period or a reported value with these
same functions, so a record one door refuses no other door lets in. Each raises a ValidationError whose keys name
the fields at fault; ``messages_of`` turns it into lines an import report can show next to a row number.

Nothing here saves anything or checks who is asking: the services do that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alliance87.core.content_translation import original_value

from .models import Indicator, Measure, PeriodRule, ReportingPeriod, ResultNode

HUNDRED = Decimal(100)
FOUR_PLACES = Decimal("0.0001")
#: The measures whose values are never added or averaged over periods.
LATEST_ONLY_MEASURES = (Measure.PERCENTAGE, Measure.YES_NO, Measure.ORDINAL)


def percentage(numerator: Decimal, denominator: Decimal) -> Decimal:
    """100 × numerator / denominator, to the models' four decimals."""
    return (HUNDRED * Decimal(numerator) / Decimal(denominator)).quantize(FOUR_PLACES)


def check_measure_value(
    value: Decimal | None,
    *,
    field: str,
    measure: str,
    allows_negative: bool = False,
    allows_over_100: bool = False,
    scale_levels: Sequence[str] = (),
) -> None:
    """A figure must fit the indicator's measure: counts and amounts are not negative, percentages lie between 0
    and 100, a yes/no is 1 or 0, an ordinal value is a level of the scale — unless the indicator says otherwise."""
    if value is None or measure == Measure.QUALITATIVE:
        return
    if measure == Measure.YES_NO:
        if value not in (0, 1):
            raise ValidationError({field: _("A yes/no value is 1 (yes) or 0 (no).")})
        return
    if measure == Measure.ORDINAL:
        if value != value.to_integral_value():
            raise ValidationError({field: _("A value on an ordinal scale is a whole number: the level.")})
        if scale_levels and not 1 <= value <= len(scale_levels):
            raise ValidationError(
                {
                    field: _("The scale has %(n)s levels (%(levels)s): give a number from 1 to %(n)s.")
                    % {"n": len(scale_levels), "levels": ", ".join(scale_levels)}
                }
            )
        if not scale_levels and value < 0:
            raise ValidationError({field: _("A level of an ordinal scale cannot be negative.")})
        return
    if value < 0 and not allows_negative:
        texts: dict[str, str] = {
            Measure.PERCENTAGE: _(
                "A percentage cannot be negative unless the indicator allows negative values."
            ),
            Measure.CURRENCY: _("An amount cannot be negative unless the indicator allows negative values."),
        }
        raise ValidationError(
            {
                field: texts.get(
                    measure, _("A count cannot be negative unless the indicator allows negative values.")
                )
            }
        )
    if measure == Measure.PERCENTAGE and value > 100 and not allows_over_100:
        raise ValidationError(
            {field: _("A percentage lies between 0 and 100 unless the indicator allows more than 100.")}
        )


def check_indicator_value(indicator: Indicator, value: Decimal | None, field: str) -> None:
    """``check_measure_value`` with the indicator's own measure and bounds."""
    check_measure_value(
        value,
        field=field,
        measure=indicator.measure,
        allows_negative=indicator.allows_negative,
        allows_over_100=indicator.allows_over_100,
        scale_levels=indicator.scale_levels or (),
    )


def valid_disaggregations(raw: Any) -> dict[str, list[str]]:
    """Dimensions with their categories, each named once (`{"sex": ["female", "male"]}`)."""
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


def _valid_scale(raw: Any) -> list[str]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list | tuple) or not all(isinstance(level, str) for level in raw):
        raise ValidationError({"scale_levels": _("Give the levels of the scale as a list of names.")})
    levels = [level.strip() for level in raw]
    if not all(levels) or len(set(levels)) != len(levels):
        raise ValidationError({"scale_levels": _("Name every level of the scale, each once.")})
    return levels


def validate_indicator(indicator: Indicator) -> Indicator:
    """Check an indicator (unsaved or changed) and normalise it: every rule a service or an import applies.

    Fills in the baseline of a percentage from its numerator and denominator, trims the title, cleans the
    disaggregations and scale, then runs the model's own checks. Raises ValidationError naming the field.
    """
    # The original, not `indicator.title`, which reads the reader's language (core.content_translation).
    indicator.title = (original_value(indicator, "title") or "").strip()
    if not indicator.title:
        raise ValidationError({"title": _("Give the indicator a title.")})
    indicator.disaggregations = valid_disaggregations(indicator.disaggregations)
    indicator.scale_levels = _valid_scale(indicator.scale_levels)
    if indicator.measure != Measure.ORDINAL and indicator.scale_levels:
        raise ValidationError({"scale_levels": _("Only an ordinal scale has levels.")})
    if indicator.measure != Measure.PERCENTAGE and indicator.allows_over_100:
        raise ValidationError({"allows_over_100": _("Only a percentage can be allowed above 100.")})
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
    for field in ("baseline_value", "target_value"):
        check_indicator_value(indicator, getattr(indicator, field), field)
    if indicator.measure in LATEST_ONLY_MEASURES and indicator.period_rule != PeriodRule.LATEST:
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
    indicator.full_clean(exclude=["node"] if indicator.node_id is None else None)
    return indicator


def validate_node(node: ResultNode) -> ResultNode:
    """Check a result (unsaved or changed): its title and dates, then the model's own checks."""
    node.title = (original_value(node, "title") or "").strip()
    node.code = (node.code or "").strip()
    if not node.title:
        raise ValidationError({"title": _("Give the result a title.")})
    if node.start_date and node.due_date and node.due_date < node.start_date:
        raise ValidationError({"due_date": _("A result cannot be due before it starts.")})
    node.full_clean(exclude=["plan", "parent"] if node.plan_id is None else ["parent"])
    return node


def validate_period(
    period: ReportingPeriod, indicator: Indicator, *, others: Iterable[ReportingPeriod] = ()
) -> ReportingPeriod:
    """Check a reporting period against its indicator: its dates, its target's measure, no overlap with
    `others` (the indicator's other periods)."""
    if period.start and period.end and period.end < period.start:
        raise ValidationError({"end": _("A period cannot end before it starts.")})
    check_indicator_value(indicator, period.target_value, "target_value")
    period.target_comment = (period.target_comment or "").strip()
    for other in others:
        if other.pk == period.pk and period.pk is not None:
            continue
        if other.start <= period.end and other.end >= period.start:
            raise ValidationError(
                {
                    "start": _("This period overlaps the period %(period)s of the same indicator.")
                    % {"period": other}
                }
            )
    return period


def check_disaggregated_values(indicator: Indicator, values: Mapping[str, Mapping[str, Any]]) -> None:
    """Each category's figure obeys the measure's bounds, as the total does."""
    for numbers in values.values():
        for number in numbers.values():
            if number is not None:
                check_indicator_value(indicator, Decimal(str(number)), "disaggregated")


def messages_of(error: ValidationError) -> list[str]:
    """A ValidationError's messages, each prefixed with the field it names ("target_year: …")."""
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}" if field != "__all__" else str(message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [str(message) for message in error.messages]
