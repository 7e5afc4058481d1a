"""Citation exports (BibTeX, RIS, CSL-JSON) read back by bibtexparser and rispy, round trips, and bulk imports."""

from __future__ import annotations

import datetime
import json

import bibtexparser
import pytest
import rispy
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alliance87.library import citation_views, citations
from alliance87.library.citation_import import CitationFormat, Outcome, import_citations
from alliance87.library.models import Access, Concept, Item, ItemKind, Scheme
from alliance87.library.services import ItemInput, save_item
from alliance87.partners.models import Organisation, OrganisationType

UNU_ABSTRACT = (
    "Conflict creates conditions in which human trafficking flourishes. This report offers ten ideas for action "
    "by the Security Council, UN member states and the international community."
)


def concept(scheme: str, code: str) -> Concept:
    return Concept.objects.get(scheme=scheme, code=code)


@pytest.fixture
def unu(db) -> Organisation:
    return Organisation.objects.create(
        name="United Nations University", acronym="UNU", slug="unu", type=OrganisationType.UN_ENTITY
    )


@pytest.fixture
def catalogue(world, unu) -> list[Item]:
    """Items with accents, several authors in order, ISBN, ISSN, DOI, page counts and ranges, keywords."""
    by = world.secretariat
    return [
        save_item(
            by=by,
            values=ItemInput.of(
                {
                    "kind": ItemKind.REPORT,
                    "title": "Fighting Human Trafficking in Conflict",
                    "subtitle": "10 Ideas for Action by the United Nations Security Council",
                    "authors": [("Cockayne", "James"), ("Walker", "Summer")],
                    "publisher": unu,
                    "place_of_publication": "New York",
                    "publication_date": datetime.date(2016, 9, 8),
                    "pages": "xi, 45",
                    "isbn": "978-92-808-9031-0",
                    "abstract": UNU_ABSTRACT,
                    "language": "en",
                    "concepts": [
                        concept(Scheme.EXPLOITATION, "human-trafficking"),
                        concept(Scheme.THEME, "conflict-humanitarian"),
                    ],
                    "keywords": ["armed conflict", "Security Council"],
                    "countries": ["SY", "IQ"],
                }
            ),
        ),
        save_item(
            by=by,
            values=ItemInput.of(
                {
                    "kind": ItemKind.RESEARCH_PAPER,
                    "title": "Travail forcé & servitude {pour dettes} en Côte d'Ivoire",
                    "authors": [("Gómez-Núñez", "José María"), ("van der Berg", "Anna"), ("Ødegaard", "Åse")],
                    "year": 2019,
                    "pages": "12-34",
                    "issn": "2049-3630",
                    "doi": "10.1234/travail_forcé.2019",
                    "language": "fr",
                    "abstract": "Une étude de 100 % des cas, coût ~ 5 $ # et 50_50 ^ zéro.",
                    "concepts": [concept(Scheme.EXPLOITATION, "forced-labour")],
                    "keywords": ["cacao", "Débiteurs"],
                }
            ),
        ),
        save_item(
            by=by,
            values=ItemInput.of(
                {
                    "kind": ItemKind.LEGAL_INSTRUMENT,
                    "title": "Resolution 2331 (2016)",
                    "corporate_authors": [world.ilo],
                    "publication_date": datetime.date(2016, 12, 20),
                    "url": "https://undocs.org/S/RES/2331(2016)",
                    "language": "en",
                }
            ),
        ),
        save_item(
            by=by,
            values=ItemInput.of(
                {
                    "kind": ItemKind.WORKSHOP_REPORT,
                    "title": "Workshop on forced labour data",
                    "authors": [("Ochieng", "Grace")],
                    "event_title": "Data for Target 8.7",
                    "year": 2021,
                    "language": "es",
                }
            ),
        ),
        save_item(
            by=by,
            values=ItemInput.of(
                {"kind": ItemKind.DATASET, "title": "Global estimates 2022", "year": 2022, "language": "en"}
            ),
        ),
        save_item(
            by=by,
            values=ItemInput.of(
                {
                    "kind": ItemKind.POLICY_BRIEF,
                    "title": "What works: a brief",
                    "year": 2020,
                    "language": "en",
                }
            ),
        ),
    ]


def export(text_format: str) -> str:
    items = citations.citation_queryset(Item.objects.order_by("title"))
    records = [citations.record_from_item(item) for item in items]
    return {"bibtex": citations.to_bibtex, "ris": citations.to_ris, "csl": citations.to_csl_json}[
        text_format
    ](records)


# --- exports -----------------------------------------------------------------------------------------------


def test_bibtex_export_parses_with_bibtexparser_and_keeps_the_metadata(catalogue):
    library = bibtexparser.parse_string(export("bibtex"))
    assert library.failed_blocks == []
    entries = {entry["title"]: entry for entry in library.entries}
    unu_report = entries[
        "Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council"
    ]
    assert unu_report.entry_type == "book"
    assert unu_report.key == "cockayne2016fighting"
    assert unu_report["author"] == "Cockayne, James and Walker, Summer"
    assert unu_report["publisher"] == "United Nations University"
    assert unu_report["address"] == "New York"
    assert unu_report["isbn"] == "9789280890310"
    assert unu_report["date"] == "2016-09-08" and unu_report["year"] == "2016"
    assert unu_report["pagetotal"] == "xi, 45"
    assert (
        unu_report["keywords"]
        == "Human trafficking, Conflict and humanitarian settings, armed conflict, Security Council"
    )
    paper = entries[r"Travail forcé \& servitude \{pour dettes\} en Côte d'Ivoire"]
    assert paper.entry_type == "article"
    assert paper["author"] == "Gómez-Núñez, José María and van der Berg, Anna and Ødegaard, Åse"
    assert paper["pages"] == "12--34" and paper["issn"] == "2049-3630"
    assert paper["doi"] == "10.1234/travail_forcé.2019"
    assert r"100 \% des cas" in paper["abstract"]
    resolution = entries["Resolution 2331 (2016)"]
    assert resolution.entry_type == "misc" and resolution["type"] == "Legal instrument"
    assert resolution["author"] == "{International Labour Organization}"
    workshop = entries["Workshop on forced labour data"]
    assert workshop.entry_type == "inproceedings" and workshop["booktitle"] == "Data for Target 8.7"


def test_ris_export_parses_with_rispy_and_keeps_the_metadata(catalogue):
    text = export("ris")
    assert not text.startswith("1.")
    references = {ref["title"]: ref for ref in rispy.loads(text, list_tags=citations.RIS_LIST_TAGS)}
    unu_report = references[
        "Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council"
    ]
    assert unu_report["type_of_reference"] == "BOOK"
    assert unu_report["authors"] == ["Cockayne, James", "Walker, Summer"]
    assert unu_report["year"] == "2016" and unu_report["date"] == "2016/09/08/"
    assert unu_report["publisher"] == "United Nations University"
    assert unu_report["place_published"] == "New York"
    assert unu_report["issn"] == ["9789280890310"]
    assert unu_report["start_page"] == "xi, 45"
    assert unu_report["keywords"] == [
        "Human trafficking",
        "Conflict and humanitarian settings",
        "armed conflict",
        "Security Council",
    ]
    assert unu_report["abstract"] == UNU_ABSTRACT
    paper = references["Travail forcé & servitude {pour dettes} en Côte d'Ivoire"]
    assert paper["type_of_reference"] == "JOUR"
    assert paper["authors"] == ["Gómez-Núñez, José María", "van der Berg, Anna", "Ødegaard, Åse"]
    assert (paper["start_page"], paper["end_page"]) == ("12", "34")
    assert paper["doi"] == "10.1234/travail_forcé.2019" and paper["language"] == "fr"
    types = {ref["title"]: ref["type_of_reference"] for ref in references.values()}
    assert types["Resolution 2331 (2016)"] == "LEGAL"
    assert types["Workshop on forced labour data"] == "CONF"
    assert types["Global estimates 2022"] == "DATA"
    assert references["Resolution 2331 (2016)"]["urls"] == ["https://undocs.org/S/RES/2331(2016)"]


def test_csl_json_export_has_the_fields_citation_processors_read(catalogue):
    items = {item["title"]: item for item in json.loads(export("csl"))}
    unu_report = items[
        "Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council"
    ]
    assert unu_report["type"] == "book"
    assert unu_report["author"] == [
        {"family": "Cockayne", "given": "James"},
        {"family": "Walker", "given": "Summer"},
    ]
    assert unu_report["issued"] == {"date-parts": [[2016, 9, 8]]}
    assert unu_report["publisher"] == "United Nations University"
    assert unu_report["publisher-place"] == "New York"
    assert unu_report["ISBN"] == "9789280890310"
    assert unu_report["number-of-pages"] == "xi, 45"
    assert unu_report["abstract"] == UNU_ABSTRACT and unu_report["language"] == "en"
    paper = items["Travail forcé & servitude {pour dettes} en Côte d'Ivoire"]
    assert paper["type"] == "article-journal" and paper["page"] == "12-34"
    assert paper["DOI"] == "10.1234/travail_forcé.2019" and paper["issued"] == {"date-parts": [[2019]]}
    assert items["Resolution 2331 (2016)"]["author"] == [{"literal": "International Labour Organization"}]
    assert items["Resolution 2331 (2016)"]["type"] == "legislation"


# --- round trips -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", [CitationFormat.BIBTEX, CitationFormat.RIS])
def test_export_import_export_is_unchanged(world, catalogue, file_format):
    text_format = "bibtex" if file_format == CitationFormat.BIBTEX else "ris"
    first = export(text_format)
    originals = {item.title: item for item in citations.citation_queryset(Item.objects.all())}
    Item.objects.all().delete()

    report = import_citations(by=world.secretariat, content=first, file_format=file_format)

    assert report.is_saved and report.imported_count == len(catalogue), [
        line.reasons for line in report.lines
    ]
    assert export(text_format) == first
    unu_report = Item.objects.get(title="Fighting Human Trafficking in Conflict")
    assert unu_report.subtitle == originals[unu_report.title].subtitle
    assert [str(a) for a in unu_report.authors.all()] == ["Cockayne, James", "Walker, Summer"]
    assert unu_report.publisher == originals[unu_report.title].publisher
    assert {c.code for c in unu_report.concepts.all()} == {"human-trafficking", "conflict-humanitarian"}
    resolution = Item.objects.get(title="Resolution 2331 (2016)")
    assert list(resolution.corporate_authors.all()) == [world.ilo]
    assert resolution.kind == ItemKind.LEGAL_INSTRUMENT


def test_latex_escapes_round_trip_and_accent_commands_from_other_tools_are_read():
    text = "a {b} & 100% $5 #1 x_y ~ ^ \\ Côte"
    assert citations.latex_unescape(citations.latex_escape(text)) == text
    assert citations.latex_unescape(r"{\'E}cole \"uber Fran\c{c}ois -- 1--2") == "École über François -- 1--2"


# --- imports -----------------------------------------------------------------------------------------------

BAD_BIBTEX = """
@book{good2016,
  title = {A good report},
  author = {Doe, Jane},
  year = {2016},
}

@techreport{notitle,
  author = {Roe, Richard},
  year = {2017},
}

@book{badisbn,
  title = {A book with a wrong ISBN},
  isbn = {978-92-808-9031-1},
  year = {twenty},
}
"""


def test_bad_bibtex_records_are_reported_with_their_position_and_nothing_is_saved(world):
    report = import_citations(by=world.secretariat, content=BAD_BIBTEX, file_format=CitationFormat.BIBTEX)

    assert not report.is_saved and report.imported_count == 0
    assert Item.objects.count() == 0
    errors = {line.position: line.reasons for line in report.errors}
    assert set(errors) == {"entry 2 (line 8)", "entry 3 (line 13)"}
    assert errors["entry 2 (line 8)"] == ["The title is missing."]
    assert any("“twenty” is not a year" in reason for reason in errors["entry 3 (line 13)"])
    assert any("ISBN-13 has a wrong check digit" in reason for reason in errors["entry 3 (line 13)"])
    assert report.lines[0].outcome == Outcome.IMPORTED  # would have been, had the file been right


def test_unreadable_bibtex_is_reported_and_the_next_entry_still_read():
    parsed = citations.parse_bibtex("@book{a title = {x}}\n@misc{b, title={Fine}}\n")
    assert parsed[0].position == "entry 1 (line 1)" and parsed[0].record is None
    assert parsed[0].problems == [
        "This entry cannot be read as BibTeX: Expected comma after entry key, but found ="
    ]
    assert parsed[1].position == "entry 2 (line 2)" and parsed[1].record.title == "Fine"


def test_a_file_without_records_is_refused(world):
    with pytest.raises(ValidationError):
        import_citations(by=world.secretariat, content="hello world", file_format=CitationFormat.BIBTEX)


def test_bad_ris_records_are_reported_with_their_position(world):
    content = (
        "TY  - RPRT\nTI  - Fine report\nPY  - 2020\nER  - \n\n"
        "TY  - RPRT\nTI  - Bad year\nPY  - 20x0\nER  - \n\n"
        "stray text\n"
        "TY  - JOUR\nTI  - Never ends\n"
    )
    report = import_citations(by=world.secretariat, content=content, file_format=CitationFormat.RIS)

    assert not report.is_saved and Item.objects.count() == 0
    errors = {line.position: line.reasons[0] for line in report.errors}
    assert errors == {
        "record 2 (line 6)": "“20x0” is not a year.",
        "record 3 (line 11)": "This line is outside a record (a record starts with “TY  - ”).",
        "record 4 (line 12)": "This record has no end (ER).",
    }


def test_duplicates_by_doi_isbn_and_title_are_skipped_and_reported(world, catalogue):
    content = """
@article{a, title = {A new title}, doi = {https://doi.org/10.1234/TRAVAIL_FORCÉ.2019}, year = {2019}}
@book{b, title = {Another new title}, isbn = {92-808-9031-X}, year = {2016}}
@misc{c, title = {global   ESTIMATES, 2022!}, year = {2022}}
@misc{d, title = {A fresh item}, year = {2023}}
@misc{e, title = {A Fresh Item}, year = {2023}}
"""
    report = import_citations(by=world.secretariat, content=content, file_format=CitationFormat.BIBTEX)

    assert report.is_saved, report.lines
    outcomes = [(line.outcome, line.reasons) for line in report.lines]
    assert outcomes == [
        (Outcome.DUPLICATE, ["same DOI as already in the library"]),
        (Outcome.DUPLICATE, ["same ISBN as already in the library"]),
        (Outcome.DUPLICATE, ["same title as already in the library"]),
        (Outcome.IMPORTED, []),
        (Outcome.DUPLICATE, ["same title as entry 4 (line 5)"]),
    ]
    assert report.imported_count == 1 and report.duplicate_count == 4
    assert Item.objects.filter(title="A fresh item").count() == 1


def test_csv_import_creates_items_with_authors_in_order_and_subjects(world):
    content = (
        "kind,title,subtitle,authors,date,place,publisher,language,pages,isbn,issn,doi,url,abstract,keywords\n"
        'report,Ending child labour,A guide,"Ndiaye, Awa; Li, Wei",2021-06-12,Geneva,International Labour Organization,fr,'
        '"x, 80",,,10.5555/child.2021,https://example.org/guide,"An abstract, with commas.","Child labour; cocoa"\n'
        "dataset,Survey microdata,,,2020,,,en,,,,,,,\n"
    )
    report = import_citations(by=world.secretariat, content=content, file_format=CitationFormat.CSV)

    assert report.is_saved and report.imported_count == 2
    guide = Item.objects.get(title="Ending child labour")
    assert guide.subtitle == "A guide" and guide.publication_date == datetime.date(2021, 6, 12)
    assert [str(a) for a in guide.authors.all()] == ["Ndiaye, Awa", "Li, Wei"]
    assert guide.publisher == world.ilo and guide.language == "fr" and guide.pages == "x, 80"
    assert [c.code for c in guide.concepts.all()] == ["child-labour"] and guide.keywords == ["cocoa"]
    assert Item.objects.get(title="Survey microdata").year == 2020


def test_csv_rows_with_errors_are_reported_by_line(world):
    content = "kind,title,date\nreport,Fine,2020\nnovel,Unknown kind,2020\nreport,,2020\n"
    report = import_citations(by=world.secretariat, content=content, file_format=CitationFormat.CSV)

    assert not report.is_saved and Item.objects.count() == 0
    errors = {line.position: line.reasons for line in report.errors}
    assert list(errors) == ["line 3", "line 4"]
    assert errors["line 3"][0].startswith("“novel” is not a kind")
    assert errors["line 4"] == ["The title is missing."]


def test_csv_with_unknown_columns_is_refused(world):
    report = import_citations(
        by=world.secretariat, content="kind,title,colour\nreport,A,red\n", file_format="csv"
    )
    assert not report.is_saved
    assert "Unknown columns: colour" in report.errors[0].reasons[0]


def test_only_people_who_may_add_items_may_import(world):
    with pytest.raises(PermissionDenied):
        import_citations(by=world.outsider, content=BAD_BIBTEX, file_format=CitationFormat.BIBTEX)


# --- pages -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "content_type", "extension"),
    [
        ("library:item_bibtex", "application/x-bibtex; charset=utf-8", "bib"),
        ("library:item_ris", "application/x-research-info-systems; charset=utf-8", "ris"),
        ("library:item_csl", "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
    ],
)
def test_one_item_downloads_as_an_attachment(client, catalogue, url_name, content_type, extension):
    item = catalogue[0]
    response = client.get(reverse(url_name, kwargs={"slug": item.slug}))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{item.slug}.{extension}"'
    assert "Cockayne" in response.content.decode()


@pytest.mark.parametrize("url_name", ["library:item_bibtex", "library:item_ris", "library:item_csl"])
def test_a_restricted_item_is_not_found_for_people_who_may_not_see_it(world, client_for, catalogue, url_name):
    item = catalogue[0]
    item.access = Access.PARTNERS
    item.save()
    url = reverse(url_name, kwargs={"slug": item.slug})
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.member).get(url).status_code == 200


def test_a_result_list_exports_only_visible_items_and_follows_the_filters(world, client_for, catalogue):
    Item.objects.filter(pk=catalogue[1].pk).update(access=Access.PARTNERS)
    client = client_for(None)
    library = bibtexparser.parse_string(client.get(reverse("library:export_bibtex")).content.decode())
    titles = {entry["title"] for entry in library.entries}
    assert len(titles) == len(catalogue) - 1
    assert not any("Travail" in title for title in titles)
    response = client.get(reverse("library:export_ris"), {"kind": "legal_instrument"})
    assert response["Content-Disposition"] == 'attachment; filename="library-export.ris"'
    assert [ref["title"] for ref in rispy.loads(response.content.decode())] == ["Resolution 2331 (2016)"]
    member_export = client_for(world.member).get(reverse("library:export_csl")).content
    assert len(json.loads(member_export)) == len(catalogue)


@pytest.mark.parametrize("who", [None, "outsider", "member"])
def test_the_import_page_is_forbidden_to_people_who_may_not_add_items(world, client_for, who):
    client = client_for(getattr(world, who) if who else None)
    assert client.get(reverse("library:citation_import")).status_code == 403
    assert client.post(reverse("library:citation_import")).status_code == 403


def test_the_import_page_starts_a_job_whose_page_shows_the_report(world, client_for):
    client = client_for(world.secretariat)
    page = client.get(reverse("library:citation_import"))
    assert page.status_code == 200 and '<label for="id_citation_file">' in page.content.decode()
    upload = SimpleUploadedFile("refs.bib", BAD_BIBTEX.encode())
    response = client.post(reverse("library:citation_import"), {"citation_file": upload, "access": "public"})
    assert response.status_code == 303
    job_page = client.get(response["Location"])
    html = job_page.content.decode()
    assert job_page.status_code == 200 and "Import of refs.bib" in html
    assert "Nothing was saved: 3 problems were found." in html and "entry 3 (line 13)" in html
    assert "The title is missing." in html and 'aria-live="polite"' in html
    good = SimpleUploadedFile(
        "refs.ris", b"TY  - RPRT\nTI  - Imported through the page\nPY  - 2020\nER  - \n"
    )
    response = client.post(reverse("library:citation_import"), {"citation_file": good, "access": "partners"})
    html = client.get(response["Location"]).content.decode()
    item = Item.objects.get(title="Imported through the page")
    assert "One item was imported." in html and item.get_absolute_url() in html
    assert item.access == Access.PARTNERS and item.revisions.get().changed_by == world.secretariat
    assert item.edit_history.count() == 1
    assert client_for(world.member).get(response["Location"]).status_code == 404
    assert client_for(world.outsider).get(response["Location"]).status_code == 404
    assert client_for(None).get(response["Location"]).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.bib", b"%" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        ("binary.bib", b"\x00\x01\x02PK", "not a text file"),
        ("latin1.bib", "@misc{a, title={Caf\xe9}}".encode("latin-1"), "not UTF-8"),
        ("notes.txt", b"TY  - RPRT\nER  - \n", "Choose the format"),
    ],
)
def test_uploads_that_are_too_large_or_not_text_are_refused(world, client_for, name, content, message):
    client = client_for(world.secretariat)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("library:citation_import"), {"citation_file": upload, "access": "public"})
    assert response.status_code == 400 and message in response.content.decode()
    assert Item.objects.count() == 0


def test_a_result_list_export_follows_the_query_and_is_capped(client, catalogue, monkeypatch):
    response = client.get(reverse("library:export_csl"), {"q": "trafficking"})
    titles = [item["title"] for item in json.loads(response.content)]
    assert titles[0].startswith("Fighting Human Trafficking")
    monkeypatch.setattr(citation_views, "MAX_EXPORT_ITEMS", 2)
    assert len(json.loads(client.get(reverse("library:export_csl")).content)) == 2
