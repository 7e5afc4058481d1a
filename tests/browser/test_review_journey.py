"""The demo's review journey: the partner member reports on their organisation's indicator, another person approves.

On the demo: Walk Free Foundation is responsible for result 1.1 of Madagascar's (illustrative) national action
plan; its member reports a value for 2026, the Secretariat (a reviewer of the plan, not the reporter) approves it
and the verdict follows. Until it is approved, the submitted value counts for nothing.

The numbers: baseline 2 (2023), target 22 by 2028, 5 approved for 2024 — observed growth (5/2)^(1/1) − 1 = 150 %
a year against 61.5 % required: "On track". With 3 approved for 2026 the observed growth is (3/2)^(1/3) − 1 =
14.5 % a year, 24 % of the required pace: "Limited progress".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from alliance87.data.areas import ensure_reference_data
from alliance87.plans.models import Indicator, IndicatorValue, ValueStatus

from .helpers import sign_in
from .main_pages import DEMO_MEMBER, DEMO_PASSWORD, DEMO_PLAN
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

REVIEWER = "secretariat@demo.alliance87.org"
PERIOD = "1 Jan\u2009–\u200931 Dec 2026"


@pytest.fixture
def demo(transactional_db: None) -> None:
    ensure_reference_data()  # a live-server test before this one flushed the areas the migrations load
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 (closed with the process)


def _verdict(page: Page) -> str:
    return page.get_by_role("region", name="Progress verdict").locator(".verdict").inner_text()


def _period_row(page: Page):  # type: ignore[no-untyped-def]
    table = page.get_by_role("table", name="Targets and reported values by period")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=PERIOD, exact=True))


def test_the_demo_member_reports_and_another_person_approves_and_the_verdict_follows(
    demo: None, new_page: Callable[[], Page], site: str
) -> None:
    indicator = Indicator.objects.get(node__plan__slug=DEMO_PLAN, node__code="1.1")
    address = f"{site}/plans/{DEMO_PLAN}/indicators/{indicator.pk}/"
    link = f"{indicator.code} {indicator.title}"

    member = new_page()
    sign_in(member, site, DEMO_MEMBER, DEMO_PASSWORD)
    member.goto(address)
    expect(member.get_by_role("heading", level=1, name=link)).to_be_visible()
    assert _verdict(member) == "On track"
    _period_row(member).get_by_role("link", name=f"Report {PERIOD}").click()
    expect(member.get_by_role("heading", level=1, name=f"Report for {PERIOD}")).to_be_visible()
    assert_accessible(member)
    member.get_by_label("Value", exact=True).fill("3")
    member.get_by_label("Source / means of verification").fill("District committee registers, 2026")
    member.get_by_role("button", name="Submit for approval").click()
    expect(member.get_by_text("The value has been submitted for approval.")).to_be_visible()
    expect(_period_row(member)).to_contain_text("Submitted")
    assert _verdict(member) == "On track", "a submitted value does not count before it is approved"
    assert_accessible(member)

    reviewer = new_page()
    sign_in(reviewer, site, REVIEWER, DEMO_PASSWORD)
    reviewer.goto(f"{site}/plans/review/")
    queue = reviewer.get_by_role("table", name="Values waiting for review")
    row = queue.get_by_role("row").filter(has_text=PERIOD)
    expect(row).to_contain_text("Marco Member")
    assert_accessible(reviewer)
    row.get_by_role("button", name=f"Approve {link} {PERIOD}").click()
    expect(
        reviewer.get_by_text("The value has been approved and now counts in the progress verdict.")
    ).to_be_visible()
    value = IndicatorValue.objects.get(period__indicator=indicator, period__start__year=2026)
    assert value.status == ValueStatus.APPROVED and value.reviewed_by.email == REVIEWER  # type: ignore[union-attr]
    assert value.submitted_by.email == DEMO_MEMBER  # type: ignore[union-attr]

    reviewer.goto(address)
    expect(reviewer.get_by_role("region", name="Progress verdict").locator(".verdict")).to_have_text(
        "Limited progress"
    )
    expect(_period_row(reviewer)).to_contain_text("Approved")
    assert_accessible(reviewer)
    member.reload()
    assert _verdict(member) == "Limited progress"
