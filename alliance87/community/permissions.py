"""Who may read, write and moderate in the community of practice.

- Public spaces: everyone reads. Partners-only spaces: people of partner organisations and the Secretariat.
  Members-only spaces of a body: the Secretariat and people of the body's current member organisations (or its
  representatives and chairs, as for the library's body items). Members-only spaces of a Pathfinder Country:
  the Secretariat and people of the country's national focal institution.
- Writing: signed-in people who may read the space and act for a partner (members of a members-only space
  write there too). Nobody replies in a locked discussion.
- Moderating: the Secretariat everywhere; chairs of a body (and of its Action Group) in the body's spaces.
- Comments on library items follow the item (library.permissions.can_view_item); partners write them.
- Direct messages: between people of partner organisations (and the Secretariat).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.permissions import chaired_body_ids, member_body_ids
from alliance87.library.permissions import can_view_item
from alliance87.partners.permissions import is_partner_member, organisation_ids

from .models import ItemComment, Post, Space, Thread, Visibility

if TYPE_CHECKING:
    from alliance87.library.models import Item


def readable_spaces_filter(user: Person) -> Q:
    """A filter on Space for what this person may read; lists, search and the API all apply it."""
    if is_secretariat(user):
        return Q()
    readable = Q(visibility=Visibility.PUBLIC)
    if not signed_in(user):
        return readable
    if is_partner_member(user):
        readable |= Q(visibility=Visibility.PARTNERS)
    body_ids = member_body_ids(user)
    if body_ids:
        readable |= Q(visibility=Visibility.MEMBERS, body_id__in=body_ids)
    own = organisation_ids(user)
    if own:
        readable |= Q(visibility=Visibility.MEMBERS, country__focal_institution_id__in=own)
    return readable


def can_read_space(user: Person, space: Space) -> bool:
    if space.visibility == Visibility.PUBLIC or is_secretariat(user):
        return True
    if not signed_in(user):
        return False
    if space.visibility == Visibility.PARTNERS:
        return is_partner_member(user)
    if space.body_id:
        return space.body_id in member_body_ids(user)
    if space.country_id:
        institution_id = space.country.focal_institution_id if space.country else None
        return institution_id is not None and institution_id in organisation_ids(user)
    return False


def can_moderate_space(user: Person, space: Space) -> bool:
    if is_secretariat(user):
        return True
    return bool(space.body_id and space.body_id in chaired_body_ids(user))


def can_read_thread(user: Person, thread: Thread) -> bool:
    if not can_read_space(user, thread.space):
        return False
    return not thread.is_hidden or can_moderate_space(user, thread.space)


def can_write_in_space(user: Person, space: Space) -> bool:
    if not (signed_in(user) and can_read_space(user, space)):
        return False
    return space.visibility == Visibility.MEMBERS or is_partner_member(user)


def can_edit_post(user: Person, post: Post) -> bool:
    """Authors edit their own posts while they are visible and the thread is open; moderators always."""
    if not signed_in(user):
        return False
    if can_moderate_space(user, post.thread.space):
        return True
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.is_locked
        and not post.thread.is_hidden
        and can_write_in_space(user, post.thread.space)
    )


def can_comment_on_item(user: Person, item: Item) -> bool:
    return signed_in(user) and can_view_item(user, item) and is_partner_member(user)


def can_moderate_comment(user: Person, comment: ItemComment) -> bool:
    if is_secretariat(user):
        return True
    body_id = comment.item.access_body_id
    return bool(body_id and body_id in chaired_body_ids(user))


def can_moderate_anything(user: Person) -> bool:
    """Whether the moderation queue is for this person at all."""
    return is_secretariat(user) or bool(chaired_body_ids(user))


def can_send_messages(user: Person) -> bool:
    return signed_in(user) and is_partner_member(user)


def can_receive_messages(user: Person) -> bool:
    return bool(user and user.is_active) and is_partner_member(user)
