"""Partner organisations, the people who act for them, and applications to join the partnership."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance87.core.models import DemoFlagged, Provenance, Timestamped


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_ENTITY = "un_entity", _("UN entity")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("Other international organisation")
    WORKERS = "workers", _("Workers' organisation")
    EMPLOYERS = "employers", _("Employers' organisation")
    BUSINESS = "business", _("Business or business network")
    CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
    FAITH_BASED = "faith_based", _("Faith-based organisation")
    ACADEMIC = "academic", _("Academic / research")


class Organisation(DemoFlagged, Provenance, Timestamped):
    """A partner organisation of Alliance 8.7 (or one taking part in its bodies)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices, db_index=True)
    country = CountryField(
        _("country"), blank=True, db_index=True, help_text=_("Headquarters; empty for international bodies.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    is_partner = models.BooleanField(_("partner of Alliance 8.7"), default=True, db_index=True)
    partner_since = models.DateField(_("partner since"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_partner", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation", kwargs={"slug": self.slug})


class OrganisationMembership(DemoFlagged, Timestamped):
    """A person acting for an organisation; its focal points manage the organisation's profile and requests."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    is_focal_point = models.BooleanField(_("focal point"), default=False)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_user_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PartnerApplication(DemoFlagged, Timestamped):
    """An organisation's request to become a partner, reviewed by the Secretariat."""

    organisation_name = models.CharField(_("organisation name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type of organisation"), max_length=32, choices=OrganisationType.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what the organisation does"))
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_job_title = models.CharField(_("contact's job title"), max_length=200, blank=True)
    commitments = models.TextField(
        _("commitments"),
        help_text=_("What the organisation commits to do towards Target 8.7 as a partner."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    email_confirmed_at = models.DateTimeField(
        _("contact address confirmed"),
        null=True,
        blank=True,
        help_text=_("An application reaches the review queue once its contact person confirms it by e-mail."),
    )
    language = models.CharField(
        _("language of the application"),
        max_length=8,
        default="en",
        help_text=_(
            "The language the contact person applied in; every e-mail about the application is in it."
        ),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )

    class Meta:
        verbose_name = _("partner application")
        verbose_name_plural = _("partner applications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.organisation_name

    def get_absolute_url(self) -> str:
        return reverse("partners:application", kwargs={"pk": self.pk})
