"""What the gap report holds: its sections and their entries, each able to say what it is about and why it is listed."""

from __future__ import annotations

import calendar
import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy as _

from alliance87.core.assessment import Assessment

from ..models import NodeStatus, PlanStatus

DEFAULT_RECENT_MONTHS = 12


class GapSection:
    """The report's lists, in the order the report shows them; the keys name them in the CSV export."""

    OFF_TRACK = "off_track"
    NO_RECENT_DATA = "no_recent_data"
    OVERDUE = "overdue"
    UNDERFUNDED = "underfunded"
    NO_BUDGET = "no_budget"
    RESULTS_WITHOUT_INDICATORS = "results_without_indicators"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"

    LABELS = {
        OFF_TRACK: _("Off-track indicators"),
        NO_RECENT_DATA: _("Indicators with no recent data"),
        OVERDUE: _("Overdue results"),
        UNDERFUNDED: _("Unfunded or under-funded budget lines"),
        NO_BUDGET: _("Plans whose activities have no budget line"),
        RESULTS_WITHOUT_INDICATORS: _("Results without indicators"),
        NO_BASELINE: _("Indicators without a baseline"),
        NO_TARGET: _("Indicators without a target"),
    }
    ORDER = list(LABELS)


@dataclass(slots=True)
class GapFilters:
    """Which plans the report covers; empty strings mean "all"."""

    body: str = ""  # slug of the owner body
    country: str = ""  # ISO 3166 code of the owner Pathfinder Country
    theme: str = ""  # slug of an Action Group: plans of the group itself and of its working groups
    recent_months: int = DEFAULT_RECENT_MONTHS


@dataclass(slots=True)
class PlanRef:
    id: int
    slug: str
    title: str
    status: str
    owner_name: str
    currency: str
    is_illustrative: bool
    period_start: datetime.date
    period_end: datetime.date
    #: "en" when the title is the original shown to a reader of another language (core.content_translation).
    title_language: str = ""

    @property
    def status_label(self) -> str:
        return str(PlanStatus(self.status).label)


@dataclass(slots=True)
class ResultRef:
    id: int
    plan: PlanRef
    level: int
    code: str
    title: str
    tier: str
    title_language: str = ""

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(slots=True)
class IndicatorRef:
    id: int
    result: ResultRef
    code: str
    title: str
    unit: str
    measure: str
    source: str
    baseline_value: (
        float | None
    )  # floats, as the progress measure uses them; `baseline` and `target` for display
    baseline_year: int | None
    baseline_comment: str
    target_value: float | None
    target_year: int | None
    caveats: str
    title_language: str = ""

    @property
    def plan(self) -> PlanRef:
        return self.result.plan

    @property
    def baseline(self) -> Decimal | None:
        """The baseline value as stored, without trailing zeros, for display."""
        return _decimal(self.baseline_value)

    @property
    def target(self) -> Decimal | None:
        return _decimal(self.target_value)

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(slots=True)
class LatestValue:
    """The latest approved value of an indicator, with the period it reports on and its source."""

    end_iso: str  # the period's last day, YYYY-MM-DD
    number: float | None
    source: str

    @property
    def period_end(self) -> datetime.date:
        return datetime.date.fromisoformat(self.end_iso)

    @property
    def year(self) -> int:
        return int(self.end_iso[:4])

    @property
    def value(self) -> Decimal | None:
        """The value as stored (four decimal places at most), without trailing zeros."""
        return _decimal(self.number)


@dataclass
class OffTrackIndicator:
    """An indicator whose stored verdict is deterioration or limited progress; its numbers are read when shown."""

    indicator: IndicatorRef
    numbers: str | dict[str, Any]  # progress.Assessment.as_dict(), as JSON text (or decoded, by the driver)
    latest: LatestValue

    @cached_property
    def assessment(self) -> Assessment:
        numbers = json.loads(self.numbers) if isinstance(self.numbers, str) else self.numbers
        return Assessment.from_dict(numbers)


@dataclass(slots=True)
class StaleIndicator:
    indicator: IndicatorRef
    latest: LatestValue | None  # None: no approved value at all


@dataclass(slots=True)
class OverdueResult:
    result: ResultRef
    due_date: datetime.date
    status: str
    days_overdue: int

    @property
    def status_label(self) -> str:
        return str(NodeStatus(self.status).label)


@dataclass(slots=True)
class FundingGap:
    """Budget lines of one plan, result and year, added up, whose commitments fall short of the plan."""

    plan: PlanRef
    result: ResultRef | None  # None: lines of the plan as a whole
    year: int
    planned: Decimal
    committed: Decimal

    @property
    def gap(self) -> Decimal:
        return self.planned - self.committed

    @property
    def currency(self) -> str:
        return self.plan.currency

    @property
    def is_unfunded(self) -> bool:
        return self.committed == 0


@dataclass(slots=True)
class UnbudgetedPlan:
    plan: PlanRef
    activity_count: int


@dataclass(slots=True)
class MissingField:
    """An indicator that lacks part of its baseline or target; `missing` names the fields."""

    indicator: IndicatorRef
    missing: tuple[str, ...]


@dataclass
class GapReport:
    today: datetime.date
    recent_since: datetime.date
    filters: GapFilters
    plans: list[PlanRef] = field(default_factory=list)
    off_track: list[OffTrackIndicator] = field(default_factory=list)
    no_recent_data: list[StaleIndicator] = field(default_factory=list)
    overdue: list[OverdueResult] = field(default_factory=list)
    underfunded: list[FundingGap] = field(default_factory=list)
    no_budget: list[UnbudgetedPlan] = field(default_factory=list)
    results_without_indicators: list[ResultRef] = field(default_factory=list)
    no_baseline: list[MissingField] = field(default_factory=list)
    no_target: list[MissingField] = field(default_factory=list)
    #: How many rows each list has in all, where the lists above hold only some of them (a page of the report:
    #: `bounded.gap_report_page`, where `plans` too is the summary's page); a list not named here is whole.
    totals: dict[str, int] = field(default_factory=dict)
    #: Where the lists are parts: which rows of each are shown (`bounded.Shown`), by key.
    shown: dict[str, Any] = field(default_factory=dict)
    #: The funding gap by currency over every under-funded line, where `underfunded` holds only some of them.
    funding_totals: dict[str, Decimal] | None = None

    def section(self, key: str) -> list[Any]:
        return getattr(self, key)

    def sections(self) -> list[tuple[str, str, list[Any]]]:
        """(key, label, rows) for every list, in the report's order."""
        return [(key, str(GapSection.LABELS[key]), self.section(key)) for key in GapSection.ORDER]

    def count(self, key: str) -> int:
        """How many rows the list has in all (its length, unless only a part of it is held)."""
        return self.totals.get(key, len(self.section(key)))

    @property
    def plan_count(self) -> int:
        """How many plans the report covers (where `plans` holds only the summary's page of them, all of them)."""
        return self.totals.get("plans", len(self.plans))

    @property
    def counts(self) -> dict[str, int]:
        return {key: self.count(key) for key in GapSection.ORDER}

    def summary(self) -> list[tuple[str, str, int]]:
        """(key, label, number of rows in all) for every list, in the report's order."""
        return [(key, str(GapSection.LABELS[key]), self.count(key)) for key in GapSection.ORDER]

    @property
    def largest_section(self) -> int:
        """The length of the longest list (at least 1): the full width of the summary's bars."""
        return max([self.count(key) for key in GapSection.ORDER] + [1])

    @property
    def gap_count(self) -> int:
        return sum(self.count(key) for key in GapSection.ORDER)

    def funding_gap_totals(self) -> dict[str, Decimal]:
        """The funding gap by currency; amounts in different currencies are never added up."""
        if self.funding_totals is not None:
            return self.funding_totals
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.underfunded:
            totals[line.currency] += line.gap
        return dict(sorted(totals.items()))


def plain(value: Decimal | None) -> Decimal | None:
    """A Decimal without the trailing zeros of the models' four places, and never in exponent form: 152.0000 -> 152."""
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _decimal(number: float | None) -> Decimal | None:
    """Back from float to the stored Decimal: the shortest repr of a float is the decimal it was cast from."""
    return None if number is None else plain(Decimal(repr(number)))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, clipped to the month's last day (31 March - 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
