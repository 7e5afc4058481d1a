"""The `provenance` piece every API schema of a record that can hold a demo fact carries."""

import datetime

from ninja import Schema
from pydantic import Field


class ProvenanceOut(Schema):
    """Where the record's facts come from: a cited source, or flagged illustrative."""

    source: str = Field(
        description="Title and publisher of the document or page that states this; '' if none."
    )
    url: str = Field(description="Address of the source; '' if none.")
    read_on: datetime.date | None = Field(description="When the source's address was read.")
    as_of: datetime.date | None = Field(description="The date at which the source says this was true.")
    illustrative: bool = Field(
        description="Not confirmed by a published source; shown as an illustration only."
    )


#: Field declaration for a schema: `provenance: ProvenanceOut = PROVENANCE_FIELD`.
PROVENANCE_FIELD = Field(description="Where the record's facts come from (a cited source, or illustrative).")
