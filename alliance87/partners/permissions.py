"""Who may do what with organisations and applications."""

from __future__ import annotations

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person

from .models import Organisation, OrganisationMembership


def focal_point_organisation_ids(user: Person) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(
        OrganisationMembership.objects.filter(user=user, is_focal_point=True).values_list(
            "organisation_id", flat=True
        )
    )


def is_partner_member(user: Person) -> bool:
    """Anyone who acts for a partner organisation (members-only content is for them)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return (
        is_secretariat(user)
        or OrganisationMembership.objects.filter(user=user, organisation__is_partner=True).exists()
    )


def can_review_applications(user: Person) -> bool:
    return is_secretariat(user)


def can_edit_organisation(user: Person, organisation: Organisation) -> bool:
    """The Secretariat and the organisation's focal points edit its profile."""
    return is_secretariat(user) or organisation.pk in focal_point_organisation_ids(user)


def can_create_organisation(user: Person) -> bool:
    return is_secretariat(user)
