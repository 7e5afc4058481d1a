"""Common indicators combined across plans: sums and pooled percentages done by hand, permissions, page, CSV, API."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.plans import services
from alliance87.plans.common_indicators import combined
from alliance87.plans.common_indicators import services as common_services
from alliance87.plans.models import (
    CommonIndicator,
    IndicatorValue,
    Measure,
    PeriodRule,
    PlanStatus,
    ReportingPeriod,
    ValueStatus,
)
from alliance87.plans.services.indicators import IndicatorFields
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


def common_indicator(measure: str = Measure.NUMBER, slug: str = "inspectors") -> CommonIndicator:
    return CommonIndicator.objects.create(
        slug=slug, title="Labour inspectors trained", reference="X.1", measure=measure, unit="inspectors"
    )


def linked(plan, common, **extra):
    return make_indicator(make_node(plan), common_indicator=common, measure=common.measure, **extra)


def percentage_value(indicator, year: int, numerator: int, denominator: int) -> None:
    period = ReportingPeriod.objects.create(
        indicator=indicator, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
    )
    IndicatorValue.objects.create(
        period=period,
        value=Decimal(100 * numerator) / Decimal(denominator),
        numerator=Decimal(numerator),
        denominator=Decimal(denominator),
        status=ValueStatus.APPROVED,
    )


@pytest.fixture
def counts(world):
    """Fiji reports 10 (2022) and 20 (2023); Madagascar 5 (2023) and a submitted 99 (2024); a draft plan 1000."""
    common = common_indicator()
    fiji = make_plan(owner_country=world.fiji, title="Fiji plan")
    migration = make_plan(owner_body=world.migration, title="Migration plan")
    draft = make_plan(owner_body=world.supply_chains, status=PlanStatus.DRAFT, title="Draft plan")
    first = linked(fiji, common)
    make_period(first, 2022, value=10)
    make_period(first, 2023, value=20)
    second = linked(migration, common)
    make_period(second, 2023, value=5)
    make_period(second, 2024, value=99, status=ValueStatus.SUBMITTED)
    make_period(linked(draft, common), 2023, value=1000)
    return common


def test_counts_add_up_year_by_year_over_the_plans_a_person_may_see(world, counts):
    result = combined.combined_indicator(counts, None)

    assert [(y.year, y.value, y.reporting, y.linked) for y in result.years] == [
        (2022, Decimal(10), 1, 2),
        (
            2023,
            Decimal(25),
            2,
            2,
        ),  # 20 + 5; the draft plan's 1000 is not public, the submitted 99 not approved
    ]
    assert [series.plan.title for series in result.plans] == ["Fiji plan", "Migration plan"]
    secretariat = combined.combined_indicator(counts, world.secretariat)
    assert [(y.year, y.value, y.linked) for y in secretariat.years] == [
        (2022, Decimal(10), 3),
        (2023, Decimal(1025), 3),
    ]


def test_percentages_pool_numerators_and_denominators(world):
    common = common_indicator(Measure.PERCENTAGE, slug="share")
    one = linked(make_plan(owner_country=world.fiji), common, baseline_value=None, baseline_year=None)
    two = linked(make_plan(owner_body=world.migration), common, baseline_value=None, baseline_year=None)
    percentage_value(one, 2023, 30, 100)  # 30 %
    percentage_value(two, 2023, 10, 50)  # 20 %

    (year,) = combined.combined_indicator(common, None).years
    # 40 / 150 = 26.67 %, not the 25 % an average of percentages would give
    assert year.value == Decimal("26.6667")
    assert (year.combined.numerator, year.combined.denominator) == (Decimal(40), Decimal(150))


def test_money_in_two_currencies_is_not_added_up(world):
    common = common_indicator(Measure.CURRENCY, slug="spent")
    make_period(linked(make_plan(owner_country=world.fiji, currency="FJD"), common), 2023, value=100)
    make_period(linked(make_plan(owner_body=world.migration, currency="USD"), common), 2023, value=100)

    (year,) = combined.combined_indicator(common, None).years
    assert year.value is None
    assert "FJD, USD" in year.combined.reason


def test_a_cumulative_indicator_brings_its_running_total(world):
    common = common_indicator()
    running = linked(
        make_plan(owner_country=world.fiji),
        common,
        baseline_value=Decimal(0),
        baseline_year=2020,
        period_rule=PeriodRule.CUMULATIVE_SUM,
    )
    make_period(running, 2022, value=4)
    make_period(running, 2023, value=6)
    latest = linked(make_plan(owner_body=world.migration), common)
    make_period(latest, 2023, value=7)

    years = combined.combined_indicator(common, None).years
    assert [(y.year, y.value) for y in years] == [(2022, Decimal(4)), (2023, Decimal(17))]  # 4 + 6, plus 7


def test_only_an_indicator_measured_the_same_way_links_to_a_common_indicator(world):
    plan = make_plan(owner_body=world.supply_chains)
    common = common_indicator(Measure.PERCENTAGE)
    with pytest.raises(ValidationError) as refused:
        services.indicators.add_indicator(
            node=make_node(plan),
            by=world.chair,
            fields=IndicatorFields(title="Inspectors", measure=Measure.NUMBER, common_indicator=common),
        )
    assert "common_indicator" in refused.value.message_dict


def test_the_page_shows_each_figure_with_its_plan_and_source_and_the_csv_has_them(client, counts):
    page = client.get(counts.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fiji plan" in html and "Migration plan" in html and "Draft plan" not in html
    assert "National survey" in html  # the source of the plans' indicators
    assert "1 of 2" in html and "2 of 2" in html

    data = client.get(f"/plans/common/{counts.slug}/data.csv")
    rows = list(csv.DictReader(io.StringIO(data.content.decode("utf-8-sig"))))
    combined_rows = [
        (r["year"], r["value"], r["owner_or_plans_reporting"]) for r in rows if r["row"] == "combined"
    ]
    assert combined_rows == [("2022", "10", "1/2"), ("2023", "25", "2/2")]
    assert {r["plan"] for r in rows if r["row"] == "plan"} == {"Fiji plan", "Migration plan"}

    listing = client.get("/plans/common/").content.decode()
    assert counts.get_absolute_url() in listing


def test_the_page_takes_the_same_queries_for_more_plans(world, client, counts):
    with CaptureQueriesContext(connection) as small:
        client.get(counts.get_absolute_url())
    for n in range(3):
        plan = make_plan(owner_body=world.migration, title=f"More {n}")
        make_period(linked(plan, counts), 2023, value=n)
    with CaptureQueriesContext(connection) as large:
        response = client.get(counts.get_absolute_url())
    assert "More 2" in response.content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_api_combines_with_the_same_permissions(client, world, counts):
    listed = client.get("/api/v1/common-indicators").json()
    assert [(item["slug"], item["plan_count"]) for item in listed["items"]] == [("inspectors", 2)]
    body = client.get("/api/v1/common-indicators/inspectors").json()
    assert [(y["year"], y["value"], y["plans_reporting"]) for y in body["years"]] == [
        (2022, "10.0000", 1),
        (2023, "25.0000", 2),
    ]
    assert {p["plan_title"] for p in body["plans"]} == {"Fiji plan", "Migration plan"}
    assert client.get("/api/v1/common-indicators/nothing").status_code == 404


# --- the Secretariat defines common indicators ---------------------------------------------------------------------


def test_the_secretariat_defines_a_common_indicator_on_its_page(client, world):
    client.force_login(world.secretariat)
    assert "New common indicator" in client.get("/plans/common/").content.decode()
    response = client.post(
        "/plans/common/new/",
        {
            "title": "Children in child labour",
            "reference": "SDG 8.7.1",
            "measure": "number",
            "direction": "decrease",
        },
    )
    common = CommonIndicator.objects.get()
    assert response.status_code == 302 and response["Location"] == common.get_absolute_url()
    assert (common.slug, common.reference) == ("children-in-child-labour", "SDG 8.7.1")

    refused = client.post("/plans/common/new/", {"title": "  ", "measure": "number", "direction": "increase"})
    assert refused.status_code == 200 and CommonIndicator.objects.count() == 1


@pytest.mark.parametrize("user", [None, "chair", "member", "outsider"])
def test_only_the_secretariat_may_define_change_or_delete_them(client, world, counts, user):
    if user:
        client.force_login(getattr(world, user))
    assert "New common indicator" not in client.get("/plans/common/").content.decode()
    expected = 302 if user is None else 403  # signed-out people are sent to sign in
    assert client.get("/plans/common/new/").status_code == expected
    assert client.post(f"/plans/common/{counts.slug}/edit/", {"title": "Changed"}).status_code == expected
    client.post(f"/plans/common/{counts.slug}/delete/")
    counts.refresh_from_db()
    assert counts.title == "Labour inspectors trained"
    with pytest.raises(PermissionDenied):
        common_services.save_common_indicator(
            by=getattr(world, user) if user else None, fields=common_services.CommonIndicatorFields(title="X")
        )


def test_a_linked_common_indicator_keeps_its_measure_and_is_not_deleted(client, world, counts):
    client.force_login(world.secretariat)
    page = client.post(
        f"/plans/common/{counts.slug}/edit/",
        {"title": "Inspectors trained", "measure": "percentage", "direction": "increase"},
    )
    assert "cannot change while they are" in page.content.decode()
    counts.refresh_from_db()
    assert (counts.title, counts.measure) == ("Labour inspectors trained", Measure.NUMBER)

    client.post(f"/plans/common/{counts.slug}/delete/")
    assert CommonIndicator.objects.filter(pk=counts.pk).exists()
    unused = common_indicator(slug="unused")
    client.post(f"/plans/common/{unused.slug}/delete/")
    assert not CommonIndicator.objects.filter(pk=unused.pk).exists()
