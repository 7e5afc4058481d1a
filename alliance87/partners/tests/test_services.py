"""Applications to join, their review by the Secretariat, and organisation profiles."""

from __future__ import annotations

import contextlib
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from alliance87.accounts.models import User
from alliance87.partners import selectors, services
from alliance87.partners.models import (
    ApplicationStatus,
    Organisation,
    OrganisationMembership,
    OrganisationType,
    PartnerApplication,
)

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def freeze_time_after(*, days: int):
    """Signed links read the clock through time.time(): move it forward by `days`."""
    later = time.time() + days * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        yield


def application_data(**changes: object) -> dict[str, object]:
    data = {
        "organisation_name": "Walk Free Example",
        "acronym": "WFE",
        "type": OrganisationType.CIVIL_SOCIETY,
        "country": "AU",
        "website": "https://walkfree.example.org",
        "description": "Research on modern slavery.",
        "contact_name": "Grace Forrest",
        "contact_email": "grace@walkfree.example.org",
        "contact_job_title": "Director",
        "commitments": "Publish the Global Slavery Index.",
    }
    data.update(changes)
    return data


def confirmed_application(*, data: dict[str, object]) -> PartnerApplication:
    """An application whose contact person followed the link in the confirmation e-mail."""
    application = services.submit_application(values=services.ApplicationInput.of(data))
    return services.confirm_application(token=services.confirmation_token(application))


def counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        User.objects.count(),
        OrganisationMembership.objects.count(),
        PartnerApplication.objects.exclude(status=ApplicationStatus.PENDING).count(),
    )


# --- submitting --------------------------------------------------------------------------------------------


def test_anyone_can_apply_and_the_contact_person_is_asked_to_confirm_first(world):
    application = services.submit_application(values=services.ApplicationInput.of(application_data()))

    assert application.status == ApplicationStatus.PENDING
    assert application.email_confirmed_at is None
    assert [m.to for m in mail.outbox] == [["grace@walkfree.example.org"]]
    assert mail.outbox[0].subject == "Confirm your application to join Alliance 8.7"
    assert "/partners/apply/confirm/" in mail.outbox[0].body
    assert list(selectors.pending_applications()) == []


def test_confirming_puts_the_application_in_the_queue_and_acknowledges_it(world):
    application = services.submit_application(values=services.ApplicationInput.of(application_data()))
    mail.outbox.clear()

    services.confirm_application(token=services.confirmation_token(application))
    services.confirm_application(token=services.confirmation_token(application))  # twice changes nothing

    assert list(selectors.pending_applications()) == [application]
    assert [m.to for m in mail.outbox] == [["grace@walkfree.example.org"]]
    assert "Walk Free Example" in mail.outbox[0].subject
    assert "Dear Grace Forrest" in mail.outbox[0].body


def test_the_confirmation_mail_carries_none_of_the_text_the_applicant_typed(world):
    """No relay: whoever fills the form cannot make the platform send their words to someone else."""
    lure = "Visit https://evil.example/login to claim your grant"
    data = application_data(
        organisation_name=lure,
        acronym="EVIL",
        website="https://evil.example/",
        description=f"{lure} (description)",
        contact_name=f"{lure} (name)",
        contact_job_title=f"{lure} (job)",
        commitments=f"{lure} (commitments)",
        contact_email="victim@example.org",
    )

    services.submit_application(values=services.ApplicationInput.of(data))

    (message,) = mail.outbox
    assert message.to == ["victim@example.org"]
    for typed in ("evil", "EVIL", "grant", "Visit"):
        assert typed not in message.subject
        assert typed not in message.body


@pytest.mark.parametrize("token", ["forged", "eyJhcHBsaWNhdGlvbiI6MX0:forged:sig"])
def test_a_forged_confirmation_link_is_refused(world, token):
    with pytest.raises(ValidationError, match="not valid"):
        services.confirm_application(token=token)


def test_an_expired_confirmation_link_is_refused(world, settings):
    application = services.submit_application(values=services.ApplicationInput.of(application_data()))
    token = services.confirmation_token(application)

    with (
        freeze_time_after(days=services.CONFIRMATION_DAYS + 1),
        pytest.raises(ValidationError, match="expired"),
    ):
        services.confirm_application(token=token)

    application.refresh_from_db()
    assert application.email_confirmed_at is None


def test_unconfirmed_applications_cannot_be_decided(world):
    application = services.submit_application(values=services.ApplicationInput.of(application_data()))

    with pytest.raises(ValidationError, match="not confirmed"):
        services.approve_application(application=application, by=world.secretariat)


def test_an_organisation_that_is_already_a_partner_cannot_apply_again(world):
    with pytest.raises(ValidationError) as error:
        services.submit_application(
            values=services.ApplicationInput.of(
                application_data(organisation_name=" international labour organization ")
            )
        )

    assert "organisation_name" in error.value.message_dict
    assert PartnerApplication.objects.count() == 0
    assert mail.outbox == []


def test_an_unconfirmed_application_blocks_nobody_else(world):
    services.submit_application(
        values=services.ApplicationInput.of(application_data(contact_email="prankster@example.org"))
    )

    services.submit_application(values=services.ApplicationInput.of(application_data()))

    assert PartnerApplication.objects.count() == 2


def test_a_second_application_while_one_is_pending_is_refused(world):
    confirmed_application(data=application_data())
    mail.outbox.clear()

    with pytest.raises(ValidationError, match="already waiting for review"):
        services.submit_application(
            values=services.ApplicationInput.of(application_data(organisation_name="WALK FREE EXAMPLE"))
        )

    assert PartnerApplication.objects.count() == 1
    assert mail.outbox == []


def test_an_application_with_an_invalid_e_mail_is_refused_and_not_saved(world):
    with pytest.raises(ValidationError) as error:
        services.submit_application(
            values=services.ApplicationInput.of(application_data(contact_email="not-an-address"))
        )

    assert "contact_email" in error.value.message_dict
    assert PartnerApplication.objects.count() == 0
    assert mail.outbox == []


# --- approving ---------------------------------------------------------------------------------------------


def test_approval_creates_the_organisation_and_its_focal_point_who_can_choose_a_password(world):
    application = confirmed_application(data=application_data())
    mail.outbox.clear()

    organisation = services.approve_application(application=application, by=world.secretariat)

    organisation.refresh_from_db()
    assert organisation.is_partner
    assert organisation.name == "Walk Free Example"
    assert organisation.partner_since is not None
    focal_point = User.objects.get(email="grace@walkfree.example.org")
    assert not focal_point.has_usable_password()
    membership = OrganisationMembership.objects.get(user=focal_point, organisation=organisation)
    assert membership.is_focal_point
    assert membership.job_title == "Director"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == world.secretariat
    assert application.organisation == organisation

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["grace@walkfree.example.org"]
    assert "Walk Free Example is now a partner" in message.subject
    link = next(line for line in message.body.splitlines() if "/accounts/password/reset/key/" in line)
    path = link.strip().split("://", 1)[1].split("/", 1)[1]
    # The link in the e-mail really lets the new focal point choose a password and sign in.
    browser = Client()
    page = browser.get("/" + path, follow=True)
    assert page.status_code == 200
    response = browser.post(
        page.redirect_chain[-1][0] if page.redirect_chain else "/" + path,
        {"password1": "a-Long-new-passw0rd!", "password2": "a-Long-new-passw0rd!"},
    )
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.check_password("a-Long-new-passw0rd!")


def test_approval_of_someone_who_already_has_an_account_keeps_their_password(world):
    application = confirmed_application(data=application_data(contact_email="OUTSIDER@example.org"))
    mail.outbox.clear()

    organisation = services.approve_application(application=application, by=world.secretariat)

    world.outsider.refresh_from_db()
    assert world.outsider.has_usable_password()
    assert OrganisationMembership.objects.get(user=world.outsider, organisation=organisation).is_focal_point
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body
    assert "/accounts/login/" in mail.outbox[0].body


@pytest.mark.parametrize("role", ["outsider", "focal_point", "chair", "member"])
def test_only_the_secretariat_approves_applications(world, role):
    application = confirmed_application(data=application_data())
    before = counts()

    with pytest.raises(PermissionDenied):
        services.approve_application(application=application, by=getattr(world, role))

    assert counts() == before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_an_application_cannot_be_decided_twice(world):
    application = confirmed_application(data=application_data())
    services.approve_application(application=application, by=world.secretariat)
    before = counts()
    mail.outbox.clear()

    with pytest.raises(ValidationError, match="already been decided"):
        services.approve_application(application=application, by=world.admin)
    with pytest.raises(ValidationError, match="already been decided"):
        services.reject_application(application=application, by=world.admin, reason="Changed our mind")

    assert counts() == before
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_approval_is_refused_when_the_name_became_a_partner_meanwhile(world):
    application = confirmed_application(data=application_data())
    Organisation.objects.create(
        name="walk free example", slug="wfe-existing", type=OrganisationType.CIVIL_SOCIETY
    )
    before = counts()
    mail.outbox.clear()

    with pytest.raises(ValidationError, match="already a partner"):
        services.approve_application(application=application, by=world.secretariat)

    assert counts() == before
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_approval_turns_a_known_non_partner_organisation_into_a_partner(world):
    known = Organisation.objects.create(
        name="Walk Free Example", slug="walk-free", type=OrganisationType.ACADEMIC, is_partner=False
    )
    application = confirmed_application(data=application_data())

    organisation = services.approve_application(application=application, by=world.secretariat)

    assert organisation.pk == known.pk
    known.refresh_from_db()
    assert known.is_partner
    assert Organisation.objects.filter(name__iexact="walk free example").count() == 1


def test_an_approved_organisation_with_a_reserved_acronym_gets_a_page_of_its_own(world, client):
    application = confirmed_application(
        data=application_data(organisation_name="New Horizons", acronym="NEW")
    )

    organisation = services.approve_application(application=application, by=world.secretariat)

    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert "New Horizons" in response.content.decode()


# --- rejecting ---------------------------------------------------------------------------------------------


def test_rejection_tells_the_applicant_the_reason(world):
    application = confirmed_application(data=application_data())
    mail.outbox.clear()

    services.reject_application(
        application=application, by=world.secretariat, reason="  Not active in the field of Target 8.7.  "
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Not active in the field of Target 8.7."
    assert not Organisation.objects.filter(name="Walk Free Example").exists()
    assert not User.objects.filter(email="grace@walkfree.example.org").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["grace@walkfree.example.org"]
    assert "Not active in the field of Target 8.7." in mail.outbox[0].body


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejection_needs_a_reason(world, reason):
    application = confirmed_application(data=application_data())
    mail.outbox.clear()

    with pytest.raises(ValidationError) as error:
        services.reject_application(application=application, by=world.secretariat, reason=reason)

    assert "reason" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert mail.outbox == []


def test_only_the_secretariat_rejects_applications(world):
    application = confirmed_application(data=application_data())
    mail.outbox.clear()

    with pytest.raises(PermissionDenied):
        services.reject_application(application=application, by=world.focal_point, reason="No")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert mail.outbox == []


# --- profiles ----------------------------------------------------------------------------------------------


def test_a_focal_point_updates_their_organisation_profile(world):
    services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=services.OrganisationInput.of({"description": " We free people. ", "acronym": "FFE"}),
    )

    world.ngo.refresh_from_db()
    assert world.ngo.description == "We free people."
    assert world.ngo.acronym == "FFE"


@pytest.mark.parametrize("role", ["member", "other_focal_point", "chair", "outsider"])
def test_others_cannot_update_an_organisation_profile(world, role):
    with pytest.raises(PermissionDenied):
        services.update_organisation(
            organisation=world.ngo,
            by=getattr(world, role),
            values=services.OrganisationInput.of({"acronym": "HACK"}),
        )

    world.ngo.refresh_from_db()
    assert world.ngo.acronym == ""


def test_the_secretariat_may_update_any_organisation(world):
    services.update_organisation(
        organisation=world.ilo,
        by=world.secretariat,
        values=services.OrganisationInput.of({"website": "https://ilo.org"}),
    )

    world.ilo.refresh_from_db()
    assert world.ilo.website == "https://ilo.org"


def test_renaming_to_the_name_of_another_organisation_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.update_organisation(
            organisation=world.ngo,
            by=world.focal_point,
            values=services.OrganisationInput.of({"name": "INTERNATIONAL LABOUR ORGANIZATION"}),
        )

    assert "name" in error.value.message_dict
    world.ngo.refresh_from_db()
    assert world.ngo.name == "Freedom Fund Example"


@pytest.mark.parametrize(
    "data",
    [{"is_partner": False}, {"slug": "mine"}, {"website": "not a url"}, {"type": "pirates"}, {"name": ""}],
    ids=["is_partner", "slug", "bad-website", "bad-type", "empty-name"],
)
def test_profile_updates_with_bad_or_forbidden_fields_change_nothing(world, data):
    with pytest.raises(ValidationError):
        services.update_organisation(
            organisation=world.ngo, by=world.focal_point, values=services.OrganisationInput.of(data)
        )

    saved = Organisation.objects.get(pk=world.ngo.pk)
    assert (saved.name, saved.slug, saved.website, saved.type, saved.is_partner) == (
        "Freedom Fund Example",
        "freedom-fund-example",
        "",
        OrganisationType.CIVIL_SOCIETY,
        True,
    )


def test_the_secretariat_adds_an_organisation_directly(world):
    organisation = services.create_organisation(
        by=world.secretariat,
        values=services.OrganisationInput.of(
            {"name": "Ministry of Labour of Fiji", "type": OrganisationType.GOVERNMENT}
        ),
    )

    assert organisation.is_partner
    assert organisation.slug == "ministry-of-labour-of-fiji"


def test_a_focal_point_cannot_add_organisations(world):
    before = Organisation.objects.count()

    with pytest.raises(PermissionDenied):
        services.create_organisation(
            by=world.focal_point,
            values=services.OrganisationInput.of({"name": "Mine", "type": OrganisationType.BUSINESS}),
        )

    assert Organisation.objects.count() == before
