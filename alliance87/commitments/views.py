"""Commitments pages: the public register with its lights, a commitment's page, and the partner's forms."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.form_views import flash_outcome, handle_form
from alliance87.core.paginator import BoundedPaginator
from alliance87.partners.models import Organisation

from . import selectors, services
from .forms import CommitmentForm, DeliverableForm, RegisterFilterForm, ReportForm
from .models import Commitment, Deliverable, DeliverableReport
from .permissions import can_edit_commitment, can_record_commitments
from .status import Light

PAGE_SIZE = 25


def as_of_date(request: HttpRequest) -> datetime.date:
    """The "as of" date of a page: `?as_of=YYYY-MM-DD` when valid, today otherwise."""
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    as_of = as_of_date(request)
    filters = selectors.RegisterFilters(
        partner_type=cleaned.get("partner_type", ""),
        body=cleaned.get("body", ""),
        country=cleaned.get("country", ""),
        status=cleaned.get("status", ""),
    )
    rows = selectors.register(filters, as_of=as_of)
    page = BoundedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.light_counts(rows)
    return render(
        request,
        "commitments/register.html",
        {
            "form": form,
            "page_obj": page,
            "rows": page.object_list,
            "as_of": as_of,
            "counts": [(light, counts[light.value]) for light in Light],
            "can_record": can_record_commitments(request.user),
        },
    )


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        commitment = selectors.commitment_detail(pk)
    except Commitment.DoesNotExist:
        raise Http404 from None
    as_of = as_of_date(request)
    return render(
        request,
        "commitments/detail.html",
        {
            "commitment": commitment,
            "rows": selectors.deliverables_of(commitment, viewer=request.user, as_of=as_of),
            "as_of": as_of,
            "can_edit": can_edit_commitment(request.user, commitment),
        },
    )


@login_required
def commitment_create(request: SignedInRequest) -> HttpResponse:
    if not can_record_commitments(request.user):
        raise PermissionDenied
    initial = {}
    if slug := request.GET.get("organisation"):
        initial["organisation"] = Organisation.objects.filter(slug=slug).first()
    form = CommitmentForm(request.POST or None, user=request.user, initial=initial)
    response = handle_form(
        request,
        form,
        lambda: services.create_commitment(by=request.user, values=form.service_input()),
        success=_("The commitment has been recorded. Add its deliverables now."),
    )
    return response or render(request, "commitments/commitment_form.html", {"form": form, "commitment": None})


def _editable(request: SignedInRequest, pk: int) -> Commitment:
    commitment = get_object_or_404(Commitment.objects.select_related("organisation"), pk=pk)
    if not can_edit_commitment(request.user, commitment):
        raise PermissionDenied
    return commitment


@login_required
def commitment_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    commitment = _editable(request, pk)
    form = CommitmentForm(
        request.POST or None, user=request.user, instance=Commitment.objects.get(pk=commitment.pk)
    )
    response = handle_form(
        request,
        form,
        lambda: services.update_commitment(
            commitment=commitment, by=request.user, values=form.service_input()
        ),
        success=_("The commitment has been saved."),
    )
    return response or render(
        request, "commitments/commitment_form.html", {"form": form, "commitment": commitment}
    )


@login_required
@require_POST
def commitment_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    commitment = _editable(request, pk)
    services.delete_commitment(commitment=commitment, by=request.user)
    messages.success(request, _("The commitment has been deleted."))
    return redirect("commitments:register")


@login_required
def deliverable_create(request: SignedInRequest, pk: int) -> HttpResponse:
    commitment = _editable(request, pk)
    form = DeliverableForm(request.POST or None)
    response = handle_form(
        request,
        form,
        lambda: services.add_deliverable(commitment=commitment, by=request.user, values=form.service_input()),
        success=_("The deliverable has been added."),
        to=commitment,
    )
    return response or render(
        request,
        "commitments/deliverable_form.html",
        {"form": form, "commitment": commitment, "deliverable": None},
    )


def _editable_deliverable(request: SignedInRequest, pk: int) -> Deliverable:
    deliverable = get_object_or_404(Deliverable.objects.select_related("commitment__organisation"), pk=pk)
    if not can_edit_commitment(request.user, deliverable.commitment):
        raise PermissionDenied
    return deliverable


@login_required
def deliverable_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    deliverable = _editable_deliverable(request, pk)
    form = DeliverableForm(request.POST or None, instance=Deliverable.objects.get(pk=deliverable.pk))
    response = handle_form(
        request,
        form,
        lambda: services.update_deliverable(
            deliverable=deliverable, by=request.user, values=form.service_input()
        ),
        success=_("The deliverable has been saved."),
        to=deliverable.commitment,
    )
    return response or render(
        request,
        "commitments/deliverable_form.html",
        {"form": form, "commitment": deliverable.commitment, "deliverable": deliverable},
    )


@login_required
@require_POST
def deliverable_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    deliverable = _editable_deliverable(request, pk)
    flash_outcome(
        request,
        lambda: services.delete_deliverable(deliverable=deliverable, by=request.user),
        success=_("The deliverable has been deleted."),
    )
    return redirect(deliverable.commitment)


@login_required
def report_create(request: SignedInRequest, pk: int) -> HttpResponse:
    deliverable = _editable_deliverable(request, pk)
    taken = set(deliverable.reports.values_list("year", flat=True))
    first = deliverable.commitment.made_on.year
    years = [y for y in range(timezone.localdate().year, first - 1, -1) if y not in taken]
    form = ReportForm(request.POST or None, user=request.user, years=years)
    response = handle_form(
        request,
        form,
        lambda: services.record_report(
            deliverable=deliverable,
            year=form.cleaned_data["year"],
            by=request.user,
            values=form.service_input(),
        ),
        success=_("The report has been recorded."),
        to=deliverable.commitment,
    )
    return response or render(
        request,
        "commitments/report_form.html",
        {"form": form, "deliverable": deliverable, "report": None, "years": years},
    )


@login_required
def report_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        DeliverableReport.objects.select_related("deliverable__commitment__organisation"), pk=pk
    )
    if not can_edit_commitment(request.user, report.deliverable.commitment):
        raise PermissionDenied
    report.visible_evidence = selectors.visible_evidence(report, viewer=request.user)  # type: ignore[attr-defined]
    form = ReportForm(request.POST or None, user=request.user, years=[report.year], instance=report)
    response = handle_form(
        request,
        form,
        lambda: services.correct_report(report=report, by=request.user, values=form.service_input()),
        success=_("The report has been corrected."),
        to=report.deliverable.commitment,
    )
    return response or render(
        request,
        "commitments/report_form.html",
        {"form": form, "deliverable": report.deliverable, "report": report, "years": [report.year]},
    )
