"""Who may see, add and edit library items.

- Public items: everyone. Partner items: people of partner organisations and the Secretariat.
  Body items (e.g. a working group's draft): the Secretariat and people of the body's current member organisations
  (or its role representatives). Restricted files follow their item: never served to anyone else.
- Adding items: the Secretariat, chairs of bodies and focal points of partner organisations.
- Editing: the Secretariat, whoever added the item, and chairs of the body an item is restricted to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from alliance87.accounts.person import remember
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.permissions import chaired_body_ids, member_body_ids
from alliance87.partners.permissions import focal_point_organisation_ids, is_partner_member

from .models import Access, Collection, Item


@dataclass(frozen=True)
class Grant:
    """One kind of item a person may see: an access level, for any body or only for these bodies."""

    access: str
    body_ids: frozenset[int] | None = None

    def allows(self, *, access: str, body_id: int | None) -> bool:
        return access == self.access and (self.body_ids is None or body_id in self.body_ids)


@dataclass(frozen=True)
class LibraryAccess:
    """What the library's access rule grants one person: everything, or the items of some grants.

    Computed once (`library_access`) and then translated, never restated: into a Q for the ORM
    (`visible_items`), into SQL by the in-database search backends, into a query by the tantivy backend.
    """

    everything: bool = False
    grants: tuple[Grant, ...] = (Grant(Access.PUBLIC),)

    def allows(self, *, access: str, body_id: int | None) -> bool:
        return self.everything or any(grant.allows(access=access, body_id=body_id) for grant in self.grants)

    def as_q(self, prefix: str = "") -> Q:
        """The rule as a filter on Item (or, with a prefix such as "item__", on a model pointing to items)."""
        if self.everything:
            return Q()
        visible = Q(pk__in=[])
        for grant in self.grants:
            condition = Q(**{f"{prefix}access": grant.access})
            if grant.body_ids is not None:
                condition &= Q(**{f"{prefix}access_body_id__in": sorted(grant.body_ids)})
            visible |= condition
        return visible


EVERYTHING = LibraryAccess(everything=True)
PUBLIC_ONLY = LibraryAccess()


def library_access(user: Person) -> LibraryAccess:
    """The library's access rule, written once: who may see which items.

    Public items: everyone. Partner items: people of partner organisations (and the Secretariat). Body items: the
    Secretariat and members of that body (`bodies.permissions.member_body_ids`).
    """
    if is_secretariat(user):
        return EVERYTHING
    if not signed_in(user):
        return PUBLIC_ONLY
    return remember(user, "library.access", lambda: _granted(user))


def _granted(user: Person) -> LibraryAccess:
    grants = [Grant(Access.PUBLIC)]
    if is_partner_member(user):
        grants.append(Grant(Access.PARTNERS))
    body_ids = member_body_ids(user)
    if body_ids:
        grants.append(Grant(Access.BODY, frozenset(body_ids)))
    return LibraryAccess(grants=tuple(grants))


def visible_items(user: Person | LibraryAccess) -> Q:
    """A filter on Item for what this person may see; pages, search, feeds and OAI-PMH all apply it."""
    access = user if isinstance(user, LibraryAccess) else library_access(user)
    return access.as_q()


def visible_through(user: Person | LibraryAccess, prefix: str) -> Q:
    """The same rule on a model pointing to items (`prefix` such as "item__"): a join on the item's own row.

    `item__in=<visible items>` made SQLite list every visible item first (the whole library for a visitor).
    """
    access = user if isinstance(user, LibraryAccess) else library_access(user)
    return access.as_q(prefix)


def can_view_item(user: Person | LibraryAccess, item: Item) -> bool:
    access = user if isinstance(user, LibraryAccess) else library_access(user)
    return access.allows(access=item.access, body_id=item.access_body_id)


def can_add_items(user: Person) -> bool:
    return is_secretariat(user) or bool(chaired_body_ids(user)) or bool(focal_point_organisation_ids(user))


def can_edit_item(user: Person, item: Item) -> bool:
    if not signed_in(user):
        return False
    if is_secretariat(user) or (item.created_by_id and item.created_by_id == user.pk):
        return True
    return bool(item.access_body_id and item.access_body_id in chaired_body_ids(user))


def can_curate_collection(user: Person, collection: Collection | None = None) -> bool:
    """The Secretariat keeps any collection; chairs keep their bodies' collections."""
    if is_secretariat(user):
        return True
    if collection is None:
        return bool(chaired_body_ids(user))
    return bool(collection.owner_body_id and collection.owner_body_id in chaired_body_ids(user))
