"""Newsletter pages: subscribing (double opt-in), unsubscribing (page and RFC 8058 one-click), and the
composer's pages: assemble, edit, preview, send, delivery report."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.forms import apply_validation_error
from alliance87.core.ratelimits import TooManyRequests, count_attempt

from . import newsletter, subscriptions
from .forms import AssembleIssueForm, IssueForm, SubscribeForm
from .models import IssueStatus, Language, NewsletterIssue
from .permissions import can_send_newsletter


def subscribe(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    form = SubscribeForm(
        request.POST or None, initial={"language": language if language in Language.values else "en"}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            count_attempt(request, action="newsletter_subscribe", key=form.cleaned_data["email"])
            subscriptions.subscribe(email=form.cleaned_data["email"], language=form.cleaned_data["language"])
        except TooManyRequests as refused:
            form.add_error(None, str(refused))
            status = 429
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return render(
                request, "news/newsletter/subscribe_done.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "news/newsletter/subscribe.html", {"form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms, so that mail scanners following links confirm nobody."""
    if request.method == "POST":
        try:
            subscriptions.confirm_subscription(token=token)
        except ValidationError as error:
            return render(request, "news/newsletter/confirm.html", {"error": error.messages[0]}, status=400)
        return render(request, "news/newsletter/confirm.html", {"confirmed": True})
    return render(request, "news/newsletter/confirm.html", {"token": token})


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every issue: GET asks to confirm with one button, POST unsubscribes."""
    subscriber = subscriptions.subscriber_for_link(token)
    if subscriber is None:
        raise Http404
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber=subscriber)
        return render(request, "news/newsletter/unsubscribe.html", {"done": True})
    return render(request, "news/newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token})


@csrf_exempt  # RFC 8058: mail programs POST here without a session; the signed token is the credential
@require_POST
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponse(_("Send List-Unsubscribe=One-Click."), status=400, content_type="text/plain")
    subscriber = subscriptions.subscriber_for_link(token)
    if subscriber is None:
        raise Http404
    subscriptions.unsubscribe(subscriber=subscriber)
    return HttpResponse(_("You have been unsubscribed."), content_type="text/plain")


def _require_sender(request: HttpRequest) -> None:
    if not can_send_newsletter(request.user):
        raise PermissionDenied


@login_required
def issue_list(request: SignedInRequest) -> HttpResponse:
    _require_sender(request)
    return render(request, "news/newsletter/issues.html", {"issues": newsletter.issues()[:100]})


@login_required
def issue_assemble(request: SignedInRequest) -> HttpResponse:
    _require_sender(request)
    today = timezone.localdate()
    form = AssembleIssueForm(
        request.POST or None,
        initial={"period_start": today - datetime.timedelta(days=30), "period_end": today, "language": "en"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            issue = newsletter.assemble_draft(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("A draft has been assembled; edit it, preview it, then send it."))
            return redirect(issue)
    return render(request, "news/newsletter/assemble.html", {"form": form})


@login_required
def issue_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_sender(request)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    editable = issue.status == IssueStatus.DRAFT
    form = IssueForm(request.POST or None, instance=NewsletterIssue.objects.get(pk=pk))
    if request.method == "POST" and editable and form.is_valid():
        try:
            newsletter.update_issue(
                issue=issue, by=request.user, values=newsletter.IssueInput.of(form.cleaned_data)
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The issue has been saved."))
            return redirect(issue)
    return render(
        request,
        "news/newsletter/issue.html",
        {"issue": issue, "form": form, "editable": editable, "counts": newsletter.delivery_counts(issue)},
    )


@login_required
def issue_preview(request: SignedInRequest, pk: int) -> HttpResponse:
    """The HTML part exactly as subscribers get it (with a dummy unsubscribe link)."""
    _require_sender(request)
    rendered = newsletter.render_issue(get_object_or_404(NewsletterIssue, pk=pk))
    html, _text = rendered.for_subscriber("#unsubscribe")
    response = HttpResponse(html)
    # The e-mail's own stylesheet is inline; its content is sanitised Markdown, so no script can run.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
    )
    return response


@login_required
def issue_preview_text(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_sender(request)
    rendered = newsletter.render_issue(get_object_or_404(NewsletterIssue, pk=pk))
    _html, text = rendered.for_subscriber("#unsubscribe")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def issue_send(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_sender(request)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    try:
        count = newsletter.start_sending(issue=issue, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(issue)
    messages.success(request, _("Sending to %(count)d subscribers in the background.") % {"count": count})
    return redirect("newsletter:report", pk=issue.pk)


@login_required
@require_POST
def issue_resume(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_sender(request)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    try:
        newsletter.resume_sending(
            issue=issue,
            by=request.user,
            include_unknown=request.POST.get("include_unknown") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sending has been resumed."))
    return redirect("newsletter:report", pk=issue.pk)


@login_required
def issue_report(request: SignedInRequest, pk: int) -> HttpResponse:
    _require_sender(request)
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    return render(
        request,
        "news/newsletter/report.html",
        {
            "issue": issue,
            "counts": newsletter.delivery_counts(issue),
            "attention": newsletter.deliveries_needing_attention(issue)[:200],
        },
    )
