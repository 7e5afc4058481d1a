"""The theory of change measured by the platform itself: process indicators computed from its own records.

Computed here, in home, because home may read every domain it counts (countries, plans, bodies, partners), and
stored through `data.platform_series` as ordinary series, so the data pages, the dashboard and the API read them
like any other. Figures that the records date (steps of the path, reporting periods) are computed for every year
again at each refresh; figures the records do not date (results delivered, partners) are a snapshot stored for
the year of the refresh, so earlier years keep the value their last refresh of that year gave.

Illustrative records (countries flagged illustrative) are left out of every count.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from alliance87.bodies.models import BodyKind
from alliance87.commitments.models import Commitment
from alliance87.commitments.selectors import completeness as commitment_completeness
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PATHFINDER_FROM, PathfinderCountry, PathStep, PathStepKind
from alliance87.data.areas import WORLD_CODE
from alliance87.data.models import Area, AreaKind, Unit
from alliance87.data.platform_series import PlatformMeasure, prune_platform_sources, record_platform_series
from alliance87.partners.models import Organisation, OrganisationType
from alliance87.plans.completeness import REPORTING_PLANS
from alliance87.plans.models import NodeStatus, ReportingPeriod, ResultNode, ValueStatus

#: The first year the platform counts (Alliance 8.7 was launched in 2016).
FIRST_YEAR = 2016

RECORDS = "Counted from the platform's records, refreshed daily; illustrative records are left out."

ON_THE_PATH = PlatformMeasure(
    code="A87_PF_ON_PATH",
    name=gettext_lazy(
        "Countries on the Pathfinder path (expression of interest or a later step on record), end of year"
    ),
    definition="Countries with at least one step of the Pathfinder path taken by 31 December of the year.",
    methodology=RECORDS,
)
PATHFINDERS = PlatformMeasure(
    code="A87_PF_PATHFINDERS",
    name=gettext_lazy("Pathfinder Countries (national consultation or strategy workshop held), end of year"),
    definition="Countries whose furthest step taken by 31 December of the year is the national consultation or "
    "strategy workshop or a later one: the platform's rule for the Pathfinder status.",
    methodology=RECORDS,
)
PLANS_ADOPTED = PlatformMeasure(
    code="A87_PF_PLANS_ADOPTED",
    name=gettext_lazy("Pathfinder Countries with a national action plan adopted, end of year"),
    definition="Countries whose step “National action plan adopted” (or a later one) was taken by 31 December.",
    methodology=RECORDS,
)
REPORTS_ON_TIME = PlatformMeasure(
    code="A87_REPORTS_ON_TIME",
    name=gettext_lazy("Values reported on time, by the year their reporting period ended (%)"),
    unit=Unit.PERCENT,
    decimals=1,
    definition="Of the values expected from adopted or implemented plans for periods ending in the year, and "
    "already due, the share submitted by the due date (the period's end plus the reporting delay).",
    methodology=RECORDS,
    caveats="Values imported or entered without a submission date are not counted as on time.",
)
OUTPUTS_DELIVERED = PlatformMeasure(
    code="A87_AG_RESULTS_DELIVERED",
    name=gettext_lazy("Action Group work-plan results delivered (%)"),
    unit=Unit.PERCENT,
    decimals=1,
    definition="Of the results in Action Groups' adopted or implemented work plans (cancelled ones aside), the "
    "share marked completed.",
    methodology=RECORDS
    + " The records do not date a result's completion: each year keeps the share its last "
    "refresh in that year found.",
)
PARTNERS = PlatformMeasure(
    code="A87_PARTNERS",
    name=gettext_lazy("Partner organisations, by the SDG region of their headquarters"),
    definition="Organisations recorded as partners of Alliance 8.7; the world figure counts every partner, each "
    "region those headquartered in its countries (international bodies have none).",
    methodology=RECORDS + " A snapshot: each year keeps the count its last refresh in that year found.",
)


#: Partners of each type (governments, UN entities, workers', employers', civil society, …): one series per type,
#: named (in every language) and defined in English like the rest of the catalogue.
def _partners_of_each_type() -> dict[str, PlatformMeasure]:
    with translation.override("en"):
        return {
            kind: PlatformMeasure(
                code=f"A87_PARTNERS_{kind.upper()}",
                name=format_lazy(gettext_lazy("Partner organisations of the type “{type}”"), type=label),
                definition=f"Organisations recorded as partners of Alliance 8.7 whose type is “{label}”.",
                methodology=RECORDS
                + " A snapshot: each year keeps the count its last refresh in that year found.",
            )
            for kind, label in zip(OrganisationType.values, OrganisationType.labels, strict=True)
        }


PARTNERS_BY_TYPE = _partners_of_each_type()

COMMITMENTS_DELIVERED = PlatformMeasure(
    code="A87_COMMITMENTS_DELIVERED",
    name=gettext_lazy("Deliverables of partners' commitments reported delivered, end of year"),
    definition="Deliverables of partners' commitments whose latest yearly report by 31 December of the year says "
    "delivered.",
    methodology=RECORDS,
)

MEASURES = (
    ON_THE_PATH,
    PATHFINDERS,
    PLANS_ADOPTED,
    REPORTS_ON_TIME,
    OUTPUTS_DELIVERED,
    PARTNERS,
    *PARTNERS_BY_TYPE.values(),
    COMMITMENTS_DELIVERED,
)


def _year_end(year: int, as_of: datetime.date) -> datetime.date:
    return min(datetime.date(year, 12, 31), as_of)


def _first_year() -> int:
    first = PathStep.objects.order_by("date").values_list("date", flat=True).first()
    return max(FIRST_YEAR, first.year) if first else FIRST_YEAR


def path_counts(as_of: datetime.date) -> dict[PlatformMeasure, dict[tuple[str, int], int]]:
    """Per year, countries on the path, Pathfinders and countries with a plan adopted (one query a year)."""
    thresholds = {
        ON_THE_PATH: 1,
        PATHFINDERS: PathStepKind.position_of(PATHFINDER_FROM),
        PLANS_ADOPTED: PathStepKind.position_of(PathStepKind.ACTION_PLAN),
    }
    counts: dict[PlatformMeasure, dict[tuple[str, int], int]] = {measure: {} for measure in thresholds}
    real = PathfinderCountry.objects.filter(is_illustrative=False)
    for year in range(_first_year(), as_of.year + 1):
        annotated = country_selectors.with_current_step(real, _year_end(year, as_of))
        reached = [r for r in annotated.values_list("reached", flat=True) if r]  # type: ignore[misc]
        for measure, threshold in thresholds.items():
            counts[measure][(WORLD_CODE, year)] = sum(1 for r in reached if r >= threshold)
    return counts


def reports_on_time(as_of: datetime.date) -> dict[tuple[str, int], Decimal]:
    """Per year the periods ended, the share of values already due that were submitted by their due date."""
    delay = datetime.timedelta(days=int(settings.REPORTING_DUE_DAYS))
    periods = ReportingPeriod.objects.filter(
        indicator__node__plan__status__in=REPORTING_PLANS, end__lt=as_of - delay
    ).values_list("end", "actual__submitted_at", "actual__status")
    expected: Counter[int] = Counter()
    on_time: Counter[int] = Counter()
    for end, submitted_at, status in periods:
        expected[end.year] += 1
        if (
            submitted_at is not None
            and status in (ValueStatus.SUBMITTED, ValueStatus.APPROVED)
            and timezone.localdate(submitted_at) <= end + delay
        ):
            on_time[end.year] += 1
    return {
        (WORLD_CODE, year): (Decimal(100) * on_time[year] / total).quantize(Decimal("0.1"))
        for year, total in expected.items()
    }


def results_delivered(as_of: datetime.date) -> dict[tuple[str, int], Decimal]:
    """The share of Action Group work-plan results completed, today (stored for this year)."""
    nodes = ResultNode.objects.filter(
        plan__status__in=REPORTING_PLANS, plan__owner_body__kind=BodyKind.ACTION_GROUP
    ).exclude(status=NodeStatus.CANCELLED)
    totals = nodes.aggregate(all=Count("pk"), done=Count("pk", filter=Q(status=NodeStatus.COMPLETED)))
    if not totals["all"]:
        return {}
    share = (Decimal(100) * totals["done"] / totals["all"]).quantize(Decimal("0.1"))
    return {(WORLD_CODE, as_of.year): share}


def partners_by_region(as_of: datetime.date) -> dict[tuple[str, int], int]:
    """Partners in the world and per SDG region of their headquarters, today (stored for this year)."""
    partners = list(Organisation.objects.filter(is_partner=True).values_list("country", flat=True))
    regions = dict(
        Area.objects.filter(kind=AreaKind.COUNTRY, sdg_region__isnull=False).values_list(
            "code", "sdg_region__code"
        )
    )
    by_region = Counter(regions[code] for code in partners if code and code in regions)
    values = {(WORLD_CODE, as_of.year): len(partners)}
    values |= {(region, as_of.year): count for region, count in by_region.items()}
    return values


def partners_by_type(as_of: datetime.date) -> dict[PlatformMeasure, dict[tuple[str, int], int]]:
    """Partners of each type in the world, today (stored for this year); a type with none counts 0."""
    counts = dict(
        Organisation.objects.filter(is_partner=True)
        .order_by()  # no ordering column in the GROUP BY
        .values("type")
        .annotate(n=Count("pk"))
        .values_list("type", "n")
    )
    return {
        measure: {(WORLD_CODE, as_of.year): counts.get(kind, 0)} for kind, measure in PARTNERS_BY_TYPE.items()
    }


def commitments_delivered(as_of: datetime.date) -> dict[tuple[str, int], int]:
    """Per year since the first commitment, the deliverables reported delivered by its end (two queries a year)."""
    first = Commitment.objects.order_by("made_on").values_list("made_on", flat=True).first()
    if first is None:
        return {}
    return {
        (WORLD_CODE, year): commitment_completeness(as_of=_year_end(year, as_of)).overall.delivered
        for year in range(first.year, as_of.year + 1)
    }


def refresh_process_indicators(*, as_of: datetime.date | None = None) -> dict[str, int]:
    """Compute every process indicator and store it; returns how many observations each series got."""
    as_of = as_of or timezone.localdate()
    computed: dict[PlatformMeasure, dict[tuple[str, int], int] | dict[tuple[str, int], Decimal]] = {
        **path_counts(as_of),
        REPORTS_ON_TIME: reports_on_time(as_of),
        OUTPUTS_DELIVERED: results_delivered(as_of),
        PARTNERS: partners_by_region(as_of),
        **partners_by_type(as_of),
        COMMITMENTS_DELIVERED: commitments_delivered(as_of),
    }
    stored = {}
    for measure in MEASURES:
        values = computed[measure]
        record_platform_series(measure=measure, values=values, as_of=as_of)
        stored[measure.code] = len(values)
    prune_platform_sources()
    return stored
