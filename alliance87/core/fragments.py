"""Parts of a page computed once per data version and audience, for signed-in people too.

The page cache (`pagecache`) serves whole pages to visitors only. A signed-in person's page is rendered for them,
but some of its parts are the same for everyone who may see the same rows: the world figures on the home page,
the most-read lists of the library. `fragment` keeps such a part in the per-process ``pages`` cache under a key
holding the release and the data version (so any change shows on the next request, as for pages), the language
and the *audience*: a digest of what the reader's permissions rest on (`bodies.person.PersonStanding.permission_key`),
never the reader's name. Two people with the same standing see the same rows; anything that shows who is
reading (their name, their own drafts, their notifications) must not go through here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from .pagecache import changed_in_open_transaction, current_version, pages_cache, release

T = TypeVar("T")
_MISSING = object()


def fragment(
    name: str, *, audience: str, compute: Callable[[], T], keep: Callable[[T], bool] | None = None
) -> T:
    """`compute()`, or its value kept for this data version, language, day and audience.

    `keep(value)` false leaves a value out of the cache (an answer made while an engine was unavailable).
    """
    cache = pages_cache()
    if cache is None or not settings.PAGE_CACHE_VIEWS or changed_in_open_transaction():
        return compute()
    key = (
        f"fragment:{name}:{release()}:{current_version()}:{get_language()}:{timezone.localdate().isoformat()}"
        f":{audience}"
    )
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if keep is None or keep(cast(T, value)):
            cache.set(key, value, timeout=None)
    return cast(T, value)
