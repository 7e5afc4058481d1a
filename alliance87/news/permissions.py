"""Who may write news and send the newsletter.

The Secretariat, and communication officers: the people of organisations that are current members of the
Communication Group (or represent it in a role), and people the Secretariat named (`CommunicationOfficer`).
Everyone else reads published posts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliance87.accounts.person import remember
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.models import RoleTerm
from alliance87.partners.permissions import organisation_ids

from .models import CommunicationOfficer

if TYPE_CHECKING:
    from alliance87.accounts.models import User

COMMUNICATION_GROUP_SLUG = "communication-group"


def is_communication_officer(user: Person) -> bool:
    """Named by the Secretariat, or acting for a current member of the Communication Group."""
    if not signed_in(user):
        return False
    return remember(user, "news.communication_officer", lambda: _is_communication_officer(user))


def _is_communication_officer(user: User) -> bool:
    if CommunicationOfficer.objects.filter(user=user).exists():
        return True
    terms = RoleTerm.objects.current().filter(body__slug=COMMUNICATION_GROUP_SLUG)
    if terms.filter(representative=user).exists():
        return True
    own = organisation_ids(user)
    return bool(own) and terms.filter(organisation_id__in=own).exists()


def can_write_news(user: Person) -> bool:
    """Write, edit and publish news posts."""
    return is_secretariat(user) or is_communication_officer(user)


def can_send_newsletter(user: Person) -> bool:
    """Compose, preview and send newsletter issues, and read the delivery reports."""
    return can_write_news(user)


def can_manage_officers(user: Person) -> bool:
    return is_secretariat(user)
