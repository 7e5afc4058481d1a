"""Partner directory, organisation pages, applying to join and the Secretariat's review queue.

bodies builds on partners, so nothing here imports bodies: what the directory shows of Action Groups comes from
partners' selectors, through the reverse relation of role terms.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.concurrency import STALE, version_of
from alliance87.core.forms import apply_validation_error
from alliance87.core.history import Source, render_history
from alliance87.core.paginator import BoundedPaginator
from alliance87.core.ratelimits import TooManyRequests, count_attempt

from . import selectors, services
from .forms import ApplicationForm, DirectoryFilterForm, OrganisationEditForm, OrganisationForm, RejectForm
from .models import Organisation, OrganisationMembership, PartnerApplication
from .permissions import can_create_organisation, can_edit_organisation, can_review_applications

PAGE_SIZE = 25


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, action_groups=selectors.action_groups())
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DirectoryFilters(
        q=cleaned.get("q", ""),
        type=cleaned.get("type", ""),
        country=cleaned.get("country", ""),
        body=cleaned.get("body", ""),
    )
    organisations = selectors.with_current_group_terms(selectors.directory(filters))
    # Counted to a bound: "N organisations" read every matching partner (20,000 at ten times the large data set).
    page = BoundedPaginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "partners/includes/directory_results.html"
        if getattr(request, "htmx", False)
        else "partners/directory.html"
    )
    return render(request, template, {"form": form, "page_obj": page, "organisations": page.object_list})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = selectors.organisation_detail(slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    terms = list(organisation.role_terms.all())
    return render(
        request,
        "partners/organisation.html",
        {
            "organisation": organisation,
            "current_terms": [t for t in terms if t.is_current],
            "past_terms": [t for t in terms if not t.is_current],
            "can_edit": can_edit_organisation(request.user, organisation),
            "focal_points": [m for m in organisation.people.all() if m.is_focal_point]
            if request.user.is_authenticated
            else [],
        },
    )


@login_required
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed the organisation's profile and its people, and when (for those who may edit it)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    return render_history(
        request,
        subject=organisation.name,
        back_url=organisation.get_absolute_url(),
        sources=[
            Source(Organisation, Q(id=organisation.pk)),
            Source(OrganisationMembership, Q(organisation_id=organisation.pk)),
        ],
    )


@login_required
def organisation_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationEditForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation,
                by=request.user,
                values=services.OrganisationInput.of(form.profile()),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            if getattr(error, "code", None) == STALE:
                form.show_version(version_of(Organisation.objects.get(pk=organisation.pk)))
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def organisation_create(request: SignedInRequest) -> HttpResponse:
    if not can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(
                by=request.user, values=services.OrganisationInput.of(form.cleaned_data)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The organisation has been added to the directory."))
            return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": None})


def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "accept_terms"}
        try:
            count_attempt(request, action="partner_application", key=data["contact_email"])
            services.submit_application(values=services.ApplicationInput.of(data), language=get_language())
        except TooManyRequests as refused:
            form.add_error(None, str(refused))
            status = 429
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("partners:apply_thanks")
    return render(request, "partners/apply.html", {"form": form}, status=status)


def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/apply_thanks.html")


def apply_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: GET shows a button and POST confirms (mail scanners confirm nothing)."""
    try:
        application = services.application_for_token(token)
    except ValidationError as error:
        return render(request, "partners/apply_confirm.html", {"error": error.messages[0]}, status=400)
    if request.method == "POST":
        try:
            application = services.confirm_application(token=token, language=get_language())
        except ValidationError as error:
            return render(request, "partners/apply_confirm.html", {"error": error.messages[0]}, status=400)
        return render(request, "partners/apply_confirm.html", {"application": application, "confirmed": True})
    return render(request, "partners/apply_confirm.html", {"application": application})


def _require_reviewer(request: HttpRequest) -> None:
    if not can_review_applications(request.user):
        raise PermissionDenied


@login_required
def applications(request: SignedInRequest) -> HttpResponse:
    _require_reviewer(request)
    return render(
        request,
        "partners/applications.html",
        {"pending": selectors.pending_applications(), "decided": selectors.decided_applications()[:50]},
    )


@login_required
def application_detail(
    request: SignedInRequest, pk: int, reject_form: RejectForm | None = None
) -> HttpResponse:
    _require_reviewer(request)
    application = get_object_or_404(
        PartnerApplication.objects.select_related("decided_by", "organisation"), pk=pk
    )
    return render(
        request,
        "partners/application.html",
        {"application": application, "reject_form": reject_form or RejectForm()},
        status=400 if reject_form is not None else 200,
    )


@login_required
@require_POST
def approve(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    application = get_object_or_404(PartnerApplication, pk=pk)
    try:
        organisation = services.approve_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    messages.success(
        request,
        _("%(name)s is now a partner. Its focal point has been invited by e-mail.")
        % {"name": organisation.name},
    )
    return redirect("partners:applications")


@login_required
@require_POST
def reject(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_reviewer(request)
    application = get_object_or_404(PartnerApplication, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return application_detail(request, pk, reject_form=form)
    try:
        services.reject_application(
            application=application,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    messages.success(request, _("The application has been rejected and the applicant told why."))
    return redirect("partners:applications")
