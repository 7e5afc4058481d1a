"""Template tags that let lower apps' pages show commitments through their slots."""

from __future__ import annotations

from typing import Any, cast

from django import template

from alliance87.accounts.types import Person
from alliance87.commitments.models import Commitment
from alliance87.commitments.permissions import can_record_commitments
from alliance87.commitments.selectors import commitments_of_organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def commitments_of(context: template.Context, organisation: Any) -> list[Commitment]:
    """The partner's commitments; also tells the slot whether the reader may record one for it."""
    context["can_record_commitment"] = can_record_commitments(cast(Person, context.get("user")), organisation)
    return list(commitments_of_organisation(organisation))
