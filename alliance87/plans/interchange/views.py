"""Exchange pages of a plan: the logframe workbook (template, export, import) and IATI XML (export, import).

Anyone who may see a plan may download its files; only its editors may upload. Uploads are checked for size and
type before any parser sees them, and every refusal is a message on the page, never a server error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from alliance87.accounts.types import signed_in
from alliance87.core.forms import EmptyChoiceLabels
from alliance87.core.imports import see_job, start_import

from ..models import Plan
from ..permissions import can_edit_plan, can_view_plan
from . import iati, jobs, xlsx

if TYPE_CHECKING:
    from alliance87.accounts.models import User

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XML_CONTENT_TYPE = "application/xml"


def _read_upload(upload: Any) -> bytes:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 5 MB.") % {"size": round(upload.size / 1024 / 1024, 1)}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    if not data:
        raise ValidationError(_("The file is empty."))
    return data


class WorkbookUploadForm(EmptyChoiceLabels, forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Filled logframe workbook (.xlsx)"),
        help_text=gettext_lazy("At most 5 MB. Start from the template or from the plan's export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + xlsx.XLSX_CONTENT_TYPE}),
    )

    def clean_workbook(self) -> bytes:
        data = _read_upload(self.cleaned_data["workbook"])
        xlsx.check_xlsx(data)
        return data


class IatiUploadForm(EmptyChoiceLabels, forms.Form):
    activity_file = forms.FileField(
        label=gettext_lazy("IATI activity file (.xml)"),
        help_text=gettext_lazy("At most 5 MB, IATI version 2.03. Only the results are imported."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def clean_activity_file(self) -> bytes:
        data = _read_upload(self.cleaned_data["activity_file"])
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise ValidationError(_("This file is not XML."))
        return data


def _plan(request: HttpRequest, slug: str, *, edit: bool = False) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("owner_body", "owner_country"), slug=slug)
    allowed = can_edit_plan(request.user, plan) if edit else can_view_plan(request.user, plan)
    if not allowed:
        raise PermissionDenied
    return plan


def _editor(request: HttpRequest) -> User:
    """The account behind an import (a visitor never reaches one: `_plan(..., edit=True)` refused them)."""
    if not signed_in(request.user):
        raise PermissionDenied
    return request.user


def _page(request: HttpRequest, plan: Plan, status: int = 200, **context: Any) -> HttpResponse:
    can_edit = can_edit_plan(request.user, plan)
    context.setdefault("workbook_form", WorkbookUploadForm() if can_edit else None)
    context.setdefault("iati_form", IatiUploadForm() if can_edit else None)
    return render(
        request,
        "plans/exchange/exchange.html",
        {"plan": plan, "can_edit": can_edit, "iati_identifier": iati.activity_identifier(plan), **context},
        status=status,
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def exchange(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _plan(request, slug))


@require_GET
def workbook_template(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return _download(
        xlsx.template_workbook(plan), xlsx.XLSX_CONTENT_TYPE, f"{plan.slug}-logframe-template.xlsx"
    )


@require_GET
def workbook_export(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return _download(xlsx.export_workbook(plan), xlsx.XLSX_CONTENT_TYPE, f"{plan.slug}-logframe.xlsx")


@require_GET
def iati_export(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return _download(iati.export_plan(plan), XML_CONTENT_TYPE, f"{plan.slug}-iati.xml")


def _start(request: HttpRequest, plan: Plan, *, kind: str, upload: Any, data: bytes) -> HttpResponse:
    job = start_import(
        by=_editor(request),
        kind=kind,
        file_name=upload.name or "upload",
        content=data,
        options={"plan": plan.slug},
    )
    return see_job(job)


@require_POST
def workbook_import(request: HttpRequest, slug: str) -> HttpResponse:
    """A valid workbook becomes a background import; the answer is its page (303)."""
    plan = _plan(request, slug, edit=True)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, status=400, workbook_form=form)
    upload = request.FILES["workbook"]
    return _start(request, plan, kind=jobs.WORKBOOK, upload=upload, data=form.cleaned_data["workbook"])


@require_POST
def iati_import(request: HttpRequest, slug: str) -> HttpResponse:
    """A file that is XML becomes a background import (checked against IATI 2.03 there); answered with its page."""
    plan = _plan(request, slug, edit=True)
    form = IatiUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, plan, status=400, iati_form=form)
    upload = request.FILES["activity_file"]
    return _start(request, plan, kind=jobs.IATI, upload=upload, data=form.cleaned_data["activity_file"])


urlpatterns: list[URLPattern] = [
    path("<slug:slug>/exchange/", exchange, name="exchange"),
    path("<slug:slug>/exchange/logframe-template.xlsx", workbook_template, name="workbook_template"),
    path("<slug:slug>/exchange/logframe.xlsx", workbook_export, name="workbook_export"),
    path("<slug:slug>/exchange/logframe/import/", workbook_import, name="workbook_import"),
    path("<slug:slug>/iati.xml", iati_export, name="iati_export"),
    path("<slug:slug>/exchange/iati/import/", iati_import, name="iati_import"),
]
