"""Who may run a body: decide on membership requests and manage its roles."""

from __future__ import annotations

from django.db.models import Q

from alliance87.accounts.person import remember
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.partners.permissions import focal_point_organisation_ids, organisation_ids

from .models import Body, RoleTerm


def chaired_body_ids(user: Person) -> frozenset[int]:
    """Bodies whose current chair, co-chair or deputy chair this person represents or is focal point of.

    Chairs of an Action Group also run its working groups.
    """
    if not signed_in(user):
        return frozenset()
    return remember(user, "bodies.chaired", lambda: _chaired_body_ids(user))


def _chaired_body_ids(user: Person) -> frozenset[int]:
    focal_ids = focal_point_organisation_ids(user)
    chairing = Q(representative=user)
    if focal_ids:
        chairing |= Q(organisation_id__in=focal_ids)
    body_ids = set(RoleTerm.objects.current().chairing().filter(chairing).values_list("body_id", flat=True))
    if body_ids:
        body_ids |= set(Body.objects.filter(parent_id__in=body_ids).values_list("pk", flat=True))
    return frozenset(body_ids)


def member_body_ids(user: Person) -> frozenset[int]:
    """Bodies this person belongs to: through their organisations' current role terms, or as a representative.

    Chairs also belong to the bodies they run (an Action Group's working groups): whoever may edit a body's
    draft must be able to read it.
    """
    if not signed_in(user):
        return frozenset()
    return remember(user, "bodies.member", lambda: _member_body_ids(user))


def _member_body_ids(user: Person) -> frozenset[int]:
    membership = Q(representative=user)
    own = organisation_ids(user)
    if own:
        membership |= Q(organisation_id__in=own)
    terms = RoleTerm.objects.current().filter(membership)
    return frozenset(terms.values_list("body_id", flat=True)) | chaired_body_ids(user)


def can_manage_body(user: Person, body: Body) -> bool:
    """Chairs decide on requests to join their body; the Secretariat on any body."""
    return is_secretariat(user) or body.pk in chaired_body_ids(user)


def can_edit_structure(user: Person) -> bool:
    """Creating bodies and assigning chairs and terms is the Secretariat's work."""
    return is_secretariat(user)


def can_request_membership(user: Person, organisation_id: int) -> bool:
    """An organisation's focal points ask to join bodies on its behalf (the Secretariat may too)."""
    return is_secretariat(user) or organisation_id in focal_point_organisation_ids(user)
