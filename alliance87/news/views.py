"""News pages: the list with its filters, a post with its other-language versions, writing posts, officers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.bodies.models import Body
from alliance87.core.forms import apply_validation_error
from alliance87.core.history import Source, render_history
from alliance87.core.paginator import BoundedPaginator
from alliance87.countries.models import PathfinderCountry

from . import selectors, services
from .forms import OfficerForm, PostFilterForm, PostForm
from .models import CommunicationOfficer, Post
from .permissions import can_manage_officers, can_write_news

PAGE_SIZE = 10


def post_list(request: HttpRequest) -> HttpResponse:
    form = PostFilterForm(
        request.GET or None,
        tags=[(t.slug, t.name) for t in selectors.tags_in_use()],
        bodies=[(b.slug, b.name) for b in Body.objects.order_by("position", "name")],
        countries=[(c.code.lower(), str(c)) for c in PathfinderCountry.objects.all()],
    )
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = selectors.PostFilters(
        tag=cleaned.get("tag", ""),
        body=cleaned.get("body", ""),
        country=cleaned.get("country", ""),
        language=cleaned.get("language", ""),
    )
    # Counted to a bound: one post per story is a test per post, and every published post would be read to say
    # "page 1 of N" (50,000 at ten times the large data set).
    page = BoundedPaginator(
        selectors.post_list(request.user, filters, reader_language=selectors.current_language()), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "news/list.html",
        {
            "form": form,
            "page_obj": page,
            "posts": page.object_list,
            "can_write": can_write_news(request.user),
        },
    )


def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        post = selectors.post_detail(slug, request.user)
    except Post.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "news/detail.html",
        {
            "post": post,
            "other_versions": selectors.other_language_versions(post),
            "can_write": can_write_news(request.user),
        },
    )


@login_required
def post_create(request: SignedInRequest) -> HttpResponse:
    if not can_write_news(request.user):
        raise PermissionDenied
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(
                by=request.user,
                values=form.service_input(),
                image=form.cleaned_data.get("image") or None,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The post has been saved."))
            return redirect(post)
    return render(request, "news/post_form.html", {"form": form, "post": None})


@login_required
def post_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who wrote and changed the post, and when (for those who write news)."""
    if not can_write_news(request.user):
        raise PermissionDenied
    post = get_object_or_404(Post, slug=slug)
    return render_history(
        request, subject=post.title, back_url=post.get_absolute_url(), sources=[Source(Post, Q(id=post.pk))]
    )


@login_required
def post_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    if not can_write_news(request.user):
        raise PermissionDenied
    post = get_object_or_404(Post, slug=slug)
    form = PostForm(request.POST or None, request.FILES or None, instance=Post.objects.get(pk=post.pk))
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        try:
            post = services.update_post(
                post=post,
                by=request.user,
                values=form.service_input(),
                image=image or None,
                remove_image=image is False,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The post has been saved."))
            return redirect(post)
    return render(request, "news/post_form.html", {"form": form, "post": post})


@login_required
def officers(request: SignedInRequest) -> HttpResponse:
    if not can_manage_officers(request.user):
        raise PermissionDenied
    form = OfficerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.add_communication_officer(
                by=request.user,
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("%(person)s may now write news and send the newsletter.") % {"person": officer}
            )
            return redirect("news:officers")
    return render(
        request, "news/officers.html", {"form": form, "officers": selectors.communication_officers()}
    )


@login_required
@require_POST
def officer_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(CommunicationOfficer, pk=pk)
    services.remove_communication_officer(by=request.user, officer=officer)
    messages.success(request, _("%(person)s is no longer a communication officer.") % {"person": officer})
    return redirect("news:officers")
