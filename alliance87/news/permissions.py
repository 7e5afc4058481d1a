"""Who may write news and send the newsletter.

The Secretariat, and communication officers: the people of organisations that are current members of the
Communication Group (or represent it in a role), and people the Secretariat named (`CommunicationOfficer`).
Everyone else reads published posts.
"""

from __future__ import annotations

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.models import RoleTerm
from alliance87.partners.models import OrganisationMembership

from .models import CommunicationOfficer

COMMUNICATION_GROUP_SLUG = "communication-group"


def is_communication_officer(user: Person) -> bool:
    """Named by the Secretariat, or acting for a current member of the Communication Group."""
    if not signed_in(user):
        return False
    if CommunicationOfficer.objects.filter(user=user).exists():
        return True
    terms = RoleTerm.objects.current().filter(body__slug=COMMUNICATION_GROUP_SLUG)
    if terms.filter(representative=user).exists():
        return True
    organisation_ids = OrganisationMembership.objects.filter(user=user).values("organisation_id")
    return terms.filter(organisation_id__in=organisation_ids).exists()


def can_write_news(user: Person) -> bool:
    """Write, edit and publish news posts."""
    return is_secretariat(user) or is_communication_officer(user)


def can_send_newsletter(user: Person) -> bool:
    """Compose, preview and send newsletter issues, and read the delivery reports."""
    return can_write_news(user)


def can_manage_officers(user: Person) -> bool:
    return is_secretariat(user)
