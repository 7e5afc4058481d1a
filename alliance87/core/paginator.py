"""A page-number paginator whose count stops a little past the page asked for, for lists that grow without end.

Django's `Paginator` counts every row of the list to say "page 1 of N": a query that reads every row however
small the page (every published post of the news, 50,000 at ten times the large data set). This one counts at most
`counted` rows, or as far as the page asked for reaches when that is further (that page's OFFSET reads as many rows
anyway), plus one to know whether there are more. Past that, the list says "page 1 of more than 100" and every
page up to the last counted one, and the one after, has a working "Next" link.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

#: Rows counted before a list says "more than": a hundred pages of ten.
COUNTED_ROWS = 1_000
#: The furthest a page number asked for makes the count reach: past any list's length, and within a 64-bit LIMIT
#: (a hostile `?page=` of 25 digits would otherwise become a LIMIT the database cannot read).
MAX_REACH = 1_000_000_000


class BoundedPaginator(Paginator):
    """A `Paginator` counting at most `counted` rows, or as many as the page asked for needs, plus one."""

    def __init__(self, object_list: Any, per_page: int, *, counted: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.reach = max(COUNTED_ROWS if counted is None else counted, int(per_page))

    def validate_number(self, number: Any) -> int:
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if wanted * self.per_page > self.reach and "count" not in self.__dict__:
            self.reach = min(wanted * self.per_page, MAX_REACH)
        return super().validate_number(number)

    @cached_property
    def count(self) -> int:
        """The rows, counted up to one past the reach (then `is_bounded`, and the last page is one past it)."""
        rows = self.object_list
        if isinstance(rows, QuerySet):  # which rows is no matter to a count: no ordering
            return rows.order_by()[: self.reach + 1].count()
        return len(rows[: self.reach + 1])

    @property
    def is_bounded(self) -> bool:
        """Whether there are more rows than were counted."""
        return self.count > self.reach

    @property
    def counted_pages(self) -> int:
        """The pages counted whole: what "page 1 of more than N" says."""
        return ceil(self.counted_rows / self.per_page)

    @property
    def counted_rows(self) -> int:
        """The rows counted: the whole list's length, or "more than" this many when `is_bounded`."""
        return min(self.count, self.reach)
