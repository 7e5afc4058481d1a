"""Changes to partner organisations: applications, their review, profiles."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.accounts.services import create_account, set_password_path
from alliance87.core.concurrency import check_version
from alliance87.core.emails import queue_email
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.languages import site_language
from alliance87.core.slugs import unique_slug

from .models import ApplicationStatus, Organisation, OrganisationMembership, PartnerApplication
from .permissions import can_create_organisation, can_edit_organisation, can_review_applications


@dataclass(frozen=True, kw_only=True)
class OrganisationInput(ServiceInput):
    """An organisation's public profile (unset fields keep their values)."""

    name: str | Unset = UNSET
    acronym: str | Unset = UNSET
    type: str | Unset = UNSET
    country: str | Unset = UNSET
    website: str | Unset = UNSET
    description: str | Unset = UNSET
    # Translations (core.content_translation): empty where there is no official one, so the original shows.
    name_fr: str | Unset | None = UNSET
    description_fr: str | Unset | None = UNSET
    name_es: str | Unset | None = UNSET
    description_es: str | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class ApplicationInput(ServiceInput):
    """What an organisation tells when it applies to join, and who to write to."""

    organisation_name: str | Unset = UNSET
    acronym: str | Unset = UNSET
    type: str | Unset = UNSET
    country: str | Unset = UNSET
    website: str | Unset = UNSET
    description: str | Unset = UNSET
    contact_name: str | Unset = UNSET
    contact_email: str | Unset = UNSET
    contact_job_title: str | Unset = UNSET
    commitments: str | Unset = UNSET


ORGANISATION_FIELDS = OrganisationInput.field_names()
APPLICATION_FIELDS = ApplicationInput.field_names()
#: Slugs that are pages of their own under /partners/ (see urls.py); an organisation there would be unreachable.
RESERVED_SLUGS = frozenset({"new", "apply", "applications"})


def unique_organisation_slug(name: str, acronym: str = "") -> str:
    """A free slug from the acronym, which makes the shorter address, else from the name."""
    return unique_slug(
        Organisation, acronym or name, max_length=70, reserved=RESERVED_SLUGS, fallback="organisation"
    )


def _check_name_free(name: str, *, exclude_pk: int | None = None) -> None:
    taken = Organisation.objects.filter(name__iexact=name.strip())
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"name": _("An organisation with this name is already in the directory.")})


#: How long the link that confirms an application's contact address stays valid.
CONFIRMATION_DAYS = 7
CONFIRMATION_SALT = "alliance87.partners.application-confirmation"


def confirmation_token(application: PartnerApplication) -> str:
    return signing.dumps({"application": application.pk}, salt=CONFIRMATION_SALT)


def confirmation_url(application: PartnerApplication) -> str:
    return settings.SITE_URL + reverse(
        "partners:apply_confirm", kwargs={"token": confirmation_token(application)}
    )


def application_for_token(token: str) -> PartnerApplication:
    """The application a confirmation link names; ValidationError when the link is forged or expired."""
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_DAYS * 24 * 60 * 60)
    except signing.SignatureExpired:
        raise ValidationError(_("This confirmation link has expired. Please apply again.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid.")) from None
    application = PartnerApplication.objects.filter(pk=payload.get("application")).first()
    if application is None:
        raise ValidationError(_("This confirmation link is not valid."))
    return application


@transaction.atomic
def submit_application(*, values: ApplicationInput, language: str | None = None) -> PartnerApplication:
    """Record an application to join and ask its contact person to confirm it; anyone may apply.

    The e-mail to the address given carries only the platform's own words and a link: nothing the applicant
    typed, so the form cannot relay a message to a stranger. The application reaches the review queue when
    the link is followed (``confirm_application``).
    """
    name = (values.organisation_name or "").strip()
    if Organisation.objects.filter(name__iexact=name, is_partner=True).exists():
        raise ValidationError({"organisation_name": _("This organisation is already a partner.")})
    if PartnerApplication.objects.filter(
        organisation_name__iexact=name, status=ApplicationStatus.PENDING, email_confirmed_at__isnull=False
    ).exists():
        raise ValidationError(
            {"organisation_name": _("An application for this organisation is already waiting for review.")}
        )
    application = PartnerApplication(
        **{**values.given(), "organisation_name": name, "language": site_language(language)}
    )
    application.full_clean()
    application.save()
    queue_email(
        template="partners/email/application_confirm",
        to=[application.contact_email],
        context={"confirm_url": confirmation_url(application), "days": CONFIRMATION_DAYS},
        language=application.language,
    )
    return application


@transaction.atomic
def confirm_application(*, token: str, language: str | None = None) -> PartnerApplication:
    """The contact person followed the link: the application joins the review queue and they are thanked.

    Confirming twice changes nothing; an application for an organisation that another confirmed application or
    a partnership got to first is refused with the reason.
    """
    application = PartnerApplication.objects.select_for_update().get(pk=application_for_token(token).pk)
    if application.email_confirmed_at is not None:
        return application
    name = application.organisation_name
    if Organisation.objects.filter(name__iexact=name, is_partner=True).exists():
        raise ValidationError(_("This organisation is already a partner."))
    if PartnerApplication.objects.filter(
        organisation_name__iexact=name, status=ApplicationStatus.PENDING, email_confirmed_at__isnull=False
    ).exists():
        raise ValidationError(_("An application for this organisation is already waiting for review."))
    application.email_confirmed_at = timezone.now()
    application.save(update_fields=["email_confirmed_at", "updated_at"])
    queue_email(
        template="partners/email/application_received",
        to=[application.contact_email],
        context={"application": application},
        language=language,
    )
    return application


def _require_pending(application: PartnerApplication) -> None:
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application has already been decided."))
    if application.email_confirmed_at is None:
        raise ValidationError(_("The contact person has not confirmed this application yet."))


@transaction.atomic
def approve_application(*, application: PartnerApplication, by: User) -> Organisation:
    """Make the applicant a partner: create the organisation, its focal point's account, and tell them.

    The e-mail (and the new account) is in the language the contact person applied in, not the reviewer's."""
    if not can_review_applications(by):
        raise PermissionDenied(_("Only the Secretariat reviews applications."))
    application = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    _require_pending(application)
    existing = Organisation.objects.filter(name__iexact=application.organisation_name).first()
    if existing and existing.is_partner:
        raise ValidationError(_("An organisation with this name is already a partner."))
    organisation = existing or Organisation(
        name=application.organisation_name,
        slug=unique_organisation_slug(application.organisation_name, application.acronym),
    )
    organisation.acronym = organisation.acronym or application.acronym
    organisation.type = application.type
    organisation.country = application.country
    organisation.website = organisation.website or application.website
    organisation.description = organisation.description or application.description
    organisation.is_partner = True
    organisation.partner_since = timezone.localdate()
    organisation.save()
    user = create_account(
        email=application.contact_email, full_name=application.contact_name, language=application.language
    )
    OrganisationMembership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"is_focal_point": True, "job_title": application.contact_job_title},
    )
    application.status = ApplicationStatus.APPROVED
    application.decided_by = by
    application.decided_at = timezone.now()
    application.organisation = organisation
    application.save()
    queue_email(
        template="partners/email/application_approved",
        to=[application.contact_email],
        context={
            "application": application,
            "organisation": organisation,
            "set_password_path": set_password_path(user) if not user.has_usable_password() else "",
        },
        language=application.language,
    )
    return organisation


@transaction.atomic
def reject_application(*, application: PartnerApplication, by: User, reason: str) -> PartnerApplication:
    """Decline an application with a reason the applicant receives."""
    if not can_review_applications(by):
        raise PermissionDenied(_("Only the Secretariat reviews applications."))
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Give the applicant a reason.")})
    application = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    _require_pending(application)
    application.status = ApplicationStatus.REJECTED
    application.decision_reason = reason.strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save()
    queue_email(
        template="partners/email/application_rejected",
        to=[application.contact_email],
        context={"application": application},
        language=application.language,
    )
    return application


@transaction.atomic
def update_organisation(
    *, organisation: Organisation, by: User, values: OrganisationInput, version: str | None = None
) -> Organisation:
    """Change an organisation's public profile (focal points and the Secretariat).

    With ``version`` (what the editor read), the change is refused if someone saved the profile since."""
    if not can_edit_organisation(by, organisation):
        raise PermissionDenied(_("You may not edit this organisation."))
    check_version(Organisation.objects.select_for_update().get(pk=organisation.pk), version)
    if values.name is not UNSET:
        _check_name_free(values.name, exclude_pk=organisation.pk)
    for field, value in values.given().items():
        setattr(organisation, field, value.strip() if isinstance(value, str) else value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def create_organisation(*, by: User, values: OrganisationInput, is_partner: bool = True) -> Organisation:
    """Add an organisation directly (the Secretariat, e.g. a body member that is not yet in the directory)."""
    if not can_create_organisation(by):
        raise PermissionDenied(_("Only the Secretariat adds organisations directly."))
    _check_name_free(values.name or "")
    organisation = Organisation(
        **values.given(), is_partner=is_partner, partner_since=timezone.localdate() if is_partner else None
    )
    organisation.slug = unique_organisation_slug(organisation.name, organisation.acronym)
    organisation.full_clean()
    organisation.save()
    return organisation
