"""Field types and descriptions shared by the plan schemas and the reporting schemas.

A module of its own so that both schema modules can use them without importing each other the wrong way round.
"""

from alliance87.accounts.models import User
from alliance87.core.api.fields import DECIMAL_TEXT, DecimalText

__all__ = ["DECIMAL_IN", "DECIMAL_TEXT", "FLOAT", "DecimalText", "display_name"]

DECIMAL_IN = "A decimal number, as a JSON number or a string."
FLOAT = "Computed in floating point, rounded to 6 decimals."


def display_name(user: User | None) -> str | None:
    """The name a person is shown by, or null when no one is named."""
    return user.display_name if user is not None else None
