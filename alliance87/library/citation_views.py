"""Citation downloads (one item or a result list, as BibTeX, RIS or CSL-JSON) and the bulk import page.

Only items the person may see are ever exported: a single item they may not see is "not found", and a list is
drawn from the search, which applies the same rule. Importing is for those who may add items.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from alliance87.accounts.types import Person, signed_in
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.core.imports import see_job, start_import

from . import citations, imports
from .citation_import import CitationFormat
from .citations import CitationRecord
from .models import Access, Item
from .permissions import can_add_items
from .search import search
from .search.params import query_from_params
from .search.types import MAX_PAGE_SIZE
from .selectors import visible_items

MAX_EXPORT_ITEMS = 1000
MAX_UPLOAD_BYTES = imports.MAX_UPLOAD_BYTES


class ExportFormat:
    def __init__(self, extension: str, content_type: str, write: Callable[[Iterable[CitationRecord]], str]):
        self.extension = extension
        self.content_type = content_type
        self.write = write


FORMATS = {
    "bibtex": ExportFormat("bib", "application/x-bibtex; charset=utf-8", citations.to_bibtex),
    "ris": ExportFormat("ris", "application/x-research-info-systems; charset=utf-8", citations.to_ris),
    "csl": ExportFormat(
        "json", "application/vnd.citationstyles.csl+json; charset=utf-8", citations.to_csl_json
    ),
}


def _download(items: Iterable[Item], export_format: ExportFormat, name: str) -> HttpResponse:
    text = export_format.write(citations.record_from_item(item) for item in items)
    response = HttpResponse(text.encode("utf-8"), content_type=export_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format.extension}"'
    return response


def _item_export(format_name: str) -> Callable[[HttpRequest, str], HttpResponse]:
    export_format = FORMATS[format_name]

    @require_GET
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        items = citations.citation_queryset(visible_items(request.user))
        item = get_object_or_404(items, slug=slug)
        return _download([item], export_format, item.slug)

    view.__name__ = f"item_{format_name}"
    return view


def result_items(params: QueryDict, *, user: Person) -> list[Item]:
    """The items of a search (the search page's parameters), in its order, at most MAX_EXPORT_ITEMS, among those
    this person may see."""
    query = dataclasses.replace(query_from_params(params), page_size=MAX_PAGE_SIZE)
    item_ids: list[int] = []
    page = 1
    while len(item_ids) < MAX_EXPORT_ITEMS:
        results = search(dataclasses.replace(query, page=page), user=user)
        item_ids += [hit.item_id for hit in results.hits]
        if not results.hits or len(item_ids) >= results.total:
            break
        page += 1
    item_ids = item_ids[:MAX_EXPORT_ITEMS]
    by_id = citations.citation_queryset(visible_items(user).filter(pk__in=item_ids)).in_bulk()
    return [by_id[pk] for pk in item_ids if pk in by_id]


def _list_export(format_name: str) -> Callable[[HttpRequest], HttpResponse]:
    export_format = FORMATS[format_name]

    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return _download(result_items(request.GET, user=request.user), export_format, "library-export")

    view.__name__ = f"export_{format_name}"
    return view


# --- import ------------------------------------------------------------------------------------------------

EXTENSIONS = imports.EXTENSIONS


class CitationUploadForm(EmptyChoiceLabels, forms.Form):
    citation_file = forms.FileField(
        label=gettext_lazy("File (BibTeX .bib, RIS .ris or CSV .csv)"),
        help_text=gettext_lazy("At most 5 MB of UTF-8 text."),
        widget=forms.ClearableFileInput(attrs={"accept": ".bib,.ris,.csv,text/plain,text/csv"}),
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("From the file name")), *CitationFormat.choices],
        required=False,
    )
    access = forms.ChoiceField(
        label=gettext_lazy("Who may see the new items"),
        choices=[(Access.PUBLIC.value, Access.PUBLIC.label), (Access.PARTNERS.value, Access.PARTNERS.label)],
        initial=Access.PUBLIC,
    )

    def clean_citation_file(self) -> tuple[str, str]:
        upload = self.cleaned_data["citation_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload.name or "", imports.decode_citation_file(data)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "citation_file" in cleaned and not cleaned.get("file_format"):
            name = cleaned["citation_file"][0].lower()
            detected = next((fmt for ext, fmt in EXTENSIONS.items() if name.endswith(ext)), None)
            if detected is None:
                self.add_error(
                    "file_format", _("Choose the format: the file name does not end in .bib, .ris or .csv.")
                )
            else:
                cleaned["file_format"] = detected
        return cleaned


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """The upload form; a valid file becomes a background import, and the answer is its page (303)."""
    user = request.user
    if not signed_in(user) or not can_add_items(user):
        raise PermissionDenied
    form = CitationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["citation_file"]
        try:
            job = start_import(
                by=user,
                kind=imports.KIND,
                file_name=name,
                content=text.encode("utf-8"),
                options={
                    "file_format": form.cleaned_data["file_format"],
                    "access": form.cleaned_data["access"],
                },
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return see_job(job)
    context: dict[str, Any] = {"form": form, "csv_columns": citations.CSV_COLUMNS}
    return render(request, "library/citations/import.html", context, status=400 if form.errors else 200)


urlpatterns: list[URLPattern] = [
    path("cite/<slug:slug>.bib", _item_export("bibtex"), name="item_bibtex"),
    path("cite/<slug:slug>.ris", _item_export("ris"), name="item_ris"),
    path("cite/<slug:slug>.json", _item_export("csl"), name="item_csl"),
    path("export.bib", _list_export("bibtex"), name="export_bibtex"),
    path("export.ris", _list_export("ris"), name="export_ris"),
    path("export.json", _list_export("csl"), name="export_csl"),
    path("import/", import_page, name="citation_import"),
]
