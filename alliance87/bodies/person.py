"""`request.person`: who the request's person is in the partnership, worked out once per request, lazily.

The Secretariat flag, the organisations they belong to and speak for, the bodies they chair and belong to. Each
fact is computed the first time something asks (a permission, the header, a dashboard) and then kept for the rest
of the request (`alliance87.accounts.person`); the permissions of every app read the same memory, so a page asks
the database once per fact however many rows it checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from alliance87.accounts.person import person_memory
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.partners import permissions as partner_permissions

from . import permissions as body_permissions


@dataclass(frozen=True)
class PersonStanding:
    """Where a person stands in the partnership; every fact is asked lazily and kept for the request."""

    user: Person

    @property
    def is_signed_in(self) -> bool:
        return signed_in(self.user)

    @property
    def is_secretariat(self) -> bool:
        return is_secretariat(self.user)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return partner_permissions.organisation_ids(self.user)

    @property
    def focal_point_organisation_ids(self) -> frozenset[int]:
        return partner_permissions.focal_point_organisation_ids(self.user)

    @property
    def is_partner_member(self) -> bool:
        return partner_permissions.is_partner_member(self.user)

    @property
    def chaired_body_ids(self) -> frozenset[int]:
        return body_permissions.chaired_body_ids(self.user)

    @property
    def member_body_ids(self) -> frozenset[int]:
        return body_permissions.member_body_ids(self.user)

    @property
    def is_chair(self) -> bool:
        return bool(self.chaired_body_ids)

    def permission_key(self) -> str:
        """A short digest of every fact permissions rest on: two people with the same key see the same pages.

        For caches of fragments that depend on who reads them (never on who the reader is by name).
        """
        if not self.is_signed_in:
            return "visitor"
        if self.is_secretariat:
            return "secretariat"
        facts = (
            sorted(self.organisation_ids),
            sorted(self.focal_point_organisation_ids),
            self.is_partner_member,
            sorted(self.chaired_body_ids),
            sorted(self.member_body_ids),
        )
        return hashlib.blake2b(repr(facts).encode(), digest_size=12).hexdigest()


def person_of(request: HttpRequest) -> PersonStanding:
    """The request's person: `request.person` where the middleware ran, built on the spot otherwise."""
    person = getattr(request, "person", None)
    return cast(PersonStanding, person) if person is not None else PersonStanding(request.user)


class PersonMiddleware:
    """Sets `request.person` and keeps what is learnt of the person while the request runs.

    After the authentication and token middleware: the person is the signed-in account or the token's owner.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.person = SimpleLazyObject(lambda: PersonStanding(request.user))  # type: ignore[attr-defined]
        with person_memory(request):
            return self.get_response(request)
