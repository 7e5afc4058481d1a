"""Bounds every request meets before a view sees it, with a message naming what is wrong.

One guard at the edge for what no form or schema should have to think about: a body larger than the platform
takes (413), a multipart body that cannot be read, NUL bytes (PostgreSQL refuses them in text, and no person
types one), lone UTF-16 surrogates (which no database can store) and whole numbers beyond 64 bits (which no
database column holds). Pages get the site's layout with the message; ``/api/`` gets the API's one error shape
(``{"detail": ..., "errors": [{"field": ..., "message": ...}]}``). What is left to each form and schema is what
only it knows: the range of a year, the length of a title, the span of an event.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

#: The largest whole number a database column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_INTEGER = 2**63 - 1
#: Numbers beyond this may not fit an ordinary integer column; named when the database refuses one.
MAX_SMALL_INTEGER = 2**31 - 1
#: JSON bodies nested deeper than this are refused rather than walked.
MAX_JSON_DEPTH = 64

#: A run of digits long enough to exceed MAX_INTEGER.
LONG_NUMBER = re.compile(r"\d{19,}")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class Refusal:
    """Why a request is refused: a status, a sentence, and the fields at fault (``None`` for the whole request)."""

    status: int
    detail: str
    errors: list[tuple[str | None, str]] = field(default_factory=list)


def nul_message() -> str:
    return _("Contains a NUL character (\\0), which text may not contain.")


def surrogate_message() -> str:
    return _("Contains a lone UTF-16 surrogate, which is not a character: send valid Unicode text.")


def number_message() -> str:
    return _("This number is too large.")


def text_fault(value: str) -> str | None:
    """Why a piece of text cannot be taken, or ``None`` when it can."""
    if "\x00" in value:
        return nul_message()
    if any("\ud800" <= character <= "\udfff" for character in value):
        return surrogate_message()
    return None


def _walk_json(document: Any) -> Iterator[tuple[str, Any]]:
    """Every key and leaf of a parsed JSON document with its dotted path (``items.0.title``), without recursion."""
    stack: list[tuple[str, Any, int]] = [("", document, 0)]
    while stack:
        path, node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            yield path, ...  # too deep: reported by the caller
            continue
        if isinstance(node, dict):
            for key, child in node.items():
                child_path = f"{path}.{key}" if path else str(key)
                yield child_path, key  # the key itself is text too
                stack.append((child_path, child, depth + 1))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                stack.append((f"{path}.{index}" if path else str(index), child, depth + 1))
        else:
            yield path, node


def json_faults(document: Any) -> list[tuple[str | None, str]]:
    """The fields of a JSON document that hold text or numbers no database can store."""
    faults: list[tuple[str | None, str]] = []
    for path, value in _walk_json(document):
        if value is ...:
            faults.append((path or None, _("Nested too deeply.")))
        elif isinstance(value, str):
            fault = text_fault(value)
            if fault:
                faults.append((path or None, fault))
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            faults.append((path or None, number_message()))
    return faults


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def _is_form(request: HttpRequest) -> bool:
    return request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded")


def too_large(limit: int) -> Refusal:
    megabytes = max(1, limit // (1024 * 1024))
    return Refusal(
        413,
        _("The request is too large: send at most %(size)s MB.") % {"size": megabytes},
    )


def body_limit(request: HttpRequest) -> int:
    """Form fields and JSON are held in memory; uploaded files are streamed to disk, up to a larger ceiling."""
    if request.content_type == "multipart/form-data":
        return int(settings.REQUEST_BODY_MAX_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def check_size(request: HttpRequest) -> Refusal | None:
    raw = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(raw)
    except ValueError:
        return Refusal(400, _("The Content-Length header is not a number."))
    limit = body_limit(request)
    if length > limit:
        return too_large(limit)
    return None


def querydict_faults(data: Any) -> list[tuple[str | None, str]]:
    faults: list[tuple[str | None, str]] = []
    for key, values in data.lists():
        fault = text_fault(key)
        if fault:
            faults.append((None, fault))  # a name that cannot be shown
            continue
        fault = next(filter(None, map(text_fault, values)), None)
        if fault:
            faults.append((key, fault))
    return faults


def check_form(request: HttpRequest) -> Refusal | None:
    """Read a form body now, so that a malformed one is a 400 here rather than an error inside a view."""
    try:
        faults = querydict_faults(request.POST)
    except RequestDataTooBig:
        return too_large(int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    except (TooManyFieldsSent, TooManyFilesSent):
        return Refusal(400, _("The form sends too many fields or files."))
    except MultiPartParserError:
        return Refusal(
            400,
            _("The upload could not be read: send it as multipart/form-data with a boundary."),
        )
    if faults:
        return Refusal(400, _("Some of the data sent is not valid."), faults)
    return None


def check_json(request: HttpRequest) -> Refusal | None:
    try:
        document = json.loads(request.body)
    except RequestDataTooBig:
        return too_large(int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    except (ValueError, RecursionError):
        return None  # not JSON: the view answers that, in its own words
    faults = json_faults(document)
    if faults:
        return Refusal(422, _("The request does not match the schema."), faults)
    return None


def check_address(request: HttpRequest) -> None:
    """An address with a NUL, or naming an id beyond any stored one, is an address where nothing is."""
    if "\x00" in request.path:
        raise Http404
    if not LONG_NUMBER.search(request.path_info):
        return
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    if any(isinstance(value, int) and abs(value) > MAX_INTEGER for value in match.kwargs.values()):
        raise Http404


def check_request(request: HttpRequest) -> Refusal | None:
    """The first reason to refuse the request, or ``None``."""
    check_address(request)
    refusal = check_size(request)
    if refusal:
        return refusal
    faults = querydict_faults(request.GET)
    if faults:
        return Refusal(400, _("Some of the data sent is not valid."), faults)
    if request.method not in WRITE_METHODS:
        return None
    if request.method == "POST" and _is_form(request):
        return check_form(request)
    if _is_json(request):
        return check_json(request)
    return None


def _numbers_out_of_range(request: HttpRequest) -> list[str]:
    """The query parameters and address parts holding a whole number too large for an ordinary column."""
    named: list[str] = []
    candidates = [(key, str(value)) for key, value in request.GET.items()]
    if request.resolver_match:
        candidates += [(key, str(value)) for key, value in request.resolver_match.kwargs.items()]
    for key, value in candidates:
        digits = value.strip().removeprefix("-").removeprefix("+")
        if digits.isdigit() and len(digits) < 4300 and int(digits) > MAX_SMALL_INTEGER:
            named.append(key)
    if _is_json(request):
        try:
            document = json.loads(request.body)
        except (ValueError, RecursionError):
            return named
        named += [
            path
            for path, value in _walk_json(document)
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SMALL_INTEGER
        ]
    return named


def out_of_range(request: HttpRequest) -> Refusal:
    """A number the database could not take: name the parameters that hold one."""
    names = _numbers_out_of_range(request)
    return Refusal(
        400,
        _("A number in the request is too large."),
        [(name, number_message()) for name in names],
    )


def is_out_of_range(exception: BaseException) -> bool:
    """The database (or its driver) refused a number for being too large."""
    if isinstance(exception, OverflowError):
        return True
    return isinstance(exception, DataError) and "out of range" in str(exception)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def json_refusal(refusal: Refusal) -> HttpResponse:
    return JsonResponse(
        {
            "detail": refusal.detail,
            "errors": [{"field": name, "message": message} for name, message in refusal.errors],
        },
        status=refusal.status,
    )


def respond(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    if is_api(request):
        return json_refusal(refusal)
    return render(request, "core/bad_request.html", {"refusal": refusal}, status=refusal.status)


class RequestBoundsMiddleware:
    """Refuses out-of-bounds requests before any view (or the CSRF check) reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = check_request(request)
        if refusal:
            return respond(request, refusal)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """What a view meets later (a body without a length, a number the database refuses) gets a 4xx too."""
        if isinstance(exception, RequestDataTooBig):
            return respond(request, too_large(body_limit(request)))
        if isinstance(exception, MultiPartParserError):
            return respond(request, Refusal(400, _("The upload could not be read.")))
        if is_out_of_range(exception):
            return respond(request, out_of_range(request))
        return None
