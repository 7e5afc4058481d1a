"""Who sees the same signed-in pages: the audience the audience cache keys pages by (`core.audiencecache`).

Home sits on top of every app, so it alone can name every fact that the opted-in pages' permissions rest on: where
the person stands in the partnership (`bodies.person.PersonStanding.permission_key`: organisations, focal points,
partner membership, chaired and member bodies, the Secretariat), the account's own flags (administrator, staff,
active) and the news writers' role. Everything else those pages show follows from these facts and the data. Never
the person's name or id: two people with the same audience get the same page, with their own header filled in.
"""

from __future__ import annotations

from django.http import HttpRequest

from alliance87.accounts.roles import is_secretariat
from alliance87.bodies.person import person_of
from alliance87.core.audiencecache import audience_digest
from alliance87.news.permissions import can_write_news


def audience_of(request: HttpRequest) -> str:
    """A short digest of what the request's signed-in person's permissions rest on."""
    user = request.user
    person = person_of(request)
    return audience_digest(
        person.permission_key(),
        is_secretariat(user),
        user.is_superuser,
        user.is_staff,
        user.is_active,
        can_write_news(user),
    )
