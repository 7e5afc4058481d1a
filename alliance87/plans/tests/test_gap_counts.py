"""The gap report's counts stored per plan (`gap_counts`): right after every door that changes what they count.

Each test builds a small plan, changes it through one door (a service, an import run as a background job, the
admin, the `refresh_verdicts` command), then checks the plan's stored counts against figures written by hand for
that plan, and that the cross-plan page's counts are the whole report's (which counts every row again, its own
way) on the next request.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib
import types
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliance87.core.tests.helpers import at_the_same_moment
from alliance87.plans import gap_counts, services, verdicts
from alliance87.plans.gaps import bounded, gap_report
from alliance87.plans.gaps.report import GapSection
from alliance87.plans.interchange import xlsx
from alliance87.plans.models import (
    Indicator,
    IndicatorValue,
    IndicatorVerdict,
    Plan,
    PlanGapCounts,
    PlanLastValueCount,
    ReportingPeriod,
    ValueStatus,
)
from alliance87.plans.services.indicators import IndicatorFields

from .factories import make_indicator, make_node, make_period, make_plan
from .test_iati import EXAMPLE, build_plan

INDICATOR_LISTS = (
    GapSection.OFF_TRACK,
    GapSection.NO_RECENT_DATA,
    GapSection.NO_BASELINE,
    GapSection.NO_TARGET,
)
#: The lists counted from the results stored per plan (`no_budget`: from the activities).
RESULT_LISTS = (GapSection.OVERDUE, GapSection.RESULTS_WITHOUT_INDICATORS, GapSection.NO_BUDGET)


#: A plan's stored counts, and the days its overdue count holds for (the time of its oldest verdict is when the
#: test ran: `stored` leaves it out).
COUNTED = tuple(
    field.name
    for field in PlanGapCounts._meta.concrete_fields
    if field.name not in {"plan", "oldest_verdict", "computed_at"}
)


def stored(plan: Plan) -> dict[str, object]:
    """The plan's stored counts that are not zero or empty, e.g. {"indicators": 1, "off_track": 1}."""
    row = PlanGapCounts.objects.values(*COUNTED).get(plan=plan)
    return {name: value for name, value in row.items() if value}


def last_values(plan: Plan) -> dict[datetime.date | None, int]:
    """The plan's indicators by the end of their latest approved value's period (None: no value yet)."""
    return dict(PlanLastValueCount.objects.filter(plan=plan).values_list("latest_period_end", "indicators"))


def stored_counts() -> tuple[list[tuple], list[tuple]]:
    """Every plan's stored rows, whole (for the migrations' test)."""
    counts = sorted(PlanGapCounts.objects.values_list("plan_id", *COUNTED, "oldest_verdict"))
    last_values = sorted(
        PlanLastValueCount.objects.values_list("plan_id", "latest_period_end", "indicators"),
        key=lambda row: (row[0], row[1] or datetime.date.min),
    )
    return counts, last_values


def assert_page_counts_as_the_whole_report(user, today: datetime.date | None = None) -> dict[str, int]:
    """The page's counts of every list counted per plan, and the rows it shows of the result lists, are the
    whole report's (which counts every row again)."""
    page = bounded.gap_report_page(user=user, today=today)
    whole = gap_report(user=user, today=today)
    lists = INDICATOR_LISTS + RESULT_LISTS
    counts = {key: page.count(key) for key in lists}
    assert counts == {key: len(whole.section(key)) for key in lists}
    for key in RESULT_LISTS:
        assert page.section(key) == whole.section(key)[: bounded.FIRST_ROWS]
    return counts


@pytest.fixture
def plan(world):
    plan = make_plan(owner_body=world.supply_chains, requires_second_approver=False)
    plan.responsible_organisations.add(world.ngo)
    return plan


def _falling(plan) -> Indicator:
    """An indicator whose approved values fall: off track."""
    indicator = make_indicator(make_node(plan), baseline_value=Decimal(100), baseline_year=2020)
    make_period(indicator, 2022, value=90)
    make_period(indicator, 2023, value=80)
    return indicator


# --- Services ---------------------------------------------------------------------------------------------------


def test_an_approved_value_shows_in_the_counts_on_the_next_request(world, plan):
    indicator = make_indicator(make_node(plan), baseline_value=Decimal(100), baseline_year=2020)
    period = make_period(indicator, timezone.localdate().year - 1)
    before = assert_page_counts_as_the_whole_report(world.secretariat)

    value = services.reporting.submit_value(period=period, by=world.chair, value="50", expected_version=0)
    assert assert_page_counts_as_the_whole_report(world.secretariat) == before  # not approved: nothing counts
    services.reporting.approve_value(value=value, by=world.chair, expected_version=value.version)

    after = assert_page_counts_as_the_whole_report(world.secretariat)
    assert after[GapSection.OFF_TRACK] == before[GapSection.OFF_TRACK] + 1
    assert after[GapSection.NO_RECENT_DATA] == before[GapSection.NO_RECENT_DATA] - 1
    assert stored(plan) == {"indicators": 1, "off_track": 1}
    assert last_values(plan) == {datetime.date(timezone.localdate().year - 1, 12, 31): 1}


def test_the_page_a_visitor_opens_shows_an_approval_on_the_next_request(world, plan, client):
    indicator = make_indicator(make_node(plan), baseline_value=Decimal(100), baseline_year=2020)
    period = make_period(indicator, timezone.localdate().year - 1)
    assert client.get("/plans/gaps/").context["report"].count(GapSection.OFF_TRACK) == 0
    value = services.reporting.submit_value(period=period, by=world.chair, value="40", expected_version=0)
    services.reporting.approve_value(value=value, by=world.chair, expected_version=value.version)
    assert client.get("/plans/gaps/").context["report"].count(GapSection.OFF_TRACK) == 1


def test_a_returned_correction_and_a_new_period_keep_the_counts(world, plan):
    indicator = _falling(plan)
    period = make_period(indicator, timezone.localdate().year - 1)
    value = services.reporting.submit_value(period=period, by=world.chair, value="120", expected_version=0)
    services.reporting.return_value(value=value, by=world.chair, comment="Check it.", expected_version=1)
    assert stored(plan) == {"indicators": 1, "off_track": 1}  # the returned value counts for nothing
    assert last_values(plan) == {datetime.date(2023, 12, 31): 1}
    services.indicators.set_period(
        indicator=indicator, by=world.chair, start=datetime.date(2030, 1, 1), end=datetime.date(2030, 12, 31)
    )
    assert stored(plan) == {"indicators": 1, "off_track": 1}  # a period without a value changes nothing
    assert last_values(plan) == {datetime.date(2023, 12, 31): 1}
    assert_page_counts_as_the_whole_report(world.secretariat)


def test_an_indicator_added_changed_and_deleted_through_the_services(world, plan):
    result = make_node(plan)
    before = assert_page_counts_as_the_whole_report(AnonymousUser())

    added = services.indicators.add_indicator(
        node=result, by=world.chair, fields=IndicatorFields(title="Audits")
    )
    counts = assert_page_counts_as_the_whole_report(AnonymousUser())
    assert counts[GapSection.NO_BASELINE] == before[GapSection.NO_BASELINE] + 1
    assert counts[GapSection.NO_TARGET] == before[GapSection.NO_TARGET] + 1
    assert stored(plan) == {"indicators": 1, "no_baseline": 1, "no_target": 1}
    assert last_values(plan) == {None: 1}

    fields = dataclasses.replace(
        IndicatorFields.of(added),
        baseline_value=Decimal(10),
        baseline_year=2020,
        target_value=Decimal(50),
        target_year=2030,
    )
    services.indicators.update_indicator(indicator=added, by=world.chair, fields=fields)
    assert (
        assert_page_counts_as_the_whole_report(AnonymousUser())[GapSection.NO_BASELINE]
        == before[GapSection.NO_BASELINE]
    )
    assert (stored(plan), last_values(plan)) == ({"indicators": 1}, {None: 1})

    services.indicators.delete_indicator(indicator=added, by=world.chair)
    assert assert_page_counts_as_the_whole_report(AnonymousUser()) == before
    assert (stored(plan), last_values(plan)) == ({"unmeasured": 1}, {})  # the result has no indicator again


def test_a_result_deleted_through_the_services_takes_its_indicators_out_of_the_counts(world, plan):
    kept = make_node(plan)
    make_indicator(kept)
    branch = make_node(plan)
    make_indicator(make_node(plan, parent=branch))
    make_indicator(branch, target_year=None)
    before = assert_page_counts_as_the_whole_report(world.secretariat)

    services.framework.delete_node(node=branch, by=world.chair)

    after = assert_page_counts_as_the_whole_report(world.secretariat)
    assert after[GapSection.NO_RECENT_DATA] == before[GapSection.NO_RECENT_DATA] - 2
    assert after[GapSection.NO_TARGET] == before[GapSection.NO_TARGET] - 1
    assert PlanGapCounts.objects.get(plan=plan).indicators == 1
    assert (stored(plan), last_values(plan)) == ({"indicators": 1}, {None: 1})


def test_a_plans_start_and_visibility_are_read_with_the_counts(world, plan):
    make_indicator(make_node(plan))  # no value: without recent data once the plan is old enough
    assert assert_page_counts_as_the_whole_report(AnonymousUser())[GapSection.NO_RECENT_DATA] == 1
    Plan.objects.filter(pk=plan.pk).update(period_start=timezone.localdate())
    assert assert_page_counts_as_the_whole_report(AnonymousUser())[GapSection.NO_RECENT_DATA] == 0
    Plan.objects.filter(pk=plan.pk).update(period_start=datetime.date(2020, 1, 1), status="draft")
    assert assert_page_counts_as_the_whole_report(AnonymousUser())[GapSection.NO_RECENT_DATA] == 0
    assert assert_page_counts_as_the_whole_report(world.secretariat)[GapSection.NO_RECENT_DATA] == 1


@pytest.mark.parametrize("months", [1, 6, 12, 30, 120])
def test_the_readers_window_is_counted_from_the_dates_of_the_latest_values(world, plan, months):
    result = make_node(plan)
    today = timezone.localdate()
    for year in range(today.year - 11, today.year + 1):
        make_period(make_indicator(result), year, value=100 + year % 7)
    for month in (1, 3, 6, 9):
        indicator = make_indicator(result)
        period = ReportingPeriod.objects.create(
            indicator=indicator,
            start=datetime.date(today.year - 1, month, 1),
            end=datetime.date(today.year - 1, month, 28),
        )
        IndicatorValue.objects.create(period=period, value=Decimal(5), status=ValueStatus.APPROVED)
        verdicts.refresh([indicator.pk])  # as the services do
    page = bounded.gap_report_page(user=world.secretariat, filters=bounded.GapFilters(recent_months=months))
    whole = gap_report(user=world.secretariat, filters=bounded.GapFilters(recent_months=months))
    assert page.count(GapSection.NO_RECENT_DATA) == len(whole.no_recent_data)


# --- Results: without indicators, overdue, activities -----------------------------------------------------------


def test_a_result_added_without_an_indicator_shows_on_the_next_request(world, plan, client):
    goal = services.framework.add_node(plan=plan, by=world.chair, title="Forced labour ended")
    page = client.get("/plans/gaps/").context["report"]
    assert page.count(GapSection.RESULTS_WITHOUT_INDICATORS) == 1
    assert [result.id for result in page.results_without_indicators] == [goal.pk]
    before = assert_page_counts_as_the_whole_report(AnonymousUser())

    outcome = services.framework.add_node(plan=plan, by=world.chair, title="Audits", parent=goal)
    after = assert_page_counts_as_the_whole_report(AnonymousUser())
    assert after[GapSection.RESULTS_WITHOUT_INDICATORS] == before[GapSection.RESULTS_WITHOUT_INDICATORS] + 1
    assert stored(plan) == {"unmeasured": 2}

    added = services.indicators.add_indicator(
        node=outcome, by=world.chair, fields=IndicatorFields(title="Audits")
    )
    assert client.get("/plans/gaps/").context["report"].count(GapSection.RESULTS_WITHOUT_INDICATORS) == 1
    assert stored(plan) == {"indicators": 1, "no_baseline": 1, "no_target": 1, "unmeasured": 1}
    services.indicators.delete_indicator(indicator=added, by=world.chair)
    assert client.get("/plans/gaps/").context["report"].count(GapSection.RESULTS_WITHOUT_INDICATORS) == 2
    services.framework.delete_node(node=outcome, by=world.chair)
    assert assert_page_counts_as_the_whole_report(AnonymousUser()) == before
    assert stored(plan) == {"unmeasured": 1}


def test_a_result_falling_due_shows_as_overdue_the_next_day(world, plan, client):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    services.framework.add_node(
        plan=plan, by=world.chair, title="Late", due_date=today - datetime.timedelta(days=3)
    )
    due = services.framework.add_node(plan=plan, by=world.chair, title="Due tomorrow", due_date=tomorrow)
    services.framework.add_node(
        plan=plan, by=world.chair, title="Later", due_date=today + datetime.timedelta(days=9)
    )
    assert client.get("/plans/gaps/").context["report"].count(GapSection.OVERDUE) == 1
    assert assert_page_counts_as_the_whole_report(world.secretariat, today)[GapSection.OVERDUE] == 1

    # Nothing was written since: the day after tomorrow, the result due tomorrow is overdue on the page too.
    later = tomorrow + datetime.timedelta(days=1)
    assert assert_page_counts_as_the_whole_report(world.secretariat, later)[GapSection.OVERDUE] == 2
    assert assert_page_counts_as_the_whole_report(world.secretariat, tomorrow)[GapSection.OVERDUE] == 1
    assert assert_page_counts_as_the_whole_report(world.secretariat, later)[GapSection.OVERDUE] == 2

    # A status or a due date changed through the services shows on the next request.
    services.framework.report_activity_status(node=due, by=world.chair, status="completed")
    assert assert_page_counts_as_the_whole_report(world.secretariat, later)[GapSection.OVERDUE] == 1
    fields = dataclasses.replace(services.framework.NodeFields.of(due), status="delayed", due_date=today)
    services.framework.update_node(node=due, by=world.chair, fields=fields)
    assert client.get("/plans/gaps/").context["report"].count(GapSection.OVERDUE) == 1
    assert assert_page_counts_as_the_whole_report(world.secretariat, tomorrow)[GapSection.OVERDUE] == 2
    client.get("/plans/gaps/")  # counted for tomorrow, then for today again (a count is stored for its day)
    assert stored(plan) == {
        "unmeasured": 3,
        "overdue": 1,
        "overdue_latest_due": today - datetime.timedelta(days=3),
        "next_due": today,  # "Due tomorrow", now due today, delayed
    }


def test_the_scheduled_task_counts_the_plans_a_new_day_makes_stale(world, plan, settings):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    services.framework.add_node(plan=plan, by=world.chair, title="Due tomorrow", due_date=tomorrow)
    quiet = make_plan(owner_body=world.supply_chains)
    services.framework.add_node(
        plan=quiet, by=world.chair, title="Due next year", due_date=today.replace(year=today.year + 1)
    )
    later = tomorrow + datetime.timedelta(days=1)
    assert list(Plan.objects.filter(gap_counts.stale_filter(later))) == [plan]

    cron, path, _kwargs = settings.SCHEDULE["gap-counts"]
    assert (cron, path) == ("5 0 * * *", "alliance87.plans.tasks.refresh_stale_gap_counts")
    assert verdicts.refresh_stale_counts(today=later) == 1
    assert not Plan.objects.filter(gap_counts.stale_filter(later)).exists()
    counts = PlanGapCounts.objects.get(plan=plan)
    assert (counts.overdue, counts.overdue_latest_due, counts.next_due) == (1, tomorrow, None)
    with CaptureQueriesContext(connection) as queries:
        page = bounded.gap_report_page(user=world.secretariat, today=later)
    assert page.count(GapSection.OVERDUE) == 1
    assert not [query for query in queries if not query["sql"].lstrip().upper().startswith("SELECT")]
    assert_page_counts_as_the_whole_report(world.secretariat, later)


def test_an_activity_added_moved_or_renamed_as_a_tier_shows_on_the_next_request(world, plan, client):
    goal = services.framework.add_node(plan=plan, by=world.chair, title="Goal")
    outcome = services.framework.add_node(plan=plan, by=world.chair, title="Outcome", parent=goal)
    output = services.framework.add_node(plan=plan, by=world.chair, title="Output", parent=outcome)
    assert client.get("/plans/gaps/").context["report"].count(GapSection.NO_BUDGET) == 0

    activity = services.framework.add_node(plan=plan, by=world.chair, title="Train inspectors", parent=output)
    page = client.get("/plans/gaps/").context["report"]
    assert [(row.plan.id, row.activity_count) for row in page.no_budget] == [(plan.pk, 1)]
    assert PlanGapCounts.objects.get(plan=plan).activities == 1
    assert_page_counts_as_the_whole_report(AnonymousUser())

    # Moved up a tier, it is an output without an indicator; moved back, an activity again.
    services.framework.move_node(node=activity, by=world.chair, new_parent=outcome, position=1)
    counts = assert_page_counts_as_the_whole_report(AnonymousUser())
    assert (counts[GapSection.NO_BUDGET], counts[GapSection.RESULTS_WITHOUT_INDICATORS]) == (0, 4)
    services.framework.move_node(node=activity, by=world.chair, new_parent=output, position=0)
    assert assert_page_counts_as_the_whole_report(AnonymousUser())[GapSection.NO_BUDGET] == 1

    # Five tiers: the fourth is no longer the activities'.
    plan.refresh_from_db()
    fields = dataclasses.replace(
        services.framework.PlanFields.of(plan), tier_names=("Goal", "Outcome", "Output", "Sub-output", "Task")
    )
    services.framework.update_plan(plan=plan, by=world.chair, fields=fields)
    counts = assert_page_counts_as_the_whole_report(AnonymousUser())
    assert (counts[GapSection.NO_BUDGET], counts[GapSection.RESULTS_WITHOUT_INDICATORS]) == (0, 4)
    assert stored(plan) == {"unmeasured": 4}


# --- Imports (run as background jobs), the admin, the command, the page's own safety net -----------------------


def test_an_iati_import_run_as_a_job_keeps_the_counts(world, client_for):
    target = build_plan(world, with_results=False)
    client = client_for(world.secretariat)
    url = reverse("plans:iati_import", kwargs={"slug": target.slug})
    response = client.post(url, {"activity_file": SimpleUploadedFile("a.xml", EXAMPLE.read_bytes())})
    assert response.status_code == 303
    assert Indicator.objects.filter(node__plan=target).count() == 1
    assert PlanGapCounts.objects.get(plan=target).indicators == 1
    # The file's one output, its indicator with a baseline and targets per period only, under the goal the import
    # adds to hold it (a result without an indicator).
    assert stored(target) == {"indicators": 1, "no_target": 1, "unmeasured": 1}
    assert_page_counts_as_the_whole_report(world.secretariat)


def test_a_workbook_import_run_as_a_job_keeps_the_counts(world, client_for):
    source = build_plan(world)
    empty = build_plan(world, slug="empty", with_results=False)
    client = client_for(world.chair)
    url = reverse("plans:workbook_import", kwargs={"slug": empty.slug})
    response = client.post(url, {"workbook": SimpleUploadedFile("f.xlsx", xlsx.export_workbook(source))})
    assert response.status_code == 303
    imported = Indicator.objects.filter(node__plan=empty).count()
    assert imported and PlanGapCounts.objects.get(plan=empty).indicators == imported
    assert stored(empty) == {"indicators": 3, "no_target": 2, "unmeasured": 1}
    assert_page_counts_as_the_whole_report(world.secretariat)


def test_the_admin_keeps_the_counts_when_it_changes_moves_or_deletes(world, plan, client):
    other = make_plan(owner_body=world.supply_chains)
    indicator = _falling(plan)
    client.force_login(world.admin)
    url = f"/admin/plans/indicator/{indicator.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"target_value": "", "disaggregations": "{}"})
    assert client.post(url, data).status_code == 302
    assert PlanGapCounts.objects.get(plan=plan).no_target == 1
    assert stored(plan) == {"indicators": 1, "off_track": 1, "no_target": 1}

    data.update({"node": str(make_node(other).pk)})  # moved to a result of another plan
    assert client.post(url, data).status_code == 302
    assert (
        PlanGapCounts.objects.get(plan=plan).indicators,
        PlanGapCounts.objects.get(plan=other).indicators,
    ) == (
        0,
        1,
    )
    assert (stored(plan), stored(other)) == (
        {"unmeasured": 1},
        {"indicators": 1, "off_track": 1, "no_target": 1},
    )

    result = make_node(other)
    make_indicator(result)  # no value: the admin may delete it with its result (it never deletes values)
    assert PlanGapCounts.objects.get(plan=other).indicators == 2
    response = client.post(f"/admin/plans/resultnode/{result.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert PlanGapCounts.objects.get(plan=other).indicators == 1
    assert stored(other) == {"indicators": 1, "off_track": 1, "no_target": 1}

    second = make_indicator(make_node(plan))
    response = client.post(f"/admin/plans/indicator/{second.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert PlanGapCounts.objects.get(plan=plan).indicators == 0
    assert stored(plan) == {"unmeasured": 2}  # the results of the two indicators, without them now
    assert_page_counts_as_the_whole_report(world.secretariat)


def test_the_refresh_command_and_the_page_store_counts_of_data_written_around_the_services(world, plan):
    result = make_node(plan)
    Indicator.objects.bulk_create([Indicator(node=result, code=f"B{n}", title="Bulk") for n in range(3)])
    IndicatorVerdict.objects.all().delete()
    PlanGapCounts.objects.all().delete()
    # The page stores what it lacks (verdicts, then counts) before it counts.
    assert assert_page_counts_as_the_whole_report(world.secretariat)[GapSection.NO_RECENT_DATA] == 3
    assert stored(plan) == {"indicators": 3, "no_baseline": 3, "no_target": 3}
    assert last_values(plan) == {None: 3}

    make_indicator(result)
    PlanGapCounts.objects.filter(plan=plan).update(indicators=99, no_target=99)
    call_command("refresh_verdicts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert PlanGapCounts.objects.get(plan=plan).indicators == 4
    assert stored(plan) == {"indicators": 4, "no_baseline": 3, "no_target": 3}
    assert last_values(plan) == {None: 4}


def test_counts_resting_on_last_years_verdicts_are_stored_again(world, plan):
    indicator = _falling(plan)
    last_year = timezone.make_aware(datetime.datetime(timezone.localdate().year - 1, 6, 1))
    IndicatorVerdict.objects.filter(indicator=indicator).update(computed_at=last_year)
    gap_counts.store([plan.pk])
    IndicatorVerdict.objects.filter(indicator=indicator).update(category="not_assessed")  # stale, on purpose
    assert PlanGapCounts.objects.get(plan=plan).oldest_verdict == last_year

    assert assert_page_counts_as_the_whole_report(world.secretariat)[GapSection.OFF_TRACK] == 1
    assert PlanGapCounts.objects.get(plan=plan).oldest_verdict > last_year
    assert stored(plan) == {"indicators": 1, "off_track": 1}


def test_the_migrations_fill_the_counts_as_the_services_store_them(world, plan):
    today = timezone.localdate()
    _falling(plan)
    make_indicator(make_node(plan), measure="qualitative", baseline_value=None)
    other = make_plan(
        owner_body=world.supply_chains, tier_names=["Goal", "Task"]
    )  # no indicator, no activity
    goal = make_node(other, due_date=today - datetime.timedelta(days=1))
    make_node(other, parent=goal, status="completed", due_date=today - datetime.timedelta(days=9))
    output = make_node(plan, parent=make_node(plan, parent=make_node(plan)), due_date=today)
    make_node(plan, parent=output, due_date=today - datetime.timedelta(days=2))
    make_node(plan, parent=output, due_date=today + datetime.timedelta(days=2))
    gap_counts.store(Plan.objects.values_list("pk", flat=True))
    stored = stored_counts()
    PlanGapCounts.objects.all().delete()
    PlanLastValueCount.objects.all().delete()
    for name in ("0016_plan_gap_counts", "0017_gap_counts_of_results"):
        migration = importlib.import_module(f"alliance87.plans.migrations.{name}")
        migration.fill(apps, types.SimpleNamespace(connection=connection))
    assert stored_counts() == stored
    counts = PlanGapCounts.objects.get(plan=plan)
    assert (counts.unmeasured, counts.activities, counts.overdue) == (3, 2, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_values_of_one_plan_approved_at_the_same_moment_leave_fresh_counts(world):
    """Each approval counts its plan after the plan's counts row is locked, on data with the others' approvals."""
    plan = make_plan(owner_body=world.supply_chains, requires_second_approver=False)
    submitted = []
    for n in range(6):
        period = make_period(make_indicator(make_node(plan), baseline_value=Decimal(100 + n)), 2024)
        submitted.append(
            services.reporting.submit_value(period=period, by=world.chair, value="50", expected_version=0)
        )
    at_the_same_moment(
        *(
            functools.partial(
                services.reporting.approve_value, value=value, by=world.chair, expected_version=value.version
            )
            for value in submitted
        )
    )

    assert IndicatorValue.objects.filter(status=ValueStatus.APPROVED).count() == len(submitted)
    assert PlanGapCounts.objects.get(plan=plan).off_track == len(submitted)
    assert stored(plan) == {"indicators": 6, "off_track": 6}
    assert last_values(plan) == {datetime.date(2024, 12, 31): 6}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_results_added_to_one_plan_at_the_same_moment_leave_fresh_counts(world):
    """Each result added counts its plan after the plan's counts row is locked, on data with the others'."""
    plan = make_plan(owner_body=world.supply_chains)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    at_the_same_moment(
        *(
            functools.partial(
                services.framework.add_node,
                plan=plan,
                by=world.chair,
                title=f"Result {n}",
                due_date=yesterday,
            )
            for n in range(6)
        )
    )

    counts = PlanGapCounts.objects.get(plan=plan)
    assert (counts.unmeasured, counts.overdue) == (6, 6)
    assert stored(plan) == {"unmeasured": 6, "overdue": 6, "overdue_latest_due": yesterday}
