"""Library items, their files and collections, over the same services and selectors as the library pages.

Reads take credentials optionally: an item restricted to partners or to one body's members is shown only to
them, and does not exist (404) for anyone else, on reads and writes alike.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.bodies.schemas import body_by_slug
from alliance87.core.api.errors import CONFLICT_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.imports import ImportJobOut, job_out
from alliance87.core.api.links import link_setter
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.imports import start_import
from alliance87.library import imports as citation_jobs
from alliance87.library import selectors, services
from alliance87.library.api.schemas import (
    CollectionDetailOut,
    CollectionOut,
    FileOut,
    ItemChangeIn,
    ItemDetailOut,
    ItemIn,
    ItemOut,
    ItemsQuery,
)
from alliance87.library.citation_import import CitationFormat
from alliance87.library.models import Access, Collection, Item, ItemFile
from alliance87.library.permissions import can_view_item
from alliance87.partners.schemas import organisation_by_slug

router = Router()


# --- schemas -----------------------------------------------------------------------------------------------


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


def _result_model() -> Any:
    """plans.ResultNode, reached through the reverse relation: the library must not import plans (they import it)."""
    return Item.results.rel.related_model


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
        nodes = list(_result_model().objects.filter(pk__in=data["results"]))
        if len(nodes) != len(set(data["results"])):
            raise ValidationError({"results": _("Some of these plan results do not exist.")})
        data["results"] = nodes
    if not data.get("slug"):
        data.pop("slug", None)
    return data


@transaction.atomic
def _save_item(
    request: HttpRequest, data: dict[str, Any], item: Item | None = None, version: str | None = None
) -> Item:
    """The library saves the record; the plan results that link it are plans' to set (the same rule as there)."""
    results = data.pop("results", None)
    saved = services.save_item(
        by=caller(request), values=services.ItemInput.of(data), item=item, version=version
    )
    if results is not None:
        link_setter("library-item-results")(item=saved, results=results, by=caller(request))
    return saved


# --- items -------------------------------------------------------------------------------------------------


@router.get(
    "/items",
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
    "/items/{slug}",
    response={200: ItemDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_item(request: HttpRequest, slug: str) -> Item:
    """One item's full catalogue record with its files."""
    return _item(request, slug)


@router.post("/items", auth=PERSON, response={201: ItemDetailOut, **WRITE_ERRORS})
def create_item(request: HttpRequest, payload: ItemIn) -> Status[Item]:
    """Add an item (the Secretariat, chairs of bodies and focal points of partner organisations)."""
    item = _save_item(request, _item_data(payload.model_dump()))
    return Status(201, _record(item))


@router.patch("/items/{slug}", auth=PERSON, response={200: ItemDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS})
def update_item(request: HttpRequest, slug: str, payload: Patch[ItemChangeIn]) -> Item:
    """Change an item (whoever added it, the Secretariat, chairs of its body); send only what changes, and the
    `version` you read to be refused (409) rather than overwrite someone else's change."""
    version = payload.pop("version", None)
    item = _save_item(request, _item_data(payload), item=_item(request, slug), version=version)
    return _record(item)


@router.delete("/items/{slug}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_item(request: HttpRequest, slug: str) -> Status[None]:
    """Remove an item with its files (its editors)."""
    services.delete_item(item=_item(request, slug), by=caller(request))
    return Status(204, None)


@router.post("/items/{slug}/files", auth=PERSON, response={201: FileOut, **WRITE_ERRORS})
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


@router.post("/imports", auth=PERSON, response={202: ImportJobOut, **WRITE_ERRORS})
def import_citations(
    request: HttpRequest, file: File[UploadedFile], format: Form[str] = "", access: Form[str] = Access.PUBLIC
) -> Status[dict[str, Any]]:
    """Add items from a BibTeX, RIS or CSV file (multipart field `file`; `format` bibtex, ris or csv, else from
    the file name; `access` public or partners), all or none.

    Answers 202 at once with the import's record: GET its `url` until `state` is `done` (with `links` to the new
    items) or `failed` (with every problem by record and field; nothing saved).
    """
    if (file.size or 0) > citation_jobs.MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    data = file.read(citation_jobs.MAX_UPLOAD_BYTES + 1)
    if len(data) > citation_jobs.MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    try:
        citation_jobs.decode_citation_file(data)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    name = file.name or "upload"
    chosen = format or next(
        (f for ext, f in citation_jobs.EXTENSIONS.items() if name.lower().endswith(ext)), ""
    )
    if chosen not in CitationFormat.values:
        raise ValidationError({"format": _("Choose the format: bibtex, ris or csv.")})
    if access not in (Access.PUBLIC, Access.PARTNERS):
        raise ValidationError({"access": _("Imported items are public or for partners only.")})
    job = start_import(
        by=caller(request),
        kind=citation_jobs.KIND,
        file_name=name,
        content=data,
        options={"file_format": chosen, "access": access},
        via_api=True,
    )
    return Status(202, job_out(job))


@router.get(
    "/files/{file_id}",
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
    "/collections",
    response={200: list[CollectionOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_collections(request: HttpRequest) -> QuerySet[Collection]:
    """Reading lists kept by the bodies and the Secretariat."""
    return selectors.collections(viewer(request)).order_by("title")


@router.get(
    "/collections/{slug}",
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
