"""Gap report pages: across every plan a person may see, and for one plan; each printable and as CSV."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from alliance87.core.csv_export import csv_chunks, csv_response
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.core.ratelimits import TooManyRequests, count_download

from .. import selectors as plan_selectors
from ..models import Plan
from .bounded import SECTIONS, gap_report_page
from .download import kept_csv, kept_name
from .report import (
    DEFAULT_RECENT_MONTHS,
    FundingGap,
    GapFilters,
    GapReport,
    MissingField,
    OffTrackIndicator,
    OverdueResult,
    ResultRef,
    StaleIndicator,
    UnbudgetedPlan,
    plain,
)
from .selectors import filter_choices, plan_gap_report
from .streamed import gap_rows

CSV_COLUMNS = [
    "section",
    "plan",
    "plan_slug",
    "owner",
    "plan_status",
    "result_code",
    "result",
    "tier",
    "indicator_code",
    "indicator",
    "unit",
    "category",
    "baseline_value",
    "baseline_year",
    "latest_value",
    "latest_year",
    "target_value",
    "target_year",
    "due_date",
    "days_overdue",
    "status",
    "year",
    "planned",
    "committed",
    "gap",
    "currency",
    "missing",
    "source",
    "note",
]


class GapFilterForm(EmptyChoiceLabels, forms.Form):
    body = forms.ChoiceField(label=_("Owner body"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme (Action Group)"), required=False)
    recent = forms.IntegerField(
        label=_("Recent data: months"),
        required=False,
        min_value=1,
        max_value=120,
        initial=DEFAULT_RECENT_MONTHS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = filter_choices()
        everything = [("", _("All"))]
        for name in ("body", "country", "theme"):
            self.fields[name].choices = everything + choices[name]  # type: ignore[attr-defined]

    def filters(self) -> GapFilters:
        if not self.is_valid():
            return GapFilters()
        data = self.cleaned_data
        return GapFilters(
            body=data["body"],
            country=data["country"],
            theme=data["theme"],
            recent_months=data["recent"] or DEFAULT_RECENT_MONTHS,
        )


def _recent_months(request: HttpRequest) -> int:
    try:
        months = int(request.GET.get("recent", DEFAULT_RECENT_MONTHS))
    except ValueError:
        return DEFAULT_RECENT_MONTHS
    return months if 1 <= months <= 120 else DEFAULT_RECENT_MONTHS


def _plan_pages_exist() -> bool:
    """Whether the plan and indicator pages are there to link to (they live in views.py)."""
    try:
        reverse("plans:detail", kwargs={"slug": "plan"})
        reverse("plans:indicator", kwargs={"slug": "plan", "pk": 1})
    except NoReverseMatch:
        return False
    return True


def _visible_plan(request: HttpRequest, slug: str) -> Plan:
    try:
        return plan_selectors.visible_plan(request.user, slug)
    except Plan.DoesNotExist:
        raise Http404 from None


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


def report(request: HttpRequest) -> HttpResponse:
    """Every list's count and its first rows; a list's own pages with `?section=<key>&page=<n>`; all in the CSV."""
    form = GapFilterForm(request.GET or None)
    section = request.GET.get("section", "")
    gaps = gap_report_page(
        user=request.user,
        filters=form.filters(),
        section=section if section in SECTIONS else "",
        page=_page_number(request),
    )
    listed = gaps.plans  # the summary's page of plans (`gaps.count(PLANS)` in all)
    by_plan = plan_selectors.verdicts_by_plan([plan.id for plan in listed])
    return render(
        request,
        "plans/gaps/report.html",
        {
            "form": form,
            "report": gaps,
            "plan_verdicts": [(plan, by_plan.get(plan.id, [])) for plan in listed],
            "plan": None,
            "query": request.GET.urlencode(),
            "plan_pages": _plan_pages_exist(),
        },
    )


def report_csv(request: HttpRequest) -> HttpResponseBase:
    """Every row of the report: the kept file when the data has not changed, else streamed while it is written.

    Limited per client (``ACCOUNT_RATE_LIMITS["gap_report_download"]``): 429 with a page saying why past that.
    """
    try:
        count_download(request, action="gap_report_download")
    except TooManyRequests as refused:
        response = render(request, "plans/gaps/too_many.html", {"message": str(refused)}, status=429)
        response["Retry-After"] = "3600"
        return response
    filters = GapFilterForm(request.GET or None).filters()
    return kept_csv(
        name=kept_name(request.user, filters),
        build=lambda: _streamed_csv(gap_rows(user=request.user, filters=filters)),
        filename="gap-report.csv",
    )


def plan_report(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    gaps = plan_gap_report(plan, recent_months=_recent_months(request))
    return render(
        request,
        "plans/gaps/report.html",
        {
            "form": None,
            "report": gaps,
            "plan": plan,
            "query": request.GET.urlencode(),
            "plan_pages": _plan_pages_exist(),
        },
    )


def plan_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return _csv_response(
        plan_gap_report(plan, recent_months=_recent_months(request)), f"gaps-{plan.slug}.csv"
    )


# --- CSV --------------------------------------------------------------------------------------------------------


def _csv_response(gaps: GapReport, filename: str) -> HttpResponse:
    rows = [[row.get(column, "") for column in CSV_COLUMNS] for row in csv_rows(gaps)]
    return csv_response(filename, CSV_COLUMNS, rows)


def _csv_chunks(gaps: GapReport) -> Iterator[bytes]:
    """The same file as `_csv_response`'s, a chunk of rows at a time."""
    rows = ([row.get(column, "") for column in CSV_COLUMNS] for row in iter_csv_rows(gaps))
    return csv_chunks(CSV_COLUMNS, rows)


def _streamed_csv(gap_rows: Iterator[tuple[str, Any]]) -> Iterator[bytes]:
    """The same file as `_csv_chunks`' of the whole report, from rows read a few plans at a time
    (`streamed.gap_rows`): the report is never held whole in memory."""
    described = ({"section": key, **_describe(item)} for key, item in gap_rows)
    return csv_chunks(CSV_COLUMNS, ([row.get(column, "") for column in CSV_COLUMNS] for row in described))


def iter_csv_rows(gaps: GapReport) -> Iterator[dict[str, Any]]:
    """One flat row per gap, every list in one table with a `section` column."""
    for key, _label, items in gaps.sections():
        for item in items:
            yield {"section": key, **_describe(item)}


def csv_rows(gaps: GapReport) -> list[dict[str, Any]]:
    return list(iter_csv_rows(gaps))


def _plan_columns(plan: Any) -> dict[str, Any]:
    return {"plan": plan.title, "plan_slug": plan.slug, "owner": plan.owner_name, "plan_status": plan.status}


def _result_columns(result: ResultRef | None) -> dict[str, Any]:
    if result is None:
        return {}
    return {"result_code": result.code, "result": result.title, "tier": result.tier}


def _indicator_columns(item: Any) -> dict[str, Any]:
    indicator = item.indicator
    return {
        **_plan_columns(indicator.plan),
        **_result_columns(indicator.result),
        "indicator_code": indicator.code,
        "indicator": indicator.title,
        "unit": indicator.unit,
        "baseline_value": _number(indicator.baseline),
        "baseline_year": indicator.baseline_year,
        "target_value": _number(indicator.target),
        "target_year": indicator.target_year,
        "source": indicator.source,
    }


def _describe(item: Any) -> dict[str, Any]:
    if isinstance(item, OffTrackIndicator):
        return {
            **_indicator_columns(item),
            "category": item.assessment.category.value,
            "latest_value": _number(item.latest.value),
            "latest_year": item.latest.year,
            "source": item.latest.source or item.indicator.source,
            "note": item.assessment.explanation,
        }
    if isinstance(item, StaleIndicator):
        row = _indicator_columns(item)
        if item.latest is not None:
            row.update(latest_value=_number(item.latest.value), latest_year=item.latest.year)
            row["source"] = item.latest.source or item.indicator.source
        return row
    if isinstance(item, MissingField):
        return {**_indicator_columns(item), "missing": " ".join(item.missing)}
    if isinstance(item, OverdueResult):
        return {
            **_plan_columns(item.result.plan),
            **_result_columns(item.result),
            "due_date": item.due_date.isoformat(),
            "days_overdue": item.days_overdue,
            "status": item.status,
        }
    if isinstance(item, FundingGap):
        return {
            **_plan_columns(item.plan),
            **_result_columns(item.result),
            "year": item.year,
            "planned": _number(item.planned),
            "committed": _number(item.committed),
            "gap": _number(item.gap),
            "currency": item.currency,
        }
    if isinstance(item, UnbudgetedPlan):
        return {**_plan_columns(item.plan), "note": f"{item.activity_count} activities"}
    if isinstance(item, ResultRef):
        return {**_plan_columns(item.plan), **_result_columns(item)}
    raise TypeError(f"Unknown gap {item!r}")


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(plain(value), "f")


urlpatterns: list[URLPattern] = [
    path("gaps/", report, name="gaps"),
    path("gaps.csv", report_csv, name="gaps_csv"),
    path("<slug:slug>/gaps/", plan_report, name="plan_gaps"),
    path("<slug:slug>/gaps.csv", plan_report_csv, name="plan_gaps_csv"),
]
