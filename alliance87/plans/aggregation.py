"""How values combine: over periods, across plans and countries, and by category. Pure functions on numbers.

Akvo RSR spread these rules over model methods and save-time recalculation, and its users got wrong programme totals
for years (cumulative periods summed, percentages averaged). Here each rule is a function with its tests, and it
says why it refuses when a total would be a figure nobody reported.

The rules compute in Decimal, exactly, because they add up counts and money that the models store as Decimal;
averages and percentages are rounded to 4 decimals, the models' precision. Every function accepts int, float or
Decimal (floats through their shortest repr, so 0.1 stays 0.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.assessment import (
    AVERAGE,
    CUMULATIVE_SUM,
    CURRENCY,
    FOUR_PLACES,
    LATEST,
    NUMBER,
    ORDINAL,
    PERCENTAGE,
    QUALITATIVE,
    YES_NO,
    Number,
)


@dataclass(frozen=True)
class Aggregate:
    """One figure made from several, with the rule used; `value` is None when the rule refuses, and `reason` says why."""

    value: Decimal | None
    rule: str
    reason: str
    count: int = 0  # how many reported values went in
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def combine_periods(values: Sequence[Number | bool | None], *, rule: str, measure: str = NUMBER) -> Aggregate:
    """Combine one indicator's values over periods (oldest first) by its rule: cumulative sum, latest or average.

    Missing periods (None) are skipped. Counts and money may use any rule. A percentage, a yes/no or an ordinal
    value may only take the latest value: summing or averaging them gives a figure nobody reported (for a
    percentage, pool numerators and denominators with `combine_percentages`). Qualitative values are text.
    """
    if rule not in (CUMULATIVE_SUM, LATEST, AVERAGE):
        raise ValueError(f"Unknown period rule {rule!r}.")
    if measure == QUALITATIVE:
        return Aggregate(None, rule, _("Qualitative values are not combined into a number."))
    if rule != LATEST and measure in (PERCENTAGE, YES_NO, ORDINAL):
        return Aggregate(None, rule, _refusal(measure))
    reported = [_decimal(value) for value in values if value is not None]
    if not reported:
        return Aggregate(None, rule, _("No values have been reported."))
    if rule == LATEST:
        return Aggregate(reported[-1], rule, _("The latest reported value."), count=len(reported))
    total = sum(reported, Decimal(0))
    if rule == CUMULATIVE_SUM:
        return Aggregate(
            total, rule, _("The sum of %(n)s reported periods.") % {"n": len(reported)}, count=len(reported)
        )
    average = (total / len(reported)).quantize(FOUR_PLACES)
    return Aggregate(
        average, rule, _("The average of %(n)s reported periods.") % {"n": len(reported)}, count=len(reported)
    )


def combine_percentages(parts: Iterable[tuple[Number | None, Number | None]]) -> Aggregate:
    """Pool percentages as 100 * sum(numerators) / sum(denominators), never as an average of percentages.

    Works across periods and across plans or countries alike. A part without both its numerator and its
    denominator cannot be weighted, so it is left out and counted in the reason.
    """
    numerator = denominator = Decimal(0)
    used = skipped = 0
    for part_numerator, part_denominator in parts:
        if part_numerator is None or part_denominator is None:
            skipped += 1
            continue
        numerator += _decimal(part_numerator)
        denominator += _decimal(part_denominator)
        used += 1
    rule = "pooled_percentage"
    left_out = (
        (" " + _("%(n)s without numerator and denominator left out.") % {"n": skipped}) if skipped else ""
    )
    if denominator == 0:
        return Aggregate(None, rule, _("The denominators add up to zero.") + left_out, count=used)
    value = (100 * numerator / denominator).quantize(FOUR_PLACES)
    return Aggregate(
        value,
        rule,
        _("Numerators over denominators of %(n)s parts.") % {"n": used} + left_out,
        count=used,
        numerator=numerator,
        denominator=denominator,
    )


def combine_across_plans(
    values: Sequence[Number | bool | None], *, measure: str, currencies: Sequence[str] | None = None
) -> Aggregate:
    """Combine the same indicator across plans or countries: counts and money add up, yes/no counts the yeses.

    Money in more than one currency is refused (convert first). Percentages need their numerators and
    denominators (`combine_percentages`); ordinal and qualitative values have no meaningful total.
    """
    reported = [value for value in values if value is not None]
    if measure in (NUMBER, CURRENCY):
        if measure == CURRENCY and currencies is not None and len(set(currencies)) > 1:
            return Aggregate(
                None,
                "sum",
                _("Amounts in different currencies (%(codes)s) are not added up.")
                % {"codes": ", ".join(sorted(set(currencies)))},
            )
        total = sum((_decimal(value) for value in reported), Decimal(0))
        return Aggregate(
            total, "sum", _("The sum of %(n)s reported values.") % {"n": len(reported)}, count=len(reported)
        )
    if measure == YES_NO:
        yes = sum(1 for value in reported if value)
        return Aggregate(
            Decimal(yes),
            "count_yes",
            _("%(yes)s of %(n)s answered yes.") % {"yes": yes, "n": len(reported)},
            count=len(reported),
            numerator=Decimal(yes),
            denominator=Decimal(len(reported)),
        )
    if measure == PERCENTAGE:
        return Aggregate(None, "sum", _refusal(measure))
    if measure in (ORDINAL, QUALITATIVE):
        return Aggregate(None, "none", _("Ordinal and qualitative values have no meaningful total."))
    raise ValueError(f"Unknown measure {measure!r}.")


def _refusal(measure: str) -> str:
    if measure == PERCENTAGE:
        return _("Percentages are not added or averaged; combine their numerators and denominators instead.")
    if measure == YES_NO:
        return _("Yes/no answers are not added or averaged over periods; the latest answer counts.")
    return _("Ordinal values are not added or averaged; the latest value counts.")


def _decimal(value: Number | bool) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr, so 0.1 stays 0.1 rather than its binary expansion
    else:
        number = Decimal(int(value))
    if not number.is_finite():
        raise ValueError("Values must be finite numbers.")
    return number


class DisaggregationStatus(TextChoices):
    COMPLETE = "complete", gettext_lazy("Adds up to the total")
    MISSING_CATEGORIES = "missing_categories", gettext_lazy("Categories missing")
    SUM_DIFFERS = "sum_differs", gettext_lazy("Does not add up to the total")
    NO_TOTAL = "no_total", gettext_lazy("No total to check against")


@dataclass(frozen=True)
class DisaggregationCheck:
    """Whether the values by category (e.g. by sex) account for the reported total."""

    status: DisaggregationStatus
    total: Decimal | None
    disaggregated_sum: Decimal
    difference: Decimal | None  # disaggregated_sum - total
    missing_categories: tuple[str, ...] = ()
    unexpected_categories: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.status == DisaggregationStatus.COMPLETE


def check_disaggregation(
    *,
    total: Number | None,
    values: Mapping[str, Number | None],
    categories: Sequence[str],
    tolerance: Number = FOUR_PLACES,
) -> DisaggregationCheck:
    """Check one dimension of an additive value (a count or an amount; percentages do not add up by category).

    Categories the indicator defines but the report leaves empty are missing, and that comes first. Otherwise
    the reported categories, including any the indicator does not define (listed as unexpected), must add up to
    the total within `tolerance` (absolute; raise it for published figures rounded to, say, 0.1 million).
    """
    reported = {category: _decimal(value) for category, value in values.items() if value is not None}
    missing = tuple(category for category in categories if category not in reported)
    unexpected = tuple(category for category in reported if category not in categories)
    disaggregated_sum = sum(reported.values(), Decimal(0))
    total_decimal = None if total is None else _decimal(total)
    difference = None if total_decimal is None else disaggregated_sum - total_decimal
    if missing:
        status = DisaggregationStatus.MISSING_CATEGORIES
    elif difference is None:
        status = DisaggregationStatus.NO_TOTAL
    elif abs(difference) <= _decimal(tolerance):
        status = DisaggregationStatus.COMPLETE
    else:
        status = DisaggregationStatus.SUM_DIFFERS
    return DisaggregationCheck(status, total_decimal, disaggregated_sum, difference, missing, unexpected)
