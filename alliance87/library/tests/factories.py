"""Library items, files and collections for the tests."""

from __future__ import annotations

import itertools
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from alliance87.library.models import Access, Collection, CollectionEntry, Item, ItemKind
from alliance87.library.samples import text_pdf

serial = itertools.count(1)


def make_item(**extra: Any) -> Item:
    """An item saved directly (no service), public unless told otherwise."""
    i = next(serial)
    fields: dict[str, Any] = {
        "kind": ItemKind.REPORT,
        "title": f"Report {i}",
        "slug": f"report-{i}",
        "year": 2020,
        "access": Access.PUBLIC,
    }
    fields.update(extra)
    return Item.objects.create(**fields)


def make_collection(**extra: Any) -> Collection:
    i = next(serial)
    fields: dict[str, Any] = {"title": f"Reading list {i}", "slug": f"reading-list-{i}"}
    fields.update(extra)
    return Collection.objects.create(**fields)


def add_entries(collection: Collection, *items: Item) -> None:
    start = collection.entries.count()
    for offset, item in enumerate(items):
        CollectionEntry.objects.create(collection=collection, item=item, position=start + offset)


def pdf_upload(name: str = "report.pdf", text: str = "Forced labour in supply chains.", **kwargs: Any):
    return SimpleUploadedFile(name, text_pdf([text], **kwargs), content_type="application/pdf")
