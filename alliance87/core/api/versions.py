"""The `version` an API client reads with a record and sends back with a change (see `core.concurrency`)."""

from typing import Any

from ninja import Schema
from pydantic import Field

from alliance87.core.concurrency import version_of


class VersionedOut(Schema):
    """A record's detail that carries the version it was read at."""

    version: str = Field(
        description="When the record was last saved: send it back with a change to be told (409) if someone "
        "saved in between."
    )

    @staticmethod
    def resolve_version(record: Any) -> str:
        return version_of(record)


class VersionedIn(Schema):
    """A change that may name the version it started from."""

    version: str | None = Field(
        None, description="The `version` you read; the change is refused (409) if someone saved since."
    )
