"""OAI-PMH 2.0 at /oai/, so that library catalogues and aggregators can harvest the public items as Dublin Core.

- Identifiers are `oai:<host>:library/<id>` (host of SITE_URL, so they do not change with the address asked);
  datestamps are the items' `updated_at` in UTC to the second.
- Sets: `kind` and `kind:<kind>` (e.g. kind:report), `theme` and `theme:<code>` (the Theme vocabulary).
- Lists come in pages of PAGE_SIZE in id order; a resumption token is the query and the last id sent, signed
  with django.core.signing, so the server keeps no state. Each page costs a fixed number of queries.
- Deleted records: "no" (deletions are not tracked). Only public items are ever shown: harvesting is anonymous.
"""

from __future__ import annotations

import datetime
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import Min, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_countries import countries
from lxml import etree

from .citations import KIND_NAMES
from .models import Concept, Item, ItemFile, ItemKind, Scheme
from .permissions import visible_items

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

PAGE_SIZE = 100
TOKEN_SALT = "alliance87.library.oai"
TOKEN_MAX_AGE = datetime.timedelta(days=1)
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
SECOND_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

VERBS: dict[str, tuple[set[str], set[str], bool]] = {
    # verb: (required arguments, optional arguments, may resume)
    "Identify": (set(), set(), False),
    "ListMetadataFormats": (set(), {"identifier"}, False),
    "ListSets": (set(), set(), True),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), False),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, True),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, True),
}

#: The DCMI Type of each kind (dc:type carries it beside the kind's own name).
DCMI_TYPES: dict[str, str] = {ItemKind.DATASET: "Dataset", ItemKind.MEDIA: "MovingImage"}


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- identifiers, dates, sets ------------------------------------------------------------------------------


def repository_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def oai_identifier(item_id: int) -> str:
    return f"oai:{repository_host()}:library/{item_id}"


def _item_id(identifier: str) -> int:
    prefix = f"oai:{repository_host()}:library/"
    local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    if not local.isdigit():
        raise OaiError("idDoesNotExist", f"No item has the identifier {identifier}.")
    return int(local)


def datestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime(SECOND_FORMAT)


def _parse_datestamp(value: str, *, end: bool) -> tuple[datetime.datetime, str]:
    """The moment a from/until argument names, and its granularity; `until` covers its whole day or second."""
    for granularity, pattern, step in (
        ("day", "%Y-%m-%d", datetime.timedelta(days=1)),
        ("second", SECOND_FORMAT, datetime.timedelta(seconds=1)),
    ):
        try:
            moment = datetime.datetime.strptime(value, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if len(value) != (10 if granularity == "day" else 20):
            continue
        return (moment + step if end else moment), granularity
    raise OaiError("badArgument", f"“{value}” is not a date in the form YYYY-MM-DD or {GRANULARITY}.")


def _public_items() -> QuerySet[Item]:
    return Item.objects.filter(visible_items(AnonymousUser()))


def _sets() -> list[tuple[str, str]]:
    sets = [("kind", "Kinds of item")]
    sets += [(f"kind:{kind}", str(KIND_NAMES.get(kind, kind))) for kind in ItemKind.values]
    sets.append(("theme", "Themes"))
    themes = Concept.objects.filter(scheme=Scheme.THEME).order_by("position", "label")
    sets += [(f"theme:{concept.code}", concept.label) for concept in themes]
    return sets


def _filter_by_set(items: QuerySet[Item], set_spec: str) -> QuerySet[Item]:
    group, _sep, value = set_spec.partition(":")
    if group == "kind" and not value:
        return items
    if group == "kind" and value in ItemKind.values:
        return items.filter(kind=value)
    if group == "theme" and not value:
        return items.filter(concepts__scheme=Scheme.THEME).distinct()
    if group == "theme" and Concept.objects.filter(scheme=Scheme.THEME, code=value).exists():
        return items.filter(concepts__scheme=Scheme.THEME, concepts__code=value).distinct()
    raise OaiError("badArgument", f"There is no set “{set_spec}”; ListSets names them.")


# --- XML ---------------------------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def _envelope(request_url: str, arguments: dict[str, str] | None) -> etree._Element:
    root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    _sub(root, f"{{{OAI_NS}}}responseDate", datestamp(timezone.now()))
    _sub(root, f"{{{OAI_NS}}}request", request_url, **(arguments or {}))
    return root


def _header(parent: etree._Element, item: Item) -> None:
    header = _sub(parent, f"{{{OAI_NS}}}header")
    _sub(header, f"{{{OAI_NS}}}identifier", oai_identifier(item.pk))
    _sub(header, f"{{{OAI_NS}}}datestamp", datestamp(item.updated_at))
    _sub(header, f"{{{OAI_NS}}}setSpec", f"kind:{item.kind}")
    for concept in item.concepts.all():
        if concept.scheme == Scheme.THEME:
            _sub(header, f"{{{OAI_NS}}}setSpec", f"theme:{concept.code}")


def dublin_core(item: Item) -> etree._Element:
    """The item as oai_dc: title, creators in order, subjects, description, publisher, date, type, format,
    identifiers (page, ISBN, ISSN, DOI), language, coverage (countries) and rights."""
    dc = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")

    def add(name: str, value: str) -> None:
        if value:
            _sub(dc, f"{{{DC_NS}}}{name}", value)

    add("title", item.full_title)
    for author in item.authors.all():
        add("creator", str(author))
    for organisation in item.corporate_authors.all():
        add("creator", organisation.name)
    for concept in item.concepts.all():
        add("subject", concept.label)
    for keyword in item.keywords:
        add("subject", str(keyword))
    add("description", item.abstract)
    add("publisher", item.publisher.name if item.publisher else item.publisher_name)
    if item.publication_date:
        add("date", item.publication_date.isoformat())
    elif item.year:
        add("date", str(item.year))
    add("type", DCMI_TYPES.get(item.kind, "Text"))
    add("type", KIND_NAMES.get(item.kind, item.kind))
    for content_type in sorted({f.content_type for f in item.files.all()}):
        add("format", content_type)
    add("identifier", settings.SITE_URL + item.get_absolute_url())
    if item.isbn:
        add("identifier", f"URN:ISBN:{item.isbn}")
    if item.issn:
        add("identifier", f"URN:ISSN:{item.issn}")
    if item.doi:
        add("identifier", f"https://doi.org/{item.doi}")
    if item.url:
        add("identifier", item.url)
    add("language", item.language)
    with translation.override("en"):
        for code in item.countries:
            add("coverage", str(countries.name(code) or code))
    add("rights", item.licence)
    return dc


# --- verbs -------------------------------------------------------------------------------------------------


def _identify(root: etree._Element, base_url: str) -> None:
    identify = _sub(root, f"{{{OAI_NS}}}Identify")
    earliest = _public_items().aggregate(earliest=Min("updated_at"))["earliest"]
    admin_email = getattr(settings, "OAI_ADMIN_EMAIL", "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    _sub(identify, f"{{{OAI_NS}}}repositoryName", "Alliance 8.7 knowledge library")
    _sub(identify, f"{{{OAI_NS}}}baseURL", base_url)
    _sub(identify, f"{{{OAI_NS}}}protocolVersion", "2.0")
    _sub(identify, f"{{{OAI_NS}}}adminEmail", admin_email)
    _sub(
        identify,
        f"{{{OAI_NS}}}earliestDatestamp",
        datestamp(earliest) if earliest else "1970-01-01T00:00:00Z",
    )
    _sub(identify, f"{{{OAI_NS}}}deletedRecord", "no")
    _sub(identify, f"{{{OAI_NS}}}granularity", GRANULARITY)


def _check_prefix(prefix: str) -> None:
    if prefix != "oai_dc":
        raise OaiError("cannotDisseminateFormat", f"The only metadata format is oai_dc, not “{prefix}”.")


def _list_metadata_formats(root: etree._Element, arguments: dict[str, str]) -> None:
    if "identifier" in arguments:
        _public_item(arguments["identifier"])
    formats = _sub(root, f"{{{OAI_NS}}}ListMetadataFormats")
    metadata_format = _sub(formats, f"{{{OAI_NS}}}metadataFormat")
    _sub(metadata_format, f"{{{OAI_NS}}}metadataPrefix", "oai_dc")
    _sub(metadata_format, f"{{{OAI_NS}}}schema", OAI_DC_SCHEMA)
    _sub(metadata_format, f"{{{OAI_NS}}}metadataNamespace", OAI_DC_NS)


def _list_sets(root: etree._Element) -> None:
    list_sets = _sub(root, f"{{{OAI_NS}}}ListSets")
    for spec, name in _sets():
        oai_set = _sub(list_sets, f"{{{OAI_NS}}}set")
        _sub(oai_set, f"{{{OAI_NS}}}setSpec", spec)
        _sub(oai_set, f"{{{OAI_NS}}}setName", name)


def _with_metadata(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("publisher").prefetch_related(
        "authors",
        "corporate_authors",
        "concepts",
        Prefetch("files", queryset=ItemFile.objects.only("pk", "item_id", "content_type")),
    )


def _public_item(identifier: str) -> Item:
    item_id = _item_id(identifier)
    item = _with_metadata(_public_items()).filter(pk=item_id).first()
    if item is None:
        raise OaiError("idDoesNotExist", f"No public item has the identifier {identifier}.")
    return item


def _get_record(root: etree._Element, arguments: dict[str, str]) -> None:
    _check_prefix(arguments["metadataPrefix"])
    item = _public_item(arguments["identifier"])
    get_record = _sub(root, f"{{{OAI_NS}}}GetRecord")
    _record(get_record, item)


def _record(parent: etree._Element, item: Item) -> None:
    record = _sub(parent, f"{{{OAI_NS}}}record")
    _header(record, item)
    metadata = _sub(record, f"{{{OAI_NS}}}metadata")
    metadata.append(dublin_core(item))


def _selection(query: dict[str, str]) -> QuerySet[Item]:
    """The public items a list request asks for: its date range and set."""
    items = _public_items()
    granularities = set()
    start = end = None
    if query.get("from"):
        start, granularity = _parse_datestamp(query["from"], end=False)
        granularities.add(granularity)
        items = items.filter(updated_at__gte=start)
    if query.get("until"):
        end, granularity = _parse_datestamp(query["until"], end=True)
        granularities.add(granularity)
        items = items.filter(updated_at__lt=end)
    if len(granularities) > 1:
        raise OaiError("badArgument", "The from and until arguments must have the same granularity.")
    if start and end and start >= end:
        raise OaiError("badArgument", "The from date is later than the until date.")
    if query.get("set"):
        items = _filter_by_set(items, query["set"])
    return items


def _read_token(token: str) -> dict[str, Any]:
    try:
        state = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise OaiError("badResumptionToken", "This resumption token is not valid or has expired.") from None
    if not isinstance(state, dict) or not isinstance(state.get("after"), int):
        raise OaiError("badResumptionToken", "This resumption token is not valid.")
    return state


def _list(root: etree._Element, verb: str, arguments: dict[str, str]) -> None:
    if "resumptionToken" in arguments:
        state = _read_token(arguments["resumptionToken"])
        if state.get("verb") != verb:
            raise OaiError("badResumptionToken", f"This resumption token is not for {verb}.")
    else:
        _check_prefix(arguments["metadataPrefix"])
        state = {
            "verb": verb,
            "query": {k: arguments[k] for k in ("from", "until", "set") if k in arguments},
            "after": 0,
            "cursor": 0,
        }
    selection = _selection(state["query"])
    total = selection.count()
    items = selection.filter(pk__gt=state["after"]).order_by("pk")
    items = _with_metadata(items) if verb == "ListRecords" else items.prefetch_related("concepts")
    page = list(items[:PAGE_SIZE])
    if not page:
        if "resumptionToken" in arguments:
            raise OaiError("badResumptionToken", "This resumption token points past the end of the list.")
        raise OaiError("noRecordsMatch", "No public items match these arguments.")
    container = _sub(root, f"{{{OAI_NS}}}{verb}")
    for item in page:
        if verb == "ListRecords":
            _record(container, item)
        else:
            _header(container, item)
    cursor = int(state.get("cursor", 0))
    sent = cursor + len(page)
    is_last = len(page) < PAGE_SIZE or not selection.filter(pk__gt=page[-1].pk).exists()
    if not is_last:
        next_state = {**state, "after": page[-1].pk, "cursor": sent}
        expires = timezone.now() + TOKEN_MAX_AGE
        _sub(
            container,
            f"{{{OAI_NS}}}resumptionToken",
            signing.dumps(next_state, salt=TOKEN_SALT, compress=True),
            completeListSize=str(total),
            cursor=str(cursor),
            expirationDate=datestamp(expires),
        )
    elif "resumptionToken" in arguments:
        _sub(container, f"{{{OAI_NS}}}resumptionToken", completeListSize=str(total), cursor=str(cursor))


# --- the endpoint ------------------------------------------------------------------------------------------


def _arguments(params: QueryDict) -> dict[str, str]:
    """The request's arguments; a repeated one is an error (a repeated verb is badVerb)."""
    arguments: dict[str, str] = {}
    for name, values in params.lists():
        if len(values) > 1:
            code = "badVerb" if name == "verb" else "badArgument"
            raise OaiError(code, f"The argument {name} is repeated.")
        arguments[name] = values[0]
    verb = arguments.get("verb")
    if verb is None:
        raise OaiError("badVerb", "The verb argument is missing.")
    if verb not in VERBS:
        raise OaiError("badVerb", f"“{verb}” is not an OAI-PMH verb.")
    required, optional, may_resume = VERBS[verb]
    given = set(arguments) - {"verb"}
    if may_resume and "resumptionToken" in given:
        if given != {"resumptionToken"}:
            raise OaiError("badArgument", "The resumptionToken argument is exclusive: send it alone.")
        return arguments
    illegal = given - required - optional
    if illegal:
        raise OaiError("badArgument", f"Illegal arguments for {verb}: {', '.join(sorted(illegal))}.")
    missing = required - given
    if missing:
        raise OaiError("badArgument", f"Missing arguments for {verb}: {', '.join(sorted(missing))}.")
    return arguments


def _respond(root: etree._Element) -> HttpResponse:
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one OAI-PMH request (GET, or POST with form-encoded arguments)."""
    base_url = request.build_absolute_uri(request.path)
    params = request.POST if request.method == "POST" else request.GET
    try:
        arguments = _arguments(params)
    except OaiError as error:
        # For badVerb and badArgument the request element carries no attributes (protocol, section 3.2).
        root = _envelope(base_url, None)
        _sub(root, f"{{{OAI_NS}}}error", error.message, code=error.code)
        return _respond(root)
    verb = arguments["verb"]
    root = _envelope(base_url, arguments)
    try:
        if verb == "Identify":
            _identify(root, base_url)
        elif verb == "ListMetadataFormats":
            _list_metadata_formats(root, arguments)
        elif verb == "ListSets":
            if "resumptionToken" in arguments:
                raise OaiError(
                    "badResumptionToken", "The list of sets comes whole; it has no resumption tokens."
                )
            _list_sets(root)
        elif verb == "GetRecord":
            _get_record(root, arguments)
        else:
            _list(root, verb, arguments)
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):
            root = _envelope(base_url, None)
        else:
            for child in list(root)[2:]:
                root.remove(child)
        _sub(root, f"{{{OAI_NS}}}error", error.message, code=error.code)
    return _respond(root)
