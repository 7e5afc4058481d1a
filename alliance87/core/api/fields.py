"""Field types and schema helpers shared by every app's API: country codes, strict input, partial updates."""

import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Body as RequestBody
from ninja import Schema
from ninja.patch_dict import ModelToDict
from pydantic import AfterValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema, create_model

from alliance87.core.request_bounds import MAX_INTEGER

DECIMAL_TEXT = 'A decimal number as a string, with every stored digit, e.g. "1250.5000".'

#: A stored decimal, answered as a string so that no digit is lost to floating point.
DecimalText = Annotated[
    Decimal,
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "format": "decimal", "description": DECIMAL_TEXT}),
]

#: Years a filter may name: the calendar Python and both databases share.
MIN_YEAR, MAX_YEAR = 1, 9999


def _country_code(value: str) -> str:
    code = value.strip().upper()
    if code and (len(code) != 2 or code not in countries):
        raise ValueError(_("%(code)s is not an ISO 3166 alpha-2 country code.") % {"code": value})
    return code


#: A year in a filter; beyond the calendar is a 422 naming the parameter, not a database error.
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
#: The id of a stored record: positive and within what a database column holds.
RecordId = Annotated[int, Field(ge=1, le=MAX_INTEGER)]


#: An ISO 3166 alpha-2 code in either case, stored upper-case; "" means none.
CountryCode = Annotated[str, AfterValidator(_country_code)]


def country_code_of(record: Any) -> str:
    """The stored code of a CountryField as plain text ("" when empty)."""
    return str(record.country.code or "")


def country_name_of(record: Any) -> str:
    """The country's name in the request's language ("" when empty)."""
    return str(record.country.name) if record.country else ""


class InputSchema(Schema):
    """Input that names a field we do not know is a mistake worth reporting, not something to ignore."""

    model_config = ConfigDict(extra="forbid")


def _patch_schema(schema_cls: type[Schema]) -> type[ModelToDict]:
    """The schema with every field optional, validated as a dict of only the fields that were sent.

    Unlike ninja's ``PatchDict`` (which makes every field accept null) a PATCH may leave ``name`` out but may
    not set it to null; the services expect the types they are given.
    """
    fields: dict[str, Any] = {}
    for name, info in schema_cls.model_fields.items():
        optional = copy.copy(info)
        optional.default = None
        optional.default_factory = None
        fields[name] = (info.annotation, optional)
    patch_model = create_model(f"{schema_cls.__name__}Patch", __base__=schema_cls, **fields)

    class SentFields(ModelToDict):
        _wrapped_model = patch_model
        _wrapped_model_dump_params = {"exclude_unset": True}

    return SentFields


class _PatchFactory:
    def __getitem__(self, schema_cls: type[Schema]) -> Any:
        return RequestBody[_patch_schema(schema_cls)]  # type: ignore[misc]


if TYPE_CHECKING:
    from ninja import PatchDict as Patch
else:
    #: ``payload: Patch[OrganisationIn]`` → a dict of the fields the client sent, each validated by its type.
    Patch = _PatchFactory()
