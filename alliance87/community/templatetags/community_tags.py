"""Template helpers for the community: people's public names and the comments section of library items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from alliance87.community import selectors
from alliance87.community.forms import CommentForm
from alliance87.community.permissions import can_comment_on_item, can_moderate_comment

if TYPE_CHECKING:
    from alliance87.accounts.models import User

register = template.Library()


@register.filter
def public_name(user: User | None) -> str:
    """A person's name as others see it: their name, else their @handle; never their e-mail address."""
    if user is None:
        return _("a former member")
    name = user.full_name or user.get_full_name()
    if name:
        return str(name)
    try:
        return f"@{user.community_profile.handle}"
    except ObjectDoesNotExist:
        return _("Member %(number)s") % {"number": user.pk}


@register.filter
def handle(user: User | None) -> str:
    try:
        return f"@{user.community_profile.handle}" if user else ""
    except ObjectDoesNotExist:
        return ""


@register.inclusion_tag("community/includes/item_comments_section.html", takes_context=True)
def item_comments(context: dict[str, Any], item: Any) -> dict[str, Any]:
    """The comments on a library item, and the form to add one for those who may."""
    request = context["request"]
    user = request.user
    comments = selectors.item_comments(item, user)
    return {
        "request": request,
        "item": item,
        "comments": comments,
        "can_comment": can_comment_on_item(user, item),
        "can_moderate": bool(comments) and can_moderate_comment(user, comments[0]),
        "comment_form": CommentForm(),
        "csrf_token": context.get("csrf_token"),
        "user": user,
    }


@register.simple_tag(takes_context=True)
def own_post_edit(context: template.Context, post: Any, number: int) -> str:
    """The "Edit" link of a post for its author: a placeholder in pages kept for an audience (`community.personal`)."""
    from alliance87.community.personal import own_post_part

    request = context.get("request")
    return own_post_part(request, post, number) if request is not None else ""
