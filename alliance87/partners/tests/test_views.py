"""The partner pages: directory, organisation pages, applying, the review queue and profile editing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from alliance87.core.tests.helpers import assert_counted_to_a_bound
from alliance87.partners.models import ApplicationStatus, Organisation, PartnerApplication

pytestmark = pytest.mark.django_db

APPLICATION = {
    "organisation_name": "Stop Slavery Example",
    "acronym": "SSE",
    "type": "business",
    "country": "KE",
    "website": "https://stop.example.org",
    "description": "Audits.",
    "contact_name": "Sam",
    "contact_email": "sam@stop.example.org",
    "contact_job_title": "",
    "commitments": "Audit suppliers.",
    "accept_terms": "on",
}
PROFILE = {
    "name": "Freedom Fund Example",
    "acronym": "",
    "type": "civil_society",
    "country": "GB",
    "website": "",
    "description": "",
}


def field_error(response, field: str) -> bool:
    """Whether the page shows an error next to the field (see core/includes/field.html)."""
    return f'id="id_{field}_error"' in response.content.decode()


def page_shows(response, text: str) -> bool:
    return text in response.content.decode()


# --- unknown addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/partners/nope/", "/partners/nope/edit/", "/partners/applications/999999/"]
)
def test_unknown_organisations_and_applications_are_not_found(world, client_for, path):
    response = client_for(world.secretariat).get(path)

    assert response.status_code == 404
    assert page_shows(response, "Page not found")


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_deciding_an_unknown_application_is_not_found(world, client_for, action):
    response = client_for(world.secretariat).post(f"/partners/applications/999999/{action}/", {"reason": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/partners/applications/1/approve/", "/partners/applications/1/reject/"])
def test_decisions_are_not_taken_by_a_get(world, client_for, path):
    assert client_for(world.secretariat).get(path).status_code == 405


# --- directory ---------------------------------------------------------------------------------------------


def test_the_directory_lists_partners_with_their_action_group_roles(world, client):
    response = client.get("/partners/")

    content = response.content.decode()
    assert "4 organisations" in content
    assert "International Labour Organization" in content
    assert '<a href="/bodies/supply-chains/">Supply Chains</a> (Chair)' in content


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("q=ilo", "International Labour Organization", "Freedom Fund Example"),
        ("q=freedom", "Freedom Fund Example", "International Labour Organization"),
        ("type=civil_society", "Another Civil Society Group", "International Organization for Migration"),
        ("country=GB", "Freedom Fund Example", "Another Civil Society Group"),
        ("body=migration", "International Organization for Migration", "International Labour Organization"),
    ],
)
def test_the_directory_filters(world, client, query, shown, hidden):
    response = client.get(f"/partners/?{query}")

    assert response.status_code == 200
    assert page_shows(response, shown)
    assert not page_shows(response, f">{hidden}</a>")


def test_the_directory_hides_organisations_that_are_not_partners(world, client):
    Organisation.objects.filter(pk=world.other_ngo.pk).update(is_partner=False)

    response = client.get("/partners/")

    assert page_shows(response, "3 organisations")
    assert not page_shows(response, "Another Civil Society Group")


def test_the_directory_answers_htmx_with_the_results_only(world, client):
    response = client.get("/partners/?q=ilo", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert not page_shows(response, "<html")
    assert page_shows(response, "1 organisation")


@pytest.mark.parametrize(
    "query", ["type=pirates", "country=ZZ", "body=nope", "page=abc", "page=999", "q=" + "x" * 2000]
)
def test_the_directory_shrugs_off_bad_filters(world, client, query):
    response = client.get(f"/partners/?{query}")

    assert response.status_code == 200


# --- organisation page -------------------------------------------------------------------------------------


def test_an_organisation_page_shows_its_roles_and_its_focal_points_to_signed_in_people(world, client_for):
    anonymous = client_for(None).get("/partners/freedom-fund-example/")
    assert not page_shows(anonymous, world.focal_point.display_name)

    signed_in = client_for(world.outsider).get("/partners/freedom-fund-example/")
    assert page_shows(signed_in, "Focal points")
    assert page_shows(signed_in, world.focal_point.display_name)
    assert not page_shows(signed_in, "focal@example.org")  # names are shown, e-mail addresses never
    assert not page_shows(signed_in, world.member.display_name)

    ilo = client_for(None).get("/partners/ilo/")
    assert page_shows(ilo, "Action Group on Supply Chains")
    assert page_shows(ilo, "Chair")


def test_only_editors_see_the_edit_button(world, client_for):
    assert page_shows(client_for(world.focal_point).get("/partners/freedom-fund-example/"), "Edit profile")
    assert not page_shows(client_for(world.member).get("/partners/freedom-fund-example/"), "Edit profile")


def test_markdown_in_a_description_cannot_inject_script(world, client):
    Organisation.objects.filter(pk=world.ngo.pk).update(
        description="**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    )

    response = client.get("/partners/freedom-fund-example/")

    content = response.content.decode()
    assert "<strong>Bold</strong>" in content
    assert "<script>alert" not in content
    assert "javascript:" not in content


# --- applying ----------------------------------------------------------------------------------------------


def test_applying_asks_for_confirmation_by_e_mail_and_the_link_queues_it_for_review(world, client):
    response = client.post("/partners/apply/", APPLICATION, follow=True)

    assert response.redirect_chain == [("/partners/apply/thanks/", 302)]
    assert page_shows(response, "Confirm the application by e-mail")
    assert PartnerApplication.objects.get().status == ApplicationStatus.PENDING
    (confirmation,) = mail.outbox
    assert confirmation.to == ["sam@stop.example.org"]
    link = urlsplit(re.search(r"https?://\S+/partners/apply/confirm/\S+", confirmation.body).group(0)).path
    assert "Walk Free" not in client_for_reviewer(world).get("/partners/applications/").content.decode()

    form = client.get(link)
    assert page_shows(form, "Press the button to send the application")
    assert (
        PartnerApplication.objects.get().email_confirmed_at is None
    )  # a mail scanner's GET confirms nothing
    done = client.post(link)

    assert page_shows(done, "is now with the Secretariat")
    assert PartnerApplication.objects.get().email_confirmed_at is not None
    assert mail.outbox[-1].subject.startswith("We received the application of")


def test_a_broken_confirmation_link_says_so(world, client):
    response = client.get("/partners/apply/confirm/not-a-token/")

    assert response.status_code == 400
    assert page_shows(response, "This confirmation link is not valid.")


def test_one_address_applies_at_most_three_times_a_day(world, client):
    for number in range(4):
        response = client.post("/partners/apply/", {**APPLICATION, "organisation_name": f"Org {number}"})

    assert response.status_code == 429
    assert page_shows(response, "Too many attempts")
    assert PartnerApplication.objects.count() == 3
    assert len(mail.outbox) == 3


def test_one_client_sends_at_most_ten_applications_an_hour(world, client):
    for number in range(11):
        response = client.post(
            "/partners/apply/",
            {**APPLICATION, "organisation_name": f"Org {number}", "contact_email": f"c{number}@example.org"},
        )

    assert response.status_code == 429
    assert PartnerApplication.objects.count() == 10


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"organisation_name": ""}, "organisation_name"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"type": "pirates"}, "type"),
        ({"country": "ZZ"}, "country"),
        ({"accept_terms": ""}, "accept_terms"),
        ({"commitments": ""}, "commitments"),
        ({"organisation_name": "x" * 300}, "organisation_name"),
        ({"organisation_name": "international labour organization"}, "organisation_name"),
    ],
    ids=[
        "no-name",
        "bad-email",
        "bad-website",
        "bad-type",
        "bad-country",
        "terms-not-accepted",
        "no-commitments",
        "name-too-long",
        "already-a-partner",
    ],
)
def test_a_bad_application_is_shown_again_with_the_error(world, client, changes, field):
    response = client.post("/partners/apply/", {**APPLICATION, **changes})

    assert response.status_code == 200
    assert field_error(response, field)
    assert page_shows(response, "Please correct the following")
    assert PartnerApplication.objects.count() == 0
    assert mail.outbox == []


def test_an_empty_application_is_shown_again_with_every_required_field_marked(world, client):
    response = client.post("/partners/apply/", {name: "" for name in APPLICATION})  # what a browser sends

    assert response.status_code == 200
    for field in ["organisation_name", "type", "description", "contact_name", "contact_email", "commitments"]:
        assert field_error(response, field), field


def client_for_reviewer(world):
    from django.test import Client

    reviewer = Client()
    reviewer.force_login(world.secretariat)
    return reviewer


# --- reviewing ---------------------------------------------------------------------------------------------


@pytest.fixture
def application(world) -> PartnerApplication:
    return PartnerApplication.objects.create(
        email_confirmed_at=timezone.now(),
        organisation_name="Walk Free Example",
        type="civil_society",
        description="Research.",
        contact_name="Grace",
        contact_email="grace@walkfree.example.org",
        commitments="An index.",
    )


def test_the_secretariat_approves_from_the_review_page(world, client_for, application):
    client = client_for(world.secretariat)

    response = client.post(f"/partners/applications/{application.pk}/approve/", follow=True)

    assert response.redirect_chain[-1][0] == "/partners/applications/"
    assert page_shows(response, "Walk Free Example is now a partner")
    assert Organisation.objects.filter(name="Walk Free Example", is_partner=True).exists()
    assert client_for(None).get("/partners/").content.decode().count("Walk Free Example") == 1


def test_a_rejection_without_a_reason_is_shown_again_with_status_400(world, client_for, application):
    response = client_for(world.secretariat).post(
        f"/partners/applications/{application.pk}/reject/", {"reason": " "}
    )

    assert response.status_code == 400
    assert field_error(response, "reason")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert mail.outbox == []


def test_a_rejection_with_a_reason_is_mailed_and_listed_as_decided(world, client_for, application):
    client = client_for(world.secretariat)

    client.post(f"/partners/applications/{application.pk}/reject/", {"reason": "Out of scope"})
    queue = client.get("/partners/applications/")

    assert page_shows(queue, "Nothing decided yet") is False
    assert page_shows(queue, "Rejected")
    assert "Out of scope" in mail.outbox[-1].body


def test_deciding_twice_from_a_stale_page_shows_a_message_and_changes_nothing(world, client_for, application):
    client = client_for(world.secretariat)
    client.post(f"/partners/applications/{application.pk}/approve/")
    mail.outbox.clear()

    response = client.post(
        f"/partners/applications/{application.pk}/reject/", {"reason": "Oops"}, follow=True
    )

    assert response.status_code == 200
    assert page_shows(response, "already been decided")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert mail.outbox == []


# --- editing profiles --------------------------------------------------------------------------------------


def test_a_focal_point_saves_the_profile_and_sees_it(world, client_for):
    response = client_for(world.focal_point).post(
        "/partners/freedom-fund-example/edit/", {**PROFILE, "description": "We *free* people."}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/partners/freedom-fund-example/"
    assert page_shows(response, "The profile has been saved.")
    assert page_shows(response, "We <em>free</em> people.")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"name": "International Labour Organization"}, "name"),
        ({"name": "INTERNATIONAL LABOUR ORGANIZATION"}, "name"),
        ({"website": "not a url"}, "website"),
        ({"type": ""}, "type"),
        ({"country": "XX"}, "country"),
        ({"acronym": "A" * 41}, "acronym"),
    ],
    ids=[
        "empty-name",
        "taken-name",
        "taken-name-other-case",
        "bad-website",
        "no-type",
        "bad-country",
        "long-acronym",
    ],
)
def test_a_bad_profile_is_shown_again_with_the_error_and_nothing_is_saved(world, client_for, changes, field):
    response = client_for(world.focal_point).post(
        "/partners/freedom-fund-example/edit/", {**PROFILE, **changes}
    )

    assert response.status_code == 200
    assert field_error(response, field)
    assert page_shows(response, "Edit Freedom Fund Example")
    saved = Organisation.objects.get(pk=world.ngo.pk)
    assert (saved.name, saved.website, saved.acronym) == ("Freedom Fund Example", "", "")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "", "type": "government"}, "name"),
        ({"name": "Freedom Fund Example", "type": "business"}, "name"),
        ({"name": "Ministry", "type": "nope"}, "type"),
    ],
    ids=["empty-name", "taken-name", "bad-type"],
)
def test_a_bad_new_organisation_is_shown_again_with_the_error(world, client_for, data, field):
    before = Organisation.objects.count()

    response = client_for(world.secretariat).post("/partners/new/", data)

    assert response.status_code == 200
    assert field_error(response, field)
    assert Organisation.objects.count() == before


def test_a_long_directory_says_more_than_the_organisations_it_counted(world, client, monkeypatch):
    Organisation.objects.bulk_create(
        Organisation(name=f"Partner {n:03}", slug=f"partner-{n:03}", type="business", is_partner=True)
        for n in range(80)
    )

    assert_counted_to_a_bound(
        lambda **page: client.get("/partners/", page), monkeypatch, rows=84, per_page=25, counted=50
    )
    assert page_shows(client.get("/partners/"), "More than 50 organisations")
    assert page_shows(client.get("/partners/", {"page": 4}), "84 organisations")
    assert page_shows(client.get("/partners/", {"page": 2}, headers={"HX-Request": "true"}), "More than 50")
    assert page_shows(client.get("/fr/partners/"), "Plus de 50 organisations")
