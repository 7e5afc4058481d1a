"""Library pages: the home page, item records with their files, the forms to add and edit them, collections."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import Person, SignedInRequest
from alliance87.core.concurrency import add_version_field, is_stale, posted_version, show_current_version
from alliance87.core.files import file_response
from alliance87.core.forms import apply_validation_error
from alliance87.core.history import Source, render_history
from alliance87.core.storage import signed_download_url

from . import search, selectors, services
from .forms import AddToCollectionForm, CollectionForm, FileForm, ItemForm
from .models import Collection, Item, ItemFile
from .permissions import can_add_items, can_curate_collection, can_edit_item, can_view_item
from .use_counts import count_view

logger = logging.getLogger(__name__)

CITATION_FORMATS = (("item_bibtex", "BibTeX"), ("item_ris", "RIS"), ("item_csl", "CSL-JSON"))


def _item(request: HttpRequest, slug: str, *, edit: bool = False) -> Item:
    """The item, or 404 if it does not exist or this person may not see it; 403 if they may not change it."""
    try:
        item = selectors.item_detail(slug, request.user)
    except Item.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_item(request.user, item):
        raise PermissionDenied
    return item


@login_required
def item_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed the item's record and its files, and when (for those who may edit it)."""
    item = _item(request, slug, edit=True)
    return render_history(
        request,
        subject=item.title,
        back_url=item.get_absolute_url(),
        sources=[Source(Item, Q(id=item.pk)), Source(ItemFile, Q(item_id=item.pk))],
    )


def _collection(request: HttpRequest, slug: str, *, curate: bool = False) -> Collection:
    try:
        collection = selectors.collection_detail(slug, request.user)
    except Collection.DoesNotExist:
        raise Http404 from None
    if curate and not can_curate_collection(request.user, collection):
        raise PermissionDenied
    return collection


def _citation_links(item: Item) -> list[tuple[str, str]]:
    """Links to the citation exports, when the citation pages are installed."""
    links = []
    for name, label in CITATION_FORMATS:
        try:
            links.append((reverse(f"library:{name}", kwargs={"slug": item.slug}), label))
        except NoReverseMatch:
            continue
    return links


def _related_items(item: Item, user: Person) -> list[Item]:
    """Related items from the search index; the record page stays up if the index is unavailable."""
    related = getattr(search, "related_items", None)
    if related is None:
        return []
    try:
        return list(related(item, user=user))
    except Exception:  # an index being rebuilt or not yet created must not take the record page down
        logger.exception("Related items of %s could not be found", item.pk)
        return []


# --- home and items ----------------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "library/home.html",
        {
            "recent_items": selectors.recent_items(user),
            "most_read_month": selectors.most_read(user, this_month=True),
            "most_read_all": selectors.most_read(user),
            "collections": selectors.collections(user)[:8],
            "can_add": can_add_items(user),
        },
    )


def item_page(request: HttpRequest, slug: str) -> HttpResponse:
    item = _item(request, slug)
    user = request.user
    can_edit = can_edit_item(user, item)
    if request.method == "GET":
        count_view(item.slug)
    curated = selectors.curated_collections(user)
    return render(
        request,
        "library/item.html",
        {
            "item": item,
            "can_edit": can_edit,
            "revisions": selectors.item_revisions(item) if can_edit else [],
            "file_form": FileForm() if can_edit else None,
            "related_items": _related_items(item, user),
            "citation_links": _citation_links(item),
            "use": selectors.use_totals(item),
            "add_form": AddToCollectionForm(collections=curated) if curated.exists() else None,
            "in_collections": item.collections.order_by("title"),
        },
    )


@login_required
def item_create(request: SignedInRequest) -> HttpResponse:
    if not can_add_items(request.user):
        raise PermissionDenied
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(by=request.user, values=form.service_input())
        except ValidationError as error:
            apply_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The item has been added to the library. You may now attach its files.")
            )
            return redirect(item)
    return render(request, "library/item_form.html", {"form": form, "item": None})


@login_required
def item_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    item = _item(request, slug, edit=True)
    form = ItemForm(request.POST or None, instance=Item.objects.get(pk=item.pk))
    add_version_field(form, item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(
                by=request.user, values=form.service_input(), item=item, version=posted_version(form)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            if is_stale(error):
                show_current_version(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item has been saved."))
            return redirect(item)
    return render(request, "library/item_form.html", {"form": form, "item": item})


@login_required
def item_delete(request: SignedInRequest, slug: str) -> HttpResponse:
    item = _item(request, slug, edit=True)
    if request.method == "POST":
        services.delete_item(item=item, by=request.user)
        messages.success(request, _("The item has been removed from the library."))
        return redirect("library:home")
    return render(request, "library/item_delete.html", {"item": item})


# --- files -------------------------------------------------------------------------------------------------


@login_required
@require_POST
def file_upload(request: SignedInRequest, slug: str) -> HttpResponse:
    item = _item(request, slug, edit=True)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_file(
                item=item,
                by=request.user,
                uploaded_file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The file has been added; its text is being extracted for search."))
            return redirect(item)
    return render(request, "library/file_form.html", {"item": item, "file_form": form}, status=400)


def _visible_file(request: HttpRequest, pk: int) -> ItemFile:
    """The file, or 404 when it does not exist or its item is hidden from this person (existence not leaked)."""
    item_file = get_object_or_404(ItemFile.objects.select_related("item"), pk=pk)
    if not can_view_item(request.user, item_file.item):
        raise Http404
    return item_file


def file_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, to those who may see its item: a redirect to a short-lived signed link when it is in a bucket."""
    item_file = _visible_file(request, pk)
    signed = signed_download_url(
        item_file.file, filename=item_file.original_name, content_type=item_file.content_type
    )
    if signed:
        services.record_download(item=item_file.item)
        redirect_response = HttpResponseRedirect(signed)
        redirect_response["Cache-Control"] = "private, no-store"  # the link is personal and soon expires
        return redirect_response
    if not item_file.file.storage.exists(item_file.file.name):
        raise Http404
    services.record_download(item=item_file.item)
    return file_response(
        item_file.file,
        filename=item_file.original_name,
        content_type=item_file.content_type,
        private=item_file.item.access != "public",
    )


@login_required
@require_POST
def file_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    item_file = _visible_file(request, pk)
    services.delete_file(item_file=item_file, by=request.user)
    messages.success(request, _("The file has been removed."))
    return redirect(item_file.item)


# --- collections -------------------------------------------------------------------------------------------


def collection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/collection_list.html",
        {
            "collections": selectors.collections(request.user),
            "can_create": can_curate_collection(request.user),
        },
    )


def collection_page(request: HttpRequest, slug: str) -> HttpResponse:
    collection = _collection(request, slug)
    return render(
        request,
        "library/collection.html",
        {
            "collection": collection,
            "entries": collection.visible_entries,  # type: ignore[attr-defined]
            "can_curate": can_curate_collection(request.user, collection),
        },
    )


@login_required
def collection_edit(request: SignedInRequest, slug: str | None = None) -> HttpResponse:
    collection = _collection(request, slug, curate=True) if slug else None
    if collection is None and not can_curate_collection(request.user):
        raise PermissionDenied
    form = CollectionForm(request.POST or None, instance=collection, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.save_collection(
                by=request.user,
                values=form.service_input(),
                collection=collection,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The collection has been saved."))
            return redirect(collection)
    return render(request, "library/collection_form.html", {"form": form, "collection": collection})


@login_required
def collection_delete(request: SignedInRequest, slug: str) -> HttpResponse:
    collection = _collection(request, slug, curate=True)
    if request.method == "POST":
        services.delete_collection(collection=collection, by=request.user)
        messages.success(request, _("The collection has been removed."))
        return redirect("library:collections")
    return render(request, "library/collection_delete.html", {"collection": collection})


@login_required
@require_POST
def collection_add_from_item(request: SignedInRequest, slug: str) -> HttpResponse:
    """The item page's "add to collection" form: the collection is chosen in a list."""
    item = _item(request, slug)
    form = AddToCollectionForm(request.POST, collections=selectors.curated_collections(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your collections."))
        return redirect(item)
    collection = form.cleaned_data["collection"]
    try:
        services.add_to_collection(
            collection=collection,
            item=item,
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Added to the collection “%(title)s”.") % {"title": collection.title})
    return redirect(item)


def _entry_item(collection: Collection, item_pk: int) -> Item:
    return get_object_or_404(Item, pk=item_pk, collection_entries__collection=collection)


@login_required
@require_POST
def collection_remove(request: SignedInRequest, slug: str, item_pk: int) -> HttpResponse:
    collection = _collection(request, slug, curate=True)
    services.remove_from_collection(
        collection=collection,
        item=_entry_item(collection, item_pk),
        by=request.user,
    )
    messages.success(request, _("The item has been taken out of the collection."))
    return redirect(collection)


@login_required
@require_POST
def collection_move(request: SignedInRequest, slug: str, item_pk: int) -> HttpResponse:
    collection = _collection(request, slug, curate=True)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.move_in_collection(
        collection=collection,
        item=_entry_item(collection, item_pk),
        by=request.user,
        offset=offset,
    )
    return redirect(collection)


urlpatterns: list[URLPattern] = [
    path("", home, name="home"),
    path("new/", item_create, name="item_create"),
    path("files/<int:pk>/download/", file_download, name="file_download"),
    path("files/<int:pk>/delete/", file_delete, name="file_delete"),
    path("collections/", collection_list, name="collections"),
    path("collections/new/", collection_edit, name="collection_create"),
    path("collections/<slug:slug>/", collection_page, name="collection"),
    path("collections/<slug:slug>/edit/", collection_edit, name="collection_edit"),
    path("collections/<slug:slug>/delete/", collection_delete, name="collection_delete"),
    path("collections/<slug:slug>/items/<int:item_pk>/remove/", collection_remove, name="collection_remove"),
    path("collections/<slug:slug>/items/<int:item_pk>/move/", collection_move, name="collection_move"),
    path("<slug:slug>/", item_page, name="item"),
    path("<slug:slug>/edit/", item_edit, name="item_edit"),
    path("<slug:slug>/history/", item_history, name="item_history"),
    path("<slug:slug>/delete/", item_delete, name="item_delete"),
    path("<slug:slug>/files/", file_upload, name="file_upload"),
    path("<slug:slug>/collect/", collection_add_from_item, name="item_collect"),
]
