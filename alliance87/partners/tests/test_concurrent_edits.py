"""Two people edit the same organisation profile: the second to save is told, nobody's change is lost silently."""

from __future__ import annotations

from typing import Any

from django.test import Client

from alliance87.core.tests.page_forms import form_with
from alliance87.partners.models import Organisation

PROFILE = {"name": "Freedom Fund Example", "acronym": "", "type": "civil_society", "country": "GB"}
PAGE = "/partners/freedom-fund-example/edit/"
API = "/organisations/freedom-fund-example"


def _open_form(client: Client) -> str:
    """Open the edit page and read the version it was opened at."""
    version = form_with(client.get(PAGE).content.decode(), "version")["version"]
    assert version, "the form carries the version it was opened at"
    return str(version)


def test_the_second_editor_gets_a_conflict_not_a_silent_overwrite(world: Any) -> None:
    secretariat, chair = Client(), Client()  # `chair` here: the organisation's own focal point
    secretariat.force_login(world.secretariat)
    chair.force_login(world.focal_point)
    first_version = _open_form(secretariat)
    second_version = _open_form(chair)
    assert first_version == second_version

    saved = secretariat.post(PAGE, {**PROFILE, "description": "Written first.", "version": first_version})
    assert saved.status_code == 302

    refused = chair.post(PAGE, {**PROFILE, "description": "Written second.", "version": second_version})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this at" in page
    assert "your changes were not saved" in page
    assert "Written second." in page  # what they typed is still in the form
    assert Organisation.objects.get(slug="freedom-fund-example").description == "Written first."

    # Having compared, they save again on purpose: their version now wins.
    current_version = form_with(page, "version")["version"]
    assert current_version != second_version
    again = chair.post(PAGE, {**PROFILE, "description": "Written second.", "version": current_version})
    assert again.status_code == 302
    assert Organisation.objects.get(slug="freedom-fund-example").description == "Written second."


def test_an_api_change_from_an_old_version_is_a_409(api_as: Any) -> None:
    first, second = api_as("secretariat"), api_as("focal_point")
    version = first.get(API).json()["version"]
    assert second.get(API).json()["version"] == version

    saved = first.patch(API, {"description": "From the first client.", "version": version})
    assert saved.status_code == 200
    assert saved.json()["version"] != version

    refused = second.patch(API, {"description": "From the second.", "version": version})
    assert refused.status_code == 409
    assert "Someone else saved this at" in refused.json()["detail"]
    assert second.get(API).json()["description"] == "From the first client."

    current = second.get(API).json()["version"]
    resent = second.patch(API, {"description": "From the second.", "version": current})
    assert resent.status_code == 200


def test_a_change_without_a_version_is_not_checked(api_as: Any) -> None:
    client = api_as("secretariat")
    client.patch(API, {"description": "One."})
    response = client.patch(API, {"description": "Two."})
    assert response.status_code == 200
