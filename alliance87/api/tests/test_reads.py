"""What anyone may read through the API, and that it says the same as the pages."""

from typing import Any

from alliance87.bodies.models import RoleTerm


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


def test_deleted_term_is_gone(api_as: Any, world: Any) -> None:
    term = RoleTerm.objects.get(body=world.gcg, country="AU")
    assert api_as("secretariat").delete(f"/role-terms/{term.pk}").status_code == 204
    assert api_as("anonymous").get(f"/role-terms/{term.pk}").status_code == 404
