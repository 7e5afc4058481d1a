"""Who may do what with organisations and applications."""

from __future__ import annotations

from alliance87.accounts.person import remember
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in

from .models import Organisation, OrganisationMembership


def _memberships(user: Person) -> tuple[tuple[int, bool, bool], ...]:
    """(organisation, focal point?, partner?) for each organisation this person belongs to: one query a request."""
    if not signed_in(user):
        return ()
    return remember(
        user,
        "partners.memberships",
        lambda: tuple(
            OrganisationMembership.objects.filter(user=user).values_list(
                "organisation_id", "is_focal_point", "organisation__is_partner"
            )
        ),
    )


def organisation_ids(user: Person) -> frozenset[int]:
    """The organisations this person belongs to (as focal point or not)."""
    return frozenset(organisation_id for organisation_id, _focal, _partner in _memberships(user))


def focal_point_organisation_ids(user: Person) -> frozenset[int]:
    """The organisations this person is a focal point of: they speak and act for them."""
    return frozenset(organisation_id for organisation_id, focal, _partner in _memberships(user) if focal)


def is_partner_member(user: Person) -> bool:
    """Anyone who acts for a partner organisation (members-only content is for them)."""
    if not signed_in(user):
        return False
    return is_secretariat(user) or any(partner for _organisation, _focal, partner in _memberships(user))


def can_review_applications(user: Person) -> bool:
    return is_secretariat(user)


def can_edit_organisation(user: Person, organisation: Organisation) -> bool:
    """The Secretariat and the organisation's focal points edit its profile."""
    return is_secretariat(user) or organisation.pk in focal_point_organisation_ids(user)


def can_create_organisation(user: Person) -> bool:
    return is_secretariat(user)
