"""Library items, their files and collections, over the same services and selectors as the library pages.

Reads take credentials optionally: an item restricted to partners or to one body's members is shown only to
them, and does not exist (404) for anyone else, on reads and writes alike.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alliance87.library import selectors, services
from alliance87.library.models import Access, Collection, Item, ItemFile, ItemKind
from alliance87.library.permissions import can_view_item
from alliance87.plans import services as plan_services
from alliance87.plans.models import ResultNode

from .auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from .errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from .pagination import LimitOffset
from .schemas import BodyRef, InputSchema, OrganisationRef, Patch, body_by_slug, organisation_by_slug

router = Router(tags=["library"])

#: Reads that take credentials optionally may still refuse a token that is sent and not accepted.
READER_ERRORS: dict[int, Any] = {401: ErrorOut, **READ_ERRORS}


# --- schemas -----------------------------------------------------------------------------------------------


class AuthorOut(Schema):
    family_name: str
    given_names: str


class ConceptOut(Schema):
    scheme: str
    code: str
    label: str


class FileOut(Schema):
    id: int
    name: str = Field(alias="original_name")
    content_type: str
    size: int = Field(description="Bytes.")
    sha256: str
    description: str
    extraction_status: str = Field(description="pending, done, empty (no text found) or failed.")
    extraction_message: str
    page_count: int | None
    download_url: str

    @staticmethod
    def resolve_download_url(item_file: ItemFile) -> str:
        return reverse("library:file_download", kwargs={"pk": item_file.pk})


class ItemOut(Schema):
    id: int
    slug: str
    kind: ItemKind
    title: str
    subtitle: str
    authors: list[AuthorOut] = Field(description="People, in the order of the title page.")
    corporate_authors: list[OrganisationRef]
    publication_date: datetime.date | None
    year: int | None
    language: str = Field(description="ISO 639-1 code.")
    access: Access
    url: str = Field(description="The item's page.")

    @staticmethod
    def resolve_authors(item: Item) -> list[Any]:
        return list(item.authors.all())

    @staticmethod
    def resolve_corporate_authors(item: Item) -> list[Any]:
        return list(item.corporate_authors.all())

    @staticmethod
    def resolve_url(item: Item) -> str:
        return item.get_absolute_url()


class ItemDetailOut(ItemOut):
    publisher: OrganisationRef | None
    publisher_name: str
    place_of_publication: str
    pages: str
    isbn: str
    issn: str
    doi: str
    source_url: str = Field(description="Where the item is published (its own web address).")
    abstract: str = Field(description="Markdown.")
    licence: str
    event_title: str
    event_place: str
    event_dates: str
    concepts: list[ConceptOut] = Field(description="Subjects from the controlled vocabularies.")
    keywords: list[str]
    countries: list[str] = Field(description="ISO 3166 alpha-2 codes.")
    bodies: list[BodyRef]
    results: list[int] = Field(description="Ids of related plan results.")
    access_body: str | None = Field(description="Slug of the body whose members may see the item.")
    files: list[FileOut]
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_source_url(item: Item) -> str:
        return item.url

    @staticmethod
    def resolve_concepts(item: Item) -> list[Any]:
        return list(item.concepts.all())

    @staticmethod
    def resolve_bodies(item: Item) -> list[Any]:
        return list(item.bodies.all())

    @staticmethod
    def resolve_results(item: Item) -> list[int]:
        return [node.pk for node in item.results.all()]

    @staticmethod
    def resolve_access_body(item: Item) -> str | None:
        return item.access_body.slug if item.access_body else None

    @staticmethod
    def resolve_files(item: Item) -> list[Any]:
        return list(item.files.all())


class AuthorIn(InputSchema):
    family_name: str
    given_names: str = ""


class ItemIn(InputSchema):
    kind: ItemKind
    title: str
    subtitle: str = ""
    authors: list[AuthorIn] = Field([], description="People, in the order of the title page.")
    corporate_authors: list[str] = Field([], description="Slugs of organisations.")
    publisher: str | None = Field(None, description="Slug of an organisation.")
    publisher_name: str = Field("", description="The publisher, when not in the directory.")
    publication_date: datetime.date | None = None
    year: int | None = Field(None, description="Taken from the date when only the date is sent.")
    place_of_publication: str = ""
    language: str = Field("en", description="ISO 639-1 code.")
    pages: str = ""
    isbn: str = Field("", description="ISBN-10 or ISBN-13; the check digit is verified.")
    issn: str = ""
    doi: str = Field("", description="e.g. 10.1000/xyz123 or https://doi.org/10.1000/xyz123")
    source_url: str = ""
    abstract: str = ""
    licence: str = ""
    event_title: str = ""
    event_place: str = ""
    event_dates: str = ""
    concepts: list[str] = Field(
        [], description='Subject codes as "scheme:code", e.g. "exploitation:forced-labour".'
    )
    keywords: list[str] = []
    countries: list[str] = Field([], description="ISO 3166 alpha-2 codes.")
    bodies: list[str] = Field([], description="Slugs of related bodies.")
    results: list[int] = Field([], description="Ids of related plan results.")
    access: Access = Access.PUBLIC
    access_body: str | None = Field(None, description="Slug of the body, when access is 'body'.")
    slug: str = Field("", description="Made from the title when empty.")


class ItemsQuery(Schema):
    kind: ItemKind | None = None
    year: int | None = None
    language: str = Field("", description="ISO 639-1 code.")
    concept: str = Field("", description='A subject code, "scheme:code" or just the code.')
    country: str = Field("", description="ISO 3166 alpha-2 code.")


class EntryOut(Schema):
    position: int
    note: str
    item: ItemOut


class CollectionOut(Schema):
    slug: str
    title: str
    description: str = Field(description="Markdown.")
    owner_body: BodyRef | None = Field(description="Empty: kept by the Secretariat.")
    item_count: int = Field(description="Items you may see.")
    url: str

    @staticmethod
    def resolve_url(collection: Collection) -> str:
        return collection.get_absolute_url()


class CollectionDetailOut(CollectionOut):
    entries: list[EntryOut]

    @staticmethod
    def resolve_item_count(collection: Collection) -> int:
        return len(collection.visible_entries)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_entries(collection: Collection) -> list[Any]:
        return list(collection.visible_entries)  # type: ignore[attr-defined]


# --- helpers -----------------------------------------------------------------------------------------------


def _item(request: HttpRequest, slug: str) -> Item:
    """The item with its whole record, or 404 when it does not exist or the caller may not see it."""
    try:
        return selectors.item_detail(slug, viewer(request))
    except Item.DoesNotExist:
        raise Http404 from None


def _record(item: Item) -> Item:
    """The item as just saved, with everything the detail schema shows."""
    return selectors.with_record(Item.objects.all()).get(pk=item.pk)


def _item_data(payload: dict[str, Any]) -> dict[str, Any]:
    """Slugs, codes and ids become records, as the service takes them."""
    data = dict(payload)
    if "source_url" in data:
        data["url"] = data.pop("source_url")
    if "authors" in data:
        data["authors"] = [(a["family_name"], a.get("given_names", "")) for a in data["authors"]]
    if "publisher" in data:
        data["publisher"] = organisation_by_slug(data["publisher"], field="publisher")
    if "access_body" in data:
        data["access_body"] = body_by_slug(data["access_body"], field="access_body")
    if "corporate_authors" in data:
        data["corporate_authors"] = [
            organisation_by_slug(slug, field="corporate_authors") for slug in data["corporate_authors"]
        ]
    if "bodies" in data:
        data["bodies"] = [body_by_slug(slug, field="bodies") for slug in data["bodies"]]
    if "concepts" in data:
        data["concepts"] = services.concepts_by_code(data["concepts"])
    if "results" in data:
        nodes = list(ResultNode.objects.filter(pk__in=data["results"]))
        if len(nodes) != len(set(data["results"])):
            raise ValidationError({"results": _("Some of these plan results do not exist.")})
        data["results"] = nodes
    if not data.get("slug"):
        data.pop("slug", None)
    return data


@transaction.atomic
def _save_item(request: HttpRequest, data: dict[str, Any], item: Item | None = None) -> Item:
    """The library saves the record; the plan results that link it are plans' to set (the same rule as there)."""
    results = data.pop("results", None)
    saved = services.save_item(by=caller(request), data=data, item=item)
    if results is not None:
        plan_services.link_item_to_results(item=saved, results=results, by=caller(request))
    return saved


# --- items -------------------------------------------------------------------------------------------------


@router.get(
    "/library/items",
    response={200: list[ItemOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_items(request: HttpRequest, filters: Query[ItemsQuery]) -> QuerySet[Item]:
    """The items you may see, newest first, with simple filters (full-text search: /library/search)."""
    return selectors.item_list(
        viewer(request),
        selectors.ItemFilters(
            kind=filters.kind or "",
            year=filters.year,
            language=filters.language,
            concept=filters.concept,
            country=filters.country,
        ),
    )


@router.get(
    "/library/items/{slug}",
    response={200: ItemDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_item(request: HttpRequest, slug: str) -> Item:
    """One item's full catalogue record with its files."""
    return _item(request, slug)


@router.post("/library/items", auth=PERSON, response={201: ItemDetailOut, **WRITE_ERRORS})
def create_item(request: HttpRequest, payload: ItemIn) -> Status[Item]:
    """Add an item (the Secretariat, chairs of bodies and focal points of partner organisations)."""
    item = _save_item(request, _item_data(payload.model_dump()))
    return Status(201, _record(item))


@router.patch("/library/items/{slug}", auth=PERSON, response={200: ItemDetailOut, **WRITE_ERRORS})
def update_item(request: HttpRequest, slug: str, payload: Patch[ItemIn]) -> Item:
    """Change an item (whoever added it, the Secretariat, chairs of its body); send only what changes."""
    item = _save_item(request, _item_data(payload), item=_item(request, slug))
    return _record(item)


@router.delete("/library/items/{slug}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_item(request: HttpRequest, slug: str) -> Status[None]:
    """Remove an item with its files (its editors)."""
    services.delete_item(item=_item(request, slug), by=caller(request))
    return Status(204, None)


@router.post("/library/items/{slug}/files", auth=PERSON, response={201: FileOut, **WRITE_ERRORS})
def upload_file(
    request: HttpRequest, slug: str, file: File[UploadedFile], description: Form[str] = ""
) -> Status[ItemFile]:
    """Attach a file (multipart form field "file"): PDF, DOCX, ODT, XLSX, TXT or CSV, judged by its content.

    Its text is extracted in the background: see `extraction_status` in the file's metadata.
    """
    item_file = services.attach_file(
        item=_item(request, slug), by=caller(request), uploaded_file=file, description=description
    )
    return Status(201, ItemFile.objects.get(pk=item_file.pk))


@router.get(
    "/library/files/{file_id}",
    response={200: FileOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_file(request: HttpRequest, file_id: int) -> ItemFile:
    """A file's metadata and extraction status; the file itself is at `download_url`."""
    item_file = get_object_or_404(ItemFile.objects.select_related("item"), pk=file_id)
    if not can_view_item(viewer(request), item_file.item):
        raise Http404
    return item_file


# --- collections -------------------------------------------------------------------------------------------


@router.get(
    "/library/collections",
    response={200: list[CollectionOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_collections(request: HttpRequest) -> QuerySet[Collection]:
    """Reading lists kept by the bodies and the Secretariat."""
    return selectors.collections(viewer(request)).order_by("title")


@router.get(
    "/library/collections/{slug}",
    response={200: CollectionDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_collection(request: HttpRequest, slug: str) -> Collection:
    """A reading list with its items in order (those you may see)."""
    try:
        return selectors.collection_detail(slug, viewer(request))
    except Collection.DoesNotExist:
        raise Http404 from None
