"""The community of practice: discussion spaces, threads and posts, comments on library items, mentions,
follows, notifications with their e-mail preferences, moderation and direct messages between partners.

Who may read or write what lives in permissions.py; workflows in services.py and notifications.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.countries.models import PathfinderCountry


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    MEMBERS = "members", _("Members only")


class Space(DemoFlagged, Timestamped):
    """A place for discussions: of a body, of a Pathfinder Country, or general (no owner)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_spaces",
    )
    country = models.ForeignKey(
        PathfinderCountry,
        verbose_name=_("Pathfinder Country"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_spaces",
    )
    visibility = models.CharField(
        _("who may read"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("discussion space")
        verbose_name_plural = _("discussion spaces")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=True) | Q(country__isnull=True),
                name="space_of_a_body_or_a_country",
                violation_error_message=_("A space belongs to a body or to a country, not both."),
            ),
            models.CheckConstraint(
                condition=~Q(visibility="members") | Q(body__isnull=False) | Q(country__isnull=False),
                name="members_space_has_an_owner",
                violation_error_message=_("A members-only space needs a body or a country."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:space", kwargs={"slug": self.slug})


class Thread(DemoFlagged, Provenance, Timestamped):
    """A discussion in a space: a title and its posts, the first of which opens it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="community_threads"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_activity_at"]
        indexes = [models.Index(fields=["space", "is_hidden", "-last_activity_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", kwargs={"pk": self.pk})


class Post(DemoFlagged, Provenance, Timestamped):
    """A message in a thread, in Markdown (shown sanitised)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="community_posts"
    )
    body = models.TextField(_("message"), help_text=_("Markdown is allowed."))
    is_hidden = models.BooleanField(_("hidden"), default=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class ItemComment(DemoFlagged, Provenance, Timestamped):
    """A comment on a library item; whoever may see the item may read it."""

    item = models.ForeignKey("library.Item", on_delete=models.CASCADE, related_name="community_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="item_comments"
    )
    body = models.TextField(_("comment"), help_text=_("Markdown is allowed."))
    is_hidden = models.BooleanField(_("hidden"), default=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment on a library item")
        verbose_name_plural = _("comments on library items")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item} #{self.pk}"


class Profile(DemoFlagged):
    """A person's name in discussions: the handle others @mention (never their e-mail address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_profile"
    )
    handle = models.SlugField(_("handle"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")
        ordering = ["handle"]

    def __str__(self) -> str:
        return f"@{self.handle}"


class Mention(DemoFlagged):
    """A person named with @handle in a post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_mention_per_post_and_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.post}"


class Follow(DemoFlagged):
    """Someone who is told about new replies in a thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="follow_a_thread_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.thread}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("New reply")
    MENTION = "mention", _("Mention")
    REPORT = "report", _("Post reported")
    COMMENT = "comment", _("Comment on a library item")


class Notification(DemoFlagged):
    """Something a person should know about, shown in the platform and sent by e-mail as they prefer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NotificationKind.choices)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, help_text=_("A path on the platform."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class DigestFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately, one e-mail per notification")
    DAILY = "daily", _("Once a day, a digest")
    WEEKLY = "weekly", _("Once a week, a digest")
    NEVER = "never", _("Never (only on the platform)")


class NotificationPreference(models.Model):
    """How often a person wants their notifications by e-mail, and when the last digest went out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.CharField(
        _("e-mail me"), max_length=12, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_digest_display()}"


class Report(DemoFlagged, Timestamped):
    """A post someone thinks breaks the rules, waiting for a moderator."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.post}: {self.reason[:40]}"


class ModerationAction(models.TextChoices):
    HIDE_POST = "hide_post", _("Hid a post")
    UNHIDE_POST = "unhide_post", _("Showed a post again")
    HIDE_THREAD = "hide_thread", _("Hid a discussion")
    UNHIDE_THREAD = "unhide_thread", _("Showed a discussion again")
    LOCK = "lock", _("Locked a discussion")
    UNLOCK = "unlock", _("Unlocked a discussion")
    HIDE_COMMENT = "hide_comment", _("Hid a comment")
    UNHIDE_COMMENT = "unhide_comment", _("Showed a comment again")
    DISMISS_REPORT = "dismiss_report", _("Dismissed a report")


class ModerationLog(models.Model):
    """Who did what to which discussion, post or comment, when and why; kept for accountability."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=ModerationAction.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.ForeignKey(
        ItemComment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.moderator}: {self.get_action_display()}"


class DirectMessage(DemoFlagged):
    """A message from one partner to another; the recipient is e-mailed a link, never the sender's address."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sent_messages"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="received_messages"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), help_text=_("Markdown is allowed."))
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("direct message")
        verbose_name_plural = _("direct messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sender", "created_at"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("community:message", kwargs={"pk": self.pk})
