"""Building the implementation-gap report: what in the plans needs the Global Coordinating Group's attention.

Selectors over plans, for one plan or for every plan a person may see, filtered by owner body, country and theme
(the owner body's Action Group). They list off-track indicators, indicators without recent data, overdue results,
funding gaps, and gaps in the logframe itself (results without indicators, indicators without baseline or target).

Speed matters more than elegance here: the report runs over every plan at once, so it reads a fixed number of flat
lists (`values_list`) and does the rest in Python. The number of queries does not grow with plans or indicators.
The progress verdict is the one stored by `verdicts.refresh` (the same the plan and indicator pages show, on
approved values only), read with the indicator, never recomputed here and never a rule of its own.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db import connections
from django.db.models import CharField, FloatField, Q, QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.core.content_translation import reader_column, reader_language, reader_text
from alliance87.countries.models import PathfinderCountry

from .. import verdicts
from ..gap_counts import FINISHED, OFF_TRACK, activity_level
from ..models import (
    BudgetLine,
    Indicator,
    Measure,
    Plan,
    ResultNode,
    reader_tier_names,
)
from ..permissions import visible_plans_filter
from .report import (
    DEFAULT_RECENT_MONTHS,
    FundingGap,
    GapFilters,
    GapReport,
    IndicatorRef,
    LatestValue,
    MissingField,
    OffTrackIndicator,
    OverdueResult,
    PlanRef,
    ResultRef,
    StaleIndicator,
    UnbudgetedPlan,
    months_before,
    plain,
)

#: Above this many plans, the other lists filter by a subquery rather than a list of ids (SQLite's limits).
MAX_LISTED_PLAN_IDS = 500


def filtered_plans(user: Person, filters: GapFilters) -> QuerySet[Plan]:
    """The plans this person may see, narrowed by owner body, country and theme."""
    plans = Plan.objects.filter(visible_plans_filter(user))
    if filters.body:
        plans = plans.filter(owner_body__slug=filters.body)
    if filters.country:
        plans = plans.filter(owner_country__country=filters.country.upper())
    if filters.theme:
        plans = plans.filter(Q(owner_body__slug=filters.theme) | Q(owner_body__parent__slug=filters.theme))
    return plans.distinct()


def gap_report(
    *, user: Person, filters: GapFilters | None = None, today: datetime.date | None = None
) -> GapReport:
    """The gaps of every plan this person may see, narrowed by `filters`."""
    filters = filters or GapFilters()
    return _report(filtered_plans(user, filters), filters=filters, today=today)


def plan_gap_report(
    plan: Plan, *, recent_months: int = DEFAULT_RECENT_MONTHS, today: datetime.date | None = None
) -> GapReport:
    """The gaps of one plan; the caller has checked that the person may see it (`permissions.can_view_plan`)."""
    return _report(
        Plan.objects.filter(pk=plan.pk), filters=GapFilters(recent_months=recent_months), today=today
    )


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The values the filters accept, as (value, label): bodies that own plans, Action Groups, countries."""
    bodies = Body.objects.filter(plans__isnull=False).distinct().order_by("position", "name")
    themes = Body.objects.filter(kind="action_group").order_by("position", "name")
    countries = PathfinderCountry.objects.filter(plans__isnull=False).distinct()
    return {
        "body": [(b.slug, b.name) for b in bodies],
        "theme": [(b.slug, b.name) for b in themes],
        "country": sorted(((c.code, str(c)) for c in countries), key=lambda pair: pair[1]),
    }


# --- Building the report ----------------------------------------------------------------------------------------

PLAN_FIELDS = (
    "id",
    "slug",
    "title",
    "status",
    "currency",
    "is_illustrative",
    "period_start",
    "period_end",
    "tier_names",
    "owner_body__name",
    "owner_country__country",
)


def _report(plans: QuerySet[Plan], *, filters: GapFilters, today: datetime.date | None) -> GapReport:
    today = today or timezone.localdate()
    recent_since = months_before(today, filters.recent_months)
    report = GapReport(today=today, recent_since=recent_since, filters=filters)

    plan_by_id, tiers, in_plans = _plans(report, plans)
    if not plan_by_id:
        return report

    results = _results(in_plans, plan_by_id, tiers)
    indicators = _indicators(in_plans, results)

    _indicator_gaps(report, indicators, recent_since, today)
    _result_gaps(report, results, indicators, today, tiers)
    _funding_gaps(report, in_plans, plan_by_id, results, tiers)
    return report


def _plans(report: GapReport, plans: QuerySet[Plan]) -> tuple[dict[int, PlanRef], dict[int, list[str]], Any]:
    """Add the plans to the report (by title); their references and tier names by id, and how to filter by them."""
    tiers: dict[int, list[str]] = {}
    for reference, names in plan_refs(plans):
        report.plans.append(reference)
        tiers[reference.id] = names
    plan_by_id = {plan.id: plan for plan in report.plans}
    in_plans: Any = list(plan_by_id) if len(plan_by_id) <= MAX_LISTED_PLAN_IDS else plans.values("pk")
    return plan_by_id, tiers, in_plans


def plan_refs(
    plans: QuerySet[Plan], start: int | None = None, stop: int | None = None
) -> list[tuple[PlanRef, list[str]]]:
    """These plans' references by title (those from `start` to `stop`) with their tier names.

    Titles in the reader's language: their column beside the original (and the plan's tier names translated into
    it), in the same query.
    """
    language = reader_language()
    translated = (reader_column("title"),) + ((f"tier_names_{language}",) if language != "en" else ())
    rows = plans.order_by("title", "pk").values_list(*PLAN_FIELDS, *translated)[start:stop]
    refs = []
    for row in rows:
        pk, slug, title, status, currency, illustrative, start_date, end, tier_names, body, country = row[:11]
        owner = body or (str(PathfinderCountry(country=country)) if country else "")
        shown, title_language = reader_text(title, row[11])
        reference = PlanRef(
            id=pk,
            slug=slug,
            title=shown,
            status=status,
            owner_name=owner,
            currency=currency,
            is_illustrative=illustrative,
            period_start=start_date,
            period_end=end,
            title_language=title_language,
        )
        refs.append((reference, reader_tier_names(tier_names, row[12] if len(row) > 12 else None)))
    return refs


def _results(
    in_plans: Any, plan_by_id: dict[int, PlanRef], tiers: dict[int, list[str]]
) -> dict[int, tuple[ResultRef, int | None, datetime.date | None, str]]:
    """Every result of the plans: (reference, parent id, due date, status) by id, in framework order."""
    return result_refs(ResultNode.objects.filter(plan_id__in=in_plans), plan_by_id, tiers)


def result_refs(
    nodes: QuerySet[ResultNode],
    plan_by_id: dict[int, PlanRef],
    tiers: dict[int, list[str]],
    load: Callable[[set[int]], None] | None = None,
) -> dict[int, tuple[ResultRef, int | None, datetime.date | None, str]]:
    """These results (of plans in `plan_by_id`, or that `load` adds to it given their ids): (reference, parent id,
    due date, status) by id, in framework order."""
    rows = list(
        nodes.order_by("plan_id", "level", "position", "pk").values_list(
            "id",
            "plan_id",
            "parent_id",
            "level",
            "code",
            "title",
            reader_column("title"),
            "due_date",
            "status",
        )
    )
    if load is not None:
        load({row[1] for row in rows})
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]] = {}
    for pk, plan_id, parent_id, level, code, title, translated, due_date, status in rows:
        names = tiers[plan_id]  # already in the reader's language
        tier = names[min(level, len(names) - 1)]
        shown, title_language = reader_text(title, translated)
        results[pk] = (
            ResultRef(pk, plan_by_id[plan_id], level, code, shown, tier, title_language),
            parent_id,
            due_date,
            status,
        )
    return results


@dataclass(slots=True)
class IndicatorRow:
    reference: IndicatorRef
    category: str
    numbers: str
    latest: LatestValue | None


def _indicators(in_plans: Any, results: dict[int, Any]) -> list[IndicatorRow]:
    """Every indicator of the plans with its stored verdict and latest approved value, in framework order."""
    of_plans = Indicator.objects.filter(node__plan_id__in=in_plans)
    verdicts.fill_missing(of_plans)
    return indicator_rows(of_plans, results)


def indicator_rows(queryset: QuerySet[Indicator], results: dict[int, Any]) -> list[IndicatorRow]:
    """These indicators (their results in `results`) with their stored verdicts and latest approved values, in
    framework order; their verdicts are filled in already (`verdicts.fill_missing`)."""
    rows = queryset.annotate(
        baseline=Cast("baseline_value", FloatField()),
        target=Cast("target_value", FloatField()),
        numbers=Cast("verdict__numbers", TextField()),
        latest_end=Cast("verdict__latest_period_end", CharField()),
        latest_number=Cast("verdict__latest_value", FloatField()),
    ).order_by("node__plan_id", "node__level", "node__position", "node_id", "position", "pk")
    indicators = []
    for (
        pk,
        node_id,
        code,
        title,
        translated,
        unit,
        measure,
        source,
        base,
        base_year,
        comment,
        target,
        year,
        caveats,
        category,
        numbers,
        latest_end,
        latest_number,
        latest_source,
    ) in _raw_rows(
        rows,
        "id",
        "node_id",
        "code",
        "title",
        reader_column("title"),
        "unit",
        "measure",
        "source",
        "baseline",
        "baseline_year",
        "baseline_comment",
        "target",
        "target_year",
        "caveats",
        "verdict__category",
        "numbers",
        "latest_end",
        "latest_number",
        "verdict__latest_source",
    ):
        shown, title_language = reader_text(title, translated)
        reference = IndicatorRef(
            id=pk,
            result=results[node_id][0],
            code=code,
            title=shown,
            title_language=title_language,
            unit=unit,
            measure=measure,
            source=source,
            baseline_value=base,
            baseline_year=base_year,
            baseline_comment=comment,
            target_value=target,
            target_year=year,
            caveats=caveats,
        )
        latest = LatestValue(latest_end[:10], latest_number, latest_source) if latest_end else None
        indicators.append(IndicatorRow(reference, category or "", numbers or "{}", latest))
    return indicators


def _raw_rows(queryset: QuerySet[Any], *columns: str) -> list[tuple[Any, ...]]:
    """The `columns` of the queryset's rows, in the order given, straight from the cursor, without Django's
    per-row converters.

    django-modeltranslation's querysets rewrite a `values_list` to select every language's column of a
    translated field (renamed and reordered, put back together per row by its own iterable); read by position,
    those columns would be wrong, so its rewriting is turned off here and a translated field reads its original.
    Only for columns whose database types are the same on SQLite and PostgreSQL: integers, text, and
    expressions cast to text or float.
    """
    if hasattr(queryset, "rewrite"):  # a model with translated fields
        queryset = queryset.rewrite(False)
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _indicator_gaps(
    report: GapReport, indicators: Iterable[IndicatorRow], recent_since: datetime.date, today: datetime.date
) -> None:
    value_year = (str(_("value")), str(_("year")))
    since_iso = recent_since.isoformat()
    off_track = {category.value for category in OFF_TRACK}
    for row in indicators:
        indicator, last = row.reference, row.latest
        plan = indicator.plan
        # A plan that started less than the recent window ago is not yet expected to have reported.
        if plan.period_start <= recent_since and (last is None or last.end_iso < since_iso):
            report.no_recent_data.append(StaleIndicator(indicator, last))
        if indicator.measure == Measure.QUALITATIVE:
            continue
        missing_baseline = _missing(indicator.baseline_value, indicator.baseline_year, value_year)
        if missing_baseline:
            report.no_baseline.append(MissingField(indicator, missing_baseline))
        missing_target = _missing(indicator.target_value, indicator.target_year, value_year)
        if missing_target:
            report.no_target.append(MissingField(indicator, missing_target))
        if last is not None and row.category in off_track:
            report.off_track.append(OffTrackIndicator(indicator, row.numbers, last))


def _missing(value: Any, year: Any, labels: tuple[str, str]) -> tuple[str, ...]:
    if value is not None and year is not None:
        return ()
    return tuple(label for present, label in zip((value, year), labels, strict=True) if present is None)


def _is_activity(level: int, tier_names: list[str]) -> bool:
    """Activities are the lowest tier of a framework with three tiers or more (Goal, Outcome, Output, Activity)."""
    activity = activity_level(tier_names)
    return activity is not None and level >= activity


def _result_gaps(
    report: GapReport,
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]],
    indicators: list[IndicatorRow],
    today: datetime.date,
    tiers: dict[int, list[str]],
) -> None:
    """Overdue results, and results above the activity tier that have no indicator.

    Activities (the lowest tier of a framework with three tiers or more) are followed by their due date and
    status, not by indicators, so they are not listed as lacking one.
    """
    measured = {row.reference.result.id for row in indicators}
    for result, _parent, due_date, status in results.values():
        if due_date is not None and due_date < today and status not in FINISHED:
            report.overdue.append(OverdueResult(result, due_date, status, (today - due_date).days))
        if result.id not in measured and not _is_activity(result.level, tiers[result.plan.id]):
            report.results_without_indicators.append(result)
    report.overdue.sort(key=lambda row: (row.due_date, row.result.plan.title))


def underfunded_lines(in_plans: Any) -> tuple[list[tuple[int, int | None, int, Decimal, Decimal]], set[int]]:
    """(plan, result, year, planned, committed) of the plans' lines added up per plan, result and year whose
    commitments fall short, in that order; and the plans that have lines."""
    rows = (
        BudgetLine.objects.filter(plan_id__in=in_plans)
        .values("plan_id", "node_id", "year")
        .annotate(planned_total=Sum("planned"), committed_total=Sum("committed"))
        .order_by("plan_id", "year", "node_id")
        .values_list("plan_id", "node_id", "year", "planned_total", "committed_total")
    )
    budgeted: set[int] = set()
    gaps: list[tuple[int, int | None, int, Decimal, Decimal]] = []
    for plan_id, node_id, year, planned, committed in rows:
        budgeted.add(plan_id)
        planned, committed = (
            cast(Decimal, plain(Decimal(planned or 0))),
            cast(Decimal, plain(Decimal(committed or 0))),
        )
        if committed < planned:
            gaps.append((plan_id, node_id, year, planned, committed))
    return gaps, budgeted


def _funding_gaps(
    report: GapReport,
    in_plans: Any,
    plan_by_id: dict[int, PlanRef],
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]],
    tiers: dict[int, list[str]],
    *,
    activities: dict[int, int] | None = None,
) -> None:
    """Lines whose commitments fall short, added up per plan, result and year; plans with activities but no line.

    `activities`: the number of activities of each plan, when counted already (else counted from `results`).
    """
    gaps, budgeted = underfunded_lines(in_plans)
    for plan_id, node_id, year, planned, committed in gaps:
        result = results[node_id][0] if node_id in results else None
        report.underfunded.append(FundingGap(plan_by_id[plan_id], result, year, planned, committed))
    if activities is None:
        activities = defaultdict(int)
        for result, _parent, _due, _status in results.values():
            if _is_activity(result.level, tiers[result.plan.id]):
                activities[result.plan.id] += 1
    for plan in report.plans:
        if plan.id not in budgeted and activities.get(plan.id):
            report.no_budget.append(UnbudgetedPlan(plan, activities[plan.id]))
