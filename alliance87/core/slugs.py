"""One rule for turning a title into a free address: slugify, cut to length, then add -2, -3… until free."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.text import slugify


def unique_slug(
    queryset_or_model: QuerySet[Any] | type[Model],
    text: str,
    *,
    max_length: int,
    reserved: Container[str] = frozenset(),
    fallback: str = "item",
    field: str = "slug",
    exclude_pk: Any = None,
) -> str:
    """The slug of `text` that no row of `queryset_or_model` has in `field` and that is not in `reserved`.

    The slug is at most `max_length` characters, a numbered slug included: the text is cut to make room for
    the "-2", so the result always fits. A text that slugifies to nothing (punctuation, non-Latin scripts)
    becomes `fallback`. `reserved` holds the words that are other pages at the same address (e.g. "new");
    anything that answers `in` will do, so an app may ask its URLconf. `exclude_pk` is the object being
    renamed, which must not count as taking its own slug.
    """
    if isinstance(queryset_or_model, QuerySet):
        queryset = queryset_or_model
    else:
        queryset = queryset_or_model._default_manager.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    base = slugify(text)[:max_length].rstrip("-") or fallback
    slug, number = base, 1
    while slug in reserved or queryset.filter(**{field: slug}).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug
