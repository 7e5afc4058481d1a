"""What anyone may read through the API, and that it says the same as the pages."""

import datetime
from typing import Any

from django.core import mail

from alliance87.bodies.models import Role, RoleTerm
from alliance87.partners.models import ApplicationStatus, Organisation, PartnerApplication
from alliance87.partners.services import confirm_application, confirmation_token


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
    assert page["count"] == 4
    assert [o["name"] for o in page["items"]] == [
        "International Labour Organization",
        "International Organization for Migration",
    ]


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


def test_body_detail_splits_current_and_past_terms(api_as: Any, world: Any) -> None:
    gcg = api_as("anonymous").get("/bodies/gcg").json()
    assert [t["country"] for t in gcg["leadership"]] == ["FR"]
    assert [t["country"] for t in gcg["past"]] == ["AU"]
    supply_chains = api_as("anonymous").get("/bodies/supply-chains").json()
    assert supply_chains["working_groups"] == [{"slug": "wg-research", "name": world.working_group.name}]
    assert supply_chains["leadership"][0]["organisation"]["slug"] == "ilo"


def test_bodies_list_shows_current_chairs(api_as: Any, world: Any) -> None:
    bodies = {b["slug"]: b for b in api_as("anonymous").get("/bodies").json()["items"]}
    assert [c["holder_name"] for c in bodies["supply-chains"]["current_chairs"]] == ["ILO"]
    assert bodies["wg-research"]["parent"]["slug"] == "supply-chains"


def test_role_terms_of_a_body_include_past_ones(api_as: Any, world: Any) -> None:
    terms = api_as("anonymous").get("/bodies/gcg/terms").json()
    assert terms["count"] == 2
    term = terms["items"][0]
    assert api_as("anonymous").get(f"/role-terms/{term['id']}").json() == term


def test_countries_by_status_and_code_in_any_case(api_as: Any, world: Any) -> None:
    anonymous = api_as("anonymous")
    assert [c["code"] for c in anonymous.get("/countries", status="pathfinder").json()["items"]] == ["FJ"]
    assert anonymous.get("/countries", status="preparing").json()["items"] == []
    for code in ("fj", "FJ", "Fj"):
        fiji = anonymous.get(f"/countries/{code}").json()
        assert (fiji["code"], fiji["name"], fiji["url"]) == ("FJ", "Fiji", "/countries/fj/")


def test_names_follow_the_request_language(api_as: Any, world: Any) -> None:
    client = api_as("anonymous")
    client.headers["Accept-Language"] = "fr"
    assert client.get("/countries/fj").json()["name"] == "Fidji"


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


def test_deleted_term_is_gone(api_as: Any, world: Any) -> None:
    term = RoleTerm.objects.get(body=world.gcg, country="AU")
    assert api_as("secretariat").delete(f"/role-terms/{term.pk}").status_code == 204
    assert api_as("anonymous").get(f"/role-terms/{term.pk}").status_code == 404
