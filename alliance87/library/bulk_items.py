"""New items in bulk, for imports: the checks of `services.save_item`, then a few queries per batch of items.

`new_item` builds and validates an item without writing (an import checks every record before its write
transaction begins); `save_new_items` writes the checked items with their authors, links, history, revision and
search-index note in bulk, so that a transaction of thousands of items stays short (it runs inside the caller's
transaction). What it writes is what `save_item` writes for each new item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from alliance87.accounts.models import User

from .models import Author, IndexChange, Item, ItemCountry, ItemRevision
from .permissions import can_add_items
from .search.tasks import apply_index_changes
from .services import _OTHER_PAGES, SCALAR_FIELDS, ItemInput, _clean_item_data

BATCH_SIZE = 500
SLUG_LENGTH = 100


def new_item(*, by: User, values: ItemInput) -> tuple[Item, dict[str, Any]]:
    """An unsaved item with the given fields, checked as `save_item` checks a new one, and its cleaned fields.

    Raises ValidationError naming every wrong field; the slug is chosen when the item is written.
    """
    if not can_add_items(by):
        raise PermissionDenied(_("You may not add items to the library."))
    data = _clean_item_data(values, by=by, item=None)
    item = Item(created_by=by)
    for name in (*SCALAR_FIELDS, "publisher", "access_body", "keywords", "countries"):
        if name in data:
            setattr(item, name, data[name])
    item.full_clean(exclude=["slug", "created_by"], validate_unique=False)
    if not item.slug:
        item.slug = _slug_base(item.title)
    return item, data


def _slug_base(title: str) -> str:
    """The slug `unique_item_slug` starts from, numbered already if it is another page's address."""
    base = slugify(title)[:SLUG_LENGTH].rstrip("-") or "item"
    return _numbered(base, lambda slug: slug in _OTHER_PAGES)


def _numbered(base: str, taken: Callable[[str], bool]) -> str:
    slug, number = base, 1
    while taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug


def _free_slugs(items: Sequence[Item]) -> None:
    """Give each item the slug `unique_item_slug` would give it, with one query for all the taken slugs (the
    base slug was chosen when the item was checked)."""
    taken = set(Item.objects.values_list("slug", flat=True))
    for item in items:
        if item.slug in taken:
            base = slugify(item.title)[:SLUG_LENGTH].rstrip("-") or "item"
            item.slug = _numbered(base, lambda slug: slug in taken or slug in _OTHER_PAGES)
        taken.add(item.slug)


def _snapshot(item: Item, data: dict[str, Any]) -> dict[str, Any]:
    """`services.snapshot` of a new item, from what was written (no query per item)."""
    snapshot: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = getattr(item, name)
        snapshot[name] = value.isoformat() if hasattr(value, "isoformat") else value
    snapshot["publisher"] = item.publisher.slug if item.publisher else None
    snapshot["access_body"] = item.access_body.slug if item.access_body else None
    snapshot["keywords"] = list(item.keywords)
    snapshot["countries"] = list(item.countries)
    snapshot["authors"] = [f"{f}, {g}" if g else f for f, g in data.get("authors") or []]
    snapshot["corporate_authors"] = sorted(o.slug for o in data.get("corporate_authors") or [])
    snapshot["concepts"] = sorted(f"{c.scheme}:{c.code}" for c in data.get("concepts") or [])
    snapshot["bodies"] = sorted(b.slug for b in data.get("bodies") or [])
    return snapshot


def save_new_items(*, by: User, staged: Sequence[tuple[Item, dict[str, Any]]]) -> list[Item]:
    """Write checked new items (from `new_item`) in batches; call inside a transaction. Returns them saved."""
    if not can_add_items(by):
        raise PermissionDenied(_("You may not add items to the library."))
    items = [item for item, _data in staged]
    _free_slugs(items)
    saved = bulk_create_with_history(items, Item, batch_size=BATCH_SIZE, default_user=by)
    if any(item.pk is None for item in saved):  # a database that does not return keys from bulk inserts
        by_slug = dict(Item.objects.filter(slug__in=[i.slug for i in items]).values_list("slug", "pk"))
        for item in items:
            item.pk = by_slug[item.slug]
        saved = items
    authors, links, countries, revisions = [], [], [], []
    for item, (_item, data) in zip(saved, staged, strict=True):
        authors += [
            Author(item=item, position=i, family_name=family, given_names=given)
            for i, (family, given) in enumerate(data.get("authors") or [])
        ]
        for name in ("corporate_authors", "concepts", "bodies"):
            relation = getattr(Item, name)
            own, other_name = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
            links += [
                relation.through(**{f"{own}_id": item.pk, f"{other_name}_id": other.pk})
                for other in data.get(name) or []
            ]
        countries += [ItemCountry(item=item, country=code) for code in item.countries]
        after = _snapshot(item, data)
        changed = [name for name, value in after.items() if value]
        revisions.append(ItemRevision(item=item, changed_by=by, snapshot=after, changed_fields=changed))
    Author.objects.bulk_create(authors, batch_size=BATCH_SIZE)
    for through in {type(link) for link in links}:
        through.objects.bulk_create([link for link in links if type(link) is through], batch_size=BATCH_SIZE)
    ItemCountry.objects.bulk_create(countries, batch_size=BATCH_SIZE)
    ItemRevision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    IndexChange.objects.bulk_create([IndexChange(item_id=item.pk) for item in saved], batch_size=BATCH_SIZE)
    return list(saved)


def update_search_index() -> None:
    """Ask the worker to index the new items; call once the write transaction has ended (not inside it: the
    indexing would lengthen the transaction, and with tasks run inline it would run inside it)."""
    apply_index_changes.enqueue()


def check_errors(error: ValidationError) -> list[tuple[str, str]]:
    """(field, message) pairs of a ValidationError from `new_item`."""
    if hasattr(error, "error_dict"):
        return [(name, message) for name, messages in error.message_dict.items() for message in messages]
    return [("", message) for message in error.messages]
