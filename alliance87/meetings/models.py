"""Events of the partnership (meetings, workshops, consultations, webinars), their agendas, registrations,
outcomes and roadmaps, and the secret addresses of people's personal calendar feeds."""

from __future__ import annotations

import datetime
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.partners.models import Organisation


def validate_time_zone(value: str) -> None:
    """An IANA time zone name that this server's zone database knows, e.g. Europe/Zurich."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Europe/Zurich or America/New_York."),
            params={"value": value},
            code="invalid_time_zone",
        ) from None


def new_uid() -> str:
    return uuid.uuid4().hex


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    GCG_MEETING = "gcg_meeting", _("GCG meeting")
    WORKSHOP = "workshop", _("Workshop")
    NATIONAL_CONSULTATION = "national_consultation", _("National consultation")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")


#: A conference or a campaign week, not a programme: longer work is a plan or a roadmap (the services refuse longer
#: events; the calendar's month query relies on it).
MAX_EVENT_LENGTH = datetime.timedelta(days=366)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Event(DemoFlagged, Provenance, Timestamped):
    """A meeting of the partnership, owned by a body or by a Pathfinder Country; times are stored in UTC."""

    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("held by body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    owner_country = models.ForeignKey(
        PathfinderCountry,
        verbose_name=_("held by country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Europe/Zurich; times are entered in this zone."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    organisers: models.ManyToManyField[Organisation, EventOrganiser] = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisers"),
        through="EventOrganiser",
        blank=True,
        related_name="organised_events",
    )
    is_open = models.BooleanField(
        _("open registration"),
        default=True,
        help_text=_("Anyone signed in may register; otherwise the organisers approve each participant."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Places; further registrations go on the waiting list. Empty for no limit."),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED, db_index=True
    )
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("iCalendar SEQUENCE: raised on every significant change.")
    )
    uid = models.CharField(
        _("calendar identifier"), max_length=64, unique=True, default=new_uid, editable=False
    )
    path_step = models.ForeignKey(
        PathStep,
        verbose_name=_("Pathfinder step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_(
            "The step of the holding country's path this event served, e.g. its national consultation."
        ),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            # Upcoming and past events split at `ends_at`; the page cache asks when the next one ends.
            models.Index(fields=["ends_at"], name="meetings_event_ends_idx"),
            models.Index(fields=["registration_deadline"], name="meetings_event_deadline_idx"),
            # A body's events in date order (its page's sidebar), instead of walking every event's start.
            models.Index(fields=["owner_body", "starts_at"], name="meetings_event_body_start_idx"),
            # The events held in a country (its profile), found by venue.
            models.Index(fields=["country"], name="meetings_event_country_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_body__isnull=False) & Q(owner_country__isnull=True))
                | (Q(owner_body__isnull=True) & Q(owner_country__isnull=False)),
                name="event_held_by_body_or_country",
                violation_error_message=_("An event is held either by a body or by a country."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or "UTC")

    @property
    def local_starts_at(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_ends_at(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def owner_name(self) -> str:
        return str(self.owner_body or self.owner_country or "")

    @property
    def owner(self) -> Body | PathfinderCountry | None:
        return self.owner_body or self.owner_country

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def location(self) -> str:
        """Where it happens, in one line, as calendar programs show it."""
        place = ", ".join(
            part for part in [self.venue, self.city, str(self.country.name) if self.country else ""] if part
        )
        if place and self.online_url:
            return f"{place} / {self.online_url}"
        return place or self.online_url


class OrganiserRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")


class EventOrganiser(DemoFlagged):
    """An organisation that organises or co-organises an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="organiser_links")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        _("role"), max_length=16, choices=OrganiserRole.choices, default=OrganiserRole.ORGANISER
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("event organiser")
        verbose_name_plural = _("event organisers")
        ordering = ["event", "role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="one_organiser_role_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class AgendaSession(DemoFlagged, Timestamped):
    """One session of an event's agenda: when, what, who speaks and which library documents go with it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    speaker_accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers with an account"), blank=True, related_name="+"
    )
    documents = models.ManyToManyField(
        "library.Item", verbose_name=_("documents"), blank=True, related_name="agenda_sessions"
    )

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["event", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="agenda_session_ends_after_start",
                violation_error_message=_("A session cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    PENDING = "pending", _("Waiting for approval")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


#: Registrations that hold (or wait for) a place; cancelled and declined ones do not.
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)


class Registration(DemoFlagged, Timestamped):
    """A person's registration for an event; one row per person and event, whose status changes."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices, db_index=True)
    position = models.PositiveIntegerField(
        _("place in the queue"), default=0, help_text=_("Order on the waiting list (lower comes first).")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "status", "position", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")]
        indexes = [models.Index(fields=["event", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.get_status_display()})"


class OutcomeKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    PRIORITY = "priority", _("Agreed priority")
    RESEARCH_QUESTION = "research_question", _("Research question")


class OutcomeNote(DemoFlagged, Provenance, Timestamped):
    """What an event decided or agreed: a decision, a priority or a research question."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices, db_index=True)
    text = models.TextField(_("text"), help_text=_("Markdown is allowed."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["event", "kind", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class RoadmapAction(DemoFlagged, Provenance, Timestamped):
    """An action an event agreed on, with who is responsible and by when; it may be tracked as a plan activity."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roadmap")
    description = models.TextField(_("action"))
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_actions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANNED, db_index=True
    )
    plan_activity = models.ForeignKey(
        "plans.ResultNode",
        verbose_name=_("plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_actions",
        help_text=_("The result in a plan's framework through which this action is tracked."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("roadmap action")
        verbose_name_plural = _("roadmap actions")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class CalendarFeed(DemoFlagged, Timestamped):
    """The secret address of a person's calendar of the events they registered for; calendar programs fetch it
    without a session, so the token is the only key (rotating it makes the old address stop working)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("meetings:feed_me", kwargs={"token": self.token})


# Minutes, decisions and follow-up actions are their own module (a separate idea); importing them here is what
# registers them with Django.
from .decision_models import ActionStatusChange, Decision, FollowUpAction, FollowUpStatus, Minutes  # noqa: E402, F401
