"""Pages to link a library item to a body as one of its governance documents, and to unlink it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.bodies.models import Body
from alliance87.core.form_views import handle_form

from .governance import can_link_governance_documents, link_governance_document, unlink_governance_document
from .models import GovernanceDocument, GovernanceRole, Item


class GovernanceLinkForm(forms.Form):
    item = forms.CharField(
        label=gettext_lazy("Library item"),
        max_length=500,
        help_text=gettext_lazy("The item's address in the library, or the last part of it (its slug)."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=GovernanceRole.choices)

    def clean_item(self) -> Item:
        text = self.cleaned_data["item"].strip().rstrip("/")
        slug = text.rsplit("/", 1)[-1]
        item = Item.objects.filter(slug=slug).first()
        if item is None:
            raise forms.ValidationError(_("There is no library item with this address."))
        return item


@login_required
def governance_link(request: SignedInRequest, body_slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=body_slug)
    if not can_link_governance_documents(request.user, body):
        raise PermissionDenied
    form = GovernanceLinkForm(request.POST or None)
    response = handle_form(
        request,
        form,
        lambda: link_governance_document(
            body=body, item=form.cleaned_data["item"], role=form.cleaned_data["role"], by=request.user
        ),
        success=_("The document is linked to the body."),
        to=body,
    )
    return response or render(request, "library/governance_form.html", {"body": body, "form": form})


@login_required
@require_POST
def governance_unlink(request: SignedInRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(GovernanceDocument.objects.select_related("body"), pk=pk)
    unlink_governance_document(link=link, by=request.user)
    messages.success(request, _("The document is no longer linked to the body."))
    return redirect(link.body)


urlpatterns: list[URLPattern] = [
    path("governance/<slug:body_slug>/link/", governance_link, name="governance_link"),
    path("governance/<int:pk>/unlink/", governance_unlink, name="governance_unlink"),
]
