"""The register (filters, lights in words, constant queries), a commitment's page, the forms, and who may use
each page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from alliance87.commitments.models import Commitment, Deliverable, DeliverableReport
from alliance87.core.tests.helpers import assert_counted_to_a_bound, assert_queries_do_not_grow
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.partners.models import Organisation, OrganisationType

from .factories import make_commitment, make_deliverable, make_report

pytestmark = pytest.mark.django_db
AS_OF = "2025-06-01"


@pytest.fixture
def commitment(world):
    commitment = make_commitment(world.ngo, by=world.focal_point, title="Fair recruitment pledge")
    on_time = make_deliverable(
        commitment,
        by=world.focal_point,
        title="Audit guide",
        body=world.supply_chains,
        due_date=datetime.date(2026, 6, 30),
    )
    late = make_deliverable(commitment, by=world.focal_point, title="Helpline", country=world.fiji)
    for year in (2022, 2023, 2024):
        make_report(on_time, year, by=world.focal_point)
    make_report(late, 2022, by=world.focal_point)
    make_report(late, 2023, by=world.focal_point)
    make_report(late, 2024, by=world.focal_point)
    return commitment


def titles(client, **params):
    return [
        row.deliverable.title
        for row in client.get("/commitments/", {"as_of": AS_OF, **params}).context["rows"]
    ]


def test_the_register_states_each_light_in_words_as_of_a_date(client, world, commitment):
    page = client.get("/commitments/", {"as_of": AS_OF})
    html = page.content.decode()
    assert "Status as of Sunday, 1 June 2025" in html
    assert "On time" in html and "Due on 30 Jun 2026; the report for 2025 is due on 31 Mar 2026." in html
    assert "Late" in html and "Due on 31 Dec 2024 and not reported delivered." in html


def test_the_register_shows_no_report_once_a_report_is_overdue(client, world, commitment):
    html = client.get("/commitments/", {"as_of": "2026-04-01"}).content.decode()
    assert "No report for 2025: it was due on 31 Mar 2026." in html


def test_the_register_filters_by_partner_type_action_group_country_and_status(client, world, commitment):
    other = make_commitment(
        world.ilo, by=world.secretariat, title="ILO pledge", made_on=datetime.date(2025, 1, 1)
    )
    make_deliverable(
        other, by=world.secretariat, title="Survey", body=world.migration, due_date=datetime.date(2027, 1, 1)
    )
    assert set(titles(client)) == {"Audit guide", "Helpline", "Survey"}
    assert titles(client, partner_type=OrganisationType.UN_ENTITY) == ["Survey"]
    assert titles(client, body="supply-chains") == ["Audit guide"]
    assert titles(client, country="fj") == ["Helpline"]
    assert titles(client, status="late") == ["Helpline"]
    assert set(titles(client, status="on_time")) == {"Audit guide", "Survey"}


def test_register_queries_do_not_grow_with_deliverables(client, world, django_assert_num_queries):
    def add_rows(n: int) -> None:
        for _ in range(n):
            commitment = make_commitment(world.ngo, by=world.secretariat)
            deliverable = make_deliverable(
                commitment, by=world.secretariat, body=world.supply_chains, country=world.fiji
            )
            make_report(deliverable, 2022, by=world.secretariat)

    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/commitments/"), n=3
    )
    assert queries <= 10


def test_a_commitments_page_shows_deliverables_reports_and_only_visible_evidence(
    client_for, world, commitment
):
    deliverable = commitment.deliverables.get(title="Helpline")
    report = deliverable.reports.get(year=2024)
    public = make_item(title="Helpline annual report")
    restricted = make_item(title="Internal memo", access=Access.BODY, access_body=world.migration)
    report.evidence.set([public, restricted])

    html = client_for(None).get(commitment.get_absolute_url()).content.decode()
    assert "Fair recruitment pledge" in html and "Report for 2024" in html
    assert "Helpline annual report" in html
    assert "Internal memo" not in html
    assert "Report on this deliverable" not in html

    html = client_for(world.focal_point).get(commitment.get_absolute_url()).content.decode()
    assert "Report on this deliverable" in html


def test_the_partner_page_lists_its_commitments(client_for, world, commitment):
    html = client_for(None).get(world.ngo.get_absolute_url()).content.decode()
    assert "Fair recruitment pledge" in html
    assert "Record a commitment" not in html
    html = client_for(world.focal_point).get(world.ngo.get_absolute_url()).content.decode()
    assert "Record a commitment" in html


def test_the_action_group_and_country_pages_show_their_deliverables(client, world, commitment):
    assert "Audit guide" in client.get(world.supply_chains.get_absolute_url()).content.decode()
    body_html = client.get(world.migration.get_absolute_url()).content.decode()
    assert "Partners&#x27; commitments" not in body_html and "Partners' commitments" not in body_html
    assert "Helpline" in client.get("/countries/fj/").content.decode()


def test_a_focal_point_records_a_commitment_a_deliverable_and_a_report_through_the_pages(client_for, world):
    client = client_for(world.focal_point)
    response = client.post(
        "/commitments/new/",
        {"organisation": world.ngo.pk, "title": "Zero fees", "made_on": "2023-01-15", "description": ""},
    )
    commitment = Commitment.objects.get(title="Zero fees")
    assert response.status_code == 302
    response = client.post(
        f"/commitments/{commitment.pk}/deliverables/new/",
        {
            "title": "Fee-free hiring policy",
            "due_date": "2025-12-31",
            "body": world.supply_chains.pk,
            "in_kind": "Staff time",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    deliverable = Deliverable.objects.get(title="Fee-free hiring policy")
    item = make_item(slug="policy-text")
    response = client.post(
        f"/commitments/deliverables/{deliverable.pk}/reports/new/",
        {
            "year": "2023",
            "status": "in_progress",
            "narrative": "Drafted.",
            "evidence": f"https://example.org/library/{item.slug}/",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    report = DeliverableReport.objects.get(deliverable=deliverable)
    assert list(report.evidence.all()) == [item]
    response = client.post(
        f"/commitments/reports/{report.pk}/edit/",
        {"status": "delivered", "narrative": "Adopted.", "evidence": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert report.status == "delivered" and report.corrected_on == timezone.localdate()


def test_a_form_names_the_field_in_error(client_for, world):
    client = client_for(world.focal_point)
    commitment = make_commitment(world.ngo, by=world.focal_point)
    response = client.post(
        f"/commitments/{commitment.pk}/deliverables/new/", {"title": "Something", "due_date": "2025-12-31"}
    )
    assert response.status_code == 200
    assert (
        "Choose the Action Group or the Pathfinder Country concerned"
        in response.context["form"].errors["body"][0]
    )
    assert "Pledge an amount with its currency" in response.context["form"].errors["in_kind"][0]


def test_evidence_the_reporter_cannot_see_is_refused_by_name(client_for, world):
    commitment = make_commitment(world.ngo, by=world.focal_point)
    deliverable = make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)
    make_item(slug="secret-memo", access=Access.BODY, access_body=world.migration)
    response = client_for(world.focal_point).post(
        f"/commitments/deliverables/{deliverable.pk}/reports/new/",
        {"year": "2023", "status": "in_progress", "narrative": "Drafted.", "evidence": "secret-memo"},
    )
    assert response.status_code == 200
    assert "secret-memo" in response.context["form"].errors["evidence"][0]


WRITE_PAGES = [
    ("get", "/commitments/new/"),
    ("get", "/commitments/{c}/edit/"),
    ("post", "/commitments/{c}/delete/"),
    ("get", "/commitments/{c}/deliverables/new/"),
    ("get", "/commitments/deliverables/{d}/edit/"),
    ("post", "/commitments/deliverables/{d}/delete/"),
    ("get", "/commitments/deliverables/{d}/reports/new/"),
    ("get", "/commitments/reports/{r}/edit/"),
]


@pytest.mark.parametrize(("method", "path"), WRITE_PAGES)
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (None, False),
        ("outsider", False),
        ("member", False),
        ("other_focal_point", None),  # may record for their own partner, not edit this one
        ("chair", False),
        ("focal_point", True),
        ("secretariat", True),
    ],
)
def test_who_may_use_each_page(client_for, world, method, path, who, allowed):
    commitment = make_commitment(world.ngo, by=world.focal_point)
    deliverable = make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)
    report = make_report(deliverable, 2022, by=world.focal_point)
    url = path.format(c=commitment.pk, d=deliverable.pk, r=report.pk)
    client = client_for(getattr(world, who) if who else None)
    response = getattr(client, method)(url)
    if who is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif allowed or (allowed is None and url == "/commitments/new/"):
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 403


def test_public_pages_are_open_to_everyone(client, world):
    commitment = make_commitment(world.ngo, by=world.focal_point)
    assert client.get("/commitments/").status_code == 200
    assert client.get(commitment.get_absolute_url()).status_code == 200
    assert client.get("/commitments/999999/").status_code == 404


def test_the_secretariat_may_record_for_any_partner_a_focal_point_only_for_theirs(client_for, world):
    choices = (
        client_for(world.focal_point).get("/commitments/new/").context["form"].fields["organisation"].queryset
    )
    assert list(choices) == [world.ngo]
    choices = (
        client_for(world.secretariat).get("/commitments/new/").context["form"].fields["organisation"].queryset
    )
    assert set(choices) == set(Organisation.objects.filter(is_partner=True))


def test_a_long_register_says_more_than_the_pages_it_counted(client, world, commitment, monkeypatch):
    Deliverable.objects.bulk_create(
        Deliverable(
            commitment=commitment,
            title=f"Deliverable {n}",
            due_date=datetime.date(2027, 1, 1),
            body=world.supply_chains,
        )
        for n in range(55)
    )

    # The register reads every deliverable to light it and count each light: the bound spares the count only.
    assert_counted_to_a_bound(
        lambda **page: client.get("/commitments/", page),
        monkeypatch,
        rows=57,
        per_page=25,
        counted=25,
        in_sql=False,
    )
