"""The partnership's bodies, the roles held in them with their terms, and requests to join them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.partners.models import Organisation


class BodyKind(models.TextChoices):
    GCG = "gcg", _("Global Coordinating Group")
    SECRETARIAT = "secretariat", _("Secretariat")
    ACTION_GROUP = "action_group", _("Action Group")
    WORKING_GROUP = "working_group", _("Working group")
    COMMUNICATION_GROUP = "communication_group", _("Communication Group")


class Body(DemoFlagged, Provenance, Timestamped):
    """A body of the partnership: the GCG, the Secretariat, an Action Group or its working group, the Communication Group."""

    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("For a working group: its Action Group."),
    )
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("Markdown is allowed."))
    is_open_to_requests = models.BooleanField(
        _("open to membership requests"), default=True, help_text=_("Partners may ask to join it.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, validators=[MaxValueValidator(32767)]
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """A body is never part of itself, directly or through the bodies it is part of (every door validates)."""
        super().clean()
        check_no_parent_loop(self)


class ChairRotationRule(DemoFlagged, Provenance, Timestamped):
    """How long a body's chair serves before the chair rotates, as the body's rules give it, with where they say so
    (`core.models.Provenance`: the rules' title and address, or flagged illustrative). A body whose rules give no
    term length has none: the page then says nothing rather than invent a date (`bodies.rotation`)."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="chair_rotation")
    term_months = models.PositiveSmallIntegerField(
        _("chair's term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How long a chair serves before the chair rotates, as the body's rules give it; empty if they do not."
        ),
    )

    class Meta:
        verbose_name = _("chair rotation rule")
        verbose_name_plural = _("chair rotation rules")

    def __str__(self) -> str:
        return str(_("Chair rotation of %(body)s") % {"body": self.body})


def check_no_parent_loop(body: Body) -> None:
    """Refuse a `parent` that is the body itself or one of its parts: the structure would lose the whole branch.

    Walks up from the proposed parent (one query per level; the structure is a few levels deep), stopping at a
    loop already in the data rather than walking forever.
    """
    if body.parent_id is None:
        return
    if body.pk is not None and body.parent_id == body.pk:
        raise ValidationError({"parent": _("A body cannot be part of itself.")})
    seen: set[int] = set()
    ancestor_id: int | None = body.parent_id
    while ancestor_id is not None and ancestor_id not in seen:
        seen.add(ancestor_id)
        ancestor = Body.objects.filter(pk=ancestor_id).values("parent_id").first()
        if ancestor is None:
            return
        if body.pk is not None and ancestor["parent_id"] == body.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "“%(parent)s” is itself part of this body; a body cannot be part of one of its own parts."
                    )
                    % {"parent": body.parent}
                }
            )
        ancestor_id = ancestor["parent_id"]


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    DEPUTY_CHAIR = "deputy_chair", _("Vice/deputy chair")
    MEMBER = "member", _("Member")
    FOCAL_POINT = "focal_point", _("Focal point")
    HOST = "host", _("Host")


#: Roles whose holders run a body: they decide on membership requests.
CHAIRING_ROLES = (Role.CHAIR, Role.CO_CHAIR, Role.DEPUTY_CHAIR)


class RoleTermQuerySet(models.QuerySet["RoleTerm"]):
    def current(self, on: datetime.date | None = None) -> RoleTermQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) | Q(start_date__isnull=True)).filter(
            Q(end_date__gte=on) | Q(end_date__isnull=True)
        )

    def chairing(self) -> RoleTermQuerySet:
        return self.filter(role__in=CHAIRING_ROLES)


class RoleTerm(DemoFlagged, Provenance, Timestamped):
    """A role held in a body for a term, by an organisation or by a country; history is kept, not overwritten."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="role_terms")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, db_index=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="role_terms"
    )
    country = CountryField(_("country"), blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_terms",
        help_text=_("The person who acts for the holder in this role."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = RoleTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("role term")
        verbose_name_plural = _("role terms")
        ordering = ["body", "role", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(country=""))
                | (Q(organisation__isnull=True) & ~Q(country="")),
                name="role_term_held_by_organisation_or_country",
                violation_error_message=_("A role is held either by an organisation or by a country."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="role_term_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["body", "role", "end_date"]),
            models.Index(fields=["organisation", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} — {self.get_role_display()}, {self.body}"

    @property
    def holder_name(self) -> str:
        if self.organisation_id:
            return self.organisation.short_name if self.organisation else ""
        return str(self.country.name)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MembershipRequest(DemoFlagged, Timestamped):
    """A partner organisation asks to join a body; a chair of that body approves or declines."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="membership_requests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    role_term = models.OneToOneField(
        RoleTerm, null=True, blank=True, on_delete=models.SET_NULL, related_name="membership_request"
    )

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_request_per_body_and_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.body}"
