"""An organisation's History page: who changed its profile, shown to those who may edit it."""

from __future__ import annotations

import pytest

from alliance87.core.history import MANAGER
from alliance87.core.tests.helpers import assert_counted_to_a_bound
from alliance87.partners.models import Organisation, OrganisationMembership

pytestmark = pytest.mark.django_db

URL = "/partners/freedom-fund-example/history/"


def edit_profile(client, **changes):
    data = {"name": "Freedom Fund Example", "acronym": "", "type": "civil_society", "country": "GB"}
    data.update(changes)
    return client.post("/partners/freedom-fund-example/edit/", data)


def test_the_focal_point_sees_who_changed_which_field_and_what_it_was(world, client_for):
    focal = client_for(world.focal_point)
    assert edit_profile(focal, acronym="FFE", website="https://example.org/").status_code == 302
    page = focal.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "History of Freedom Fund Example" in html
    assert world.focal_point.display_name in html
    assert "Acronym" in html and "<ins>FFE</ins>" in html
    assert "https://example.org/" in html


@pytest.mark.parametrize("who", ["member", "outsider", "other_focal_point"])
def test_people_who_may_not_edit_the_organisation_are_refused(world, client_for, who):
    assert client_for(getattr(world, who)).get(URL).status_code == 403


def test_a_visitor_is_asked_to_sign_in(world, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_profile_page_links_to_the_history_for_editors_only(world, client_for):
    assert URL in client_for(world.secretariat).get("/partners/freedom-fund-example/").content.decode()
    assert URL not in client_for(world.member).get("/partners/freedom-fund-example/").content.decode()


def test_a_long_history_is_counted_to_a_bound(world, client_for, monkeypatch):
    organisation = Organisation.objects.get(slug="freedom-fund-example")
    for n in range(120):
        organisation.acronym = f"FFE{n}"
        organisation.save()
    focal = client_for(world.focal_point)

    # Its records and its people's: 120 changes and those the world began with, three pages of 50.
    rows = getattr(organisation, MANAGER).count()
    rows += sum(
        getattr(m, MANAGER).count() for m in OrganisationMembership.objects.filter(organisation=organisation)
    )
    assert 100 < rows <= 150
    assert_counted_to_a_bound(
        lambda **page: focal.get(URL, page), monkeypatch, rows=rows, per_page=50, counted=50
    )
