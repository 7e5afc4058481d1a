"""The platform's process indicators: computed from its records, stored as data series year by year, read by
the data API like any other series, refreshed by a command and a scheduled job."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from alliance87.countries.models import PathfinderCountry, PathStepKind
from alliance87.countries.services import PathStepInput, record_path_step
from alliance87.data.models import Observation, Series
from alliance87.home.process_indicators import refresh_process_indicators
from alliance87.partners.models import Organisation, OrganisationType
from alliance87.plans.models import IndicatorValue, NodeStatus, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2026, 6, 30)


def step(world, pathfinder, kind, date, reason=""):
    record_path_step(
        by=world.secretariat,
        pathfinder=pathfinder,
        values=PathStepInput(kind=kind, date=date),
        earlier_steps_reason=reason,
    )


def world_values(code):
    return {
        o.year: o.value
        for o in Observation.objects.filter(series__code=code, area__code="001").order_by("year")
    }


@pytest.fixture
def records(world):
    step(world, world.fiji, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1))
    step(world, world.fiji, PathStepKind.CONSULTATION, D(2019, 5, 2), reason="Agreed at the workshop")
    step(world, world.fiji, PathStepKind.ACTION_PLAN, D(2021, 4, 1), reason="The roadmap is the plan")
    kenya = PathfinderCountry.objects.create(country="KE")
    step(world, kenya, PathStepKind.EXPRESSION_OF_INTEREST, D(2020, 9, 1))
    pretend = PathfinderCountry.objects.create(country="NP", is_illustrative=True)
    step(world, pretend, PathStepKind.EXPRESSION_OF_INTEREST, D(2019, 1, 1))

    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    node = make_node(plan, status=NodeStatus.COMPLETED)
    make_node(plan, status=NodeStatus.IN_PROGRESS)
    make_node(plan, status=NodeStatus.CANCELLED)
    on_time = make_period(make_indicator(node), 2024, value=1, status=ValueStatus.APPROVED)
    late = make_period(make_indicator(node), 2024, value=2, status=ValueStatus.SUBMITTED)
    make_period(make_indicator(node), 2024)  # never reported
    IndicatorValue.objects.filter(period=on_time).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 1, 20))
    )
    IndicatorValue.objects.filter(period=late).update(
        submitted_at=timezone.make_aware(datetime.datetime(2025, 3, 1))
    )


def test_path_counts_year_by_year_leave_illustrative_countries_out(world, records):
    refresh_process_indicators(as_of=AS_OF)

    on_path = world_values("A87_PF_ON_PATH")
    assert min(on_path) == 2018  # the first year a step is on record
    assert (on_path[2018], on_path[2019], on_path[2020], on_path[2026]) == (1, 1, 2, 2)
    pathfinders = world_values("A87_PF_PATHFINDERS")
    assert (pathfinders[2018], pathfinders[2019]) == (0, 1)
    adopted = world_values("A87_PF_PLANS_ADOPTED")
    assert (adopted[2020], adopted[2021]) == (0, 1)


def test_reports_on_time_results_delivered_and_partners(world, records):
    refresh_process_indicators(as_of=AS_OF)

    assert world_values("A87_REPORTS_ON_TIME") == {2024: Decimal("33.3")}
    assert world_values("A87_AG_RESULTS_DELIVERED") == {2026: Decimal("50.0")}
    assert world_values("A87_PARTNERS")[2026] >= 2


def test_partners_by_type_add_up_to_all_partners(world, records):
    refresh_process_indicators(as_of=AS_OF)

    by_type = {kind: world_values(f"A87_PARTNERS_{kind.upper()}")[2026] for kind in OrganisationType.values}
    assert sum(by_type.values()) == world_values("A87_PARTNERS")[2026]
    assert by_type["un_entity"] == Organisation.objects.filter(is_partner=True, type="un_entity").count()


def test_each_observation_cites_the_platform_records_as_of_the_day(world, records):
    refresh_process_indicators(as_of=AS_OF)

    series = Series.objects.get(code="A87_PF_PATHFINDERS")
    assert series.source_organisation == "Alliance 8.7 platform records"
    observation = series.observations.get(year=2019)
    assert observation.source.title == "Alliance 8.7 platform records, as of 2026-06-30"
    assert observation.footnote == "As of 2026-06-30."


def test_a_refresh_replaces_the_values_it_computes_again(world, records):
    refresh_process_indicators(as_of=AS_OF)
    kenya = PathfinderCountry.objects.get(country="KE")
    step(world, kenya, PathStepKind.CONSULTATION, D(2026, 2, 1), reason="Accepted at the workshop")

    refresh_process_indicators(as_of=AS_OF)

    assert world_values("A87_PF_PATHFINDERS")[2026] == 2
    assert Observation.objects.filter(series__code="A87_PF_PATHFINDERS", year=2026).count() == 1


def test_the_data_api_reads_them_like_any_series(world, records, api_as):
    refresh_process_indicators(as_of=AS_OF)

    body = api_as("anonymous").get("/data/observations", series="A87_PF_PATHFINDERS", area="001").json()
    values = {item["year"]: Decimal(item["value"]) for item in body["items"]}
    assert (values[2018], values[2019]) == (0, 1)


def test_the_command_and_the_schedule(world, records, settings):
    out = io.StringIO()
    call_command("refresh_process_indicators", "--date", "2026-06-30", stdout=out)

    assert "A87_PF_PATHFINDERS:" in out.getvalue()
    assert settings.SCHEDULE["process-indicators"][1] == "alliance87.home.tasks.refresh_process_indicators"


def test_commitments_delivered_by_the_end_of_each_year(world, records):
    from alliance87.commitments.models import DeliveryStatus
    from alliance87.commitments.tests.factories import make_commitment, make_deliverable, make_report

    commitment = make_commitment(world.ngo, by=world.focal_point, made_on=D(2022, 3, 1))
    deliverable = make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)
    make_report(deliverable, 2022, by=world.focal_point, status=DeliveryStatus.IN_PROGRESS)
    make_report(deliverable, 2023, by=world.focal_point, status=DeliveryStatus.DELIVERED)

    refresh_process_indicators(as_of=AS_OF)

    delivered = world_values("A87_COMMITMENTS_DELIVERED")
    assert min(delivered) == 2022 and delivered[2024] == delivered[2026] == 1


def test_the_series_are_named_in_the_readers_language(records) -> None:
    refresh_process_indicators(as_of=AS_OF)
    series = Series.objects.get(code="A87_PF_PATHFINDERS")
    assert series.name_fr.startswith("Pays pionniers")
    assert series.name_es.startswith("Países pioneros")
    by_type = Series.objects.get(code="A87_PARTNERS_GOVERNMENT")
    assert by_type.name_fr.startswith("Organisations partenaires du type")
    assert Series.objects.filter(code="A87_PF_PATHFINDERS", name__startswith="Pathfinder Countries").exists()
