"""Who may do what with commitments: the register is public; a partner's focal points and the Secretariat write."""

from __future__ import annotations

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.partners.models import Organisation
from alliance87.partners.permissions import focal_point_organisation_ids

from .models import Commitment


def can_record_commitments(user: Person, organisation: Organisation | None = None) -> bool:
    """The Secretariat, and a partner's focal points for their own partner."""
    if not signed_in(user):
        return False
    if is_secretariat(user):
        return True
    ids = focal_point_organisation_ids(user)
    return bool(ids) if organisation is None else organisation.pk in ids


def can_edit_commitment(user: Person, commitment: Commitment) -> bool:
    """Edit a commitment, its deliverables and their reports: the partner's focal points and the Secretariat."""
    return is_secretariat(user) or commitment.organisation_id in focal_point_organisation_ids(user)
