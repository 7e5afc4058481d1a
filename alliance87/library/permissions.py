"""Who may see, add and edit library items.

- Public items: everyone. Partner items: people of partner organisations and the Secretariat.
  Body items (e.g. a working group's draft): the Secretariat and people of the body's current member organisations
  (or its role representatives). Restricted files follow their item: never served to anyone else.
- Adding items: the Secretariat, chairs of bodies and focal points of partner organisations.
- Editing: the Secretariat, whoever added the item, and chairs of the body an item is restricted to.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from alliance87.accounts.roles import is_secretariat
from alliance87.bodies.models import RoleTerm
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.partners.models import OrganisationMembership
from alliance87.partners.permissions import focal_point_organisation_ids, is_partner_member

from .models import Access, Collection, Item


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def member_body_ids(user: Any) -> set[int]:
    """Bodies this person belongs to: through their organisations' current role terms, or as a representative.

    Chairs also belong to the bodies they run (an Action Group's working groups): whoever may edit a body's
    draft must be able to read it.
    """
    if not _signed_in(user):
        return set()
    organisation_ids = OrganisationMembership.objects.filter(user=user).values("organisation_id")
    terms = RoleTerm.objects.current()
    return set(
        terms.filter(Q(organisation_id__in=organisation_ids) | Q(representative=user)).values_list(
            "body_id", flat=True
        )
    ) | chaired_body_ids(user)


def visible_items_filter(user: Any) -> Q:
    """A filter on Item for what this person may see; search, lists, feeds and OAI-PMH all apply it."""
    if is_secretariat(user):
        return Q()
    visible = Q(access=Access.PUBLIC)
    if is_partner_member(user):
        visible |= Q(access=Access.PARTNERS)
    body_ids = member_body_ids(user)
    if body_ids:
        visible |= Q(access=Access.BODY, access_body_id__in=body_ids)
    return visible


def visible_items(user: Any) -> QuerySet[Item]:
    return Item.objects.filter(visible_items_filter(user))


def can_view_item(user: Any, item: Item) -> bool:
    if item.access == Access.PUBLIC or is_secretariat(user):
        return True
    if item.access == Access.PARTNERS:
        return is_partner_member(user)
    return item.access_body_id in member_body_ids(user)


def can_add_items(user: Any) -> bool:
    return is_secretariat(user) or bool(chaired_body_ids(user)) or bool(focal_point_organisation_ids(user))


def can_edit_item(user: Any, item: Item) -> bool:
    if not _signed_in(user):
        return False
    if is_secretariat(user) or (item.created_by_id and item.created_by_id == user.pk):
        return True
    return bool(item.access_body_id and item.access_body_id in chaired_body_ids(user))


def can_curate_collection(user: Any, collection: Collection | None = None) -> bool:
    """The Secretariat keeps any collection; chairs keep their bodies' collections."""
    if is_secretariat(user):
        return True
    if collection is None:
        return bool(chaired_body_ids(user))
    return bool(collection.owner_body_id and collection.owner_body_id in chaired_body_ids(user))
