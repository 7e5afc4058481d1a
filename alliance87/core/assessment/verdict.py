"""The verdict of the assessment engine: its categories and reasons, and the `Assessment` that explains itself.

An Assessment is plain data: its explanation is written from its numbers when read, in the reader's language, so a
verdict stored in the database explains itself as well as a fresh one. The rules that compute one are in
`open_sdg.py` (the Open SDG progress measure), `linear.py` (an indicator's verdict: the linear method, target
years that are over, period targets) and `projection.py` (the straight-line trend); see the package's docstring.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.formatting import format_number, format_percent

Number = int | float | Decimal

# The values of plans.models.Direction, Measure and PeriodRule; the models own the labels. Not imported from
# there because this module stays free of the ORM.
INCREASE = "increase"
DECREASE = "decrease"
NUMBER = "number"
PERCENTAGE = "percentage"
CURRENCY = "currency"
YES_NO = "yes_no"
ORDINAL = "ordinal"
QUALITATIVE = "qualitative"
CUMULATIVE_SUM = "cumulative_sum"
LATEST = "latest"
AVERAGE = "average"

METHOD_SOURCE = (
    "Open SDG progress measure (Statistics Canada): open-sdg/sdg-build sdg/ProgressMeasure.py "
    "@ 139fede74ba534d2ed8b9eee4cd878b41f54cb67; open-sdg/open-sdg docs/progress-methodology.md"
)
#: The method as a reader meets it: its name, and the code it follows at the commit named above.
METHOD_NAME = "Open SDG progress measure (Statistics Canada)"
METHOD_URL = "https://github.com/open-sdg/sdg-build/blob/139fede74ba534d2ed8b9eee4cd878b41f54cb67/sdg/ProgressMeasure.py"
METHOD_WITH_TARGET = "open_sdg_ratio"
METHOD_WITHOUT_TARGET = "open_sdg_growth"
METHOD_LINEAR = "linear_share"  # share of the planned change against the share of the time elapsed
METHOD_TARGET_PASSED = "target_year_passed"  # the target year is over: achieved or missed, no pace
#: Where the Open SDG method is described and coded, for a person to read (stable addresses at a fixed commit).
METHOD_DOCUMENTATION_URL = "https://github.com/open-sdg/open-sdg/blob/8bfde81abd538dd6f567b33dd1436cecad6b9962/docs/progress-methodology.md"
METHOD_CODE_URL = "https://github.com/open-sdg/sdg-build/blob/139fede74ba534d2ed8b9eee4cd878b41f54cb67/sdg/ProgressMeasure.py"
#: Beyond ±1000 % a year a compound growth rate says more about a tiny base than about progress.
MAX_GROWTH = 10.0
#: A period's value within this share of the period's target (on the wrong side) is "within tolerance".
PERIOD_TOLERANCE = 0.10
THRESHOLDS_WITH_TARGET = (0.95, 0.6, 0.0)  # high, medium, low; sdg-build get_progress_thresholds, method 2
THRESHOLDS_WITHOUT_TARGET = (0.015, 0.005, 0.0)  # sdg-build get_progress_thresholds, method 1
ZERO_SUBSTITUTE = (
    0.001  # sdg-build replaces a zero target or base value by this, since CAGR is undefined at 0
)
LIMIT_EXPONENT = 4.44  # the "a" of sdg-build's scaling factor C
DIGITS = 6
FOUR_PLACES = Decimal("0.0001")


class ProgressCategory(TextChoices):
    """The verdict; values are sdg-build's status keys, labels the published category names."""

    TARGET_ACHIEVED = "target_achieved", gettext_lazy("Target achieved")
    SUBSTANTIAL_PROGRESS = "substantial_progress", gettext_lazy("On track")
    MODERATE_PROGRESS = "moderate_progress", gettext_lazy("Progress made but acceleration needed")
    LIMITED_PROGRESS = "limited_progress", gettext_lazy("Limited progress")
    DETERIORATION = "deterioration", gettext_lazy("Deterioration")
    TARGET_MISSED = "target_missed", gettext_lazy("Target missed")
    INSUFFICIENT_DATA = "insufficient_data", gettext_lazy("Unable to assess")


class Reason:
    """Why an indicator could not be assessed, or the special case that decided its verdict ("" otherwise)."""

    NO_VALUES = "no_values"
    NO_VALUE_FROM_BASE_YEAR = "no_value_from_base_year"
    ONE_YEAR = "one_year"
    OPPOSITE_SIGNS = "opposite_signs"
    NO_TARGET_YEAR = "no_target_year"
    TARGET_YEAR_NOT_AFTER_BASE = "target_year_not_after_base"
    TARGET_OPPOSITE_SIGN = "target_opposite_sign"
    TARGET_EQUALS_BASE = "target_equals_base"
    QUALITATIVE = "qualitative"
    YES_NO = "yes_no"
    ZERO_BASE_WITHOUT_TARGET = "zero_base_without_target"


class LinearReason:
    """Why an indicator's verdict uses the linear method instead of the growth rate."""

    ZERO_BASE = "zero_base"
    NEGATIVE_BASE = "negative_base"
    ZERO_TARGET = "zero_target"
    SIGN_CHANGE = "sign_change"
    TARGET_EQUALS_BASE = "target_equals_base"
    STEEP_GROWTH = "steep_growth"


class PeriodStatus(TextChoices):
    """How a period's approved value compares with the period's own target."""

    MET = "met", gettext_lazy("Met")
    WITHIN_TOLERANCE = "within_tolerance", gettext_lazy("Within tolerance")
    BELOW = "below", gettext_lazy("Below target")


#: What `zero_substituted` may name.
BASE_VALUE = "base_value"
TARGET_VALUE = "target_value"


@dataclass(frozen=True)
class Assessment:
    """A progress verdict with every number it rests on, so a reader can redo the sum.

    Plain data (`as_dict` / `from_dict` round-trip through JSON): the explanation and the substitution notes are
    written from these numbers when read, in the reader's language.
    """

    category: ProgressCategory
    method: str  # METHOD_WITH_TARGET, METHOD_WITHOUT_TARGET, or "" when there was too little to assess
    direction: str
    reason: str = ""  # a Reason
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    observed_cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None  # R, with a target
    progress_value: float | None = None  # the figure compared with the thresholds: R, or G without a target
    thresholds: tuple[float, float, float] | None = None  # high, medium, low, after scaling by C
    limit_factor: float | None = None  # C, when a natural limit was given
    zero_substituted: tuple[str, ...] = ()  # BASE_VALUE and/or TARGET_VALUE, replaced by `zero_substitute`
    zero_substitute: float = ZERO_SUBSTITUTE
    is_target_year_passed: bool = False
    linear_reason: str = ""  # a LinearReason, with METHOD_LINEAR
    share_achieved: float | None = None  # with METHOD_LINEAR: (value - base) / (target - base)
    share_elapsed: float | None = None  # with METHOD_LINEAR: (year - base year) / (target year - base year)
    assessed_on: str | None = None  # ISO date the target year was judged against (assess_indicator)
    period_year: int | None = None  # the latest period with an approved value and a target: its end year,
    period_value: float | None = None  # its value,
    period_target: float | None = None  # its target,
    period_status: str = ""  # and a PeriodStatus
    source: str = METHOD_SOURCE

    @property
    def substitutions(self) -> tuple[str, ...]:
        """The values replaced before computing, in words (e.g. "target 0 replaced by 0.001")."""
        value = _fmt(self.zero_substitute)
        words = {
            BASE_VALUE: lambda: _("base value 0 replaced by %(value)s") % {"value": value},
            TARGET_VALUE: lambda: _("target 0 replaced by %(value)s") % {"value": value},
        }
        return tuple(words[name]() for name in self.zero_substituted)

    @property
    def explanation(self) -> str:
        """The verdict in one or two sentences, with the numbers that led to it."""
        return _explain(self)

    @property
    def period_explanation(self) -> str:
        """How the latest period's value compares with that period’s target, in one sentence ("" without one)."""
        return _period_explanation(self)

    @property
    def period_status_label(self) -> str:
        return str(PeriodStatus(self.period_status).label) if self.period_status else ""

    @property
    def method_name(self) -> str:
        """The method in words, for a person."""
        return _method_name(self.method)

    @property
    def is_open_sdg(self) -> bool:
        return self.method in (METHOD_WITH_TARGET, METHOD_WITHOUT_TARGET)

    def as_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready data (without the method source, which is the module's)."""
        data = {name: getattr(self, name) for name in _STORED_FIELDS}
        data["category"] = str(self.category.value)
        data["thresholds"] = list(self.thresholds) if self.thresholds is not None else None
        data["zero_substituted"] = list(self.zero_substituted)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        known = {name: data[name] for name in _STORED_FIELDS if name in data}
        known["category"] = ProgressCategory(known["category"])
        if known.get("thresholds") is not None:
            known["thresholds"] = tuple(known["thresholds"])
        known["zero_substituted"] = tuple(known.get("zero_substituted") or ())
        return cls(**known)


_STORED_FIELDS = tuple(name for name in Assessment.__dataclass_fields__ if name != "source")


def _explain(assessment: Assessment) -> str:
    a = assessment
    if a.category == ProgressCategory.INSUFFICIENT_DATA:
        return _unable_explanation(a)
    if a.category == ProgressCategory.TARGET_ACHIEVED:
        return _("The latest value, %(value)s in %(year)s, has reached the target of %(target)s.") % {
            "value": _fmt(a.current_value),
            "year": a.current_year,
            "target": _fmt(a.target_value),
        }
    if a.category == ProgressCategory.TARGET_MISSED:
        return _(
            "The target year %(target_year)s has passed without the target of %(target)s being reached: the last "
            "value is %(value)s, for %(year)s."
        ) % {
            "target_year": a.target_year,
            "target": _fmt(a.target_value),
            "value": _fmt(a.current_value),
            "year": a.current_year,
        }
    if a.method == METHOD_LINEAR:
        return _linear_explanation(a)
    notes = _substitution_note(a.substitutions)
    if a.method == METHOD_WITHOUT_TARGET:
        high, medium, _low = a.thresholds or THRESHOLDS_WITHOUT_TARGET
        return (
            _(
                "Since %(base_year)s the value changed by %(growth)s a year in the desired direction; without a "
                "target, %(high)s a year or more is on track and %(medium)s a year or more is progress: "
                "%(category)s."
            )
            % {
                "base_year": a.base_year,
                "growth": _pct(a.progress_value or 0),
                "high": _pct(high),
                "medium": _pct(medium),
                "category": a.category.label,
            }
            + notes
        )
    pace = _(
        "Since %(base_year)s the value changed by %(observed)s a year; reaching %(target)s by %(target_year)s "
        "needs %(required)s a year."
    ) % {
        "base_year": a.base_year,
        "observed": _pct(a.observed_cagr or 0),
        "target": _fmt(a.target_value),
        "target_year": a.target_year,
        "required": _pct(a.required_cagr or 0),
    }
    passed = (
        (" " + _("The target year has passed without the target being reached."))
        if a.is_target_year_passed
        else ""
    )
    if a.reason == Reason.TARGET_EQUALS_BASE:
        return (
            pace + " " + _("The target equals the base value and the value has moved away from it.") + passed
        )
    ratio = a.ratio or 0
    return (
        pace
        + " "
        + _("That is %(ratio)s of the required pace: %(category)s.")
        % {"ratio": format_percent(ratio * 100, decimals=0), "category": a.category.label}
        + passed
        + notes
    )


def _unable_explanation(a: Assessment) -> str:
    texts: dict[str, Callable[[], str]] = {
        Reason.NO_VALUES: lambda: _("No values have been reported yet."),
        Reason.NO_VALUE_FROM_BASE_YEAR: lambda: (
            _("There is no value in or after the base year %(year)s.") % {"year": a.base_year}
        ),
        Reason.ONE_YEAR: lambda: (
            _("Progress needs values for at least two years from the base year; there is only %(year)s.")
            % {"year": a.base_year}
        ),
        Reason.OPPOSITE_SIGNS: lambda: _(
            "The base and latest values have opposite signs, so no growth rate can be computed."
        ),
        Reason.NO_TARGET_YEAR: lambda: _("The indicator has a target but no target year."),
        Reason.TARGET_YEAR_NOT_AFTER_BASE: lambda: (
            _("The target year %(target_year)s is not after the base year %(base_year)s.")
            % {"target_year": a.target_year, "base_year": a.base_year}
        ),
        Reason.TARGET_OPPOSITE_SIGN: lambda: _(
            "The base value and the target have opposite signs, so no growth rate can be computed."
        ),
        Reason.QUALITATIVE: lambda: _("Qualitative indicators are described, not assessed by a number."),
        Reason.YES_NO: lambda: _(
            "A yes/no indicator has no rate of progress: it is assessed once the answer reaches its target."
        ),
        Reason.ZERO_BASE_WITHOUT_TARGET: lambda: _(
            "Without a target, progress is measured as a yearly growth rate, which is undefined from a baseline "
            "of zero; give the indicator a target to assess it."
        ),
    }
    text = texts.get(a.reason)
    return text() if text is not None else str(a.category.label)


def not_assessed(reason: str, *, direction: str) -> Assessment:
    """The verdict of an indicator that is not assessed by a number (e.g. `Reason.QUALITATIVE`)."""
    return Assessment(
        category=ProgressCategory.INSUFFICIENT_DATA, method="", direction=direction, reason=reason
    )


def _linear_explanation(a: Assessment) -> str:
    reasons = {
        LinearReason.ZERO_BASE: _("the baseline is zero, where a growth rate is undefined"),
        LinearReason.NEGATIVE_BASE: _("the baseline is negative, where a growth rate misleads"),
        LinearReason.ZERO_TARGET: _("the target is zero, where a growth rate is undefined"),
        LinearReason.SIGN_CHANGE: _("the values change sign, where a growth rate is undefined"),
        LinearReason.TARGET_EQUALS_BASE: _("the target equals the baseline"),
        # A percent sign, not a placeholder (msgfmt would refuse "1000 %" in a translation).
        # xgettext:no-python-format
        LinearReason.STEEP_GROWTH: _("a yearly growth rate would exceed 1000% here"),
    }
    why = " " + _("The share of the planned change is used instead of a growth rate because %(why)s.") % {
        "why": reasons.get(a.linear_reason, a.linear_reason)
    }
    if a.reason == Reason.TARGET_EQUALS_BASE:
        return (
            _(
                "The target, %(target)s by %(target_year)s, equals the baseline of %(base_year)s: the aim is to "
                "hold it, and the value has moved away from it to %(value)s in %(year)s: %(category)s."
            )
            % {
                "target": _fmt(a.target_value),
                "target_year": a.target_year,
                "base_year": a.base_year,
                "value": _fmt(a.current_value),
                "year": a.current_year,
                "category": a.category.label,
            }
            + why
        )
    return (
        _(
            "From %(base)s in %(base_year)s to %(value)s in %(year)s, the value has made %(achieved)s of the change "
            "planned to reach %(target)s by %(target_year)s, while %(elapsed)s of the time has passed. That is "
            "%(ratio)s of the pace needed: %(category)s."
        )
        % {
            "base": _fmt(a.base_value),
            "base_year": a.base_year,
            "value": _fmt(a.current_value),
            "year": a.current_year,
            "achieved": _share(a.share_achieved),
            "target": _fmt(a.target_value),
            "target_year": a.target_year,
            "elapsed": _share(a.share_elapsed),
            "ratio": _share(a.ratio),
            "category": a.category.label,
        }
        + why
    )


def _period_explanation(a: Assessment) -> str:
    if not a.period_status:
        return ""
    texts = {
        PeriodStatus.MET: _("In %(year)s the value, %(value)s, met that period’s target of %(target)s."),
        PeriodStatus.WITHIN_TOLERANCE: _(
            "In %(year)s the value, %(value)s, fell short of that period’s target of %(target)s, but by no more "
            "than %(tolerance)s of it: within tolerance."
        ),
        PeriodStatus.BELOW: _(
            "In %(year)s the value, %(value)s, fell short of that period’s target of %(target)s by more than "
            "%(tolerance)s of it: below target."
        ),
    }
    return texts[PeriodStatus(a.period_status)] % {
        "year": a.period_year,
        "value": _fmt(a.period_value),
        "target": _fmt(a.period_target),
        "tolerance": format_percent(PERIOD_TOLERANCE * 100, decimals=0),
    }


def _method_name(method: str) -> str:
    names = {
        METHOD_WITH_TARGET: _(
            "Open SDG progress measure with a target: observed growth over required growth"
        ),
        METHOD_WITHOUT_TARGET: _(
            "Open SDG progress measure without a target: growth a year in the desired direction"
        ),
        METHOD_LINEAR: _(
            "Linear: share of the planned change achieved against the share of the time elapsed"
        ),
        METHOD_TARGET_PASSED: _("The target year is over: the last value against the target"),
    }
    return names.get(method, _("Not assessed"))


def _share(number: float | None) -> str:
    """A share as a whole percentage, bounded like the growth rates."""
    if number is None:
        return "—"
    if number > MAX_GROWTH:
        return _("more than +1000%")
    if number < -MAX_GROWTH:
        return _("less than −1000%")
    return format_percent(number * 100, decimals=0)


def _unable(reason: str, **known: Any) -> Assessment:
    return Assessment(category=ProgressCategory.INSUFFICIENT_DATA, method="", reason=reason, **known)


def _clean_series(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
) -> dict[int, float]:
    pairs = observations.items() if isinstance(observations, Mapping) else observations
    series: dict[int, float] = {}
    for year, value in pairs:
        if value is None:
            continue
        if year in series:
            raise ValueError(f"Two values for {year}.")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"The value for {year} is not a finite number.")
        series[int(year)] = number
    return series


def _reaches(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == INCREASE else value <= target


def _substitution_note(substitutions: tuple[str, ...]) -> str:
    if not substitutions:
        return ""
    return " " + _("Growth rates are undefined at zero, so: %(list)s.") % {"list": "; ".join(substitutions)}


def _round(number: float) -> float:
    return round(number, DIGITS)


def _fmt(number: Number | None) -> str:
    """A figure in an explanation, in the reader's language: "17.4", "17,4"."""
    return format_number(number or 0, max_decimals=3)


def _signed(text: str) -> str:
    return text if text.startswith(("-", "−")) else f"+{text}"


def _pct(number: float) -> str:
    """A yearly rate as a signed percentage; beyond ±1000 % only the bound is shown, never the runaway figure."""
    if number > MAX_GROWTH:
        return _("more than +1000%")
    if number < -MAX_GROWTH:
        return _("less than −1000%")
    return _signed(format_percent(number * 100, decimals=2))
