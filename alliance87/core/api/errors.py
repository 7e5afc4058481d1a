"""One JSON shape for every error the API returns, and the handlers that produce it.

Clients handle a single shape: ``{"detail": "...", "errors": [{"field": "name", "message": "..."}]}``.
Schema problems (wrong type, missing field) are 422, refusals by a service's rules are 400, so a client can
tell "fix your request" from "the partnership's rules say no". A refusal because someone else changed the
record since the client read it (a ValidationError with the code ``stale``) is 409 Conflict: read it again,
then resend.
"""

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from alliance87.core import request_bounds
from alliance87.core.ratelimits import TooManyRequests

logger = logging.getLogger(__name__)


class FieldError(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


#: The error responses every operation may return, to merge into its ``response=`` declaration.
READ_ERRORS: dict[int, type[Schema]] = {404: ErrorOut, 422: ErrorOut}
#: Writes may be refused for a while when a person or a client sends too many (see alliance87/api/throttling.py).
THROTTLE_ERRORS: dict[int, type[Schema]] = {429: ErrorOut}
AUTH_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, **AUTH_ERRORS, **READ_ERRORS, **THROTTLE_ERRORS}
#: Reads that take credentials optionally may still refuse a token that is sent and not accepted.
READER_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, **READ_ERRORS}
#: For writes that send back the version they read (optimistic locking).
CONFLICT_ERRORS: dict[int, type[Schema]] = {409: ErrorOut}

#: The code of a service's ValidationError that means "changed by someone else since you read it".
CONFLICT_CODE = "stale"

#: Pydantic error types whose English message we replace with a translated one (``%(name)s`` from its context).
PYDANTIC_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("This field is not accepted here."),
    "enum": gettext_lazy("This is not one of the allowed values."),
    "literal_error": gettext_lazy("This is not one of the allowed values."),
    "string_type": gettext_lazy("Send a text value."),
    "int_type": gettext_lazy("Send a whole number."),
    "int_parsing": gettext_lazy("Send a whole number."),
    "bool_type": gettext_lazy("Send true or false."),
    "bool_parsing": gettext_lazy("Send true or false."),
    "date_type": gettext_lazy("Send a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Send a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Send a date as YYYY-MM-DD."),
    "decimal_parsing": gettext_lazy("Send a number."),
    "decimal_type": gettext_lazy("Send a number."),
    "finite_number": gettext_lazy("Send a number."),
    "list_type": gettext_lazy("Send a list."),
    "model_type": gettext_lazy("Send a JSON object."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "json_invalid": gettext_lazy("The request body is not valid JSON."),
    "greater_than_equal": gettext_lazy("Send a number of at least %(ge)s."),
    "greater_than": gettext_lazy("Send a number greater than %(gt)s."),
    "less_than_equal": gettext_lazy("Send a number of at most %(le)s."),
    "less_than": gettext_lazy("Send a number less than %(lt)s."),
    "string_too_long": gettext_lazy("Send at most %(max_length)s characters."),
    "string_too_short": gettext_lazy("Send at least %(min_length)s characters."),
    "too_long": gettext_lazy("Send at most %(max_length)s items."),
}


def error_response(
    api: NinjaAPI, request: HttpRequest, *, status: int, detail: str, errors: Iterable[FieldError] = ()
) -> HttpResponse:
    return api.create_response(
        request, ErrorOut(detail=detail, errors=list(errors)).model_dump(), status=status
    )


def _pydantic_field(loc: tuple[Any, ...]) -> str:
    """``("body", "payload", "parent", "slug")`` → ``"parent.slug"``: drop the source and the body's name."""
    source, *path = loc
    if source == "body" and path:
        path = path[1:]  # the view's body argument, not something the client named
    names = [position for position, part in enumerate(path) if isinstance(part, str)]
    if source == "query" and names:
        # a query parameter is flat: its name (ninja puts the filter schema's argument before list items), then
        # the index of a repeated value
        path = path[names[-1] :]
    return ".".join(str(part) for part in path) or str(source)


def _pydantic_message(error: dict[str, Any]) -> str:
    if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])  # our own validators raise translated messages
    translated = PYDANTIC_MESSAGES.get(error.get("type", ""))
    if not translated:
        return str(error.get("msg", ""))
    try:
        return str(translated) % error.get("ctx", {})
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", ""))


def schema_errors(errors: list[dict[str, Any]]) -> list[FieldError]:
    return [FieldError(field=_pydantic_field(tuple(e["loc"])), message=_pydantic_message(e)) for e in errors]


def django_errors(exc: DjangoValidationError) -> list[FieldError]:
    """A service's ValidationError, one entry per message; errors not tied to a field have ``field: null``."""
    if hasattr(exc, "error_dict"):
        return [
            FieldError(field=None if field == NON_FIELD_ERRORS else field, message=message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [FieldError(field=None, message=message) for message in exc.messages]


def install_error_handlers(api: NinjaAPI) -> None:  # noqa: C901 (a list of small handlers, not branching)
    """Replace ninja's default handlers so that every failure answers in the ``ErrorOut`` shape."""

    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return error_response(
            api,
            request,
            status=422,
            detail=_("The request does not match the schema."),
            errors=schema_errors(exc.errors),
        )

    @api.exception_handler(DjangoValidationError)
    def on_rule_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = django_errors(exc)
        general = [e.message for e in errors if e.field is None]
        detail = " ".join(general) if general else _("Some of the data sent is not valid.")
        status = 409 if getattr(exc, "code", None) == CONFLICT_CODE else 400
        return error_response(api, request, status=status, detail=detail, errors=errors)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            api,
            request,
            status=401,
            detail=_("Sign in, or send an API token as 'Authorization: Bearer <token>'."),
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(
            api, request, status=403, detail=str(exc) or _("You do not have permission to do this.")
        )

    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = error_response(
            api, request, status=429, detail=_("Too many changes for now. Please wait and try again.")
        )
        if exc.wait:
            response.headers["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(TooManyRequests)
    def on_too_many(request: HttpRequest, exc: TooManyRequests) -> HttpResponse:
        return error_response(api, request, status=429, detail=str(exc))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            # ninja raises this when the body cannot be parsed (bad JSON or encoding)
            return error_response(api, request, status=400, detail=_("The request body is not valid JSON."))
        return error_response(api, request, status=exc.status_code, detail=str(exc))

    @api.exception_handler(RequestDataTooBig)
    def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return request_bounds.json_refusal(request_bounds.too_large(request_bounds.body_limit(request)))

    @api.exception_handler(MultiPartParserError)
    def on_bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return error_response(api, request, status=400, detail=_("The upload could not be read."))

    def on_out_of_range(request: HttpRequest, exc: Any) -> HttpResponse:
        if not request_bounds.is_out_of_range(exc):
            return on_unexpected(request, exc)
        return request_bounds.json_refusal(request_bounds.out_of_range(request))

    api.add_exception_handler(OverflowError, on_out_of_range)
    api.add_exception_handler(DataError, on_out_of_range)

    def on_not_found(request: HttpRequest, exc: object) -> HttpResponse:
        return error_response(api, request, status=404, detail=_("Not found."))

    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(ObjectDoesNotExist, on_not_found)

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Still a bug to fix (it is logged with its traceback), but the client gets JSON, not an HTML page.
        logger.exception("Unexpected error in %s %s", request.method, request.path, exc_info=exc)
        return error_response(api, request, status=500, detail=_("Something went wrong on our side."))
