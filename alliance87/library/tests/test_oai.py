"""OAI-PMH 2.0: every verb, every error code, paging with resumption tokens, date ranges, sets, public items only,
and a real harvester (oaipmh-scythe) against the live test server."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from lxml import etree
from oaipmh_scythe import Scythe

from alliance87.library import oai
from alliance87.library.models import Access, Author, Concept, Item, ItemKind, Scheme

from .factories import make_item

NS = {"oai": oai.OAI_NS, "dc": oai.DC_NS, "oai_dc": oai.OAI_DC_NS}
UTC = datetime.UTC


def ask(client, method: str = "get", **params: str | list[str]) -> etree._Element:
    response = getattr(client, method)(reverse("oai"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_code(root: etree._Element) -> str | None:
    error = root.find("oai:error", NS)
    return error.get("code") if error is not None else None


def identifiers(root: etree._Element) -> list[str]:
    return root.xpath("//oai:header/oai:identifier/text()", namespaces=NS)


@pytest.fixture
def library(world):
    """A public report with full metadata, a public data set, a partners-only and a body-only item."""
    migration = Concept.objects.get(scheme=Scheme.THEME, code="migration")
    trafficking = Concept.objects.get(scheme=Scheme.EXPLOITATION, code="human-trafficking")
    report = make_item(
        title="Fighting Human Trafficking in Conflict",
        subtitle="10 Ideas for Action",
        publication_date=datetime.date(2016, 9, 8),
        year=2016,
        publisher=world.ilo,
        isbn="9789280890310",
        doi="10.1234/unu.2016",
        abstract="Ten ideas.",
        licence="CC BY 3.0 IGO",
        keywords=["armed conflict"],
        countries=["CI", "SY"],
    )
    Author.objects.create(item=report, position=1, family_name="Walker", given_names="Summer")
    Author.objects.create(item=report, position=0, family_name="Cockayne", given_names="James")
    report.concepts.set([migration, trafficking])
    report.corporate_authors.set([world.iom])
    dataset = make_item(title="Global estimates", kind=ItemKind.DATASET, language="fr")
    partners = make_item(title="Partners only draft", access=Access.PARTNERS)
    body = make_item(title="Working group draft", access=Access.BODY, access_body=world.working_group)
    return {"report": report, "dataset": dataset, "partners": partners, "body": body}


def set_updated(item: Item, moment: datetime.datetime) -> None:
    Item.objects.filter(pk=item.pk).update(updated_at=moment)


# --- the verbs ---------------------------------------------------------------------------------------------


def test_identify_describes_the_repository(client, library):
    set_updated(library["dataset"], datetime.datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC))
    set_updated(
        library["partners"], datetime.datetime(1999, 1, 1, tzinfo=UTC)
    )  # not public: not the earliest
    root = ask(client, verb="Identify")
    assert root.tag == f"{{{oai.OAI_NS}}}OAI-PMH"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", root.findtext("oai:responseDate", namespaces=NS))
    request = root.find("oai:request", NS)
    assert request.text == "http://testserver/oai/" and dict(request.attrib) == {"verb": "Identify"}
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2001-02-03T04:05:06Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert "@" in identify.findtext("oai:adminEmail", namespaces=NS)
    # The order of Identify's children is fixed by the schema.
    assert [etree.QName(child).localname for child in identify] == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]


def test_list_metadata_formats_offers_oai_dc(client, library):
    root = ask(client, verb="ListMetadataFormats")
    assert root.xpath("//oai:metadataPrefix/text()", namespaces=NS) == ["oai_dc"]
    assert root.findtext(".//oai:metadataNamespace", namespaces=NS) == oai.OAI_DC_NS
    item_root = ask(client, verb="ListMetadataFormats", identifier=oai.oai_identifier(library["report"].pk))
    assert item_root.xpath("//oai:metadataPrefix/text()", namespaces=NS) == ["oai_dc"]
    hidden = ask(client, verb="ListMetadataFormats", identifier=oai.oai_identifier(library["partners"].pk))
    assert error_code(hidden) == "idDoesNotExist"


def test_list_sets_names_kinds_and_themes(client, library):
    root = ask(client, verb="ListSets")
    sets = dict(
        zip(
            root.xpath("//oai:setSpec/text()", namespaces=NS),
            root.xpath("//oai:setName/text()", namespaces=NS),
            strict=True,
        )
    )
    assert sets["kind:report"] == "Report" and sets["kind:dataset"] == "Data set"
    assert sets["theme:migration"] == "Migration" and "theme:supply-chains" in sets
    assert "kind" in sets and "theme" in sets


def test_get_record_gives_dublin_core(client, library):
    report = library["report"]
    root = ask(
        client, verb="GetRecord", identifier=f"oai:127.0.0.1:library/{report.pk}", metadataPrefix="oai_dc"
    )
    assert dict(root.find("oai:request", NS).attrib) == {
        "verb": "GetRecord",
        "identifier": f"oai:127.0.0.1:library/{report.pk}",
        "metadataPrefix": "oai_dc",
    }
    header = root.find(".//oai:header", NS)
    assert header.findtext("oai:identifier", namespaces=NS) == f"oai:127.0.0.1:library/{report.pk}"
    assert header.xpath("oai:setSpec/text()", namespaces=NS) == ["kind:report", "theme:migration"]
    dc = root.find(".//oai_dc:dc", NS)

    def values(name: str) -> list[str]:
        return dc.xpath(f"dc:{name}/text()", namespaces=NS)

    assert values("title") == ["Fighting Human Trafficking in Conflict: 10 Ideas for Action"]
    assert values("creator") == [
        "Cockayne, James",
        "Walker, Summer",
        "International Organization for Migration",
    ]
    assert set(values("subject")) == {"Migration", "Human trafficking", "armed conflict"}
    assert values("description") == ["Ten ideas."]
    assert values("publisher") == ["International Labour Organization"]
    assert values("date") == ["2016-09-08"]
    assert values("type") == ["Text", "Report"]
    assert values("identifier") == [
        f"http://127.0.0.1:8000/library/{report.slug}/",
        "URN:ISBN:9789280890310",
        "https://doi.org/10.1234/unu.2016",
    ]
    assert values("language") == ["en"]
    assert values("coverage") == ["Côte d'Ivoire", "Syria"]
    assert values("rights") == ["CC BY 3.0 IGO"]


@pytest.mark.parametrize("which", ["partners", "body"])
def test_restricted_items_are_never_harvested(client, library, which):
    item = library[which]
    root = ask(client, verb="GetRecord", identifier=oai.oai_identifier(item.pk), metadataPrefix="oai_dc")
    assert error_code(root) == "idDoesNotExist"
    listed = identifiers(ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))
    assert oai.oai_identifier(item.pk) not in listed
    assert len(listed) == 2


def test_list_records_and_identifiers_answer_a_post_too(client, library):
    root = ask(client, "post", verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(".//oai:record", NS)) == 2
    assert root.find(".//oai:resumptionToken", NS) is None  # one page: no token at all


# --- paging ------------------------------------------------------------------------------------------------


def test_resumption_tokens_page_through_the_whole_list(client, db, django_assert_max_num_queries):
    Item.objects.bulk_create(
        Item(kind=ItemKind.REPORT, title=f"Report {i:03}", slug=f"report-{i:03}", year=2020)
        for i in range(250)
    )
    Item.objects.bulk_create(
        Item(kind=ItemKind.REPORT, title=f"Draft {i}", slug=f"draft-{i}", access=Access.PARTNERS)
        for i in range(5)
    )
    seen: list[str] = []
    cursors = []
    params: dict[str, str] = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        with django_assert_max_num_queries(8):
            root = ask(client, **params)
        seen += identifiers(root)
        token = root.find(".//oai:resumptionToken", NS)
        assert token is not None and token.get("completeListSize") == "250"
        cursors.append(token.get("cursor"))
        if not token.text:
            break
        assert token.get("expirationDate")
        params = {"verb": "ListRecords", "resumptionToken": token.text}
    assert cursors == ["0", "100", "200"]
    assert len(seen) == len(set(seen)) == 250
    titles = set(Item.objects.filter(access=Access.PUBLIC).values_list("title", flat=True))
    assert len(titles) == 250


def test_list_identifiers_pages_and_tokens_keep_the_set(client, db):
    Item.objects.bulk_create(
        Item(kind=ItemKind.DATASET if i % 2 else ItemKind.NEWS, title=f"Item {i}", slug=f"item-{i}")
        for i in range(230)
    )
    root = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:dataset")
    token = root.find(".//oai:resumptionToken", NS)
    assert token.get("completeListSize") == "115" and len(identifiers(root)) == 100
    assert root.find(".//oai:header/oai:setSpec", NS).text == "kind:dataset"
    root = ask(client, verb="ListIdentifiers", resumptionToken=token.text)
    assert len(identifiers(root)) == 15
    assert set(root.xpath("//oai:setSpec/text()", namespaces=NS)) == {"kind:dataset"}
    # A token is for the verb it came from.
    assert error_code(ask(client, verb="ListRecords", resumptionToken=token.text)) == "badResumptionToken"


def test_a_tampered_token_is_refused(client, library):
    assert error_code(ask(client, verb="ListRecords", resumptionToken="abc:def")) == "badResumptionToken"
    assert error_code(ask(client, verb="ListSets", resumptionToken="abc")) == "badResumptionToken"


# --- selective harvesting ----------------------------------------------------------------------------------


def test_from_and_until_select_by_datestamp(client, library):
    set_updated(library["report"], datetime.datetime(2020, 1, 1, 12, 0, 0, tzinfo=UTC))
    set_updated(library["dataset"], datetime.datetime(2021, 6, 30, 23, 59, 59, 500000, tzinfo=UTC))
    report_id = oai.oai_identifier(library["report"].pk)
    dataset_id = oai.oai_identifier(library["dataset"].pk)

    def listed(**dates: str) -> list[str] | str:
        root = ask(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **dates)
        return error_code(root) or identifiers(root)

    assert listed(**{"from": "2020-01-02"}) == [dataset_id]
    assert listed(until="2021-06-29") == [report_id]
    assert listed(until="2021-06-30") == [report_id, dataset_id]  # a day until is the whole day
    assert listed(**{"from": "2020-01-01T12:00:00Z", "until": "2020-01-01T12:00:00Z"}) == [report_id]
    assert listed(**{"from": "2021-06-30T23:59:59Z"}) == [dataset_id]
    assert listed(**{"from": "2022-01-01"}) == "noRecordsMatch"
    assert listed(**{"from": "2021-01-01", "until": "2020-01-01"}) == "badArgument"
    assert listed(**{"from": "2020-01-01", "until": "2021-01-01T00:00:00Z"}) == "badArgument"
    assert listed(**{"from": "01/01/2020"}) == "badArgument"
    header = ask(client, verb="GetRecord", identifier=dataset_id, metadataPrefix="oai_dc").find(
        ".//oai:header", NS
    )
    assert header.findtext("oai:datestamp", namespaces=NS) == "2021-06-30T23:59:59Z"


def test_sets_select_by_kind_and_theme(client, library):
    def listed(set_spec: str) -> list[str] | str:
        root = ask(client, verb="ListRecords", metadataPrefix="oai_dc", set=set_spec)
        return error_code(root) or root.xpath("//dc:title/text()", namespaces=NS)

    assert listed("kind:dataset") == ["Global estimates"]
    assert listed("theme:migration") == ["Fighting Human Trafficking in Conflict: 10 Ideas for Action"]
    assert listed("theme") == ["Fighting Human Trafficking in Conflict: 10 Ideas for Action"]
    assert len(listed("kind")) == 2
    assert listed("theme:supply-chains") == "noRecordsMatch"
    assert listed("kind:novel") == "badArgument"
    assert listed("colour:red") == "badArgument"


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "set": "kind:report"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListIdentifiers", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:127.0.0.1:library/1"}, "badArgument"),
        ({"verb": "ListSets", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": "oai:elsewhere.org:library/1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "identifier": "oai:127.0.0.1:library/999999", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "theme:supply-chains"}, "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "resumptionToken": "forged"}, "badResumptionToken"),
    ],
)
def test_bad_requests_get_the_protocol_error_codes(client, library, params, code):
    root = ask(client, **params)
    assert error_code(root) == code
    assert root.find("oai:error", NS).text
    request = root.find("oai:request", NS)
    assert request.text == "http://testserver/oai/"
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}  # the protocol forbids echoing the arguments of a bad request
    else:
        assert request.get("verb") == params["verb"]
    assert [etree.QName(child).localname for child in root] == ["responseDate", "request", "error"]


def test_get_record_with_an_unknown_format_is_cannot_disseminate(client, library):
    identifier = oai.oai_identifier(library["report"].pk)
    root = ask(client, verb="GetRecord", identifier=identifier, metadataPrefix="mods")
    assert error_code(root) == "cannotDisseminateFormat"


def test_other_http_methods_are_not_allowed(client):
    assert client.put(reverse("oai")).status_code == 405


# --- a real harvester --------------------------------------------------------------------------------------


@pytest.fixture
def live_library(transactional_db, live_server, settings):
    settings.SITE_URL = live_server.url
    Item.objects.bulk_create(
        Item(
            kind=ItemKind.DATASET if i % 10 == 0 else ItemKind.REPORT,
            title=f"Harvested report {i:03}",
            slug=f"harvested-{i:03}",
            year=2000 + i % 20,
            language="en",
        )
        for i in range(130)
    )
    Item.objects.create(kind=ItemKind.REPORT, title="Hidden draft", slug="hidden", access=Access.PARTNERS)
    return f"{live_server.url}/oai/"


def test_a_harvester_collects_every_public_record_across_pages(live_library):
    with Scythe(live_library) as scythe:
        identify = scythe.identify()
        assert identify.repositoryName == "Alliance 8.7 knowledge library"
        records = list(scythe.list_records(metadata_prefix="oai_dc"))
        datasets = list(scythe.list_identifiers(metadata_prefix="oai_dc", set_="kind:dataset"))
        record = scythe.get_record(identifier=records[0].header.identifier)
    titles = [r.metadata["title"][0] for r in records]
    assert len(records) == 130 and len(set(titles)) == 130
    assert titles[0] == "Harvested report 000" and titles[-1] == "Harvested report 129"
    assert "Hidden draft" not in titles
    assert len(datasets) == 13
    assert all(header.setSpecs == ["kind:dataset"] for header in datasets)
    assert record.metadata["title"] == ["Harvested report 000"]
    host = live_library.split("//")[1].split(":")[0]
    assert records[0].header.identifier.startswith(f"oai:{host}:library/")
