"""Schemas of the library API: items with their authors, concepts and files, and collections."""

import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import InputSchema, Year
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.versions import VersionedIn, VersionedOut
from alliance87.library.models import Access, Collection, Item, ItemFile, ItemKind
from alliance87.partners.schemas import OrganisationRef


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
    provenance: ProvenanceOut = PROVENANCE_FIELD
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


class ItemDetailOut(ItemOut, VersionedOut):
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
    year: Year | None = Field(None, description="Taken from the date when only the date is sent.")
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


class ItemChangeIn(ItemIn, VersionedIn):
    pass


class ItemsQuery(Schema):
    kind: ItemKind | None = None
    year: Year | None = None
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
