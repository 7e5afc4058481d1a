"""What people notice about the quality of the library's search, on every backend: identifiers found exactly,
spellings and synonyms that meet, "did you mean", snippets a reader can read, language names, one access rule."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from alliance87.library import permissions
from alliance87.library.models import Access
from alliance87.library.search import SearchQuery, exact, search, spelling

from .test_search import find, make_item

pytestmark = [pytest.mark.usefixtures("search_backend"), pytest.mark.django_db]
ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    spelling.forget_vocabulary()
    yield
    spelling.forget_vocabulary()


def test_an_isbn_is_found_however_it_is_written():
    report = make_item("Fighting Human Trafficking in Conflict", isbn="9789280890310")
    make_item("Another report", isbn="9789211337365")
    for text in ("9789280890310", "978-92-808-9031-0", "ISBN 978-92-808-9031-0", "isbn:9789280890310"):
        assert find(text) == [report.pk], text
    # The same book's ISBN-10 (the check digit differs).
    assert find("ISBN 92-808-9031-X") == [report.pk]
    assert find("9789280890327") == []  # a wrong check digit is no ISBN, and no item has the number


def test_an_issn_and_a_doi_are_found_exactly():
    journal = make_item("Anti-Trafficking Review", issn="2286-7511")
    article = make_item("Measuring forced labour", doi="10.14197/atr.201219.1")
    make_item("Unrelated", doi="10.14197/atr.201219.2")
    assert find("2286-7511") == [journal.pk]
    assert find("ISSN 22867511") == [journal.pk]
    for text in ("10.14197/atr.201219.1", "10.14197/ATR.201219.1", "https://doi.org/10.14197/atr.201219.1"):
        assert find(text) == [article.pk], text


def test_a_un_document_symbol_is_found_with_or_without_its_year():
    resolution = make_item("Resolution 2331 (2016)", keywords=["S/RES/2331 (2016)"])
    make_item("Resolution 2388 (2017)", keywords=["S/RES/2388 (2017)"])
    for text in ("S/RES/2331", "s/res/2331", "S/RES/2331 (2016)", "S/RES/2331(2016)"):
        assert find(text) == [resolution.pk], text
    undocs = make_item("Report of the Secretary-General", url="https://undocs.org/S/2017/939")
    assert find("S/2017/939") == [undocs.pk]


def test_british_and_american_spellings_meet():
    british = make_item("Child labour in cocoa farming", abstract="Organisations of labourers.")
    american = make_item("Child labor on tobacco farms", abstract="Organizations of laborers.")
    for text in ("child labour", "child labor", '"child labor"', "organization", "organisations", "laborers"):
        assert set(find(text)) == {british.pk, american.pk}, text
    assert find("child labor -tobacco") == [british.pk]


def test_the_partnerships_synonyms_meet():
    persons = make_item("Trafficking in persons in conflict")
    human = make_item("Human trafficking along migration routes")
    trafficked = make_item("Survivors who were trafficked")
    assert set(find("human trafficking")) == {persons.pk, human.pk}
    assert set(find('"trafficking in persons"')) == {persons.pk, human.pk}
    assert set(find("trafficking")) == {persons.pk, human.pk, trafficked.pk}
    assert trafficked.pk in find("trafficked")
    ilo = make_item("Report of the International Labour Office")
    assert ilo.pk in find("ILO")


def test_a_misspelled_query_gets_a_correction_from_the_index():
    make_item("Child labour in agriculture")
    make_item("Child labour in mining")
    make_item("Chilled food supply chains")
    results = search(SearchQuery(text="chld labour"), user=ANONYMOUS)
    assert results.total == 0
    assert results.did_you_mean == "child labour"
    assert search(SearchQuery(text="Chld labour"), user=ANONYMOUS).did_you_mean == "Child labour"
    # Nothing to correct: no suggestion.
    assert search(SearchQuery(text="child labour"), user=ANONYMOUS).did_you_mean == ""
    assert search(SearchQuery(text="qwxzv"), user=ANONYMOUS).did_you_mean == ""


def test_a_correction_never_points_at_items_the_person_may_not_see(world):
    make_item("Zanzibarian shipping registers", access=Access.BODY, access_body=world.supply_chains)
    assert search(SearchQuery(text="zanzibarien"), user=ANONYMOUS).did_you_mean == ""
    assert search(SearchQuery(text="zanzibarien"), user=world.secretariat).did_you_mean == "zanzibarian"


def test_snippets_are_the_text_a_reader_sees_and_never_repeat():
    abstract = (
        "*Illustrative demo item.* A study of **debt bondage** in [brick kilns](https://example.org) "
        "across South Asia, with interviews of workers and employers in three countries."
    )
    make_item(
        "Brick kilns",
        abstract=abstract,
        body="Illustrative demo item. A study of debt bondage in brick kilns across South Asia, with "
        "interviews of workers and employers in three countries. Chapter one.",
    )
    for text in ("bondage", "kilns", "employers", "brick"):
        hit = search(SearchQuery(text=text), user=ANONYMOUS).hits[0]
        shown = hit.snippet_html + hit.abstract_html
        assert "*" not in shown and "](" not in shown and "https://example.org" not in shown, text
        assert "Illustrative demo item." in shown
        assert shown.count("interviews") == 1, text
    browse = search(SearchQuery(), user=ANONYMOUS).hits[0]
    assert browse.abstract_html.startswith("Illustrative demo item. A study of debt bondage")


def test_language_facet_shows_names_in_the_readers_language():
    make_item("Forced labour", language="en")
    make_item("Le travail forcé", language="fr")
    make_item("Trabajo forzoso", language="es")
    with translation.override("en"):
        labels = {v.value: v.label for v in search(SearchQuery(), user=ANONYMOUS).facets["language"]}
    assert labels == {"en": "English", "fr": "French", "es": "Spanish"}
    with translation.override("fr"):
        labels = {v.value: v.label for v in search(SearchQuery(), user=ANONYMOUS).facets["language"]}
    assert labels == {"en": "anglais", "fr": "français", "es": "espagnol"}


def test_the_access_rule_is_worked_out_once_per_search(world, monkeypatch):
    calls = []
    real = permissions.library_access

    def counting(user):
        calls.append(user)
        return real(user)

    monkeypatch.setattr("alliance87.library.search.library_access", counting)
    make_item("Partners note on kilns", access=Access.PARTNERS)
    make_item("Working group draft on kilns", access=Access.BODY, access_body=world.working_group)
    results = search(
        SearchQuery(text="kilsn"), user=world.chair
    )  # a misspelling: the correction is checked too
    assert results.did_you_mean == "kilns"
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("word", "labelled", "expected"),
    [
        ("9789280890310", False, exact.token("isbn", "9789280890310")),
        ("978-92-808-9031-0.", False, exact.token("isbn", "9789280890310")),
        ("0306406152", False, None),  # a bare ten-digit number needs its label
        ("0306406152", True, exact.token("isbn", "9780306406157")),
        ("928089031x", False, exact.token("isbn", "9789280890310")),
        ("2286-7511", False, exact.token("issn", "22867511")),
        ("doi:10.1000/XYZ", False, exact.doi_token("10.1000/xyz")),
        ("A/RES/70/1", False, exact.symbol_token("A/RES/70/1")),
        ("and/or", False, None),
        ("24/7", False, None),
    ],
)
def test_identifiers_are_read_from_query_words(word, labelled, expected):
    assert exact.read_identifier(word, labelled=labelled) == expected
