"""Governance documents: library items that govern a body (Terms of Reference, rules of rotation…).

The body's chairs and the Secretariat link and unlink them; readers see only the items the library lets them see.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import can_manage_body

from .models import GovernanceDocument, GovernanceRole, Item
from .permissions import can_view_item, visible_through


def can_link_governance_documents(user: Person, body: Body) -> bool:
    """A body's chairs and the Secretariat say which documents govern it."""
    return can_manage_body(user, body)


def governance_documents(user: Person, body: Body) -> QuerySet[GovernanceDocument]:
    """The documents that govern a body, those this person may see, in their order."""
    return (
        GovernanceDocument.objects.filter(visible_through(user, "item__"), body=body)
        .select_related("item")
        .order_by("position", "role", "pk")
    )


@transaction.atomic
def link_governance_document(*, body: Body, item: Item, role: str, by: User) -> GovernanceDocument:
    """Say that a library item governs a body in a role (e.g. its Terms of Reference)."""
    if not can_link_governance_documents(by, body):
        raise PermissionDenied(
            _("Only a chair of the body or the Secretariat links its governance documents.")
        )
    if not can_view_item(by, item):
        raise ValidationError({"item": _("There is no library item with this address.")})
    if role not in GovernanceRole.values:
        raise ValidationError(
            {
                "role": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(map(str, GovernanceRole.labels))}
            }
        )
    if GovernanceDocument.objects.filter(body=body, item=item, role=role).exists():
        raise ValidationError({"item": _("This document already has this role for this body.")})
    last = GovernanceDocument.objects.filter(body=body).aggregate(last=Max("position"))["last"]
    return GovernanceDocument.objects.create(body=body, item=item, role=role, position=(last or 0) + 1)


@transaction.atomic
def unlink_governance_document(*, link: GovernanceDocument, by: User) -> None:
    if not can_link_governance_documents(by, link.body):
        raise PermissionDenied(
            _("Only a chair of the body or the Secretariat links its governance documents.")
        )
    link.delete()
