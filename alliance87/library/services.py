"""Changes to the library: items with their metadata and edit history, files, use counts, collections."""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.accounts.roles import is_secretariat
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.core.concurrency import check_version
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.slugs import unique_slug
from alliance87.countries.models import PathStep
from alliance87.countries.permissions import can_edit_countries
from alliance87.partners.models import Organisation

from . import identifiers
from .filetypes import FileRefused, detect_format
from .models import (
    Access,
    Author,
    Collection,
    CollectionEntry,
    Concept,
    Item,
    ItemCountry,
    ItemFile,
    ItemKind,
    ItemRevision,
    MonthlyUse,
)
from .permissions import can_add_items, can_curate_collection, can_edit_item, can_view_item, member_body_ids
from .search import record_change
from .tasks import extract_text

logger = logging.getLogger(__name__)

#: Plain metadata fields, copied as given (after the checks below).
TEXT_FIELDS = (
    "title",
    "subtitle",
    "place_of_publication",
    "pages",
    "url",
    "abstract",
    "licence",
    "event_title",
    "event_place",
    "event_dates",
    "publisher_name",
)
SCALAR_FIELDS = (
    *TEXT_FIELDS,
    "kind",
    "slug",
    "publication_date",
    "year",
    "language",
    "isbn",
    "issn",
    "doi",
    "access",
)
RELATION_FIELDS = (
    "publisher",
    "access_body",
    "authors",
    "corporate_authors",
    "concepts",
    "keywords",
    "countries",
    "bodies",
)


@dataclass(frozen=True, kw_only=True)
class ItemInput(ServiceInput):
    """A library item's record (unset fields keep their values); text is trimmed and identifiers normalised.

    `authors` are (family name, given names) pairs in order; `keywords` and `countries` lists of text.
    """

    title: str | Unset | None = UNSET
    subtitle: str | Unset | None = UNSET
    place_of_publication: str | Unset | None = UNSET
    pages: str | Unset | None = UNSET
    url: str | Unset | None = UNSET
    abstract: str | Unset | None = UNSET
    licence: str | Unset | None = UNSET
    event_title: str | Unset | None = UNSET
    event_place: str | Unset | None = UNSET
    event_dates: str | Unset | None = UNSET
    publisher_name: str | Unset | None = UNSET
    kind: str | Unset | None = UNSET
    slug: str | Unset | None = UNSET
    publication_date: datetime.date | Unset | None = UNSET
    year: int | Unset | None = UNSET
    language: str | Unset | None = UNSET
    isbn: str | Unset | None = UNSET
    issn: str | Unset | None = UNSET
    doi: str | Unset | None = UNSET
    access: str | Unset = UNSET
    publisher: Organisation | Unset | None = UNSET
    access_body: Body | Unset | None = UNSET
    authors: Sequence[Sequence[str]] | Unset | None = UNSET
    corporate_authors: Sequence[Organisation] | Unset | None = UNSET
    concepts: Sequence[Concept] | Unset | None = UNSET
    keywords: Sequence[str] | Unset | None = UNSET
    countries: Sequence[str] | Unset | None = UNSET
    bodies: Sequence[Body] | Unset | None = UNSET


ITEM_FIELDS = frozenset(ItemInput.field_names())
assert frozenset(SCALAR_FIELDS + RELATION_FIELDS) == ITEM_FIELDS

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024


# --- items -------------------------------------------------------------------------------------------------


def snapshot(item: Item) -> dict[str, Any]:
    """The item's metadata as plain JSON, as kept in its edit history."""
    data: dict[str, Any] = {}
    for field in SCALAR_FIELDS:
        value = getattr(item, field)
        data[field] = value.isoformat() if isinstance(value, datetime.date) else value
    data["publisher"] = item.publisher.slug if item.publisher else None
    data["access_body"] = item.access_body.slug if item.access_body else None
    data["keywords"] = list(item.keywords)
    data["countries"] = list(item.countries)
    if item.pk:
        data["authors"] = [str(a) for a in item.authors.order_by("position")]
        data["corporate_authors"] = sorted(o.slug for o in item.corporate_authors.all())
        data["concepts"] = sorted(f"{c.scheme}:{c.code}" for c in item.concepts.all())
        data["bodies"] = sorted(b.slug for b in item.bodies.all())
    return data


class _OtherLibraryPages:
    """The slugs whose address /library/<slug>/ is another page (search, collections…), as the URLconf says.

    Asked rather than listed, so that a page added to urls.py can never be shadowed by an item.
    """

    def __contains__(self, slug: object) -> bool:
        try:
            match = resolve(reverse("library:item", kwargs={"slug": slug}))
        except Resolver404:
            return True
        return match.url_name != "item"


_OTHER_PAGES = _OtherLibraryPages()


def _slug_is_free(slug: str, *, exclude_pk: int | None) -> bool:
    """Free if no item has it and the address /library/<slug>/ is not another page."""
    if slug in _OTHER_PAGES:
        return False
    taken = Item.objects.filter(slug=slug)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    return not taken.exists()


def unique_item_slug(title: str, *, exclude_pk: int | None = None) -> str:
    return unique_slug(
        Item, title, max_length=100, reserved=_OTHER_PAGES, fallback="item", exclude_pk=exclude_pk
    )


def _clean_authors(value: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    authors = []
    for entry in value:
        family, given = (str(entry[0]).strip(), str(entry[1]).strip() if len(entry) > 1 else "")
        if not family:
            raise ValueError(_("Every author needs a family name."))
        authors.append((family[:200], given[:200]))
    return authors


def _check(errors: dict[str, list[str]], field: str, data: dict[str, Any], check: Any) -> None:
    """Normalise data[field] in place with `check`; a ValueError becomes that field's error."""
    if field not in data:
        return
    try:
        data[field] = check(data[field] if data[field] is not None else "")
    except ValueError as error:
        errors.setdefault(field, []).append(str(error))


def _trim_and_normalise(data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Trim the text fields and normalise identifiers, lists and authors in place; problems go to `errors`."""
    for field in TEXT_FIELDS:
        if field in data:
            data[field] = (data[field] or "").strip()
    if "title" in data and not data["title"]:
        errors["title"] = [_("Give the item a title.")]
    _check(errors, "isbn", data, identifiers.normalise_isbn)
    _check(errors, "issn", data, identifiers.normalise_issn)
    _check(errors, "doi", data, identifiers.normalise_doi)
    _check(errors, "language", data, identifiers.normalise_language)
    _check(errors, "countries", data, lambda v: identifiers.normalise_countries(list(v or [])))
    _check(errors, "keywords", data, lambda v: identifiers.normalise_keywords(list(v or [])))
    _check(errors, "authors", data, lambda v: _clean_authors(v or []))


def _check_choices(data: dict[str, Any], errors: dict[str, list[str]], *, item: Item | None) -> None:
    if item is None:
        for field in ("title", "kind"):
            if not data.get(field):
                errors.setdefault(field, [_("This field is required.")])
    if "kind" in data and data["kind"] and data["kind"] not in ItemKind.values:
        errors["kind"] = [_("This is not one of the kinds of item.")]
    if "access" in data and data["access"] not in Access.values:
        errors["access"] = [_("This is not one of the levels of access.")]


def _check_slug(data: dict[str, Any], errors: dict[str, list[str]], *, item: Item | None) -> None:
    if "slug" in data:
        data["slug"] = slugify(data["slug"] or "")[:120]
        if not data["slug"]:
            del data["slug"]
        elif not _slug_is_free(data["slug"], exclude_pk=item.pk if item else None):
            errors["slug"] = [_("This address is already taken; choose another.")]


def _check_year(data: dict[str, Any], errors: dict[str, list[str]], *, item: Item | None) -> None:
    """The year must be plausible and agree with the date; a date alone gives the year."""
    year = data.get("year", item.year if item else None)
    date = data.get("publication_date", item.publication_date if item else None)
    if "publication_date" in data and date and data.get("year") is None:
        data["year"] = year = date.year
    if year is not None and not 1500 <= int(year) <= timezone.now().year + 5:
        errors["year"] = [_("Give a year between 1500 and five years from now.")]
    elif date and year and date.year != int(year):
        errors["year"] = [_("The year does not match the date.")]


def _check_access(data: dict[str, Any], errors: dict[str, list[str]], *, by: User, item: Item | None) -> None:
    """An item restricted to a body names one the person belongs to; other levels of access clear the body."""
    access = data.get("access", item.access if item else Access.PUBLIC)
    access_body = data.get("access_body", item.access_body if item else None)
    if access == Access.BODY:
        if access_body is None:
            errors["access_body"] = [_("Choose the body whose members may see the item.")]
        elif not is_secretariat(by) and access_body.pk not in member_body_ids(by) | chaired_body_ids(by):
            errors["access_body"] = [_("You may restrict an item only to a body you belong to.")]
    elif "access" in data or "access_body" in data:
        data["access_body"] = None


def _clean_item_data(values: ItemInput, *, by: User, item: Item | None) -> dict[str, Any]:
    """The given fields, trimmed and normalised; a ValidationError names every field that is wrong."""
    data = values.given()
    errors: dict[str, list[str]] = {}
    _trim_and_normalise(data, errors)
    _check_choices(data, errors, item=item)
    _check_slug(data, errors, item=item)
    _check_year(data, errors, item=item)
    _check_access(data, errors, by=by, item=item)
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def save_item(*, by: User, values: ItemInput, item: Item | None = None, version: str | None = None) -> Item:
    """Create an item, or change the given fields of an existing one; each save is kept in its history.

    A change from a `version` someone has saved over since is refused."""
    if item is None:
        if not can_add_items(by):
            raise PermissionDenied(_("You may not add items to the library."))
        before: dict[str, Any] = {}
        target = Item(created_by=by)
    else:
        target = (
            Item.objects.select_for_update(of=("self",))
            .select_related("publisher", "access_body")
            .get(pk=item.pk)
        )
        if not can_edit_item(by, target):
            raise PermissionDenied(_("You may not edit this item."))
        check_version(target, version, what=_("the item's catalogue record"))
        before = snapshot(target)
    data = _clean_item_data(values, by=by, item=item)
    for field in (*SCALAR_FIELDS, "publisher", "access_body", "keywords", "countries"):
        if field in data:
            setattr(target, field, data[field])
    if not target.slug:
        target.slug = unique_item_slug(target.title)
    target.full_clean(exclude=["slug", "created_by"])
    target.save()
    if "authors" in data:
        target.authors.all().delete()
        Author.objects.bulk_create(
            Author(item=target, position=i, family_name=family, given_names=given)
            for i, (family, given) in enumerate(data["authors"])
        )
    for field in ("corporate_authors", "concepts", "bodies"):
        if field in data:
            getattr(target, field).set(list(data[field] or []))
    if "countries" in data:
        target.country_rows.exclude(country__in=target.countries).delete()
        existing = set(target.country_rows.values_list("country", flat=True))
        ItemCountry.objects.bulk_create(
            ItemCountry(item=target, country=code) for code in target.countries if code not in existing
        )
    after = snapshot(Item.objects.select_related("publisher", "access_body").get(pk=target.pk))
    changed = [field for field, value in after.items() if before.get(field) != value and (before or value)]
    if changed:
        ItemRevision.objects.create(item=target, changed_by=by, snapshot=after, changed_fields=changed)
    record_change(target.pk)
    return target


@transaction.atomic
def delete_item(*, item: Item, by: User) -> None:
    """Remove an item with its files (from storage too, once the deletion is committed)."""
    if not can_edit_item(by, item):
        raise PermissionDenied(_("You may not delete this item."))
    item_id = item.pk
    names = [f.file.name for f in ItemFile.objects.filter(item=item)]
    item.delete()
    record_change(item_id)
    transaction.on_commit(lambda: _delete_stored(names))


def _delete_stored(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # a file already gone is no reason to fail the deletion
            logger.warning("Could not delete stored file %s", name)


# --- files -------------------------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "LIBRARY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _sha256(uploaded_file: UploadedFile) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def attach_file(*, item: Item, by: User, uploaded_file: UploadedFile, description: str = "") -> ItemFile:
    """Check an upload (size, and a type judged by content), store it and queue its text extraction.

    A refused file leaves the item exactly as it was, and nothing is kept in storage.
    """
    if not can_edit_item(by, item):
        raise PermissionDenied(_("You may not add files to this item."))
    name = get_valid_filename(uploaded_file.name or "file")[:255]
    limit = max_upload_bytes()
    if uploaded_file.size is None or uploaded_file.size > limit:
        raise ValidationError(
            {
                "file": _("This file is larger than %(limit)d MB, the most the library accepts.")
                % {"limit": limit // (1024 * 1024) or 1}
            }
        )
    if not uploaded_file.size:
        raise ValidationError({"file": _("This file is empty.")})
    try:
        file_format = detect_format(name, uploaded_file)
    except FileRefused as error:
        raise ValidationError({"file": str(error)}) from None
    item_file = ItemFile(
        item=item,
        original_name=name,
        content_type=file_format.content_type,
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        description=description.strip()[:255],
        uploaded_by=by,
    )
    uploaded_file.seek(0)
    item_file.file.save(name, uploaded_file, save=False)
    try:
        with transaction.atomic():
            item_file.save()
            record_change(item.pk)
            extract_text.enqueue(file_id=item_file.pk)
    except Exception:
        _delete_stored([item_file.file.name])
        raise
    return item_file


@transaction.atomic
def delete_file(*, item_file: ItemFile, by: User) -> None:
    if not can_edit_item(by, item_file.item):
        raise PermissionDenied(_("You may not remove files of this item."))
    name, item_id = item_file.file.name, item_file.item_id
    item_file.delete()
    record_change(item_id)
    transaction.on_commit(lambda: _delete_stored([name]))


# --- use statistics ----------------------------------------------------------------------------------------


def _count_use(item: Item, field: str) -> None:
    """Add one to this month's count; no address, person or time of day is stored."""
    month = timezone.now().date().replace(day=1)
    rows = MonthlyUse.objects.filter(item_id=item.pk, month=month)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            MonthlyUse.objects.create(item_id=item.pk, month=month, **{field: 1})
    except IntegrityError:  # another request created this month's row meanwhile
        rows.update(**{field: F(field) + 1})


def record_view(*, item: Item) -> None:
    _count_use(item, "views")


def record_download(*, item: Item) -> None:
    _count_use(item, "downloads")


# --- collections -------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CollectionInput(ServiceInput):
    """A reading list's title, description, keeping body and address (unset fields keep their values)."""

    title: str | Unset | None = UNSET
    description: str | Unset | None = UNSET
    owner_body: Body | Unset | None = UNSET
    slug: str | Unset | None = UNSET


COLLECTION_FIELDS = frozenset(CollectionInput.field_names())
RESERVED_COLLECTION_SLUGS = frozenset({"new"})


def unique_collection_slug(title: str, *, exclude_pk: int | None = None) -> str:
    return unique_slug(
        Collection,
        title,
        max_length=90,
        reserved=RESERVED_COLLECTION_SLUGS,
        fallback="collection",
        exclude_pk=exclude_pk,
    )


@transaction.atomic
def save_collection(*, by: User, values: CollectionInput, collection: Collection | None = None) -> Collection:
    """Create or change a reading list; chairs keep their bodies' lists, the Secretariat any list."""
    if not can_curate_collection(by, collection):
        raise PermissionDenied(_("You may not keep this collection."))
    data = values.given()
    target = collection or Collection()
    for field in ("title", "description"):
        if field in data:
            setattr(target, field, (data[field] or "").strip())
    if "owner_body" in data:
        target.owner_body = data["owner_body"]
    if not target.title:
        raise ValidationError({"title": _("Give the collection a title.")})
    if not is_secretariat(by) and (
        target.owner_body is None or target.owner_body.pk not in chaired_body_ids(by)
    ):
        raise ValidationError({"owner_body": _("Choose a body you chair: the collection is kept by it.")})
    if data.get("slug"):
        slug = slugify(data["slug"])[:100]
        if (
            slug in RESERVED_COLLECTION_SLUGS
            or Collection.objects.filter(slug=slug).exclude(pk=target.pk).exists()
        ):
            raise ValidationError({"slug": _("This address is already taken; choose another.")})
        target.slug = slug
    if not target.slug:
        target.slug = unique_collection_slug(target.title)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def delete_collection(*, collection: Collection, by: User) -> None:
    if not can_curate_collection(by, collection):
        raise PermissionDenied(_("You may not keep this collection."))
    collection.delete()


def _require_curator(by: User, collection: Collection) -> None:
    if not can_curate_collection(by, collection):
        raise PermissionDenied(_("You may not keep this collection."))


def _renumber(collection: Collection, order: list[int]) -> None:
    entries = {e.pk: e for e in collection.entries.all()}
    for position, pk in enumerate(order):
        entries[pk].position = position
    CollectionEntry.objects.bulk_update(entries.values(), ["position"])


@transaction.atomic
def add_to_collection(*, collection: Collection, item: Item, by: User, note: str = "") -> CollectionEntry:
    """Put an item at the end of a reading list (once)."""
    _require_curator(by, collection)
    if not can_view_item(by, item):
        raise PermissionDenied(_("You may not see this item."))
    if collection.entries.filter(item=item).exists():
        raise ValidationError({"item": _("This item is already in the collection.")})
    position = collection.entries.count()
    return CollectionEntry.objects.create(
        collection=collection, item=item, position=position, note=note.strip()
    )


@transaction.atomic
def remove_from_collection(*, collection: Collection, item: Item, by: User) -> None:
    _require_curator(by, collection)
    collection.entries.filter(item=item).delete()
    _renumber(collection, list(collection.entries.order_by("position", "pk").values_list("pk", flat=True)))


@transaction.atomic
def move_in_collection(*, collection: Collection, item: Item, by: User, offset: int) -> None:
    """Move an item up (offset -1) or down (+1) in the reading list; at either end nothing changes."""
    _require_curator(by, collection)
    order = list(collection.entries.order_by("position", "pk").values_list("pk", "item_id"))
    index = next((i for i, (_pk, item_id) in enumerate(order) if item_id == item.pk), None)
    if index is None:
        raise ValidationError({"item": _("This item is not in the collection.")})
    target = max(0, min(len(order) - 1, index + offset))
    entry = order.pop(index)
    order.insert(target, entry)
    _renumber(collection, [pk for pk, _item_id in order])


def concepts_by_code(codes: Iterable[str]) -> list[Concept]:
    """Concepts named as "scheme:code" (or a bare code when it is unique); an unknown one is an error."""
    found: list[Concept] = []
    unknown: list[str] = []
    all_concepts = list(Concept.objects.all())
    for code in codes:
        scheme, _sep, bare = code.rpartition(":")
        matches = [c for c in all_concepts if c.code == bare and (not scheme or c.scheme == scheme)]
        if len(matches) == 1:
            found.append(matches[0])
        else:
            unknown.append(code)
    if unknown:
        raise ValidationError(
            {"concepts": _("Unknown subject codes: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return found


@transaction.atomic
def link_items_to_path_step(*, by: User, step: PathStep, items: Iterable[Item]) -> None:
    """Attach library items to a step of a country's path as its documents (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    items = list(items)
    hidden = [item.title for item in items if not can_view_item(by, item)]
    if hidden:
        raise ValidationError({"documents": _("You cannot see this item: %(title)s.") % {"title": hidden[0]}})
    step.documents.add(*items)
