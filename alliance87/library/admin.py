"""The library in Django's admin, for administrators only (core.admin restricts the site); people use the library
pages, where the services check every change.

What the admin saves goes the same way as the pages' changes where it matters: identifiers are normalised, the
country rows follow the item's countries, each edit is kept in the item's history, and the search index is told.
Files are uploaded, removed and extracted through the item pages; here their extraction can only be read or run
again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alliance87.core.forms import EmptyChoiceLabels

from . import identifiers
from .models import (
    Access,
    Author,
    Collection,
    CollectionEntry,
    Concept,
    IndexChange,
    Item,
    ItemCountry,
    ItemFile,
    ItemRevision,
    MonthlyUse,
)
from .search import record_change
from .search.changes import record_changes
from .services import _delete_stored, snapshot
from .tasks import extract_text


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the platform keeps by itself (history, use counts, the index log): to look at, not to change."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- vocabularies ------------------------------------------------------------------------------------------


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["label", "scheme", "code", "position"]
    list_filter = ["scheme"]
    search_fields = ["label", "code"]
    ordering = ["scheme", "position", "label"]

    def save_model(self, request: HttpRequest, obj: Concept, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            # The search index holds the labels in every language: the items with this subject are indexed again.
            record_changes(obj.items.values_list("pk", flat=True))


# --- items -------------------------------------------------------------------------------------------------


class AuthorInline(admin.TabularInline):
    model = Author
    extra = 0
    fields = ["position", "family_name", "given_names"]
    ordering = ["position"]


def download_link(item_file: ItemFile) -> str:
    """Through the download page, which applies the item's access rule, never the storage's own address."""
    if not item_file.pk:
        return "-"
    url = reverse("library:file_download", args=[item_file.pk])
    return format_html('<a href="{}">{}</a>', url, item_file.original_name)


class ItemFileInline(admin.TabularInline):
    """An item's files and how their text extraction went; files are attached and removed on the item page."""

    model = ItemFile
    extra = 0
    can_delete = False
    show_change_link = True
    fields = [
        "download",
        "content_type",
        "size",
        "extraction_status",
        "page_count",
        "extraction_message",
        "uploaded_by",
        "created_at",
    ]
    readonly_fields = fields  # type: ignore[assignment]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("file"))
    def download(self, obj: ItemFile) -> str:
        return download_link(obj)


class ItemCollectionEntryInline(admin.TabularInline):
    model = CollectionEntry
    extra = 0
    fields = ["collection", "position", "note"]
    raw_id_fields = ["collection"]
    verbose_name = _("collection entry")
    verbose_name_plural = _("in collections")


def _normalised(normalise: Callable[[Any], Any], value: Any) -> Any:
    try:
        return normalise(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


def _text_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise forms.ValidationError(_('Give a list of texts, e.g. ["GB", "FR"].'))
    return value


class ItemAdminForm(EmptyChoiceLabels, forms.ModelForm):
    """Identifiers, language, keywords and countries in the form the pages and the search index expect."""

    class Meta:
        model = Item
        fields = "__all__"  # noqa: DJ007 - the admin edits every catalogue field

    def clean_isbn(self) -> str:
        return _normalised(identifiers.normalise_isbn, self.cleaned_data["isbn"])

    def clean_issn(self) -> str:
        return _normalised(identifiers.normalise_issn, self.cleaned_data["issn"])

    def clean_doi(self) -> str:
        return _normalised(identifiers.normalise_doi, self.cleaned_data["doi"])

    def clean_language(self) -> str:
        return _normalised(identifiers.normalise_language, self.cleaned_data["language"])

    def clean_countries(self) -> list[str]:
        return _normalised(identifiers.normalise_countries, _text_list(self.cleaned_data["countries"]))

    def clean_keywords(self) -> list[str]:
        return _normalised(identifiers.normalise_keywords, _text_list(self.cleaned_data["keywords"]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("access") != Access.BODY:
            cleaned["access_body"] = None  # only body-restricted items name a body, as on the pages
        return cleaned


def _delete_stored_files(item_ids: list[int]) -> None:
    """Once the deletion is committed, remove the items' files from storage (as services.delete_item does)."""
    names = list(ItemFile.objects.filter(item_id__in=item_ids).values_list("file", flat=True))
    transaction.on_commit(lambda: _delete_stored(names))


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    form = ItemAdminForm
    list_display = ["title", "kind", "year", "language", "access", "access_body", "file_count", "is_demo"]
    list_filter = ["kind", "access", "language", "is_demo", "year"]
    list_select_related = ["access_body"]
    search_fields = ["title", "subtitle", "slug", "isbn", "doi", "authors__family_name", "publisher_name"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["publisher", "access_body"]
    filter_horizontal = ["corporate_authors", "concepts", "bodies"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [AuthorInline, ItemFileInline, ItemCollectionEntryInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Item]:
        return super().get_queryset(request).annotate(file_total=Count("files", distinct=True))

    @admin.display(description=_("files"), ordering="file_total")
    def file_count(self, obj: Item) -> int:
        return obj.file_total  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Item, form: Any, change: bool) -> None:
        obj._admin_before = snapshot(Item.objects.get(pk=obj.pk)) if change else {}  # type: ignore[attr-defined]
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """After the authors and relations are saved: country rows, the edit history and the search index."""
        super().save_related(request, form, formsets, change)
        item: Item = form.instance
        item.country_rows.exclude(country__in=item.countries).delete()
        existing = set(item.country_rows.values_list("country", flat=True))
        ItemCountry.objects.bulk_create(
            ItemCountry(item=item, country=code) for code in item.countries if code not in existing
        )
        before = getattr(item, "_admin_before", {})
        after = snapshot(Item.objects.select_related("publisher", "access_body").get(pk=item.pk))
        changed = [
            field for field, value in after.items() if before.get(field) != value and (before or value)
        ]
        if changed:
            ItemRevision.objects.create(
                item=item,
                changed_by=request.user,  # type: ignore[misc]
                snapshot=after,
                changed_fields=changed,
            )
        record_change(item.pk)

    def delete_model(self, request: HttpRequest, obj: Item) -> None:
        item_id = obj.pk
        _delete_stored_files([item_id])
        super().delete_model(request, obj)
        record_change(item_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        item_ids = list(queryset.values_list("pk", flat=True))
        _delete_stored_files(item_ids)
        super().delete_queryset(request, queryset)
        for item_id in item_ids:
            record_change(item_id)


@admin.register(ItemFile)
class ItemFileAdmin(admin.ModelAdmin):
    """Files and their extraction, to find the ones that could not be read; the text can be extracted again."""

    list_display = [
        "original_name",
        "item",
        "content_type",
        "size",
        "extraction_status",
        "page_count",
        "created_at",
    ]
    list_filter = ["extraction_status", "content_type", "is_demo"]
    list_select_related = ["item"]
    search_fields = ["original_name", "description", "sha256", "item__title"]
    readonly_fields = [
        "item",
        "download",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "extraction_status",
        "extraction_message",
        "page_count",
        "extracted_text",
        "uploaded_by",
        "is_demo",
        "created_at",
        "updated_at",
    ]
    fields = ["description", *readonly_fields]
    actions = ["extract_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # removed on the item page, which also removes the stored file and updates the index

    def save_model(self, request: HttpRequest, obj: ItemFile, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_change(obj.item_id)

    @admin.display(description=_("file"))
    def download(self, obj: ItemFile) -> str:
        return download_link(obj)

    @admin.action(description=_("Extract the text of the selected files again"))
    def extract_again(self, request: HttpRequest, queryset: QuerySet[ItemFile]) -> None:
        file_ids = list(queryset.values_list("pk", flat=True))
        for file_id in file_ids:
            extract_text.enqueue(file_id=file_id)
        self.message_user(
            request,
            ngettext(
                "The text of %(count)d file will be extracted again.",
                "The text of %(count)d files will be extracted again.",
                len(file_ids),
            )
            % {"count": len(file_ids)},
            messages.SUCCESS,
        )


# --- collections -------------------------------------------------------------------------------------------


class CollectionEntryInline(admin.TabularInline):
    model = CollectionEntry
    extra = 0
    fields = ["position", "item", "note"]
    raw_id_fields = ["item"]
    ordering = ["position"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_body", "entry_count", "is_demo", "updated_at"]
    list_filter = ["is_demo", "owner_body"]
    list_select_related = ["owner_body"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["owner_body"]
    inlines = [CollectionEntryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Collection]:
        return super().get_queryset(request).annotate(entry_total=Count("entries", distinct=True))

    @admin.display(description=_("items"), ordering="entry_total")
    def entry_count(self, obj: Collection) -> int:
        return obj.entry_total  # type: ignore[attr-defined]


# --- what the platform records by itself -------------------------------------------------------------------


@admin.register(ItemRevision)
class ItemRevisionAdmin(ReadOnlyAdmin):
    list_display = ["item", "changed_by", "changed_at", "changed_fields"]
    list_select_related = ["item", "changed_by"]
    search_fields = ["item__title"]
    date_hierarchy = "changed_at"


@admin.register(MonthlyUse)
class MonthlyUseAdmin(ReadOnlyAdmin):
    list_display = ["item", "month", "views", "downloads"]
    list_select_related = ["item"]
    search_fields = ["item__title"]
    date_hierarchy = "month"


@admin.register(IndexChange)
class IndexChangeAdmin(ReadOnlyAdmin):
    """The search index's change log: a change long unprocessed means the task worker is not running."""

    list_display = ["item_id", "changed_at", "processed_at"]
    list_filter = [("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["=item_id"]
