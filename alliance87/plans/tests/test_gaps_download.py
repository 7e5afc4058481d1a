"""The cross-plan gap report's CSV download: the same file as before, streamed, kept per data version once written
(a change shows in the next download), and limited per client (429 with a page that says why)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import translation

from alliance87.plans.gaps import download as gap_download
from alliance87.plans.gaps import gap_report
from alliance87.plans.gaps import views as gap_views
from alliance87.plans.models import BudgetLine

from .test_gaps import D, framework, indicator, make_plan, node, report_value

URL = "/plans/gaps.csv"


def gaps_in(world, slug: str = "work-plan", title: str = "Work plan") -> None:
    plan = make_plan(slug, owner_body=world.supply_chains, currency="USD", title=title)
    parts = framework(plan)
    falling = indicator(parts["outcome"], "A", source="Survey")
    report_value(falling, 2022, "95.5", source="Survey 2022")
    node(plan, "A1", parent=parts["output"], due_date=D(2020, 1, 31))
    BudgetLine.objects.create(plan=plan, node=parts["activity"], year=2026, planned=Decimal(1000))


def kept_files() -> list[str]:
    if not default_storage.exists(gap_download.KEPT_DIR):
        return []
    return default_storage.listdir(gap_download.KEPT_DIR)[1]


@pytest.mark.django_db
def test_the_streamed_file_is_byte_for_byte_the_file_written_whole(world, client_for):
    gaps_in(world)
    gaps_in(world, "second-plan", "=HYPERLINK(1)")
    for user in (None, world.secretariat):
        response = client_for(user).get(URL, {"recent": "24"})
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="gap-report.csv"'
        whole = gap_views._csv_response(
            gap_report(user=user or AnonymousUser(), filters=gap_views.GapFilters(recent_months=24)), "x.csv"
        ).content
        assert response.getvalue() == whole
        rows = list(csv.DictReader(io.StringIO(whole.decode("utf-8-sig"))))
        assert len(rows) >= 6 and "'=HYPERLINK(1)" in {row["plan"] for row in rows}


def test_chunks_of_rows_make_the_same_file(world, db):
    gaps_in(world)
    report = gap_report(user=world.secretariat)
    whole = gap_views._csv_response(report, "x.csv").content
    rows = ([row.get(c, "") for c in gap_views.CSV_COLUMNS] for row in gap_views.iter_csv_rows(report))
    chunks = list(gap_views.csv_chunks(gap_views.CSV_COLUMNS, rows, rows_per_chunk=2))
    assert len(chunks) > 2
    assert b"".join(chunks) == whole


@pytest.mark.django_db(transaction=True)
def test_the_file_is_kept_until_the_data_change_and_a_change_shows_in_the_next_download(world):
    gaps_in(world)
    first = Client().get(URL)
    assert first[gap_download.HEADER] == "miss"
    body = first.getvalue()
    assert len(kept_files()) == 1

    again = Client().get(URL)
    assert again[gap_download.HEADER] == "hit"
    assert again.getvalue() == body

    gaps_in(world, "new-plan", "A plan added since")
    changed = Client().get(URL)
    assert changed[gap_download.HEADER] == "miss"
    assert "A plan added since" in changed.getvalue().decode("utf-8-sig")
    assert len(kept_files()) == 1  # the file of the older data version is gone


@pytest.mark.django_db(transaction=True)
def test_readers_who_see_other_plans_never_share_a_file(world):
    from alliance87.plans.models import PlanStatus

    gaps_in(world)
    draft = make_plan(
        "draft-plan", owner_body=world.supply_chains, status=PlanStatus.DRAFT, title="Secret draft"
    )
    report_value(indicator(framework(draft)["outcome"], "D"), 2022, "90")
    chair = Client()
    chair.force_login(world.chair)
    for _ in range(2):
        assert "Secret draft" in chair.get(URL).getvalue().decode("utf-8-sig")
    for _ in range(2):
        answer = Client().get(URL)
        assert "Secret draft" not in answer.getvalue().decode("utf-8-sig")
    assert Client().get(URL)[gap_download.HEADER] == "hit"  # visitors share theirs
    assert len(kept_files()) == 2


@pytest.mark.django_db
def test_too_many_downloads_from_one_client_answer_429_saying_why(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "gap_report_download": "2/h/ip"}
    client = Client()
    assert [client.get(URL).status_code for _ in range(2)] == [200, 200]
    refused = client.get(URL)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    page = refused.content.decode()
    assert "Too many downloads" in page
    assert "You have downloaded this file too often for now. Please wait an hour and try again." in page
    assert Client(REMOTE_ADDR="198.51.100.7").get(URL).status_code == 200  # another client
    assert client.get("/plans/gaps/").status_code == 200  # the page itself is not limited


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_file_read_a_few_plans_at_a_time_is_the_whole_reports_file(
    world, client_for, monkeypatch, language
):
    """The download reads the indicator lists plan by plan (`streamed`): the same rows in the same order as the
    whole report built in memory, for every reader, filter and language."""
    from alliance87.plans.gaps import streamed
    from alliance87.plans.tests.test_gaps_page import build_many_gaps

    build_many_gaps(world)
    monkeypatch.setattr(streamed, "PLANS_PER_CHUNK", 1)
    prefix = "" if language == "en" else f"/{language}"
    for user in (None, world.secretariat):
        for query, filters in (
            ({}, gap_views.GapFilters()),
            ({"recent": "6"}, gap_views.GapFilters(recent_months=6)),
            ({"body": world.supply_chains.slug}, gap_views.GapFilters(body=world.supply_chains.slug)),
        ):
            response = client_for(user).get(prefix + URL, query)
            assert response.status_code == 200 and response.streaming
            with translation.override(language):
                whole = gap_views._csv_response(
                    gap_report(user=user or AnonymousUser(), filters=filters), "x.csv"
                ).content
            assert response.getvalue() == whole
            assert whole.count(b"\n") > 40
