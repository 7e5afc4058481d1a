"""ISBN, ISSN, DOI, language and country checks."""

import pytest

from alliance87.library import identifiers


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("978-92-808-9031-0", "9789280890310"),
        ("9789280890310", "9789280890310"),
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-x", "080442957X"),
        ("", ""),
    ],
)
def test_valid_isbns_are_stored_without_hyphens(raw, stored):
    assert identifiers.normalise_isbn(raw) == stored


@pytest.mark.parametrize("raw", ["978-92-808-9031-1", "0-306-40615-3", "12345", "977-92-808-9031-0"])
def test_isbns_with_a_wrong_check_digit_or_shape_are_refused(raw):
    with pytest.raises(ValueError):
        identifiers.normalise_isbn(raw)


def test_issn_check_digit():
    assert identifiers.normalise_issn("20493630") == "2049-3630"
    assert identifiers.normalise_issn("0317-8471") == "0317-8471"
    with pytest.raises(ValueError):
        identifiers.normalise_issn("2049-3631")


def test_doi_accepts_a_resolver_address_and_refuses_other_text():
    assert (
        identifiers.normalise_doi("https://doi.org/10.1016/j.worlddev.2020.105")
        == "10.1016/j.worlddev.2020.105"
    )
    assert identifiers.normalise_doi("doi:10.1000/xyz") == "10.1000/xyz"
    with pytest.raises(ValueError):
        identifiers.normalise_doi("not a doi")


def test_language_and_country_codes():
    assert identifiers.normalise_language("FR") == "fr"
    with pytest.raises(ValueError):
        identifiers.normalise_language("xx")
    assert identifiers.normalise_countries(["ne", "FJ", "ne", ""]) == ["NE", "FJ"]
    with pytest.raises(ValueError):
        identifiers.normalise_countries(["ZZ"])
