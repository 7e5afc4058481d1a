"""The review queue: the values a person may approve or return, and those decisions."""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.models import User
from alliance87.accounts.types import SignedInRequest
from alliance87.core.form_views import flash_outcome

from .. import selectors, services
from ..forms import ReviewForm
from ..models import IndicatorValue
from ..permissions import can_edit_plan


@login_required
def review_queue(request: SignedInRequest) -> HttpResponse:
    pending = selectors.pending_values_for(request.user)
    return render(request, "plans/review.html", {"pending": pending, "review_form": ReviewForm()})


def _review_redirect(request: HttpRequest, value: IndicatorValue) -> HttpResponse:
    if request.POST.get("next") == "indicator":
        return redirect(value.period.indicator)
    return redirect("plans:review")


def _reviewed_value(pk: int) -> IndicatorValue:
    return get_object_or_404(IndicatorValue.objects.select_related("period__indicator__node__plan"), pk=pk)


class _Decision(Protocol):
    """A reviewer's decision on a submitted value: `services.reporting.approve_value` or `services.reporting.return_value`."""

    def __call__(
        self, *, value: IndicatorValue, by: User, comment: str, expected_version: int | None
    ) -> IndicatorValue: ...


def _review(request: SignedInRequest, pk: int, decide: _Decision, *, success: str) -> HttpResponse:
    """Approve or return a value with the reviewer's comment, then go back to where the review was made."""
    value = _reviewed_value(pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    flash_outcome(
        request,
        lambda: decide(
            value=value,
            by=request.user,
            comment=form.cleaned_data.get("comment", ""),
            expected_version=form.cleaned_data.get("version"),
        ),
        success=success,
        show_refusal=can_edit_plan(request.user, value.period.indicator.node.plan),
    )
    return _review_redirect(request, value)


@login_required
@require_POST
def approve_value(request: SignedInRequest, pk: int) -> HttpResponse:
    success = _("The value has been approved and now counts in the progress verdict.")
    return _review(request, pk, services.reporting.approve_value, success=success)


@login_required
@require_POST
def return_value(request: SignedInRequest, pk: int) -> HttpResponse:
    success = _("The value has been returned to the reporters with your comment.")
    return _review(request, pk, services.reporting.return_value, success=success)
