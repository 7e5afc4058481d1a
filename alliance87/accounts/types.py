"""The person behind a request, as every view, selector, permission and service types them.

`Person` is a signed-in account or Django's anonymous visitor; `signed_in()` tells them apart for the type
checker too. `SignedInRequest` is the request of a view behind `@login_required`, whose user is an account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from typing_extensions import TypeIs

    from alliance87.accounts.models import User

Person: TypeAlias = "User | AnonymousUser"


def signed_in(person: Person | None) -> TypeIs[User]:
    """True for an active account that signed in; False for a visitor, a missing person or a deactivated account."""
    return bool(person is not None and person.is_authenticated and person.is_active)


class SignedInRequest(HttpRequest):
    """A request that reached a view behind `@login_required`: its user is an account, never a visitor."""

    user: User
