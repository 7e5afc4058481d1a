"""Plans in the browser: a chair builds a plan, a member reports, the chair reviews; the verdict and gaps follow.

The numbers are chosen so that the Open SDG progress verdict is known in advance (core/assessment/):
baseline 100 in 2020, target 50 by 2026 (decrease is better), 90 approved for the period ending in 2022.
    observed CAGR = (90 / 100) ** (1 / 2) - 1 = -5.13 % a year
    required CAGR = (50 / 100) ** (1 / 6) - 1 = -10.91 % a year
    R = -1 * -5.13 % / 10.91 % = 0.47, between 0 and 0.60: "Limited progress", which the gap report calls off track.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import Locator, Page, expect

from alliance87.bodies.models import Role, RoleTerm
from alliance87.plans.models import (
    BudgetLine,
    CommonIndicator,
    Direction,
    FundingSource,
    Indicator,
    IndicatorValue,
    NodeStatus,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueStatus,
)
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

PLAN_TITLE = "Supply chains results plan 2020-2026"
GOAL = "Forced labour eliminated from supply chains"
OUTCOME = "Fewer workers pay recruitment fees"
INDICATOR = "Workers who paid recruitment fees"
INDICATOR_LINK = f"1.1.a {INDICATOR}"
SOURCE = "Supplier audit database"
# Periods read as CLDR writes a span of days in British English, with thin spaces around the dash.
FIRST_PERIOD = "1 Jan\u2009–\u200931 Dec 2022"
SECOND_PERIOD = "1 Jan\u2009–\u200931 Dec 2023"
RETURN_COMMENT = "Please attach the audit summary for 2023."


def make_ngo_a_member(world: World) -> None:
    """The NGO's people report on the Action Group's plans once the NGO is a current member of the group."""
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2019, 1, 1),
    )


def field(page: Page, label: str) -> Locator:
    """The form field labelled exactly so (a required one's label ends with " *"), not its translations'."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def saved(page: Page, message: str) -> None:
    expect(page.get_by_text(message)).to_be_visible()


# --- the chair builds the plan ------------------------------------------------------------------------------


def create_plan(page: Page, site: str, world: World) -> str:
    """Create the plan from the Action Group's link and return its address."""
    page.goto(f"{site}/plans/new/?body={world.supply_chains.slug}")
    expect(page.get_by_role("heading", level=1, name="New plan")).to_be_visible()
    expect(page.get_by_label("Owned by body")).to_have_value(str(world.supply_chains.pk))
    field(page, "Title").fill(PLAN_TITLE)
    field(page, "Description").fill("Recruitment fees in the Action Group's supply chains.")
    page.get_by_label("Period start").fill("2020-01-01")
    page.get_by_label("Period end").fill("2026-12-31")
    page.get_by_label("Status").select_option(label="In implementation")
    expect(field(page, "Tier names")).to_have_value("Goal, Outcome, Output, Activity")
    page.get_by_role("button", name="Save").click()
    saved(page, "The plan has been created. Add its results next.")
    expect(page.get_by_role("heading", level=1, name=PLAN_TITLE)).to_be_visible()
    expect(page.get_by_text("No result has been added to this plan yet.")).to_be_visible()
    return page.url


def add_result(page: Page, link: Locator, heading: str, code: str, title: str) -> None:
    link.click()
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    page.get_by_label("Code").fill(code)
    field(page, "Title").fill(title)
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Save").click()
    saved(page, "The result has been added.")
    expect(page.get_by_role("table", name="Results framework with indicators")).to_contain_text(title)


def add_indicator(page: Page) -> None:
    page.get_by_role("link", name=f"Add indicator 1.1 {OUTCOME}").click()
    expect(page.get_by_role("heading", level=1, name="Add an indicator")).to_be_visible()
    expect(page.get_by_text(f"For the Outcome “1.1 {OUTCOME}”.")).to_be_visible()
    page.get_by_label("Code").fill("1.1.a")
    field(page, "Title").fill(INDICATOR)
    page.get_by_label("Measure").select_option(label="Number")
    page.get_by_label("Unit").fill("workers")
    page.get_by_label("Desired direction").select_option(label="Decrease is better")
    page.get_by_label("Baseline value").fill("100")
    page.get_by_label("Baseline year").fill("2020")
    page.get_by_label("Final target").fill("50")
    page.get_by_label("Target year").fill("2026")
    page.get_by_label("Source / means of verification").fill(SOURCE)
    page.get_by_role("button", name="Save").click()
    saved(page, "The indicator has been added. Set its reporting periods and targets next.")
    expect(page.get_by_role("heading", level=1, name=INDICATOR_LINK)).to_be_visible()


def add_period(page: Page, year: int, target: str) -> None:
    page.get_by_role("link", name="Add a reporting period").click()
    expect(page.get_by_role("heading", level=1, name="Add a reporting period")).to_be_visible()
    page.get_by_label("Period start").fill(f"{year}-01-01")
    page.get_by_label("Period end").fill(f"{year}-12-31")
    field(page, "Target").fill(target)
    page.get_by_role("button", name="Save").click()
    saved(page, "The period has been saved.")
    row = period_row(page, f"1 Jan\u2009–\u200931 Dec {year}")
    expect(row.get_by_role("cell").first).to_have_text(target)
    expect(row).to_contain_text("Not reported")


def period_row(page: Page, period: str) -> Locator:
    table = page.get_by_role("table", name="Targets and reported values by period")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=period, exact=True))


def verdict(page: Page) -> Locator:
    return page.get_by_role("region", name="Progress verdict")


# --- the member reports ---------------------------------------------------------------------------------------


def report(page: Page, plan_url: str, period: str, value: str, comment: str = "") -> None:
    page.goto(plan_url)
    page.get_by_role("link", name=INDICATOR_LINK).click()
    expect(page.get_by_role("heading", level=1, name=INDICATOR_LINK)).to_be_visible()
    page.get_by_role("link", name=f"Report {period}").click()
    expect(page.get_by_role("heading", level=1, name=f"Report for {period}")).to_be_visible()
    expect(page.get_by_text(f"Expected source: {SOURCE}")).to_be_visible()
    field(page, "Value").fill(value)
    page.get_by_label("Source / means of verification").fill(f"{SOURCE}, {period[:4]} extract")
    field(page, "Comment").fill(comment)
    page.get_by_role("button", name="Submit for approval").click()
    saved(page, "The value has been submitted for approval.")
    expect(period_row(page, period)).to_contain_text("Submitted")


# --- the gap report -------------------------------------------------------------------------------------------


def open_plan_gaps(page: Page, plan_url: str) -> None:
    page.goto(plan_url)
    page.get_by_role("link", name="Implementation gaps").click()
    expect(page.get_by_role("heading", level=1, name=f"Implementation gaps: {PLAN_TITLE}")).to_be_visible()


def gap_section(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(name)} \(\d+\)$"))


def test_chair_builds_a_plan_member_reports_and_the_verdict_and_gaps_follow(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    make_ngo_a_member(world)
    chair = new_page()
    sign_in(chair, site, world.chair.email)
    plan_url = create_plan(chair, site, world)
    # The member's NGO is responsible for the plan, so its people report on it (a body's members no longer do).
    Plan.objects.get(title=PLAN_TITLE).responsible_organisations.add(world.ngo)

    add_result(chair, chair.get_by_role("link", name="Add a Goal"), "Add Goal", "1", GOAL)
    add_result(chair, chair.get_by_role("link", name=f"Add below 1 {GOAL}"), "Add Outcome", "1.1", OUTCOME)
    add_indicator(chair)
    expect(verdict(chair).locator(".verdict")).to_have_text("Unable to assess")
    add_period(chair, 2022, "90")
    add_period(chair, 2023, "80")

    # Before any value is approved, the plan's gap report has the indicator without data and nothing off track.
    open_plan_gaps(chair, plan_url)
    expect(gap_section(chair, "Off-track indicators")).to_contain_text("No indicator is off track.")
    stale = gap_section(chair, "Indicators with no recent data").get_by_role("row", name=INDICATOR_LINK)
    expect(stale).to_contain_text("No approved value yet")

    member = new_page()
    sign_in(member, site, world.member.email)
    report(member, plan_url, FIRST_PERIOD, "90")
    report(member, plan_url, SECOND_PERIOD, "120", comment="Audits widened to new suppliers.")
    expect(verdict(member).locator(".verdict")).to_have_text("Unable to assess")

    # The chair reviews: approves the 2022 value, returns the 2023 one with a comment.
    chair.goto(f"{site}/plans/")
    chair.get_by_role("link", name="Values waiting for review").click()
    queue = chair.get_by_role("table", name="Values waiting for review")
    expect(queue.get_by_role("row")).to_have_count(3)
    first = queue.get_by_role("row").filter(has_text=FIRST_PERIOD)
    expect(first).to_contain_text("90")
    expect(first).to_contain_text(world.member.display_name)
    first.get_by_role("button", name=f"Approve {INDICATOR_LINK} {FIRST_PERIOD}").click()
    saved(chair, "The value has been approved and now counts in the progress verdict.")
    second = queue.get_by_role("row").filter(has_text=SECOND_PERIOD)
    expect(second).to_contain_text("Audits widened to new suppliers.")
    second.get_by_label("Comment to the reporters").fill(RETURN_COMMENT)
    second.get_by_role("button", name=f"Return {INDICATOR_LINK} {SECOND_PERIOD}").click()
    saved(chair, "The value has been returned to the reporters with your comment.")
    expect(chair.get_by_text("No value is waiting for review.")).to_be_visible()

    # The indicator page shows the verdict with its numbers and the chart; only the approved value counts.
    chair.goto(plan_url)
    logframe = chair.get_by_role("table", name="Results framework with indicators")
    expect(logframe.locator(".verdict")).to_have_text("Limited progress")
    logframe.get_by_role("link", name=INDICATOR_LINK).click()
    expect(chair.get_by_role("heading", level=1, name=INDICATOR_LINK)).to_be_visible()
    expect(verdict(chair).locator(".verdict")).to_have_text("Limited progress")
    figures = verdict(chair)  # the method's own figures are in "How this verdict was reached"
    expect(figures).to_contain_text("Observed growth a year (CAGR)-5.13%")
    expect(figures).to_contain_text("Required growth a year (CAGR)-10.91%")
    expect(figures).to_contain_text("Ratio observed / required47%")
    expect(figures).to_contain_text("Latest approved90 (2022)")
    chart = chair.get_by_role("img", name=f"{INDICATOR}: baseline, targets, approved values and projection")
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).to_contain_text("Baseline 100 in 2020. Approved value 90 in 2022.")
    expect(chart.locator("circle.actual")).to_have_count(1)
    expect(period_row(chair, FIRST_PERIOD)).to_contain_text("Approved")
    expect(period_row(chair, SECOND_PERIOD)).to_contain_text("Returned for revision")

    # The gap report now has the indicator off track with its verdict, and its latest value.
    open_plan_gaps(chair, plan_url)
    off_track = gap_section(chair, "Off-track indicators")
    expect(off_track.get_by_role("heading")).to_have_text("Off-track indicators (1)")
    row = off_track.get_by_role("row", name=INDICATOR_LINK)
    expect(row).to_contain_text("100 (2020)")
    expect(row).to_contain_text("90 workers (2022)")
    expect(row).to_contain_text("50 by 2026")
    expect(row.locator("strong")).to_have_text("Limited progress")
    stale = gap_section(chair, "Indicators with no recent data").get_by_role("row", name=INDICATOR_LINK)
    expect(stale).to_contain_text("90 (period ending 31 Dec 2022)")

    # The member sees the returned value with the chair's comment, on the indicator page and in the form.
    member.reload()
    returned = period_row(member, SECOND_PERIOD)
    expect(returned).to_contain_text("Returned for revision")
    expect(returned).to_contain_text(f"Review: {RETURN_COMMENT}")
    expect(verdict(member).locator(".verdict")).to_have_text("Limited progress")
    returned.get_by_role("link", name=f"Report {SECOND_PERIOD}").click()
    on_record = member.get_by_role("region", name="The value on record")
    expect(on_record).to_contain_text("120 — Returned for revision")
    expect(on_record).to_contain_text(f"Review comment: {RETURN_COMMENT}")


# --- accessibility of the plan pages, with data in them ---------------------------------------------------------


def make_plan_with_data(world: World) -> tuple[Plan, Indicator, ReportingPeriod]:
    """A plan with four tiers, an indicator with approved, submitted and returned values, and budget lines."""
    plan = Plan.objects.create(
        title="Supply chains work plan",
        slug="supply-chains-work-plan",
        owner_body=world.supply_chains,
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        status=PlanStatus.IN_IMPLEMENTATION,
        description="A work plan with **indicators**, values and budgets.",
    )
    plan.responsible_organisations.add(world.ilo, world.ngo)
    goal = ResultNode.objects.create(plan=plan, level=0, code="1", title=GOAL, status=NodeStatus.IN_PROGRESS)
    outcome = ResultNode.objects.create(plan=plan, parent=goal, level=1, code="1.1", title=OUTCOME)
    output = ResultNode.objects.create(plan=plan, parent=outcome, level=2, code="1.1.1", title="Audits done")
    activity = ResultNode.objects.create(
        plan=plan,
        parent=output,
        level=3,
        code="1.1.1.1",
        title="Train auditors",
        due_date=datetime.date(2024, 6, 30),
        status=NodeStatus.DELAYED,
    )
    activity.responsible_organisations.add(world.ngo)
    indicator = Indicator.objects.create(
        node=outcome,
        code="1.1.a",
        title=INDICATOR,
        unit="workers",
        direction=Direction.DECREASE,
        baseline_value=Decimal(100),
        baseline_year=2020,
        target_value=Decimal(50),
        target_year=2026,
        source=SOURCE,
        disaggregations={"sex": ["female", "male"]},
    )
    statuses = {2021: ValueStatus.APPROVED, 2022: ValueStatus.APPROVED, 2023: ValueStatus.SUBMITTED}
    values = {2021: 96, 2022: 90, 2023: 88, 2024: 85}
    periods = {}
    for year, value in values.items():
        periods[year] = period = ReportingPeriod.objects.create(
            indicator=indicator,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            target_value=Decimal(100 - 8 * (year - 2020)),
        )
        IndicatorValue.objects.create(
            period=period,
            value=Decimal(value),
            disaggregated={"sex": {"female": value // 2}},
            status=statuses.get(year, ValueStatus.RETURNED),
            review_comment="" if year in statuses else RETURN_COMMENT,
            submitted_by=world.member,
            submitted_at=datetime.datetime(year + 1, 1, 15, tzinfo=datetime.UTC),
        )
    BudgetLine.objects.create(
        plan=plan, node=activity, year=2024, description="Auditor training", planned=50_000, committed=20_000
    )
    BudgetLine.objects.create(
        plan=plan,
        node=output,
        year=2025,
        description="Audits",
        planned=80_000,
        committed=80_000,
        spent=35_000,
        funding_source=FundingSource.DONOR,
        funder=world.iom,
    )
    return plan, indicator, periods[2024]


def test_plan_pages_with_data_have_no_serious_accessibility_violation(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    make_ngo_a_member(world)
    plan, indicator, returned_period = make_plan_with_data(world)
    common = CommonIndicator.objects.create(
        slug="audited-suppliers", title="Suppliers audited", measure=indicator.measure, unit=indicator.unit
    )
    Indicator.objects.filter(pk=indicator.pk).update(common_indicator=common)
    pages = {
        "plans list": "/plans/",
        "plan page (logframe)": f"/plans/{plan.slug}/",
        "indicator page with chart": f"/plans/{plan.slug}/indicators/{indicator.pk}/",
        "reporting form": f"/plans/{plan.slug}/periods/{returned_period.pk}/report/",
        "review queue": "/plans/review/",
        "budget page": f"/plans/{plan.slug}/budget/",
        "gap report": "/plans/gaps/",
        "plan's gap report": f"/plans/{plan.slug}/gaps/",
        "exchange page": f"/plans/{plan.slug}/exchange/",
        "common indicators": "/plans/common/",
        "common indicator combined across plans": f"/plans/common/{common.slug}/",
    }
    page = new_page()
    sign_in(page, site, world.chair.email)
    for name, path in pages.items():
        page.goto(f"{site}{path}")
        expect(page.get_by_role("heading", level=1), name).to_be_visible()
        assert_accessible(page)

    # The pages show the data the checks ran on.
    page.goto(f"{site}/plans/review/")
    expect(page.get_by_role("table", name="Values waiting for review")).to_contain_text("88")
    page.goto(f"{site}/plans/{plan.slug}/indicators/{indicator.pk}/")
    expect(page.get_by_role("img", name=re.compile(INDICATOR))).to_be_visible()
    expect(verdict(page).locator(".verdict")).to_have_text("Limited progress")

    # The reporting form with an error.
    page.goto(f"{site}{pages['reporting form']}")
    field(page, "Value").fill("")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("Value: Enter the value for this period.")
    assert_accessible(page)

    # The Secretariat's form for a common indicator, then with an error.
    secretariat = new_page()
    sign_in(secretariat, site, world.secretariat.email)
    secretariat.goto(f"{site}/plans/common/")
    secretariat.get_by_role("link", name="New common indicator").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("New common indicator")
    assert_accessible(secretariat)
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("alert")).to_be_visible()
    assert_accessible(secretariat)
    secretariat.get_by_label("Title").fill("Children in child labour")
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Children in child labour")
