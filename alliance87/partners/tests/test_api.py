"""The partners API: who may do what (every write and restricted read for every role, both credentials), what
anyone may read, bad input named field by field, and lists in a fixed number of queries."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from alliance87.bodies.models import Role, RoleTerm
from alliance87.partners.models import ApplicationStatus, Organisation, OrganisationType, PartnerApplication
from alliance87.partners.services import (
    ApplicationInput,
    confirm_application,
    confirmation_token,
    submit_application,
)
from tests.api import ROLES, Operation, check_answer, check_list_queries, field_names, matrix

ANYONE = frozenset(ROLES)
SECRETARIAT = frozenset({"secretariat", "admin"})
NGO_FOCAL = SECRETARIAT | {"focal_point"}
NEW_ORGANISATION = {"name": "New Partner", "type": "civil_society"}


def _application(world: Any) -> dict[str, int]:
    application = submit_application(
        values=ApplicationInput.of(
            {
                "organisation_name": "Walk Free Example",
                "type": OrganisationType.CIVIL_SOCIETY,
                "description": "d",
                "contact_name": "Ana",
                "contact_email": "ana@example.org",
                "commitments": "c",
            }
        )
    )
    return {"id": confirm_application(token=confirmation_token(application)).pk}


OPERATIONS = {
    "create organisation": Operation(
        "POST",
        "/organisations",
        {"name": "New Partner", "type": "civil_society", "country": "ke"},
        SECRETARIAT,
        201,
    ),
    "update organisation": Operation(
        "PATCH", "/organisations/freedom-fund-example", {"acronym": "FFE"}, NGO_FOCAL, 200
    ),
    "submit application": Operation(
        "POST",
        "/applications",
        {
            "organisation_name": "Applicant Org",
            "type": "academic",
            "description": "Research.",
            "contact_name": "Bo",
            "contact_email": "bo@example.org",
            "commitments": "Publish.",
            "accept_terms": True,
        },
        ANYONE,
        201,
    ),
    "list applications": Operation("GET", "/applications", None, SECRETARIAT, 200),
    "read application": Operation("GET", "/applications/{id}", None, SECRETARIAT, 200, _application),
    "approve application": Operation(
        "POST", "/applications/{id}/approve", None, SECRETARIAT, 200, _application
    ),
    "reject application": Operation(
        "POST", "/applications/{id}/reject", {"reason": "Not eligible."}, SECRETARIAT, 200, _application
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), world), expected)


# --- reads -----------------------------------------------------------------------------------------------


def test_directory_lists_partners_only_with_page_filters(api_as: Any, world: Any) -> None:
    Organisation.objects.create(name="Not Yet Partner", slug="not-yet", type="business", is_partner=False)
    anonymous = api_as("anonymous")
    names = [o["name"] for o in anonymous.get("/organisations").json()["items"]]
    assert "Not Yet Partner" not in names
    assert anonymous.get("/organisations").json()["count"] == 4
    assert [o["slug"] for o in anonymous.get("/organisations", country="fr").json()["items"]] == ["another"]
    assert [o["slug"] for o in anonymous.get("/organisations", q="ILO").json()["items"]] == ["ilo"]
    by_type = anonymous.get("/organisations", type="un_entity").json()["items"]
    assert {o["slug"] for o in by_type} == {"ilo", "iom"}
    assert [o["slug"] for o in anonymous.get("/organisations", body="supply-chains").json()["items"]] == [
        "ilo"
    ]


def test_directory_is_paginated(api_as: Any, world: Any) -> None:
    page = api_as("anonymous").get("/organisations", limit=2, offset=2).json()
    assert (page["count"], page["count_is_exact"]) == (4, True)
    assert [o["name"] for o in page["items"]] == [
        "International Labour Organization",
        "International Organization for Migration",
    ]


def test_a_long_list_counts_to_a_bound_past_the_offset(api_as: Any, world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("alliance87.core.api.pagination.COUNTED_ROWS", 2)
    anonymous = api_as("anonymous")
    first = anonymous.get("/organisations", limit=1).json()
    assert (first["count"], first["count_is_exact"], len(first["items"])) == (2, False, 1)
    further = anonymous.get("/organisations", limit=1, offset=1).json()
    assert (further["count"], further["count_is_exact"]) == (3, False)
    last = anonymous.get("/organisations", limit=2, offset=2).json()
    assert (last["count"], last["count_is_exact"], len(last["items"])) == (4, True, 2)


def test_organisation_detail_includes_its_role_terms(api_as: Any, world: Any) -> None:
    RoleTerm.objects.create(
        body=world.migration,
        role=Role.MEMBER,
        organisation=world.ilo,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )
    ilo = api_as("anonymous").get("/organisations/ilo").json()
    assert ilo["country"] == ""
    assert ilo["url"] == "/partners/ilo/"
    terms = {(t["body"]["slug"], t["role"], t["is_current"]) for t in ilo["role_terms"]}
    assert terms == {("supply-chains", "chair", True), ("migration", "member", False)}


def test_applications_are_not_public(api_as: Any, world: Any) -> None:
    assert api_as("anonymous").get("/applications").status_code == 401
    assert api_as("focal_point").get("/applications").status_code == 403


def test_approving_an_application_creates_the_partner_and_invites_its_focal_point(
    api_as: Any, world: Any
) -> None:
    anonymous, secretariat = api_as("anonymous"), api_as("secretariat")
    application = anonymous.post(
        "/applications",
        {
            "organisation_name": "Walk Free Example",
            "acronym": "WFE",
            "type": "civil_society",
            "country": "au",
            "description": "d",
            "contact_name": "Ana",
            "contact_email": "ana@example.org",
            "commitments": "c",
            "accept_terms": True,
        },
    ).json()
    assert application["status"] == "pending"
    assert application["country"] == "AU"
    assert len(mail.outbox) == 1
    assert secretariat.get("/applications", status="pending").json()["items"] == []  # not confirmed yet
    confirm_application(token=confirmation_token(PartnerApplication.objects.get(pk=application["id"])))
    pending = secretariat.get("/applications", status="pending").json()["items"]
    assert [a["id"] for a in pending] == [application["id"]]

    organisation = secretariat.post(f"/applications/{application['id']}/approve").json()

    assert organisation["slug"] == "wfe"
    assert organisation["is_partner"] is True
    decided = secretariat.get(f"/applications/{application['id']}").json()
    assert decided["status"] == ApplicationStatus.APPROVED
    assert decided["organisation"] == "wfe"
    assert len(mail.outbox) == 3  # confirm the address, received, approved
    assert PartnerApplication.objects.get().decided_by == world.secretariat


def test_focal_point_edits_only_what_they_send(api_as: Any, world: Any) -> None:
    response = api_as("focal_point").patch(
        "/organisations/freedom-fund-example", {"website": "https://ff.example"}
    )
    assert response.status_code == 200
    world.ngo.refresh_from_db()
    assert (world.ngo.website, world.ngo.country.code, world.ngo.name) == (
        "https://ff.example",
        "GB",
        "Freedom Fund Example",
    )


# --- bad input -------------------------------------------------------------------------------------------


@pytest.fixture
def secretariat(api_as: Any) -> Any:
    return api_as("secretariat")


def test_invalid_email_in_an_application_is_named(api_as: Any) -> None:
    response = api_as("anonymous").post(
        "/applications",
        {
            "organisation_name": "Applicant",
            "type": "academic",
            "description": "d",
            "contact_name": "Bo",
            "contact_email": "not-an-address",
            "commitments": "c",
            "accept_terms": True,
        },
    )
    assert response.status_code == 400
    assert field_names(response) == {"contact_email"}


def test_application_without_accepting_the_terms_is_named(api_as: Any) -> None:
    response = api_as("anonymous").post(
        "/applications",
        {
            "organisation_name": "Applicant",
            "type": "academic",
            "description": "d",
            "contact_name": "Bo",
            "contact_email": "bo@example.org",
            "commitments": "c",
            "accept_terms": False,
        },
    )
    assert response.status_code == 422
    assert field_names(response) == {"accept_terms"}


def test_application_from_an_existing_partner_is_refused(api_as: Any) -> None:
    response = api_as("anonymous").post(
        "/applications",
        {
            "organisation_name": "freedom fund example",
            "type": "academic",
            "description": "d",
            "contact_name": "Bo",
            "contact_email": "bo@example.org",
            "commitments": "c",
            "accept_terms": True,
        },
    )
    assert response.status_code == 400
    assert field_names(response) == {"organisation_name"}


def test_duplicate_organisation_name_is_named(secretariat: Any) -> None:
    response = secretariat.post("/organisations", {**NEW_ORGANISATION, "name": "Another Civil Society Group"})
    assert response.status_code == 400
    assert field_names(response) == {"name"}


def test_blank_rejection_reason_is_named(secretariat: Any) -> None:
    application = secretariat.post(
        "/applications",
        {
            "organisation_name": "Applicant",
            "type": "academic",
            "description": "d",
            "contact_name": "Bo",
            "contact_email": "bo@example.org",
            "commitments": "c",
            "accept_terms": True,
        },
    ).json()
    response = secretariat.post(f"/applications/{application['id']}/reject", {"reason": "   "})
    assert response.status_code == 400
    assert field_names(response) == {"reason"}


# --- query counts ----------------------------------------------------------------------------------------


def add_organisations(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        organisation = Organisation.objects.create(
            name=f"Partner {n:02}", slug=f"partner-{n:02}", type=OrganisationType.BUSINESS, country="GB"
        )
        RoleTerm.objects.create(body=world.supply_chains, role=Role.MEMBER, organisation=organisation)
        RoleTerm.objects.create(
            body=world.migration,
            role=Role.MEMBER,
            organisation=organisation,
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2019, 1, 1),
        )


def add_applications(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        PartnerApplication.objects.create(
            email_confirmed_at=timezone.now(),
            organisation_name=f"Applicant {n}",
            type=OrganisationType.ACADEMIC,
            description="d",
            contact_name="C",
            contact_email=f"c{n}@example.org",
            commitments="c",
            decided_by=world.secretariat,
        )


# (list path and query, who asks, how to add rows, queries expected)
LISTS = {
    "organisations": ("/organisations", "anonymous", add_organisations, 2),
    "organisations in a body": (
        "/organisations?body=supply-chains&country=gb",
        "anonymous",
        add_organisations,
        2,
    ),
    "applications": ("/applications", "secretariat", add_applications, 3),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_list_query_count_does_not_grow_with_rows(
    api_as: Any, world: Any, django_assert_num_queries: Any, path: str, role: str, add_rows: Any, queries: int
) -> None:
    check_list_queries(api_as(role), world, django_assert_num_queries, path, add_rows, queries)
