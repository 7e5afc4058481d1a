"""What anyone may read through the API, and that it says the same as the pages."""

from typing import Any


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
