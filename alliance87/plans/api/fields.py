"""Field types and descriptions shared by the plan schemas and the reporting schemas.

A module of its own so that both schema modules can use them without importing each other the wrong way round.
"""

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema

from alliance87.accounts.models import User

DECIMAL_TEXT = 'A decimal number as a string, with every stored digit, e.g. "1250.5000".'
DECIMAL_IN = "A decimal number, as a JSON number or a string."
FLOAT = "Computed in floating point, rounded to 6 decimals."

#: A stored decimal, answered as a string so that no digit is lost to floating point.
DecimalText = Annotated[
    Decimal,
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "format": "decimal", "description": DECIMAL_TEXT}),
]


def display_name(user: User | None) -> str | None:
    """The name a person is shown by, or null when no one is named."""
    return user.display_name if user is not None else None
