"""The list of bodies, requests to join them, and the Secretariat's editing of bodies and role terms.

A body's own page gathers plans, events, news and library items, so it lives in the home app.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.models import User
from alliance87.accounts.types import SignedInRequest
from alliance87.core.concurrency import add_version_field, posted_version
from alliance87.core.form_views import field_values, flash_outcome, handle_form
from alliance87.core.history import Source, render_history
from alliance87.partners.models import Organisation

from . import selectors, services
from .forms import BodyForm, DecisionForm, JoinRequestForm, RoleTermForm
from .models import Body, ChairRotationRule, MembershipRequest, RoleTerm
from .permissions import can_edit_structure, can_manage_body, can_request_membership


def body_list(request: HttpRequest) -> HttpResponse:
    bodies = list(selectors.bodies_overview())
    top_level = [b for b in bodies if b.parent_id is None]
    children: dict[int, list[Body]] = {}
    for body in bodies:
        if body.parent_id:
            children.setdefault(body.parent_id, []).append(body)
    for body in top_level:
        body.working_groups = children.get(body.pk, [])  # type: ignore[attr-defined]
    return render(
        request, "bodies/list.html", {"bodies": top_level, "can_edit": can_edit_structure(request.user)}
    )


@login_required
def join(request: SignedInRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    if not can_request_membership(request.user, organisation.pk):
        raise PermissionDenied
    form = JoinRequestForm(request.POST or None, bodies=selectors.bodies_open_to(organisation.pk))
    response = handle_form(
        request,
        form,
        lambda: services.request_membership(
            body=form.cleaned_data["body"],
            organisation=organisation,
            by=request.user,
            motivation=form.cleaned_data["motivation"],
        ),
        success=_("Your request has been sent to the group's chairs."),
        to=organisation,
    )
    return response or render(
        request,
        "bodies/join.html",
        {
            "form": form,
            "organisation": organisation,
            "requests": selectors.requests_of_organisations({organisation.pk}),
        },
    )


@login_required
def requests_inbox(request: SignedInRequest) -> HttpResponse:
    pending = selectors.pending_requests_for(request.user)
    return render(request, "bodies/requests.html", {"pending": pending, "decision_form": DecisionForm()})


def _decision_redirect(request: HttpRequest, membership_request: MembershipRequest) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if next_url == "body":
        return redirect(membership_request.body)
    return redirect("bodies:requests")


class _Decision(Protocol):
    """A chair's decision on a request to join: `services.approve_membership_request` or its decline."""

    def __call__(self, *, membership_request: MembershipRequest, by: User, comment: str) -> object: ...


def _decided_request(pk: int) -> MembershipRequest:
    return get_object_or_404(MembershipRequest.objects.select_related("body", "organisation"), pk=pk)


def _decide(
    request: SignedInRequest, membership_request: MembershipRequest, decide: _Decision, *, success: str
) -> HttpResponse:
    """Approve or decline a request with the chair's comment, then go back to where the decision was made."""
    form = DecisionForm(request.POST)
    form.is_valid()
    flash_outcome(
        request,
        lambda: decide(
            membership_request=membership_request,
            by=request.user,
            comment=form.cleaned_data.get("comment", ""),
        ),
        success=success,
    )
    return _decision_redirect(request, membership_request)


@login_required
@require_POST
def approve_request(request: SignedInRequest, pk: int) -> HttpResponse:
    membership_request = _decided_request(pk)
    success = _("%(organisation)s is now a member of %(body)s.") % {
        "organisation": membership_request.organisation.short_name,
        "body": membership_request.body.name,
    }
    return _decide(request, membership_request, services.approve_membership_request, success=success)


@login_required
@require_POST
def decline_request(request: SignedInRequest, pk: int) -> HttpResponse:
    success = _("The request has been declined and the organisation told why.")
    return _decide(request, _decided_request(pk), services.decline_membership_request, success=success)


@login_required
@require_POST
def withdraw_request(request: SignedInRequest, pk: int) -> HttpResponse:
    membership_request = get_object_or_404(MembershipRequest.objects.select_related("organisation"), pk=pk)
    flash_outcome(
        request,
        lambda: services.withdraw_membership_request(membership_request=membership_request, by=request.user),
        success=_("The request has been withdrawn."),
    )
    return redirect("bodies:join", organisation_slug=membership_request.organisation.slug)


@login_required
def body_edit(request: SignedInRequest, slug: str | None = None) -> HttpResponse:
    if not can_edit_structure(request.user):
        raise PermissionDenied
    body = get_object_or_404(Body, slug=slug) if slug else None
    form = BodyForm(request.POST or None, instance=Body.objects.get(pk=body.pk) if body else None)
    add_version_field(form, body)
    response = handle_form(
        request,
        form,
        lambda: services.save_body(
            by=request.user,
            values=services.BodyInput.of(field_values(form)),
            body=body,
            version=posted_version(form),
        ),
        success=_("The body has been saved."),
    )
    return response or render(request, "bodies/body_form.html", {"form": form, "body": body})


@login_required
def term_create(request: SignedInRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    if not (can_edit_structure(request.user) or can_manage_body(request.user, body)):
        raise PermissionDenied
    form = RoleTermForm(request.POST or None)

    def record() -> RoleTerm:
        try:
            return services.create_role_term(
                body=body, by=request.user, values=services.RoleTermInput.of(field_values(form))
            )
        except PermissionDenied:
            # A chair is let in above but may record only members: say so on the role field, not as a 403.
            message = _("Chairs may add members; other roles are assigned by the Secretariat.")
            raise ValidationError({"role": message}) from None

    response = handle_form(request, form, record, success=_("The role has been recorded."), to=body)
    return response or render(request, "bodies/term_form.html", {"form": form, "body": body, "term": None})


@login_required
def term_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(RoleTerm.objects.select_related("body", "organisation"), pk=pk)
    if not can_edit_structure(request.user):
        raise PermissionDenied
    form = RoleTermForm(request.POST or None, instance=RoleTerm.objects.get(pk=term.pk))
    response = handle_form(
        request,
        form,
        lambda: services.update_role_term(
            term=term, by=request.user, values=services.RoleTermInput.of(field_values(form))
        ),
        success=_("The role has been updated."),
        to=term.body,
    )
    context = {"form": form, "body": term.body, "term": term}
    return response or render(request, "bodies/term_form.html", context)


@login_required
@require_POST
def term_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(RoleTerm.objects.select_related("body"), pk=pk)
    services.delete_role_term(term=term, by=request.user)
    messages.success(request, _("The role term has been removed."))
    return redirect(term.body)


@login_required
def body_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed the body, its chair rotation rule and its role terms (chairs, members, representatives), and
    when."""
    body = get_object_or_404(Body, slug=slug)
    if not (can_edit_structure(request.user) or can_manage_body(request.user, body)):
        raise PermissionDenied
    return render_history(
        request,
        subject=body.name,
        back_url=body.get_absolute_url(),
        sources=[
            Source(Body, Q(id=body.pk)),
            Source(ChairRotationRule, Q(body_id=body.pk)),
            Source(RoleTerm, Q(body_id=body.pk)),
        ],
    )
