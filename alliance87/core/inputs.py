"""Typed inputs of services: what a page, the API or an import asks a service to write.

A service that creates or changes a record takes one frozen dataclass of its fields (`BodyInput`,
`EventInput`, …) instead of a dictionary. Every field defaults to `UNSET`: a field left unset keeps the record's
value (a PATCH sends only what changes) or the model's default (a new record), so one class serves create, edit
and partial update alike. Forms and API schemas take their field lists from the class (`field_names()`).

    @dataclass(frozen=True, kw_only=True)
    class BodyInput(ServiceInput):
        name: str | Unset = UNSET
        parent: Body | Unset | None = UNSET

    services.save_body(by=user, values=BodyInput(name="Supply chains"))
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Final, Literal, Self

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class _Unset(enum.Enum):
    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> Literal[False]:
        return False


#: The value of a field nobody gave: keep what the record has.
UNSET: Final = _Unset.UNSET
Unset = Literal[_Unset.UNSET]


@dataclass(frozen=True, kw_only=True)
class ServiceInput:
    """The fields a service writes; subclasses declare each one as `<type> | Unset = UNSET`."""

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """Every field this input may carry, in declaration order (the form's and the schema's field list)."""
        return tuple(field.name for field in fields(cls))

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Self:
        """The input from a mapping (a form's cleaned data, an API payload); unknown fields are refused by name."""
        unknown = set(values) - set(cls.field_names())
        if unknown:
            raise ValidationError({field: _("Unknown field.") for field in sorted(unknown)})
        return cls(**values)

    def given(self) -> dict[str, Any]:
        """The fields that were given, with their values (unset ones left out)."""
        return {
            field.name: value for field in fields(self) if (value := getattr(self, field.name)) is not UNSET
        }

    def is_given(self, name: str) -> bool:
        return getattr(self, name) is not UNSET

    def apply_to(self, instance: Any, *, skip: tuple[str, ...] = ()) -> None:
        """Set each given field (but those in `skip`, which the service writes itself) on a model instance."""
        for name, value in self.given().items():
            if name not in skip:
                setattr(instance, name, value)
