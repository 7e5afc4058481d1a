"""Bad requests get a 4xx JSON answer in the one error shape that names the field at fault, never a 500.

The organisations router serves as the example; each app's own rules are tested with its API."""

from typing import Any

import pytest

from alliance87.core.api.errors import _pydantic_field
from alliance87.partners.models import Organisation
from tests.api import field_names

NEW_ORGANISATION = {"name": "New Partner", "type": "civil_society"}


@pytest.fixture
def secretariat(api_as: Any) -> Any:
    return api_as("secretariat")


def test_malformed_json_is_a_400(secretariat: Any) -> None:
    response = secretariat.post("/organisations", raw='{"name": "Unclosed')
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_body_that_is_not_an_object_is_a_422(secretariat: Any) -> None:
    response = secretariat.post("/organisations", raw="[1, 2]")
    assert response.status_code == 422
    assert response.json()["errors"]


def test_empty_body_is_a_422(secretariat: Any) -> None:
    response = secretariat.post("/organisations", raw="")
    assert response.status_code == 422


def test_missing_required_fields_are_named(secretariat: Any) -> None:
    response = secretariat.post("/organisations", {})
    assert response.status_code == 422
    assert field_names(response) == {"name", "type"}
    assert {e["message"] for e in response.json()["errors"]} == {"This field is required."}


def test_wrong_type_is_named(secretariat: Any) -> None:
    response = secretariat.post("/organisations", {**NEW_ORGANISATION, "name": 87})
    assert response.status_code == 422
    assert field_names(response) == {"name"}


def test_invalid_country_code_is_named(secretariat: Any) -> None:
    response = secretariat.post("/organisations", {**NEW_ORGANISATION, "country": "XX"})
    assert response.status_code == 422
    assert field_names(response) == {"country"}
    assert "XX" in response.json()["errors"][0]["message"]


def test_invalid_country_code_in_a_filter_is_named(api_as: Any) -> None:
    response = api_as("anonymous").get("/organisations", country="Atlantis")
    assert response.status_code == 422
    assert field_names(response) == {"country"}


def test_invalid_enum_is_named(secretariat: Any) -> None:
    response = secretariat.post("/organisations", {**NEW_ORGANISATION, "type": "secret_society"})
    assert response.status_code == 422
    assert field_names(response) == {"type"}


def test_invalid_enum_in_a_filter_is_named(api_as: Any) -> None:
    response = api_as("anonymous").get("/countries", status="champion")
    assert response.status_code == 422
    assert field_names(response) == {"status"}


def test_unknown_field_is_named(secretariat: Any) -> None:
    response = secretariat.patch("/organisations/freedom-fund-example", {"is_partner": False})
    assert response.status_code == 422
    assert field_names(response) == {"is_partner"}


def test_null_for_a_value_that_cannot_be_empty_is_named(secretariat: Any) -> None:
    response = secretariat.patch("/organisations/freedom-fund-example", {"name": None})
    assert response.status_code == 422
    assert field_names(response) == {"name"}


def test_limit_above_the_maximum_is_named(api_as: Any) -> None:
    response = api_as("anonymous").get("/organisations", limit=1000)
    assert response.status_code == 422
    assert field_names(response) == {"limit"}


def test_non_numeric_id_is_named(secretariat: Any) -> None:
    response = secretariat.get("/applications/first")
    assert response.status_code == 422
    assert field_names(response) == {"application_id"}


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("GET", "/organisations/no-such-organisation", None),
        ("PATCH", "/organisations/no-such-organisation", {"acronym": "X"}),
        ("GET", "/applications/9999", None),
        ("POST", "/applications/9999/approve", None),
        ("POST", "/applications/9999/reject", {"reason": "r"}),
        ("GET", "/bodies/no-such-body", None),
        ("PATCH", "/bodies/no-such-body", {"purpose": "p"}),
        ("GET", "/bodies/no-such-body/terms", None),
        ("POST", "/bodies/no-such-body/terms", {"role": "member", "organisation": "ilo"}),
        ("GET", "/role-terms/9999", None),
        ("PATCH", "/role-terms/9999", {"note": "n"}),
        ("DELETE", "/role-terms/9999", None),
        ("GET", "/membership-requests/9999", None),
        ("POST", "/membership-requests/9999/approve", {}),
        ("POST", "/membership-requests/9999/decline", {"comment": "c"}),
        ("POST", "/membership-requests/9999/withdraw", None),
        ("GET", "/countries/zz", None),
        ("GET", "/countries/france", None),
        ("PATCH", "/countries/zz", {"summary": "s"}),
    ],
)
def test_unknown_ids_and_slugs_are_404(secretariat: Any, method: str, path: str, payload: Any) -> None:
    response = secretariat.call(method, path, payload)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": []}


def test_error_fields_are_dotted_paths_without_the_request_part() -> None:
    assert _pydantic_field(("body", "payload", "parent", "slug")) == "parent.slug"
    assert _pydantic_field(("body", "payload", "items", 2, "name")) == "items.2.name"
    assert _pydantic_field(("query", "limit")) == "limit"
    assert _pydantic_field(("query", "params", "year", 0)) == "year.0"
    assert _pydantic_field(("body", "payload")) == "body"


def test_nothing_changes_when_a_request_is_refused(secretariat: Any) -> None:
    before = Organisation.objects.count()
    secretariat.post("/organisations", {**NEW_ORGANISATION, "country": "XX"})
    assert Organisation.objects.count() == before
