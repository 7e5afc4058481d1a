"""Who may run a body: decide on membership requests and manage its roles."""

from __future__ import annotations

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.partners.permissions import focal_point_organisation_ids

from .models import Body, RoleTerm


def chaired_body_ids(user: Person) -> set[int]:
    """Bodies whose current chair, co-chair or deputy chair this person represents or is focal point of.

    Chairs of an Action Group also run its working groups.
    """
    if not (user and user.is_authenticated and user.is_active):
        return set()
    organisation_ids = focal_point_organisation_ids(user)
    terms = RoleTerm.objects.current().chairing()
    body_ids = set(terms.filter(representative=user).values_list("body_id", flat=True))
    if organisation_ids:
        body_ids |= set(terms.filter(organisation_id__in=organisation_ids).values_list("body_id", flat=True))
    if body_ids:
        body_ids |= set(Body.objects.filter(parent_id__in=body_ids).values_list("pk", flat=True))
    return body_ids


def can_manage_body(user: Person, body: Body) -> bool:
    """Chairs decide on requests to join their body; the Secretariat on any body."""
    return is_secretariat(user) or body.pk in chaired_body_ids(user)


def can_edit_structure(user: Person) -> bool:
    """Creating bodies and assigning chairs and terms is the Secretariat's work."""
    return is_secretariat(user)


def can_request_membership(user: Person, organisation_id: int) -> bool:
    """An organisation's focal points ask to join bodies on its behalf (the Secretariat may too)."""
    return is_secretariat(user) or organisation_id in focal_point_organisation_ids(user)
