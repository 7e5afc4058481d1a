"""Reads of the library, with the related rows each page needs fetched up front."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids

from . import permissions
from .models import (
    Author,
    Collection,
    CollectionEntry,
    Concept,
    Item,
    ItemCountry,
    ItemFile,
    ItemRevision,
    MonthlyUse,
)

LIST_FILE_FIELDS = (
    "id",
    "item_id",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "extraction_status",
    "extraction_message",
    "page_count",
    "description",
    "created_at",
    "is_demo",
)


def visible_items(user: Person) -> QuerySet[Item]:
    return Item.objects.filter(permissions.visible_items(user))


def slug_of_address(text: str) -> str:
    """The slug in a library item's page address, or the text itself when it is already a slug."""
    path = urlsplit(text).path if "/" in text else text
    parts = [part for part in path.split("/") if part]
    return parts[-1] if parts else ""


def visible_items_named(user: Person, addresses: list[str]) -> tuple[list[Item], list[str]]:
    """The items named by page address or slug that this person may see, in the order named, and the names
    of those not found (or not visible to them)."""
    slugs = list(dict.fromkeys(slug for text in addresses if (slug := slug_of_address(text.strip()))))
    found = {item.slug: item for item in visible_items(user).filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found], [slug for slug in slugs if slug not in found]


def with_listing(items: QuerySet[Item]) -> QuerySet[Item]:
    """What a line in a list of items shows: authors, corporate authors, publisher."""
    return items.select_related("publisher").prefetch_related(
        Prefetch("authors", queryset=Author.objects.order_by("position")), "corporate_authors"
    )


def with_record(items: QuerySet[Item]) -> QuerySet[Item]:
    """Everything a full catalogue record shows or an export needs."""
    return (
        with_listing(items)
        .select_related("access_body", "created_by")
        .prefetch_related(
            "concepts",
            "bodies",
            Prefetch("files", queryset=ItemFile.objects.only(*LIST_FILE_FIELDS).order_by("pk")),
        )
    )


def item_titled(title: str) -> Item | None:
    """The first item with this exact title, whoever may see it (for demo data that cites a known document)."""
    return Item.objects.filter(title=title).order_by("pk").first()


def item_detail(slug: str, user: Person) -> Item:
    """The item with everything its page shows; Item.DoesNotExist when missing or not visible to this person."""
    return with_record(visible_items(user)).get(slug=slug)


def item_revisions(item: Item, limit: int = 20) -> list[ItemRevision]:
    return list(item.revisions.select_related("changed_by")[:limit])


@dataclass(frozen=True)
class ItemFilters:
    kind: str = ""
    year: int | None = None
    language: str = ""
    concept: str = ""
    country: str = ""
    q: str = ""


def item_list(user: Person, filters: ItemFilters | None = None) -> QuerySet[Item]:
    """Visible items, newest first, narrowed by the filters (a concept as "scheme:code" or a bare code)."""
    filters = filters or ItemFilters()
    items = visible_items(user)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.year:
        items = items.filter(year=filters.year)
    if filters.language:
        items = items.filter(language=filters.language.lower())
    if filters.concept:
        scheme, _sep, code = filters.concept.rpartition(":")
        concept_filter = Q(code=code) & (Q(scheme=scheme) if scheme else Q())
        # Subqueries rather than joins: no duplicate rows, so no DISTINCT, which kept the database from reading
        # the newest items through the index and sorted all of them instead (~1 s at 20,000 items).
        items = items.filter(
            pk__in=Item.concepts.through.objects.filter(
                concept__in=Concept.objects.filter(concept_filter)
            ).values("item_id")
        )
    if filters.country:
        items = items.filter(
            pk__in=ItemCountry.objects.filter(country=filters.country.upper()).values("item_id")
        )
    if filters.q:
        items = items.filter(Q(title__icontains=filters.q) | Q(subtitle__icontains=filters.q))
    return with_listing(items).order_by("-publication_date", "-pk")


def recent_items(user: Person, limit: int = 8) -> list[Item]:
    return list(with_listing(visible_items(user)).order_by("-created_at", "-pk")[:limit])


def most_read(user: Person, *, this_month: bool = False, limit: int = 5) -> list[Item]:
    """The most viewed visible items, all time or this month; each carries `reads` (views + downloads)."""
    use = MonthlyUse.objects.all()
    if this_month:
        use = use.filter(month=timezone.now().date().replace(day=1))
    totals = (
        use.filter(permissions.visible_through(user, "item__"))
        .values("item_id")
        .annotate(reads=Sum("views") + Sum("downloads"))
        .filter(reads__gt=0)
        .order_by("-reads", "item_id")[:limit]
    )
    counts = {row["item_id"]: row["reads"] for row in totals}
    items = {i.pk: i for i in with_listing(Item.objects.filter(pk__in=counts))}
    ranked = [items[pk] for pk in counts if pk in items]
    for item in ranked:
        item.reads = counts[item.pk]  # type: ignore[attr-defined]
    return ranked


def use_totals(item: Item) -> dict[str, int]:
    totals = item.monthly_use.aggregate(views=Sum("views"), downloads=Sum("downloads"))
    return {"views": totals["views"] or 0, "downloads": totals["downloads"] or 0}


def _newest_looked_up(field: str = "publication_date") -> OrderBy:
    """Newest first, undated last, in an ordering no index gives: for a few rows found through another index,
    which SQLite then looks up and sorts instead of walking the date index of the whole library for them."""
    return Coalesce(field, Value(datetime.date.min)).desc()


def body_items(user: Person, body: Body, limit: int = 6) -> list[Item]:
    """Items related to a body (or restricted to it), for the body's page.

    The newest of each kind of tie, merged: one query over the body's links and one over its restricted items,
    each through an index, instead of a DISTINCT over a join that reads every item (seconds at 20,000 items).
    """
    visible = visible_items(user)
    # The body's links first (few rows, through the link table's index) and sorted, not found by walking the
    # date index looking for them (the whole library when the body has fewer than six); its own items through
    # their index (library_item_body_pub_idx).
    links = Item.bodies.through.objects.filter(body=body).values("item_id")
    linked = visible.filter(pk__in=links).order_by(_newest_looked_up(), "-pk")
    restricted = visible.filter(access_body=body).order_by(F("publication_date").desc(nulls_last=True), "-pk")
    found = {item.pk: item for query in (linked, restricted) for item in query[:limit]}
    newest = sorted(
        found.values(), key=lambda item: (item.publication_date or datetime.date.min, item.pk), reverse=True
    )
    return newest[:limit]


#: Up to this many items about a country are looked up and sorted rather than found in the date index.
FEW_ITEMS = 1_000


#: How far a country's or region's items are counted: beyond, its profile says "more than" this many (counting
#: every item about India at 200,000 items, 14,290 of them, took ~50 ms on each first request after a change).
COUNTED_ITEMS = 1_000


def items_about_countries(user: Person, codes: list[str], limit: int = 8) -> tuple[list[Item], int, bool]:
    """The newest visible items about any of these countries, how many there are, and whether there are more
    than that many (the count stops at `COUNTED_ITEMS`).

    A country with few items is read through its rows (an ordering SQLite cannot take from the date index, so it
    looks those items up and sorts them); one with many through the date index, where the newest come first.
    Walking the date index for a country with no items read the whole library.
    """
    rows = ItemCountry.objects.filter(country__in=[code.upper() for code in codes])
    items = visible_items(user).filter(pk__in=rows.values("item_id"))
    if rows[:FEW_ITEMS].count() < FEW_ITEMS:
        order: tuple[Any, ...] = (_newest_looked_up(), "-pk")
    else:
        order = (F("publication_date").desc(nulls_last=True), "-pk")
    newest = list(with_listing(items).order_by(*order)[:limit])
    if len(newest) < limit:
        return newest, len(newest), False
    counted = items[: COUNTED_ITEMS + 1].count()
    return newest, min(counted, COUNTED_ITEMS), counted > COUNTED_ITEMS


def collections(user: Person) -> QuerySet[Collection]:
    """Reading lists with the number of their items this person may see."""
    visible = permissions.visible_through(user, "entries__item__")
    return Collection.objects.select_related("owner_body").annotate(
        item_count=Count("entries", filter=visible or None, distinct=True)
    )


def collection_detail(slug: str, user: Person) -> Collection:
    """A collection with its entries in order, only the items this person may see."""
    entries = (
        CollectionEntry.objects.filter(item__in=visible_items(user))
        .select_related("item__publisher")
        .prefetch_related(
            Prefetch("item__authors", queryset=Author.objects.order_by("position")), "item__corporate_authors"
        )
        .order_by("position", "pk")
    )
    return (
        Collection.objects.select_related("owner_body")
        .prefetch_related(Prefetch("entries", queryset=entries, to_attr="visible_entries"))
        .get(slug=slug)
    )


def curated_collections(user: Person) -> QuerySet[Collection]:
    """The collections this person keeps (to offer "add to collection")."""
    if is_secretariat(user):
        return Collection.objects.order_by("title")
    return Collection.objects.filter(owner_body_id__in=chaired_body_ids(user)).order_by("title")
