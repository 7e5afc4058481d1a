"""Community pages: spaces, discussions, notifications and preferences, moderation, direct messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.models import User
from alliance87.accounts.types import SignedInRequest
from alliance87.core.forms import apply_validation_error
from alliance87.core.paginator import BoundedPaginator
from alliance87.library import selectors as library_selectors

from . import notifications, permissions, selectors, services
from .forms import (
    CommentForm,
    EditPostForm,
    MessageForm,
    PostForm,
    PreferenceForm,
    ReasonForm,
    ReportForm,
    SearchForm,
    ThreadForm,
)
from .models import DirectMessage, ItemComment, Post, Report, Space, Thread
from .personal import follow_part

THREADS_PER_PAGE = 30
POSTS_PER_PAGE = 50
NOTIFICATIONS_PER_PAGE = 50


def _page(request: HttpRequest, rows: Any, per_page: int) -> Page:
    """One page of a list, counted to a bound (threads, posts, messages and notifications grow without end)."""
    return BoundedPaginator(rows, per_page).get_page(request.GET.get("page"))


def _space(request: HttpRequest, slug: str) -> Space:
    try:
        return selectors.space_detail(slug, request.user)
    except Space.DoesNotExist:
        raise Http404 from None


def _thread(request: HttpRequest, pk: int) -> Thread:
    try:
        return selectors.thread_detail(pk, request.user)
    except Thread.DoesNotExist:
        raise Http404 from None


def _post(request: HttpRequest, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    thread = _thread(request, post.thread_id)
    post.thread = thread
    if post.is_hidden and not permissions.can_moderate_space(request.user, thread.space):
        raise Http404
    return post


def _refused(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You do not have permission to do this."))


# --- spaces and discussions --------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    results = (
        _page(request, selectors.search_discussions(request.user, query), THREADS_PER_PAGE) if query else None
    )
    return render(
        request,
        "community/home.html",
        {
            "spaces": selectors.spaces_overview(request.user),
            "search": search,
            "query": query,
            "results": results,
        },
    )


def space_page(request: HttpRequest, slug: str) -> HttpResponse:
    space = _space(request, slug)
    return render(
        request,
        "community/space.html",
        {
            "space": space,
            "page_obj": _page(request, selectors.threads_of(space, request.user), THREADS_PER_PAGE),
            "can_write": permissions.can_write_in_space(request.user, space),
        },
    )


@login_required
def thread_create(request: SignedInRequest, slug: str) -> HttpResponse:
    space = _space(request, slug)
    if not permissions.can_write_in_space(request.user, space):
        raise PermissionDenied
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.create_thread(space=space, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your discussion has been started."))
            return redirect(thread)
    return render(request, "community/thread_form.html", {"space": space, "form": form})


def thread_page(request: HttpRequest, pk: int, reply_form: PostForm | None = None) -> HttpResponse:
    thread = _thread(request, pk)
    user = request.user
    can_moderate = permissions.can_moderate_space(user, thread.space)
    return render(
        request,
        "community/thread.html",
        {
            "thread": thread,
            "space": thread.space,
            "page_obj": _page(request, selectors.posts_of(thread), POSTS_PER_PAGE),
            "can_reply": permissions.can_write_in_space(user, thread.space)
            and not thread.is_locked
            and not thread.is_hidden,
            "can_moderate": can_moderate,
            # Whether the reader follows it, and the "Edit" link of their own posts, are theirs alone: placeholders
            # while the page is kept for their audience (`community.personal`).
            "follow_form": follow_part(request, thread),
            "reply_form": reply_form or PostForm(),
            "reason_form": ReasonForm(),
        },
        status=400 if reply_form is not None else 200,
    )


@login_required
@require_POST
def thread_reply(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post = services.reply(thread=thread, by=request.user, body=form.cleaned_data["body"])
        except PermissionDenied:
            raise
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your reply has been posted."))
            return redirect(post.get_absolute_url())
    return thread_page(request, pk, reply_form=form)


@login_required
@require_POST
def thread_follow(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    if request.POST.get("follow") == "0":
        services.unfollow(thread=thread, by=request.user)
        messages.success(request, _("You no longer follow this discussion."))
    else:
        services.follow(thread=thread, by=request.user)
        messages.success(request, _("You follow this discussion: you will be told about new replies."))
    return redirect(thread)


@login_required
@require_POST
def thread_moderate(request: SignedInRequest, pk: int) -> HttpResponse:
    """Lock or unlock, hide or show a discussion (moderators)."""
    thread = _thread(request, pk)
    reason = request.POST.get("reason", "")
    action = request.POST.get("action")
    try:
        if action in ("lock", "unlock"):
            services.set_thread_locked(thread=thread, by=request.user, locked=action == "lock", reason=reason)
        elif action in ("hide", "unhide"):
            services.set_thread_hidden(thread=thread, by=request.user, hidden=action == "hide", reason=reason)
        else:
            raise Http404
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The discussion has been updated; the moderation log records it."))
    return redirect(thread)


@login_required
def post_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    form = EditPostForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post=post, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your post has been changed."))
            return redirect(post.get_absolute_url())
    return render(request, "community/post_edit.html", {"post": post, "thread": post.thread, "form": form})


@login_required
@require_POST
def post_moderate(request: SignedInRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    try:
        services.set_post_hidden(
            post=post,
            by=request.user,
            hidden=request.POST.get("action") != "unhide",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The post has been updated; the moderation log records it."))
    return redirect(post.get_absolute_url())


@login_required
def post_report(request: SignedInRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Thank you: the moderators have been told about this post."))
            return redirect(post.thread)
    return render(request, "community/post_report.html", {"post": post, "thread": post.thread, "form": form})


# --- comments on library items -----------------------------------------------------------------------------


@login_required
@require_POST
def item_comment(request: SignedInRequest, slug: str) -> HttpResponse:
    try:
        item = library_selectors.item_detail(slug, request.user)
    except ObjectDoesNotExist:
        raise Http404 from None
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_on_item(item=item, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(f"{item.get_absolute_url()}#comment-{comment.pk}")
    else:
        messages.error(request, _("Write a comment."))
    return redirect(f"{item.get_absolute_url()}#comments")


@login_required
@require_POST
def comment_moderate(request: SignedInRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ItemComment.objects.select_related("item"), pk=pk)
    services.set_comment_hidden(
        comment=comment,
        by=request.user,
        hidden=request.POST.get("action") != "unhide",
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The comment has been updated; the moderation log records it."))
    return redirect(f"{comment.item.get_absolute_url()}#comments")


# --- notifications -----------------------------------------------------------------------------------------


@login_required
def notification_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "community/notifications.html",
        {"page_obj": _page(request, selectors.notifications_for(request.user), NOTIFICATIONS_PER_PAGE)},
    )


@login_required
@require_POST
def notifications_read(request: SignedInRequest) -> HttpResponse:
    ids = [int(pk) for pk in request.POST.getlist("notification") if pk.isdigit()]
    notifications.mark_read(user=request.user, notification_ids=ids or None)
    messages.success(request, _("Marked as read."))
    return redirect("community:notifications")


@login_required
@require_POST
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    notifications.mark_read(user=request.user, notification_ids=[notification.pk])
    if url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect(notification.link)
    return redirect("community:notifications")


@login_required
def preferences(request: SignedInRequest) -> HttpResponse:
    user = request.user
    preference = notifications.preference_for(user)
    form = PreferenceForm(request.POST or None, initial={"digest": preference.digest})
    if request.method == "POST" and form.is_valid():
        notifications.set_digest(user=user, digest=form.cleaned_data["digest"])
        messages.success(request, _("Your preferences have been saved."))
        return redirect("community:preferences")
    return render(
        request, "community/preferences.html", {"form": form, "profile": services.profile_for(user)}
    )


# --- moderation --------------------------------------------------------------------------------------------


@login_required
def moderation_queue(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_moderate_anything(request.user):
        raise PermissionDenied
    return render(
        request,
        "community/moderation.html",
        {"reports": selectors.open_reports_for(request.user), "reason_form": ReasonForm()},
    )


@login_required
def moderation_log(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_moderate_anything(request.user):
        raise PermissionDenied
    return render(
        request,
        "community/moderation_log.html",
        {"page_obj": _page(request, selectors.moderation_log_for(request.user), 50)},
    )


@login_required
@require_POST
def report_dismiss(request: SignedInRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("post__thread__space"), pk=pk)
    services.dismiss_report(report=report, by=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("The report has been dismissed."))
    return redirect("community:moderation")


# --- direct messages ---------------------------------------------------------------------------------------


@login_required
def message_inbox(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "community/inbox.html",
        {"page_obj": _page(request, selectors.inbox(request.user), 50), "box": "inbox"},
    )


@login_required
def message_sent(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "community/inbox.html",
        {"page_obj": _page(request, selectors.sent_messages(request.user), 50), "box": "sent"},
    )


@login_required
def message_page(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        message = selectors.message_detail(pk, request.user)
    except DirectMessage.DoesNotExist:
        raise Http404 from None
    services.mark_message_read(message=message, by=request.user)
    subject = message.subject if message.subject.lower().startswith("re:") else f"Re: {message.subject}"
    reply_form = MessageForm(initial={"subject": subject})
    return render(request, "community/message.html", {"message": message, "reply_form": reply_form})


@login_required
def message_compose(request: SignedInRequest) -> HttpResponse:
    """Write to a partner chosen in the directory (?to=<person>), or answer a message (?reply_to=<message>)."""
    if not permissions.can_send_messages(request.user):
        raise PermissionDenied
    reply_to = None
    if request.GET.get("reply_to", "").isdigit():
        try:
            reply_to = selectors.message_detail(int(request.GET["reply_to"]), request.user)
        except DirectMessage.DoesNotExist:
            raise Http404 from None
        other = reply_to.recipient_id if reply_to.sender_id == request.user.pk else reply_to.sender_id
        recipient_id = other or 0
    else:
        recipient_id = int(request.GET["to"]) if request.GET.get("to", "").isdigit() else 0
    try:
        recipient = selectors.message_recipient(recipient_id)
    except User.DoesNotExist:
        raise Http404 from None
    services.profile_for(recipient)  # so that a person without a name is shown by handle, never by address
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_message(
                sender=request.user, recipient=recipient, reply_to=reply_to, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("community:messages_sent")
    return render(
        request,
        "community/message_form.html",
        {"form": form, "recipient": recipient, "reply_to": reply_to},
        status=400 if request.method == "POST" else 200,
    )
