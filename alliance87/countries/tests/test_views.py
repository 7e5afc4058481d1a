"""The Pathfinder Countries pages and the Secretariat's form."""

from __future__ import annotations

import pytest

from alliance87.countries.models import PathfinderCountry, PathfinderStatus

pytestmark = pytest.mark.django_db

COUNTRY = {
    "country": "KE",
    "focal_institution": "",
    "summary": "",
    "source": "",
    "latitude": "",
    "longitude": "",
}


def field_error(response, field: str) -> bool:
    return f'id="id_{field}_error"' in response.content.decode()


@pytest.mark.parametrize("path", ["/countries/zz/", "/countries/toolong/", "/countries/12/", "/countries/f/"])
def test_unknown_or_malformed_country_codes_are_not_found(world, client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("path", ["/countries/zz/edit/", "/countries/toolong/edit/"])
def test_editing_an_unknown_country_is_not_found(world, client_for, path):
    assert client_for(world.secretariat).get(path).status_code == 404


def test_an_upper_case_code_redirects_to_the_lower_case_address(world, client):
    response = client.get("/countries/FJ/")

    assert response.status_code == 301
    assert response["Location"] == "/countries/fj/"


def test_the_list_shows_each_country_and_filters_by_status(world, client):
    PathfinderCountry.objects.create(country="NP", status=PathfinderStatus.PREPARING)

    everything = client.get("/countries/").content.decode()
    preparing = client.get("/countries/?status=preparing").content.decode().split('id="profiles-heading"')[0]

    assert "Fiji" in everything and "Nepal" in everything
    assert "Nepal" in preparing and ">Fiji</a>" not in preparing


@pytest.mark.parametrize("query", ["status=nope", "status="])
def test_a_bad_status_filter_still_shows_the_list(world, client, query):
    response = client.get(f"/countries/?{query}")

    assert response.status_code == 200
    assert "Fiji" in response.content.decode()


def test_the_secretariat_adds_a_country_and_lands_on_its_page(world, client_for):
    response = client_for(world.secretariat).post(
        "/countries/new/", {**COUNTRY, "focal_institution": world.ilo.pk}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/countries/ke/"
    content = response.content.decode()
    assert "Kenya" in content
    assert "International Labour Organization" in content


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"country": ""}, "country"),
        ({"country": "XX"}, "country"),
        ({"country": "FJ"}, "country"),
        ({"focal_institution": "999999"}, "focal_institution"),
        ({"latitude": "north"}, "latitude"),
        ({"latitude": "123456.12345"}, "latitude"),
        ({"source": "x" * 501}, "source"),
    ],
    ids=[
        "no-country",
        "unknown-country",
        "already-listed",
        "unknown-institution",
        "word-latitude",
        "huge-latitude",
        "long-source",
    ],
)
def test_a_bad_country_record_is_shown_again_with_the_error(world, client_for, changes, field):
    response = client_for(world.secretariat).post("/countries/new/", {**COUNTRY, **changes})

    assert response.status_code == 200
    assert field_error(response, field)
    assert list(PathfinderCountry.objects.values_list("country", flat=True)) == ["FJ"]


def test_a_bad_change_to_a_country_changes_nothing(world, client_for):
    response = client_for(world.secretariat).post(
        "/countries/fj/edit/", {**COUNTRY, "country": "FJ", "latitude": "north"}
    )

    assert response.status_code == 200
    assert field_error(response, "latitude")
    assert PathfinderCountry.objects.get(country="FJ").status == PathfinderStatus.PATHFINDER
