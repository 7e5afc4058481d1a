"""News posts with their tags and translations, the people who may write them, and the newsletter.

The newsletter keeps no personal data beyond an e-mail address and a language; every send is logged per
subscriber (`Delivery`), which is what makes a restarted send skip those already served (see delivery.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.countries.models import PathfinderCountry


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def news_image_storage() -> Storage:
    """Where news images live: public, with addresses that never expire (``STORAGES["news_images"]``)."""
    return storages["news_images"]


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Post(DemoFlagged, Provenance, Timestamped):
    """A news post in one language; the same story in other languages points at it through `translation_of`."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("One or two sentences, plain text."))
    body = models.TextField(_("text"), help_text=_("Markdown is allowed."))
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH, db_index=True
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("The original post this one translates."),
    )
    image = models.ImageField(
        _("image"), upload_to="news/%Y/%m/", blank=True, max_length=300, storage=news_image_storage
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    #: Smaller WebP copies of the image, narrowest first: [{"width": 480, "name": "news/…-480w.webp"}, …].
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="posts")
    bodies = models.ManyToManyField(Body, verbose_name=_("bodies"), blank=True, related_name="news_posts")
    countries = models.ManyToManyField(
        PathfinderCountry, verbose_name=_("Pathfinder Countries"), blank=True, related_name="news_posts"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_posts",
    )

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "language", "published_at"]),
            # The news list, the feeds and the hub pages: published posts, newest first, in every language.
            models.Index(fields=["status", "-published_at", "-id"], name="news_post_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="news_image_has_description",
                violation_error_message=_("Describe the image for people who cannot see it."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="news_published_post_has_date",
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                condition=Q(translation_of__isnull=False),
                name="news_one_translation_per_language",
                violation_error_message=_("This post already has a translation in that language."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def image_srcset(self) -> str:
        """The ``srcset`` of the image: its renditions and the image itself, by width."""
        if not self.image:
            return ""
        storage = self.image.storage
        candidates = [f"{storage.url(r['name'])} {r['width']}w" for r in self.image_renditions]
        if self.image_width:
            candidates.append(f"{self.image.url} {self.image_width}w")
        return ", ".join(candidates)


class CommunicationOfficer(Timestamped):
    """A person the Secretariat lets write news and send the newsletter, beside the Communication Group."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="communication_officer"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("communication officer")
        verbose_name_plural = _("communication officers")
        ordering = ["user__email"]

    def __str__(self) -> str:
        return str(self.user)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Subscriber(DemoFlagged):
    """An address that asked for the newsletter; it receives issues only once it has confirmed (double opt-in)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH, db_index=True
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    confirm_token = models.CharField(max_length=64, unique=True, editable=False)
    unsubscribe_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.email


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class NewsletterIssue(DemoFlagged, Timestamped):
    """One issue of the newsletter in one language, assembled from a period's news, events and library items."""

    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH, db_index=True
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown is allowed."))
    body = models.TextField(
        _("contents"),
        blank=True,
        help_text=_("Assembled from the period's news, events and library items; Markdown, edit freely."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="newsletter_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", kwargs={"pk": self.pk})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Taken by a sender")
    SENDING = "sending", _("Handed to the mail server, outcome unknown")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent: unsubscribed meanwhile")


class Delivery(models.Model):
    """One issue to one subscriber: created up front for every confirmed subscriber, then worked off by senders."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    claim = models.CharField(max_length=32, blank=True, help_text="The sender run that took this delivery.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"
