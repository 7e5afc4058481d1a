"""Writing news posts and naming communication officers: one transaction each, permissions checked inside."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core import slugs
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.countries.models import PathfinderCountry

from .images import RENDITION_EXTENSION, ImageRefused, reencode_image
from .models import CommunicationOfficer, Language, Post, PostStatus, Tag
from .permissions import can_manage_officers, can_write_news


@dataclass(frozen=True, kw_only=True)
class PostInput(ServiceInput):
    """What a writer sets on a news post (unset fields keep their values); the image travels apart."""

    title: str | Unset = UNSET
    slug: str | Unset | None = UNSET
    summary: str | Unset = UNSET
    body: str | Unset = UNSET
    language: str | Unset = UNSET
    translation_of: Post | Unset | None = UNSET
    image_alt: str | Unset | None = UNSET
    status: str | Unset = UNSET
    tags: list[str] | Unset | None = UNSET
    bodies: list[Body] | Unset | None = UNSET
    countries: list[PathfinderCountry] | Unset | None = UNSET


#: Fields set on the post itself; tags, bodies and countries are relations saved after it.
POST_FIELDS = ("title", "slug", "summary", "body", "language", "translation_of", "image_alt", "status")


def _require_writer(by: User) -> None:
    if not can_write_news(by):
        raise PermissionDenied(_("Only the Secretariat and communication officers write news."))


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    return slugs.unique_slug(Post, title, max_length=100, fallback="post", exclude_pk=exclude_pk)


def tags_from_names(names: list[str]) -> list[Tag]:
    """The tags with these names, created when new (matched by slug, so "Supply chains" = "supply-chains")."""
    tags: dict[str, Tag] = {}
    for name in names:
        name = " ".join(name.split())[:60]
        slug = slugify(name)[:60]
        if slug and slug not in tags:
            tags[slug], _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
    return list(tags.values())


def _delete_image(post: Post) -> None:
    """Remove the image and its renditions from storage (the caller saves the post)."""
    storage = post.image.storage
    for rendition in post.image_renditions:
        storage.delete(rendition["name"])
    if post.image:
        post.image.delete(save=False)
    post.image = ""
    post.image_width = post.image_height = None
    post.image_renditions = []


def _store_image(post: Post, image: UploadedFile) -> None:
    """Store the upload re-encoded without its metadata (GPS position included), and its smaller copies."""
    try:
        clean = reencode_image(image, size=image.size or 0)
    except ImageRefused as refused:
        raise ValidationError({"image": str(refused)}) from None
    if post.image:
        _delete_image(post)
    post.image.save(f"{post.slug}.{clean.extension}", ContentFile(clean.content), save=False)
    stem = post.image.name.rsplit(".", 1)[0]
    storage = post.image.storage
    post.image_width, post.image_height = clean.width, clean.height
    post.image_renditions = [
        {"width": width, "name": storage.save(f"{stem}-{width}w.{RENDITION_EXTENSION}", ContentFile(content))}
        for width, content in clean.renditions
    ]


@transaction.atomic
def clean_stored_image(*, post: Post) -> bool:
    """Re-encode an image stored before uploads were cleaned (no metadata, renditions made); False if none."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not post.image or post.image_width:
        return False
    with post.image.open("rb") as stored:
        content = stored.read()
    _store_image(post, UploadedFile(ContentFile(content), name=post.image.name, size=len(content)))
    post.save(update_fields=["image", "image_width", "image_height", "image_renditions"])
    return True


def _validate(post: Post) -> None:
    errors: dict[str, str] = {}
    if post.image and not post.image_alt.strip():
        errors["image_alt"] = _("Describe the image for people who cannot see it.")
    if post.language not in Language.values:
        errors["language"] = _("Choose English, French or Spanish.")
    original = post.translation_of
    if original is not None:
        if original.pk == post.pk or original.translation_of_id is not None:
            errors["translation_of"] = _("Choose the original post, not a translation of it.")
        elif original.language == post.language:
            errors["translation_of"] = _("A translation is in another language than its original.")
        elif (
            Post.objects.filter(translation_of=original, language=post.language).exclude(pk=post.pk).exists()
        ):
            errors["translation_of"] = _("This post already has a translation in that language.")
    if errors:
        raise ValidationError(errors)


def _apply(post: Post, *, values: PostInput) -> None:
    given = values.given()
    for field in POST_FIELDS:
        if field in given and field != "translation_of":
            setattr(post, field, given[field] if given[field] is not None else "")
    if values.translation_of is not UNSET:
        post.translation_of = values.translation_of or None
    if post.status == PostStatus.PUBLISHED and post.published_at is None:
        post.published_at = timezone.now()
    if post.status == PostStatus.DRAFT:
        post.published_at = None


def _save_relations(post: Post, values: PostInput) -> None:
    if values.tags is not UNSET:
        post.tags.set(tags_from_names(list(values.tags or [])))
    if values.bodies is not UNSET:
        post.bodies.set(values.bodies or [])
    if values.countries is not UNSET:
        post.countries.set(values.countries or [])


@transaction.atomic
def create_post(*, by: User, values: PostInput, image: UploadedFile | None = None) -> Post:
    """Write a news post (a draft unless `status` says published); the slug follows the title when not given."""
    _require_writer(by)
    post = Post(author=by)
    _apply(post, values=values)
    post.slug = slugify(post.slug)[:120] if post.slug else unique_slug(post.title)
    if Post.objects.filter(slug=post.slug).exists():
        raise ValidationError({"slug": _("Another post already has this address.")})
    if image:
        _store_image(post, image)
    _validate(post)
    post.full_clean(exclude=["image", "tags", "bodies", "countries"])
    post.save()
    _save_relations(post, values)
    return post


@transaction.atomic
def update_post(
    *,
    post: Post,
    by: User,
    values: PostInput,
    image: UploadedFile | None = None,
    remove_image: bool = False,
) -> Post:
    """Change a post; send only what changes. Publishing for the first time sets its publication date."""
    _require_writer(by)
    post = Post.objects.select_for_update().get(pk=post.pk)
    _apply(post, values=values)
    if values.slug is not UNSET:
        post.slug = slugify(post.slug)[:120] or unique_slug(post.title, exclude_pk=post.pk)
        if Post.objects.filter(slug=post.slug).exclude(pk=post.pk).exists():
            raise ValidationError({"slug": _("Another post already has this address.")})
    if remove_image:
        _delete_image(post)
        post.image_alt = values.image_alt or ""
    if image:
        _store_image(post, image)
    _validate(post)
    post.full_clean(exclude=["image", "tags", "bodies", "countries"])
    post.save()
    _save_relations(post, values)
    return post


@transaction.atomic
def add_communication_officer(*, by: User, email: str) -> CommunicationOfficer:
    if not can_manage_officers(by):
        raise PermissionDenied(_("Only the Secretariat names communication officers."))
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({"email": _("There is no account with this e-mail address.")})
    officer, _created = CommunicationOfficer.objects.get_or_create(user=user, defaults={"added_by": by})
    return officer


@transaction.atomic
def remove_communication_officer(*, by: User, officer: CommunicationOfficer) -> None:
    if not can_manage_officers(by):
        raise PermissionDenied(_("Only the Secretariat names communication officers."))
    officer.delete()
