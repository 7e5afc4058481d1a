"""Limit/offset pagination with a ceiling, so no client can ask for the whole table at once."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
#: Far beyond any list the platform holds, and within what both databases take as an OFFSET.
MAX_OFFSET = 1_000_000_000


class LimitOffset(LimitOffsetPagination):
    """``?limit=&offset=``; answers ``{"items": [...], "count": n}``."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"At most {MAX_OFFSET}.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
