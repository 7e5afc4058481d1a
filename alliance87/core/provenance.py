"""Where a fact comes from: one shape shared by every record that can hold one, on the page and in the API.

A fact either cites its source (a seed document by its title and publisher, or a public page with its address and
the date it was read) or is flagged illustrative. Facts true at a date say "as of" that date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Cited:
    """The provenance of one record, as the page and the API show it."""

    source: str = ""
    url: str = ""
    read_on: datetime.date | None = None
    as_of: datetime.date | None = None
    illustrative: bool = False

    @property
    def is_stated(self) -> bool:
        """Whether a reader learns where the fact comes from: a source is cited or it is flagged illustrative."""
        return self.illustrative or bool(self.source.strip() or self.url.strip())

    def as_fields(self) -> dict[str, Any]:
        """The values of `core.models.Provenance`'s fields, for a loader's `update_or_create(defaults=…)`."""
        return {
            "source": self.source,
            "source_url": self.url,
            "source_read_on": self.read_on,
            "as_of": self.as_of,
            "is_illustrative": self.illustrative,
        }


#: Provenance of a record that states nothing (a person's own post, a form a visitor filled in).
NOT_STATED = Cited()


class HasProvenance(Protocol):
    @property
    def provenance(self) -> Cited: ...


#: A source written as one text that ends with its address ("Terms of Reference, https://…", or the address alone).
_TRAILING_ADDRESS = re.compile(r"(?:^|[,;]?\s+)(https?://\S+?)[.;]?\s*$")


def split_address(text: str) -> tuple[str, str]:
    """(title, address) from a source written as one text, as records did before they had `source_url`: an address
    that ends the text moves out, the rest is the title ("" when the text was only the address). Texts without
    one (or with an address inside a sentence) come back as they are. For data migrations."""
    match = _TRAILING_ADDRESS.search(text)
    if not match:
        return text, ""
    return text[: match.start()].strip(), match.group(1)


def join_address(title: str, url: str) -> str:
    """The one text `split_address` reads back (for reversing a data migration)."""
    return ", ".join(part for part in (title, url) if part)
